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

/**
 * `redress-20261203-124500Z-manual.desk-1a2b3c4d`: sorts by time, readable in a file manager, UTC
 * so never ambiguous, and names the installation that made it (`deskTagOf`), so desks sharing one
 * backup folder each prune only their own. Without `desk`, the name Redress gave before.
 */
export function backupBaseName(createdAt: Date, reason: string, desk?: string): string {
  const iso = createdAt.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}Z`;
  return `redress-${stamp}-${reason}${desk === undefined ? '' : `.desk-${desk}`}`;
}

/** An installation's id as its backups' names carry it: the first 8 hex digits of its UUID. */
export const deskTagOf = (deskId: string): string => deskId.replaceAll('-', '').slice(0, 8).toLowerCase();

/**
 * A name Redress gives a backup it makes: `redress-<stamp>-<reason>[.desk-<tag>][-n].redressbackup`
 * (the counter for a second backup in the same second). Names from before the desk was named
 * have no `.desk-` part; the dot keeps the two forms apart (a reason has none).
 */
export const MADE_BACKUP_NAME =
  /^redress-(\d{8}-\d{6}Z)-[a-z-]+?(?:\.desk-([0-9a-f]{8}))?(?:-(\d+))?\.redressbackup$/;

export interface MadeBackupName {
  /** `YYYYMMDD-HHMMSSZ`, UTC. */
  stamp: string;
  /** The counter of a second backup in the same second (1 for the first). */
  n: number;
  /** The tag of the installation that made it, or null for a name from before desks were named. */
  desk: string | null;
}

/** What a name Redress gave a backup says, or null for any other name (one added from elsewhere). */
export function madeBackupName(file: string): MadeBackupName | null {
  const match = MADE_BACKUP_NAME.exec(file);
  if (!match) return null;
  return { stamp: match[1]!, n: match[3] ? Number(match[3]) : 1, desk: match[2] ?? null };
}
