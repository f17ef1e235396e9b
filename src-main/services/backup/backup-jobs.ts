// Making a backup. The renderer streams the database export in chunks (begin, chunk…, finish);
// main seals them straight into a `.partial` file in the backup folder, adds the files of the data
// folder and the manifest at finish, flushes, and only then gives the file its name. A cancel, a
// failure or a full disk removes the partial file: nothing half-written ever looks like a backup.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  access,
  constants,
  lstat,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  type FileHandle,
} from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  backupBaseName,
  deskTagOf,
  madeBackupName,
  type MadeBackupName,
} from '../../../src-shared/domain/backup';
import { SHA256_HEX } from '../../../src-shared/domain/investigation';
import {
  AppError,
  BackupDamagedError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../../src-shared/errors';
import {
  BACKUP_CHUNK_BYTES,
  DAMAGED_EVIDENCE_LISTED,
  type BackupSummary,
} from '../../../src-shared/ipc/channels/backup';
import type { ParsedInputOf } from '../../../src-shared/ipc/contract';
import { syncDir } from '../files/atomic-write';
import type { BackupConfigStore } from './backup-config';
import {
  ANCHOR_KEY_PART,
  BUNDLE_KEY_PART,
  DISPOSALS_PART,
  DATABASE_PART,
  DATA_KEY_BYTES,
  EVIDENCE_PREFIX,
  PartWriter,
  SEGMENT_BYTES,
  SegmentWriter,
  StoredSummarySchema,
  discardingSink,
  encodeHeader,
  encodeSummarySlot,
  newNoncePrefix,
  toSummary,
  wrapDataKey,
  writeAll,
  type StoredSummary,
} from './backup-format';
import {
  DATA_FILES,
  anchorFiles,
  diskFull,
  evidenceFiles,
  openRegular,
  removeMatching,
  type AnchorHooks,
  type LedgerHooks,
  type KeyPartHooks,
} from './backup-files';
import { keyIdOf, type BackupKey } from './backup-key';
import { checkBackupFile } from './backup-restore';

export const BACKUP_DISK_FULL = 'The disk is full: the backup was not made.';
export const MAX_OPEN_JOBS = 3;
export const folderMissing = (folder: string): string =>
  `The backup folder “${basename(folder)}” cannot be found: plug in the drive it is on, or choose another folder.`;
const JOB_IDLE_MS = 60 * 60 * 1000;
export const PARTIAL_NAME = /^redress-[0-9a-f-]{36}\.partial$/;
/** How old a partial file must be before a start sweeps it (see sweep). */
export const PARTIAL_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const JOB_GONE = 'This backup was cancelled or took too long: start it again.';

interface Job {
  partial: string;
  /** The key-encryption key the data key was wrapped with, to read the backup back with. */
  kek: Buffer;
  folder: string;
  /** This installation's tag, which the backup's name carries. */
  desk: string;
  /** The folder is the default one in the data folder: backups named before desks were named are this desk's. */
  ownsUntagged: boolean;
  handle: FileHandle;
  header: Buffer;
  slotOffset: number;
  segments: SegmentWriter;
  parts: PartWriter;
  declared: number;
  received: number;
  /** The summary but for the evidence count, fixed when the job begins. */
  base: Omit<StoredSummary, 'evidenceFiles' | 'damagedEvidence' | 'damagedEvidenceCount'>;
  lastActivity: number;
  /** Chunks, finish and cancel of one job run one after another, in the order they came. */
  queue: Promise<void>;
}

export interface BackupJobsOptions {
  dataDir: string;
  appVersion: string;
  keys: BackupKey;
  config: BackupConfigStore;
  training: () => boolean | Promise<boolean>;
  now: () => Date;
  anchor?: AnchorHooks;
  /** The office's case-bundle signing key (services/bundle), where the app has one. */
  bundleKey?: KeyPartHooks;
  /** This installation's id (profile/desk-id.ts), which the names of the backups it makes carry. */
  deskId: () => Promise<string>;
  /** The disposal ledger, whose entries a backup holds (services/retention). */
  disposals?: LedgerHooks;
  hooks?: BackupJobHooks;
}

export interface BackupJobHooks {
  /** Tests only: runs once a backup is written and flushed, before it is read back (change its bytes to stand in for a failing disk). */
  beforeReadBack?: (path: string) => void | Promise<void>;
}

/** A backup that did not read back as written: no older one is pruned (said in the renderer too, by its code). */
export const readBackFailed = (folder: string): string =>
  `The backup just written to “${basename(folder)}” could not be read back intact; no older backup was removed.`;
export const readBackUnreachable = (folder: string): string =>
  `The backup just written to “${basename(folder)}” could not be read back, so it was not kept; no older backup was removed. Check that the drive or network folder is there, then try again.`;
/** What a backup that did not read back intact is renamed to: never listed, restored or pruned. */
export const UNREADABLE_SUFFIX = '.unreadable';

/** Checks that a folder can take backups (creating it if need be). */
export async function writableFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await access(folder, constants.W_OK);
}

const readBytes = 1024 * 1024;

/** Appends one file of the data folder as a part: its SHA-256 (hex), or null when it is not there (or not a regular file). */
async function appendFile(parts: PartWriter, name: string, path: string): Promise<string | null> {
  const file = await openRegular(path);
  if (!file) return null;
  try {
    await parts.begin(name, file.size);
    const buffer = Buffer.allocUnsafe(readBytes);
    // Exactly the size seen at open: a log appended to meanwhile is backed up as it was then.
    for (let position = 0; position < file.size;) {
      const want = Math.min(buffer.length, file.size - position);
      const { bytesRead } = await file.handle.read(buffer, 0, want, position);
      if (bytesRead === 0) {
        throw new AppError(
          'IO',
          'A file in the data folder shrank while it was being backed up: the backup was not made. Try again.',
        );
      }
      await parts.write(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    return parts.end();
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/** Oldest first: by the time in the name, then by the number a second backup in the same second got. */
function byAge(a: MadeBackupName, b: MadeBackupName): number {
  return a.stamp === b.stamp ? a.n - b.n : a.stamp < b.stamp ? -1 : 1;
}

export function createBackupJobs(options: BackupJobsOptions) {
  const { dataDir, keys, config, now } = options;
  const jobs = new Map<string, Job>();
  let opening = 0;
  /** Naming and pruning run one job at a time, so two backups never take the same name. */
  let sealing: Promise<unknown> = Promise.resolve();

  function inQueue<T>(job: Job, task: () => Promise<T>): Promise<T> {
    const run = job.queue.then(task);
    job.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async function drop(id: string, job: Job): Promise<void> {
    if (jobs.get(id) === job) jobs.delete(id);
    await job.handle.close().catch(() => undefined);
    await rm(job.partial, { force: true });
  }

  async function discard(id: string): Promise<boolean> {
    const job = jobs.get(id);
    if (!job) return false;
    jobs.delete(id);
    await inQueue(job, () => drop(id, job));
    return true;
  }

  async function discardIdle(): Promise<void> {
    const cutoff = now().getTime() - JOB_IDLE_MS;
    for (const [id, job] of jobs) if (job.lastActivity < cutoff) await discard(id);
  }

  /**
   * Partial files a crash left behind, a day old or more: a fresh one may be another desk's
   * backup being written to a shared folder right now.
   */
  async function sweep(): Promise<void> {
    const cutoff = now().getTime() - PARTIAL_MAX_AGE_MS;
    await removeMatching(config.folderOf(await config.read()), PARTIAL_NAME, cutoff);
  }

  async function begin(
    input: ParsedInputOf<'backup:begin'>,
    by: string | null,
  ): Promise<{ backupId: string; chunkBytes: number }> {
    await discardIdle();
    const { kek, kdf } = await keys.forNewBackup();
    if (jobs.size + opening >= MAX_OPEN_JOBS) {
      throw new ConflictError(`Redress is already making ${MAX_OPEN_JOBS} backups: wait until one is done.`);
    }
    opening += 1;
    try {
      const settings = await config.read();
      const desk = deskTagOf(await options.deskId());
      const folder = config.folderOf(settings);
      const dataKey = randomBytes(DATA_KEY_BYTES);
      const noncePrefix = newNoncePrefix();
      const { bytes: header, slotOffset } = encodeHeader({
        kdf,
        keyId: keyIdOf(kek),
        wrappedKey: wrapDataKey(kek, dataKey),
        noncePrefix: noncePrefix.toString('base64'),
        segmentBytes: SEGMENT_BYTES,
      });
      const backupId = randomUUID();
      const partial = join(folder, `redress-${backupId}.partial`);
      let handle: FileHandle | null = null;
      try {
        // A chosen folder may be on a drive that is not plugged in: never make it on the disk beneath.
        if (settings.folder === null) await mkdir(folder, { recursive: true });
        else if (!(await lstat(folder).catch(() => null))?.isDirectory()) {
          throw new AppError('FILE_MISSING', folderMissing(folder));
        }
        handle = await open(partial, 'wx', 0o600);
        await writeAll(handle, header, 0);
        const segments = new SegmentWriter(
          handle,
          header.length,
          dataKey,
          noncePrefix,
          header.subarray(0, slotOffset - 4),
        );
        const parts = new PartWriter(segments);
        await parts.begin(DATABASE_PART, input.databaseBytes);
        jobs.set(backupId, {
          partial,
          kek,
          folder,
          desk,
          ownsUntagged: settings.folder === null,
          handle,
          header,
          slotOffset,
          segments,
          parts,
          declared: input.databaseBytes,
          received: 0,
          base: {
            createdAt: now().toISOString(),
            reason: input.reason,
            appVersion: options.appVersion,
            schemaVersion: input.schemaVersion,
            counts: input.counts,
            auditHead: input.auditHead,
            by,
            training: await options.training(),
          },
          lastActivity: now().getTime(),
          queue: Promise.resolve(),
        });
        return { backupId, chunkBytes: BACKUP_CHUNK_BYTES };
      } catch (error) {
        await handle?.close().catch(() => undefined);
        await rm(partial, { force: true });
        throw diskFull(error, BACKUP_DISK_FULL);
      }
    } finally {
      opening -= 1;
    }
  }

  function jobOf(id: string): Job {
    const job = jobs.get(id);
    if (!job) throw new NotFoundError(JOB_GONE);
    return job;
  }

  function live(id: string, job: Job): void {
    if (jobs.get(id) !== job) throw new NotFoundError(JOB_GONE);
  }

  async function chunk(input: {
    backupId: string;
    offset: number;
    data: Buffer;
  }): Promise<{ received: number }> {
    const job = jobOf(input.backupId);
    // Checked inside the queue, against what was written before: two chunks sent for one offset cannot both pass.
    return inQueue(job, async () => {
      live(input.backupId, job);
      try {
        if (input.offset !== job.received) {
          throw new ConflictError(
            'Part of the database went missing on the way: the backup was not made. Try again.',
          );
        }
        if (input.data.length === 0 || input.data.length > BACKUP_CHUNK_BYTES) {
          throw new ValidationError(
            'A part of the database had an unexpected size: the backup was not made. Try again.',
          );
        }
        if (job.received + input.data.length > job.declared) {
          throw new ValidationError(
            'The database was larger than announced: the backup was not made. Try again.',
          );
        }
        await job.parts.write(input.data);
        job.received += input.data.length;
        job.lastActivity = now().getTime();
        return { received: job.received };
      } catch (error) {
        await drop(input.backupId, job);
        throw diskFull(error, BACKUP_DISK_FULL);
      }
    });
  }

  /** A name not yet taken in the folder: `redress-<stamp>-<reason>.desk-<tag>[-n].redressbackup` (then `suffix`). */
  async function freeName(job: Job, suffix = ''): Promise<string> {
    const base = backupBaseName(new Date(job.base.createdAt), job.base.reason, job.desk);
    for (let n = 1; ; n += 1) {
      const name = `${base}${n === 1 ? '' : `-${n}`}.redressbackup${suffix}`;
      const taken = await lstat(join(job.folder, name)).then(
        () => true,
        () => false,
      );
      if (!taken) return name;
    }
  }

  /**
   * Removes the oldest backups this desk made beyond `keepCount`, never `keep`. Its own are those
   * named with its tag. One named before desks were named counts as its own only in the default
   * folder (`<dataDir>/backups`, which no other desk writes to); in a chosen folder, which other
   * desks may share, it may be theirs, and is never removed. Any other name is not this desk's.
   */
  async function prune(job: Job, keepCount: number, keep: string): Promise<void> {
    const own = (await readdir(job.folder))
      .map((name) => ({ name, made: madeBackupName(name) }))
      .filter(
        (file): file is { name: string; made: MadeBackupName } =>
          !!file.made && (file.made.desk === job.desk || (file.made.desk === null && job.ownsUntagged)),
      )
      .sort((a, b) => byAge(a.made, b.made));
    let excess = own.length - keepCount;
    for (const { name } of own) {
      if (excess <= 0) break;
      if (name === keep) continue;
      await rm(join(job.folder, name), { force: true });
      excess -= 1;
    }
  }

  /**
   * The data folder's files after the database: settings, anchors, keys, then every evidence file,
   * each checked against its name (its SHA-256) as it is read. One that no longer matches is backed
   * up as it is and named in `damaged`: sealing it quietly would let pruning remove, one by one,
   * the older backups that still hold it intact.
   */
  async function appendDataFolder(parts: PartWriter): Promise<{ evidence: number; damaged: string[] }> {
    for (const name of DATA_FILES) await appendFile(parts, name, join(dataDir, name));
    for (const name of await anchorFiles(dataDir)) {
      if (name !== options.anchor?.keyFile) await appendFile(parts, name, join(dataDir, name));
    }
    const anchorKey = await options.anchor?.exportKey();
    if (anchorKey) await parts.whole(ANCHOR_KEY_PART, anchorKey);
    const bundleKey = await options.bundleKey?.exportKey();
    if (bundleKey) await parts.whole(BUNDLE_KEY_PART, bundleKey);
    // The entries only (its seals are under this computer's key, which stays here).
    const ledger = await options.disposals?.read();
    if (ledger?.entries.length)
      await parts.whole(DISPOSALS_PART, Buffer.from(JSON.stringify(ledger.entries), 'utf8'));
    let evidence = 0;
    const damaged: string[] = [];
    for (const name of await evidenceFiles(dataDir)) {
      const sha256 = await appendFile(parts, `${EVIDENCE_PREFIX}${name}`, join(dataDir, 'evidence', name));
      if (sha256 === null) continue;
      evidence += 1;
      if (SHA256_HEX.test(name) && sha256 !== name) damaged.push(name);
    }
    return { evidence, damaged };
  }

  /**
   * Whether the backup just written reads back from the disk as a restore would read it: every
   * segment decrypted and authenticated, every part's hash and the summary checked (the restore's
   * own check, one segment at a time). A USB stick or network share that hands back other bytes
   * than it took must not let the older backups be pruned.
   */
  async function readBack(job: Job): Promise<boolean> {
    try {
      await checkBackupFile(job.partial, async () => job.kek, discardingSink);
      return true;
    } catch (error) {
      // Only bytes that read back otherwise make it unreadable; a failure to read at all (a share
      // reconnecting, the file gone) fails the backup as any write failure does, and is said so.
      if (!(error instanceof BackupDamagedError))
        throw new AppError('IO', readBackUnreachable(job.folder), undefined, { cause: error });
      console.error('[redress] a backup just written did not read back intact:', error);
      return false;
    }
  }

  /**
   * One unreadable backup of this desk is kept for whoever checks the disk, the newest: a failing
   * stick would otherwise fill with a full-size copy each day the backup is tried again.
   */
  async function keepNewestUnreadable(job: Job, newest: string): Promise<void> {
    for (const name of await readdir(job.folder).catch(() => [] as string[])) {
      if (name === newest || !name.endsWith(UNREADABLE_SUFFIX)) continue;
      if (madeBackupName(name.slice(0, -UNREADABLE_SUFFIX.length))?.desk !== job.desk) continue;
      await rm(join(job.folder, name), { force: true }).catch(() => undefined);
    }
  }

  async function finish(input: { backupId: string; databaseSha256: string }): Promise<BackupSummary> {
    const job = jobOf(input.backupId);
    return inQueue(job, async () => {
      live(input.backupId, job);
      jobs.delete(input.backupId);
      let name: string;
      let size: number;
      let summary: StoredSummary;
      let intact: boolean | undefined;
      try {
        if (job.received !== job.declared) {
          throw new ValidationError(
            `Only ${job.received} of ${job.declared} bytes of the database arrived: the backup was not made. Try again.`,
          );
        }
        if (job.parts.end() !== input.databaseSha256) {
          throw new ConflictError(
            'The database did not arrive as it was sent: the backup was not made. Try again.',
          );
        }
        const { evidence, damaged } = await appendDataFolder(job.parts);
        summary = StoredSummarySchema.parse({
          ...job.base,
          evidenceFiles: evidence,
          damagedEvidenceCount: damaged.length,
          damagedEvidence: damaged.slice(0, DAMAGED_EVIDENCE_LISTED),
        });
        await job.parts.manifest(summary);
        const slot = encodeSummarySlot(summary);
        size = await job.segments.finish(Buffer.concat([job.header.subarray(0, job.slotOffset), slot]));
        await writeAll(job.handle, slot, job.slotOffset);
        await job.handle.sync();
        await job.handle.close();
        await options.hooks?.beforeReadBack?.(job.partial);
        intact = await readBack(job);
        const sealed = sealing.then(async () => {
          const free = await freeName(job, intact ? '' : UNREADABLE_SUFFIX);
          await rename(job.partial, join(job.folder, free));
          await syncDir(job.folder);
          return free;
        });
        sealing = sealed.catch(() => undefined);
        name = await sealed;
      } catch (error) {
        await job.handle.close().catch(() => undefined);
        await rm(job.partial, { force: true });
        if (intact === false) throw new AppError('BACKUP_UNREADABLE', readBackFailed(job.folder));
        throw diskFull(error, BACKUP_DISK_FULL);
      }
      // Kept under a name no list, restore or pruning takes, for whoever checks the disk; the
      // older backups, the last known good, all stay; and its time is not recorded (the daily
      // backup runs again).
      if (!intact) {
        await keepNewestUnreadable(job, name);
        throw new AppError('BACKUP_UNREADABLE', readBackFailed(job.folder));
      }
      // The backup is made and sealed: nothing after this may report it failed (it is there to
      // restore). Unrecorded, the day's backup runs again; an old one that cannot be removed now
      // goes at the next backup; and with the settings unreadable or damaged, none is removed.
      await config
        .update({ lastBackupAt: summary.createdAt })
        .catch((error: unknown) => console.error('[redress] backup made, its time not recorded:', error));
      // A safety backup before a restore removes none: the backup about to be restored may be the
      // oldest in the folder, and pruning it would leave the restore nothing to restore (the next
      // backup prunes as usual).
      // One holding damaged evidence removes none either: the older ones may hold it intact.
      const keepAll = job.base.reason === 'before-restore' || summary.damagedEvidenceCount > 0;
      const settings = keepAll ? null : await config.readIntact().catch(() => null);
      if (settings) await prune(job, settings.keepCount, name).catch(() => undefined);
      else if (!keepAll)
        console.warn('[redress] backup settings unreadable or damaged: no old backup removed');
      return toSummary(summary, name, size);
    });
  }

  return { begin, chunk, finish, cancel: discard, sweep };
}
export type BackupJobs = ReturnType<typeof createBackupJobs>;
