// The backup Electron's main asks for when Redress closes: it calls
// `window.redressBackupBeforeQuit()` and waits for it before the window goes.
import { api, call } from '../../api/client';
import { startBackup } from './backup-job';

declare global {
  interface Window {
    redressBackupBeforeQuit?: () => Promise<void>;
  }
}

export function installBackupBeforeQuit(): void {
  let once: Promise<void> | null = null;
  // Main may ask twice (a second close while the first waits): both wait for the one backup.
  window.redressBackupBeforeQuit = () => (once ??= backupBeforeQuit());
}

async function backupBeforeQuit(): Promise<void> {
  try {
    const status = await call(api().backup.status());
    if (!status.automatic || status.key === 'unset') return;
    await startBackup('quit');
  } catch (error) {
    // Closing must not hang or fail on a backup: main's log has the reason.
    console.warn('The backup on closing did not run', error);
  }
}
