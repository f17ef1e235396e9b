// Electron entry: the thin glue. Everything testable lives in handlers/services.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, protocol, shell } from 'electron';
import { relaunchArgs, resolveLaunch } from './config/data-dir';
import { createHandlers } from './handlers';
import { registerIpc } from './ipc/register';
import { installMenu } from './menu';
import { openProfile } from './services/profile/profile';
import type { ProfileKind } from '../src-shared/ipc/channels/training';
import { APP_SCHEME, devServerUrl, mimeType, resolveRendererFile } from './windows/app-protocol';
import { CONTENT_SECURITY_POLICY } from './windows/csp';
import { createMainWindow } from './windows/main-window';
import { hardenSessions } from './windows/security';

// The data folder must be chosen before `ready`: IndexedDB (the case database) lives in userData.
const { dataDir, trainingRequested } = resolveLaunch(process.argv, process.env, app.getPath('userData'));
app.setPath('userData', dataDir);
// In a training folder the browser keeps its files in a folder of their own, which the wipe leaves
// alone (the renderer deletes its databases itself): Chromium holds them open while it runs.
const BROWSER_FOLDER = 'browser';
if (trainingRequested) app.setPath('sessionData', join(dataDir, BROWSER_FOLDER));
const CHROMIUM_FILES = [
  BROWSER_FOLDER,
  'Local State',
  'Crashpad',
  'SingletonLock',
  'SingletonCookie',
  'SingletonSocket',
  'lockfile',
  'DevToolsActivePort',
];

/** Restarts the app on the other profile: the glue around relaunchArgs. */
function relaunchAs(kind: ProfileKind): void {
  app.relaunch({ args: relaunchArgs(process.argv, kind) });
  app.exit(0);
}
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

  void app.whenReady().then(async () => {
    const profile = await openProfile(dataDir, trainingRequested);
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
    installMenu(profile, relaunchAs);
    registerIpc(
      createHandlers({
        dataDir,
        appVersion: app.getVersion(),
        runtime: 'electron',
        profile,
        keepOnWipe: CHROMIUM_FILES,
        openTraining: () => relaunchAs('training'),
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
