// Electron entry: the thin glue. Everything testable lives in handlers/services.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, protocol, shell } from 'electron';
import { resolveDataDir } from './config/data-dir';
import { createHandlers } from './handlers';
import { registerIpc } from './ipc/register';
import { installMenu } from './menu';
import { APP_SCHEME, devServerUrl, mimeType, resolveRendererFile } from './windows/app-protocol';
import { CONTENT_SECURITY_POLICY } from './windows/csp';
import { createMainWindow } from './windows/main-window';
import { hardenSessions } from './windows/security';

// The data folder must be chosen before `ready`: IndexedDB (the case database) lives in userData.
const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'));
app.setPath('userData', dataDir);
// The dev server is taken only in a development build that is not packaged; what ships loads app:// alone.
const devUrl = devServerUrl(process.env, import.meta.env.DEV && !app.isPackaged);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    const rendererDir = join(__dirname, '../renderer');
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveRendererFile(request.url, rendererDir);
      if (!file) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(file);
        return new Response(body, {
          headers: { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY },
        });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });

    hardenSessions(devUrl);
    installMenu();
    registerIpc(
      createHandlers({
        dataDir,
        appVersion: app.getVersion(),
        runtime: 'electron',
        openPath: (path) => shell.openPath(path),
        dialogs: {
          chooseSaveFile: async (suggestedName) => {
            const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
            const options = {
              defaultPath: join(app.getPath('documents'), suggestedName),
              filters: [{ name: 'PDF', extensions: ['pdf'] }],
            };
            const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
            return r.canceled || !r.filePath ? null : r.filePath;
          },
          chooseFolder: async () => {
            const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
            const options = {
              properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
            };
            const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
            return r.canceled ? null : (r.filePaths[0] ?? null);
          },
        },
      }),
      devUrl,
    );
    createMainWindow(devUrl);

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devUrl);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
