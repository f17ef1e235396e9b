// Checking and restoring a backup.
//
// Verify reads and authenticates the whole file. A restore does the same into a private staging
// folder in the data folder (`.restore-<id>`), so nothing is handed out before every byte checked
// out; the renderer then reads the database part and imports it into a NEW IndexedDB database.
// Commit is all or nothing across a crash: a journal lists the moves, the files go into place
// (evidence only added, never removed), the database pointer is written LAST, then the journal and
// the staging folder go. At start a leftover journal is rolled forward, and a staging folder
// without one (a restore never committed) is removed.
import { randomUUID } from 'node:crypto';
import { chmod, lstat, mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import {
  AppError,
  BackupDamagedError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../../src-shared/errors';
import {
  BACKUP_CHUNK_BYTES,
  DatabasePointerSchema,
  RESTORE_DISPOSALS_PAGE,
  type BackupSummary,
  type DatabasePointer,
} from '../../../src-shared/ipc/channels/backup';
import type { OutputOf } from '../../../src-shared/ipc/contract';
import { syncDir, writeFileAtomic } from '../files/atomic-write';
import { EVIDENCE_DIR, hashHandle } from '../evidence/evidence-store';
import { SHA256_HEX } from '../../../src-shared/domain/investigation';
import { LedgerEntrySchema, ledgerFiles, type LedgerEntry } from '../../../src-shared/domain/disposal-ledger';
import type { LedgerRead } from '../retention/disposal-ledger';
import type { BackupConfigStore } from './backup-config';
import {
  ANCHOR_KEY_PART,
  BUNDLE_KEY_PART,
  DISPOSALS_PART,
  DATABASE_PART,
  EVIDENCE_PREFIX,
  HeaderError,
  isPartName,
  readHeader,
  discardingSink,
  readPayload,
  toSummary,
  unwrapDataKey,
  writeAll,
  type Manifest,
  type PartSink,
  type ScryptKdf,
} from './backup-format';
import {
  ANCHOR_PREFIX,
  anchorFiles,
  diskFull,
  openRegular,
  partPath,
  removeMatching,
  type AnchorHooks,
  type LedgerHooks,
  type KeyPartHooks,
} from './backup-files';
import type { BackupKey } from './backup-key';

export const DATABASE_POINTER_FILE = 'database.json';
export const RESTORE_JOURNAL_FILE = '.restore-journal.json';
export const DEFAULT_DATABASE: DatabasePointer = { name: 'redress' };
const STAGING_NAME = /^\.restore-[0-9a-f-]{36}$/;
export const RESTORE_DISK_FULL = 'The disk is full: the backup could not be opened for restoring.';
export const NEWER_BACKUP = 'This backup was made by a newer version of Redress: update Redress to open it.';
const RESTORE_GONE = 'This restore was cancelled or has expired: open the backup again.';
export const NOT_IN_FOLDER = 'That backup is no longer in the backup folder.';
export const RESTORE_UNFINISHED =
  'The restore could not be finished just now. Close Redress and open it again: it finishes the restore first.';

const JournalSchema = z.object({
  version: z.literal(1),
  staging: z.string().regex(STAGING_NAME),
  moves: z.array(
    z.object({
      part: z.string().refine(isPartName),
      /** Evidence: added when missing, an existing file never replaced. */
      addOnly: z.boolean(),
    }),
  ),
  /** Anchor files of the data folder the backup does not hold: they describe another database. */
  remove: z.array(z.string().refine((name) => name.startsWith(ANCHOR_PREFIX) && isPartName(name))),
  /** For the audit anchor's census (what the restored database holds), when there is an anchor. */
  census: z.object({ cases: z.number().int().min(0), auditSeq: z.number().int().min(0) }),
  pointer: DatabasePointerSchema,
});
type Journal = z.output<typeof JournalSchema>;

interface OpenRestore {
  staging: string;
  summary: BackupSummary;
  /** The key the backup was made with, and how it was derived (kept for a desk with none yet). */
  key: { kdf: ScryptKdf; kek: Buffer };
  manifest: Manifest;
  databaseBytes: number;
  targetName: string;
  readToEnd: boolean;
  /** The disposal ledger as it stood when the restore was opened. */
  ledger: LedgerRead;
}

export interface RestoreHooks {
  /** Tests only: runs after each move of a commit (throw to stand in for a crash). */
  afterMove?: (index: number) => void | Promise<void>;
}

export interface RestoreOptions {
  dataDir: string;
  keys: BackupKey;
  config: BackupConfigStore;
  /** Ends the session once the accounts may have changed. */
  endSession: () => Promise<unknown>;
  hooks?: RestoreHooks;
  anchor?: AnchorHooks;
  /** The office's case-bundle signing key (services/bundle), where the app has one. */
  bundleKey?: KeyPartHooks;
  /** A commit failed after its journal was written: the journal must be carried out before the next answer. */
  onUnfinished?: () => void;
  /** This computer's disposal ledger (services/retention), handed to the renderer to apply again. */
  disposals?: LedgerHooks;
}

/** The ledger entries a backup holds; a part that does not parse (it authenticated, so never expected) adds none. */
async function backedUpLedger(path: string): Promise<LedgerEntry[]> {
  let json: unknown = null;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // left as null: refused below
  }
  const parsed = z.array(LedgerEntrySchema).safeParse(json);
  if (!parsed.success) {
    console.warn('[redress] the disposal ledger in the backup is not readable and was left out');
    return [];
  }
  return parsed.data;
}

/** Writes each part into the staging folder, flushed before the next begins. */
function stagingSink(staging: string): PartSink & { close(): Promise<void> } {
  let current: { handle: FileHandle; position: number; evidence: boolean } | null = null;
  return {
    async begin(name) {
      const path = partPath(staging, name);
      const evidence = name.startsWith(EVIDENCE_PREFIX);
      if (evidence) await mkdir(join(staging, EVIDENCE_DIR), { recursive: true });
      current = { handle: await open(path, 'wx', 0o600), position: 0, evidence };
    },
    async data(bytes) {
      await writeAll(current!.handle, bytes, current!.position);
      current!.position += bytes.length;
    },
    async end() {
      const { handle, evidence } = current!;
      current = null;
      // Read-only, as the evidence store keeps its files.
      if (evidence) await handle.chmod(0o444);
      await handle.sync();
      await handle.close();
    },
    async close() {
      await current?.handle.close().catch(() => undefined);
      current = null;
    },
  };
}

export interface CheckedBackup {
  summary: BackupSummary;
  manifest: Manifest;
  /** The key the backup was made with, and how it was derived. */
  key: { kdf: ScryptKdf; kek: Buffer };
}

/**
 * Reads, decrypts and checks the whole backup at `path` from the disk, one segment at a time,
 * handing its parts to `sink`: the one check of a restore, of `backup:verify`, and of a backup
 * just made, read back before any older one is pruned. `kekFor` gives the key-encryption key the
 * header names. Any mismatch: BACKUP_DAMAGED; not a regular file there: NOT_FOUND.
 */
export async function checkBackupFile(
  path: string,
  kekFor: (kdf: ScryptKdf, keyId: string) => Promise<Buffer>,
  sink: PartSink,
): Promise<CheckedBackup> {
  const opened = await openRegular(path);
  if (!opened) throw new NotFoundError(NOT_IN_FOLDER);
  const { handle, size } = opened;
  try {
    const header = await readHeader(handle).catch((error: unknown) => {
      if (error instanceof HeaderError) {
        throw error.problem === 'newer'
          ? new ValidationError(NEWER_BACKUP)
          : new BackupDamagedError({ cause: error });
      }
      throw error;
    });
    if (!header.summary) throw new BackupDamagedError();
    const kek = await kekFor(header.keyHeader.kdf, header.keyHeader.keyId);
    const dataKey = unwrapDataKey(kek, header.keyHeader.wrappedKey);
    const manifest = await readPayload(handle, header, dataKey, sink);
    return {
      summary: toSummary(header.summary, basename(path), size),
      manifest,
      key: { kdf: header.keyHeader.kdf, kek },
    };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export function createRestorer(options: RestoreOptions) {
  const { dataDir, keys, config } = options;
  const journalFile = join(dataDir, RESTORE_JOURNAL_FILE);
  const pointerFile = join(dataDir, DATABASE_POINTER_FILE);
  const restores = new Map<string, OpenRestore>();

  async function backupPath(file: string): Promise<string> {
    return join(config.folderOf(await config.read()), basename(file));
  }

  /** Reads, decrypts and checks the whole file, handing the parts to `sink`. */
  async function check(file: string, passphrase: string | undefined, sink: PartSink): Promise<CheckedBackup> {
    return checkBackupFile(
      await backupPath(file),
      (kdf, keyId) => keys.forExistingBackup(kdf, keyId, passphrase),
      sink,
    );
  }

  async function verify(file: string, passphrase?: string): Promise<BackupSummary> {
    return (await check(file, passphrase, discardingSink)).summary;
  }

  async function forget(id: string): Promise<boolean> {
    const restore = restores.get(id);
    if (!restore) return false;
    restores.delete(id);
    await rm(restore.staging, { recursive: true, force: true });
    return true;
  }

  async function openRestore(file: string, passphrase?: string): Promise<OutputOf<'backup:restore-open'>> {
    // One restore at a time: opening another drops the one before, and its staging folder.
    for (const id of [...restores.keys()]) await forget(id);
    const restoreId = randomUUID();
    const staging = join(dataDir, `.restore-${restoreId}`);
    const sink = stagingSink(staging);
    let checked: Awaited<ReturnType<typeof check>>;
    try {
      await mkdir(staging, { recursive: false, mode: 0o700 });
      checked = await check(file, passphrase, sink);
    } catch (error) {
      await sink.close();
      await rm(staging, { recursive: true, force: true });
      throw diskFull(error, RESTORE_DISK_FULL);
    }
    const database = checked.manifest.parts.find((part) => part.name === DATABASE_PART);
    if (!database) {
      await rm(staging, { recursive: true, force: true });
      throw new BackupDamagedError();
    }
    const targetName = `redress-${randomUUID()}`;
    const ledger = options.disposals ? await options.disposals.read() : { entries: [], problem: null };
    restores.set(restoreId, {
      staging,
      summary: checked.summary,
      key: checked.key,
      manifest: checked.manifest,
      databaseBytes: database.size,
      targetName,
      readToEnd: false,
      ledger,
    });
    return {
      restoreId,
      summary: checked.summary,
      databaseBytes: database.size,
      chunkBytes: BACKUP_CHUNK_BYTES,
      targetName,
      disposalEntries: ledger.entries.length,
      ledgerProblem: ledger.problem,
    };
  }

  function disposals(id: string, offset: number): OutputOf<'backup:restore-disposals'> {
    const { entries } = restoreOf(id).ledger;
    const end = Math.min(entries.length, offset + RESTORE_DISPOSALS_PAGE);
    return { entries: entries.slice(offset, end), next: end < entries.length ? end : null };
  }

  function restoreOf(id: string): OpenRestore {
    const restore = restores.get(id);
    if (!restore) throw new NotFoundError(RESTORE_GONE);
    return restore;
  }

  async function read(id: string, offset: number): Promise<{ data: string; done: boolean }> {
    const restore = restoreOf(id);
    if (offset > restore.databaseBytes) {
      throw new ValidationError('That part of the backup is past its end.', 'offset');
    }
    const length = Math.min(BACKUP_CHUNK_BYTES, restore.databaseBytes - offset);
    const buffer = Buffer.alloc(length);
    const handle = await open(partPath(restore.staging, DATABASE_PART), 'r');
    try {
      for (let done = 0; done < length;) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0)
          throw new AppError('IO', 'The opened backup changed on the disk: open it again.');
        done += bytesRead;
      }
    } finally {
      await handle.close();
    }
    const done = offset + length >= restore.databaseBytes;
    if (done) restore.readToEnd = true;
    return { data: buffer.toString('base64'), done };
  }

  const exists = (path: string): Promise<boolean> =>
    lstat(path).then(
      () => true,
      () => false,
    );

  /**
   * Whether the backup's copy of an evidence file should replace the one here: the one here no
   * longer matches its name (its SHA-256: damaged or changed since it was added) and the backup's
   * does. A restore otherwise keeps evidence already here, and would keep the damage for good.
   */
  async function mendsDamaged(staged: string, here: string): Promise<boolean> {
    const name = basename(here);
    if (!SHA256_HEX.test(name)) return false;
    // Only a regular file is read, never through a link: anything odd, or any failure to read,
    // leaves it as it is, so the restore goes on as it always did.
    const sha256Of = async (path: string): Promise<string | null> => {
      const file = await openRegular(path).catch(() => null);
      if (!file) return null;
      try {
        return await hashHandle(file.handle);
      } catch {
        return null;
      } finally {
        await file.handle.close().catch(() => undefined);
      }
    };
    const hereHash = await sha256Of(here);
    return hereHash !== null && hereHash !== name && (await sha256Of(staged)) === name;
  }

  /** Carries out a journal; every step may run again after a crash and ends in the same state. */
  async function rollForward(journal: Journal): Promise<void> {
    const staging = join(dataDir, journal.staging);
    // Anchor files of another database first, so nothing put in place below is removed.
    for (const name of journal.remove) await rm(join(dataDir, name), { force: true });
    await mkdir(join(dataDir, EVIDENCE_DIR), { recursive: true });
    for (const [index, move] of journal.moves.entries()) {
      const from = partPath(staging, move.part);
      if (await exists(from)) {
        if (move.part === ANCHOR_KEY_PART) {
          // Wrapped with this computer's key store; without an anchor there is nothing to put it in.
          if (options.anchor) await options.anchor.importKey(await readFile(from));
          await rm(from, { force: true });
        } else if (move.part === DISPOSALS_PART) {
          // Added to this computer's ledger, never over it; entries already there are not added twice.
          // A ledger that cannot be written now (its key store away, the disk full) never holds up
          // the restore: the entries are kept beside it, for whoever looks after Redress.
          const merged = options.disposals
            ? await options.disposals.merge(await backedUpLedger(from), null).then(
                () => true,
                (error: unknown) => {
                  console.warn('[redress] the backup’s disposal ledger entries could not be added:', error);
                  return false;
                },
              )
            : true;
          if (merged) await rm(from, { force: true });
          else await rename(from, join(dataDir, `disposal-ledger.unmerged-${Date.now()}.json`));
        } else if (move.part === BUNDLE_KEY_PART) {
          // Likewise wrapped anew here; a backup without one leaves this desk's key as it is.
          if (options.bundleKey) await options.bundleKey.importKey(await readFile(from));
          await rm(from, { force: true });
        } else {
          const to = partPath(dataDir, move.part);
          if (move.addOnly && (await exists(to)) && !(await mendsDamaged(from, to)))
            await rm(from, { force: true });
          else {
            // Over a damaged copy here (read-only, as the evidence store keeps its files).
            await chmod(to, 0o644).catch(() => undefined);
            await rename(from, to);
          }
        }
      }
      await options.hooks?.afterMove?.(index);
    }
    await syncDir(join(dataDir, EVIDENCE_DIR));
    await syncDir(dataDir);
    await options.anchor?.restored(journal.census);
    // The pointer last: until it is written, the renderer opens the database it had.
    await writeFileAtomic(pointerFile, `${JSON.stringify(journal.pointer)}\n`);
    await rm(journalFile, { force: true });
    await syncDir(dataDir);
    await rm(staging, { recursive: true, force: true });
  }

  async function commit(
    id: string,
    evidenceDisposed: readonly string[] = [],
    ledgerWaiting: readonly LedgerEntry[] = [],
  ): Promise<DatabasePointer> {
    const restore = restoreOf(id);
    // Files a disposal removed for good stay removed when the cases are disposed of again.
    const removed = ledgerFiles([...restore.ledger.entries, ...ledgerWaiting]);
    const leftOut = new Set(
      evidenceDisposed.filter((sha256) => removed.has(sha256)).map((h) => EVIDENCE_PREFIX + h),
    );
    if (!restore.readToEnd) {
      throw new ConflictError(
        'The database in the backup was not read to its end, so nothing was restored. Restore it again.',
      );
    }
    // Taken now, so a second commit or a new restore cannot reach it while this one runs.
    restores.delete(id);
    // The lines the replaced database still held: the ledger keeps them from now on. If it cannot
    // now, they also wait in the restored database (the page put them there), so nothing is lost.
    if (ledgerWaiting.length && options.disposals)
      await options.disposals.merge(ledgerWaiting, null).catch((error: unknown) => {
        console.warn('[redress] the waiting disposal ledger lines could not be added yet:', error);
      });
    const backedUp = restore.manifest.parts.map((part) => part.name);
    const journal: Journal = {
      version: 1,
      staging: basename(restore.staging),
      moves: backedUp
        .filter((name) => name !== DATABASE_PART && !leftOut.has(name))
        .map((part) => ({ part, addOnly: part.startsWith(EVIDENCE_PREFIX) })),
      // Anchor files the backup does not hold describe another database. The anchor's key file
      // comes back (wrapped anew) from its own part when the backup holds one.
      remove: (await anchorFiles(dataDir)).filter(
        (name) =>
          !backedUp.includes(name) &&
          !(name === options.anchor?.keyFile && backedUp.includes(ANCHOR_KEY_PART)),
      ),
      census: {
        cases: restore.summary.counts.cases ?? 0,
        auditSeq: restore.summary.auditHead?.seq ?? 0,
      },
      pointer: { name: restore.targetName },
    };
    try {
      await writeFileAtomic(journalFile, `${JSON.stringify(journal)}\n`);
    } catch (error) {
      await rm(restore.staging, { recursive: true, force: true });
      throw diskFull(error, 'The disk is full: nothing was restored.');
    }
    try {
      await rollForward(journal);
    } catch (error) {
      // Never undone from here: the journal stands, and is carried out before the next answer.
      options.onUnfinished?.();
      throw new AppError('RESTORE_UNFINISHED', RESTORE_UNFINISHED, undefined, { cause: error });
    }
    // The restore is done and the pointer switched: what follows must not make it look failed.
    await keys.adoptIfUnset(restore.key.kdf, restore.key.kek).catch(() => undefined);
    await options.endSession().catch(() => undefined);
    return journal.pointer;
  }

  /** A commit a crash interrupted is finished; a restore never committed is cleared away. */
  async function recover(): Promise<void> {
    let text: string | null = null;
    try {
      text = await readFile(journalFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== null) {
      let journal: Journal | null = null;
      try {
        const parsed = JournalSchema.safeParse(JSON.parse(text));
        if (parsed.success) journal = parsed.data;
      } catch {
        /* written atomically, so never half a journal; anything else is not ours to act on */
      }
      if (journal) await rollForward(journal);
      else await rm(journalFile, { force: true });
    }
    await removeMatching(dataDir, STAGING_NAME);
  }

  async function activeDatabase(): Promise<DatabasePointer> {
    try {
      const parsed = DatabasePointerSchema.safeParse(JSON.parse(await readFile(pointerFile, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_DATABASE;
    }
    throw new AppError(
      'IO',
      'The note of which database to open (database.json in the data folder) is damaged: ask whoever looks after Redress in your office.',
    );
  }

  return { verify, open: openRestore, read, disposals, commit, cancel: forget, recover, activeDatabase };
}
export type Restorer = ReturnType<typeof createRestorer>;
