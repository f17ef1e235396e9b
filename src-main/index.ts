// Electron entry: the thin glue. Everything testable lives in handlers/services.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Notification, protocol, safeStorage, shell } from 'electron';
import { relaunchArgs, resolveLaunch } from './config/data-dir';
import { createHandlers } from './handlers';
import { createBackupConfig } from './services/backup/backup-config';
import { NO_KEY_STORE, type KeyStore } from './services/backup/backup-key';
import { registerIpc } from './ipc/register';
import { installMenu } from './menu';
import { unusedPath } from './services/pdf/output';
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

/** The backup key kept by the operating system (Keychain, DPAPI, the desktop's keyring). */
const keyStore: KeyStore = {
  problem: () => {
    if (!safeStorage.isEncryptionAvailable()) return NO_KEY_STORE;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'This computer has no keyring (such as GNOME Keyring or KWallet) that Redress can use, so the backup passphrase is asked once each time Redress starts.';
    }
    return null;
  },
  encrypt: (bytes) => safeStorage.encryptString(bytes.toString('base64')),
  decrypt: (bytes) => Buffer.from(safeStorage.decryptString(bytes), 'base64'),
};

/** How long the quit backup may take before Redress quits without it. */
const QUIT_BACKUP_TIMEOUT_MS = 2 * 60 * 1000;

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
    installMenu(profile, relaunchAs, devUrl !== undefined);
    registerIpc(
      createHandlers({
        dataDir,
        appVersion: app.getVersion(),
        runtime: 'electron',
        profile,
        keepOnWipe: CHROMIUM_FILES,
        openTraining: () => relaunchAs('training'),
        openPath: (path) => shell.openPath(path),
        notify: ({ title, body }) => {
          if (!Notification.isSupported()) return false;
          new Notification({ title, body, silent: false }).show();
          return true;
        },
        dialogs: {
          chooseSaveFile: async (suggestedName) => {
            const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
            const options = {
              // Suggest a name not yet used, and ask before replacing one (Linux asks only if told to).
              defaultPath: await unusedPath(join(app.getPath('documents'), suggestedName)),
              filters: suggestedName.toLowerCase().endsWith('.redressbundle')
                ? [{ name: 'Redress case bundle', extensions: ['redressbundle'] }]
                : [{ name: 'PDF', extensions: ['pdf'] }],
              properties: ['showOverwriteConfirmation' as const],
            };
            const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
            return r.canceled || !r.filePath ? null : r.filePath;
          },
          chooseSaveSheet: async (suggestedName, format) => {
            const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
            const options = {
              defaultPath: await unusedPath(
                join(app.getPath('documents'), suggestedName),
                undefined,
                `.${format}`,
              ),
              filters: [
                format === 'csv'
                  ? { name: 'CSV', extensions: ['csv'] }
                  : { name: 'Excel workbook', extensions: ['xlsx'] },
              ],
              properties: ['showOverwriteConfirmation' as const],
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
          chooseOpenFile: async () => {
            const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
            const options = {
              properties: ['openFile'] as 'openFile'[],
              filters: [{ name: 'Redress backup', extensions: ['redressbackup'] }],
            };
            const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
            return r.canceled ? null : (r.filePaths[0] ?? null);
          },
        },
        keyStore,
      }),
      devUrl,
    );
    createMainWindow(devUrl);

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devUrl);
    });
  });

  // On quit, with automatic backups on, the renderer makes one backup (it knows whether someone is
  // signed in); Redress waits for it, at most two minutes, then quits either way.
  let quitBackup: 'not-yet' | 'running' | 'done' = 'not-yet';
  app.on('before-quit', (event) => {
    if (quitBackup === 'done') return;
    const win = BrowserWindow.getAllWindows()[0];
    if (!win || win.isDestroyed()) return;
    event.preventDefault();
    if (quitBackup === 'running') return;
    quitBackup = 'running';
    const backup = createBackupConfig(dataDir)
      .read()
      .then((config) =>
        config.automatic
          ? win.webContents.executeJavaScript(
              'window.redressBackupBeforeQuit ? window.redressBackupBeforeQuit() : null',
            )
          : null,
      );
    const timeout = new Promise((resolve) => setTimeout(resolve, QUIT_BACKUP_TIMEOUT_MS));
    void Promise.race([backup, timeout])
      .catch((error: unknown) => console.error('[redress] backup before quit failed:', error))
      .finally(() => {
        quitBackup = 'done';
        app.quit();
      });
  });
  // Closing the last window is how Windows and Linux users quit: ask to quit while the window is
  // still there, so the quit backup above can run in it.
  app.on('browser-window-created', (_event, win) => {
    win.on('close', (event) => {
      if (process.platform === 'darwin' || quitBackup === 'done') return;
      if (BrowserWindow.getAllWindows().length > 1) return;
      event.preventDefault();
      app.quit();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
