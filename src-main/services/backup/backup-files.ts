// Which files of the data folder a backup holds, and where each part goes back on restore.
import { constants } from 'node:fs';
import { lstat, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersonRef } from '../../../src-shared/domain/accounts';
import type { LedgerEntry } from '../../../src-shared/domain/disposal-ledger';
import { AppError, systemError } from '../../../src-shared/errors';
import type { LedgerRead } from '../retention/disposal-ledger';
import { ACCOUNTS_FILE } from '../accounts/account-store';
import { SECURITY_LOG_FILE } from '../accounts/security-log';
import { BUNDLE_TRUST_FILE } from '../bundle/bundle-key';
import { EVIDENCE_DIR } from '../evidence/evidence-store';
import { LAST_GOOD_FILE, SETTINGS_FILE } from '../settings/settings-store';
import { EVIDENCE_PREFIX, isPartName } from './backup-format';

/**
 * Single files of the data folder, backed up when present. The settings' last good copy goes with
 * them, so a restored desk can fall back on the settings it had.
 */
export const DATA_FILES = [
  SETTINGS_FILE,
  LAST_GOOD_FILE,
  ACCOUNTS_FILE,
  SECURITY_LOG_FILE,
  // The offices whose case bundles this one accepts.
  BUNDLE_TRUST_FILE,
] as const;
/** The audit anchor's checkpoints: every regular file whose name starts so. */
export const ANCHOR_PREFIX = 'audit-anchor';
// Windows has no O_NOFOLLOW; there the lstat before each open is what refuses a link.
export const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

async function regularFiles(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const name of names.filter(keep).sort()) {
    const info = await lstat(join(dir, name)).catch(() => null);
    if (info?.isFile()) files.push(name);
  }
  return files;
}

/**
 * A key whose file is wrapped by this computer's key store, which another computer cannot unwrap:
 * a backup holds the plain key instead (inside the encryption), and a restore wraps it with the
 * restoring computer's.
 */
export interface KeyPartHooks {
  /** The plain key, or null when there is none yet. */
  exportKey(): Promise<Buffer | null>;
  importKey(bytes: Buffer): Promise<void>;
}

/**
 * The disposal ledger around a backup (services/retention): a backup holds its entries; a restore
 * hands the renderer the ledger to make its disposals again, and adds the backup's entries to it.
 */
export interface LedgerHooks {
  read(): Promise<LedgerRead>;
  merge(entries: readonly LedgerEntry[], actor: PersonRef | null): Promise<number>;
}

/** What the audit anchor needs around a backup (wired to services/audit-anchor). */
export interface AnchorHooks extends KeyPartHooks {
  /** The key file's name in the data folder (left out of the files copied as they are). */
  keyFile: string;
  /** After a restore put the anchor files in place: the census becomes the restored database's. */
  restored(census: { cases: number; auditSeq: number }): Promise<void>;
}

/** The audit-anchor files in the data folder (regular files only). */
export const anchorFiles = (dataDir: string): Promise<string[]> =>
  regularFiles(dataDir, (name) => name.startsWith(ANCHOR_PREFIX) && isPartName(name));

/** The stored evidence files (regular files only; temp files of uploads, which start with a dot, left out). */
export const evidenceFiles = (dataDir: string): Promise<string[]> =>
  regularFiles(join(dataDir, EVIDENCE_DIR), (name) => isPartName(`${EVIDENCE_PREFIX}${name}`));

/** Where a part lives in a data folder (or a staging folder laid out the same way). */
export function partPath(root: string, part: string): string {
  if (!isPartName(part)) throw new Error(`not a part name: ${part}`);
  return part.startsWith(EVIDENCE_PREFIX)
    ? join(root, EVIDENCE_DIR, part.slice(EVIDENCE_PREFIX.length))
    : join(root, part);
}

/** Opens a regular file for reading, never through a link; null when it is not there. */
export async function openRegular(path: string): Promise<{ handle: FileHandle; size: number } | null> {
  let handle: FileHandle;
  try {
    if (!(await lstat(path)).isFile()) return null;
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
    throw error;
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    return null;
  }
  return { handle, size: info.size };
}

/** A full disk in words that say what did not happen; any other error as it is. */
export function diskFull(error: unknown, message: string): unknown {
  return systemError(error)?.code === 'DISK_FULL'
    ? new AppError('DISK_FULL', message, undefined, { cause: error })
    : error;
}

/**
 * Removes the files in `dir` whose names match (never following a link); with `before`, only those
 * last written before it (ms since the epoch).
 */
export async function removeMatching(dir: string, pattern: RegExp, before?: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!pattern.test(name)) continue;
    if (before !== undefined) {
      const info = await lstat(join(dir, name)).catch(() => null);
      if (!info || info.mtimeMs >= before) continue;
    }
    await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}
