import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';

/** `devUrl` is the dev server in a development build (see `devServerUrl`); otherwise our own app:// files. */
export function createMainWindow(devUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Redress',
    webPreferences: {
      // The preload is our own file, built with the app; it exposes one function per IPC channel
      // through contextBridge and nothing else (no ipcRenderer, no Node), in a sandbox.
      preload: join(__dirname, '../preload/index.js'), // eng-disable PRELOAD_JS_CHECK -- reviewed: see above
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A middle click would otherwise ask for a new window; links leave only through security.ts.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
      // Only in development: in the app a console beside window.api would get round every check
      // that lives in the renderer (and isAllowedRequest refuses its URL).
      devTools: devUrl !== undefined,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devUrl ?? APP_ENTRY_URL);
  return win;
}
