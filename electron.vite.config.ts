import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Folder names are fixed by the design card (src-main, src-preload, src-renderer),
// not electron-vite's defaults, so every entry is spelled out here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // PDFs are built in a worker thread, started from its own file beside index.js.
          'pdf-worker': resolve(__dirname, 'src-main/services/pdf/pdf-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'src-preload/index.ts') },
      // A sandboxed preload cannot require() anything but electron: bundle everything.
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react()],
    // The search worker is an ES module worker (FlexSearch uses import.meta).
    worker: { format: 'es' },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Minified: the app starts by parsing this bundle, and at 4 MB unminified that alone
      // delayed the first case row by hundreds of milliseconds on a slow machine.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
