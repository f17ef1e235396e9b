// Backup rules both processes need: when the daily backup is due, what makes a backup passphrase
// acceptable, and how a backup file made by Redress is named.
import { normalizePassword } from './accounts';
import { officeDayOf } from './office-time';

/** A backup passphrase protects every case in a file that may leave the office (a USB stick). */
export const MIN_BACKUP_PASSPHRASE_LENGTH = 12;

/** Why this passphrase cannot protect backups, or null when it can. */
export function backupPassphraseProblem(passphrase: string): string | null {
  const length = [...normalizePassword(passphrase)].length;
  if (length < MIN_BACKUP_PASSPHRASE_LENGTH) {
    return `Use at least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters: a few words are easier to remember than symbols.`;
  }
  return null;
}

/** The daily backup is due when automatic backups are on and none was made yet today, office time. */
export function dailyBackupDue(
  config: { automatic: boolean; lastBackupAt: string | null },
  now: Date,
  timeZone: string,
): boolean {
  if (!config.automatic) return false;
  if (!config.lastBackupAt) return true;
  return officeDayOf(config.lastBackupAt, timeZone) !== officeDayOf(now, timeZone);
}

/** `redress-20261203-124500Z-manual`: sorts by time, readable in a file manager, UTC so never ambiguous. */
export function backupBaseName(createdAt: Date, reason: string): string {
  const iso = createdAt.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}Z`;
  return `redress-${stamp}-${reason}`;
}

/** A file this desk made (and so may prune): `redress-<stamp>-<reason>[-n].redressbackup`. */
export const MADE_BACKUP_NAME = /^redress-\d{8}-\d{6}Z-[a-z-]+?(?:-\d+)?\.redressbackup$/;
