// The bench page's own small bundle (out/bench). The harness serves it under /__bench/ on the
// renderer's origin. Keep it built like the renderer (electron.vite.config.ts, `renderer`): if that
// gains worker or resolve options, mirror them here.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: `${here}page`,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: `${root}out/bench`,
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rollupOptions: { input: `${here}page/index.html` },
  },
});
