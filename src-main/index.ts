// Electron entry: the thin glue. Everything testable lives in handlers/services.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, protocol, safeStorage, shell } from 'electron';
import { resolveDataDir } from './config/data-dir';
import { createHandlers } from './handlers';
import { createBackupConfig } from './services/backup/backup-config';
import { NO_KEY_STORE, type KeyStore } from './services/backup/backup-key';
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

  // On quit, the renderer makes one backup (it decides whether automatic backups are on and
  // someone is signed in); Redress waits for it, at most two minutes, then quits either way.
  let quitBackupDone = false;
  app.on('before-quit', (event) => {
    if (quitBackupDone) return;
    const win = BrowserWindow.getAllWindows()[0];
    if (!win || win.isDestroyed()) return;
    event.preventDefault();
    quitBackupDone = true;
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
      .finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
