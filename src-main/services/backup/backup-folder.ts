// The backup folder as the Backups page sees it: what is there (read from each file's header only,
// so a folder of hundreds of backups lists at once) and bringing in a backup from elsewhere.
import { randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MADE_BACKUP_NAME, deskTagOf, madeBackupName } from '../../../src-shared/domain/backup';
import { AppError, ValidationError } from '../../../src-shared/errors';
import type { BackupSummary } from '../../../src-shared/ipc/channels/backup';
import type { OutputOf } from '../../../src-shared/ipc/contract';
import { syncDir } from '../files/atomic-write';
import type { BackupConfigStore } from './backup-config';
import { HeaderError, readHeader, toSummary, type HeaderProblem } from './backup-format';
import { diskFull, openRegular } from './backup-files';

const BACKUP_FILE = /^[A-Za-z0-9._-]+\.redressbackup$/;
/** What a backup brought in under a name Redress gives its own is stored with in front. */
const ADDED = 'added-';
const MAX_NAME = 200;

export const UNREADABLE: Readonly<Record<HeaderProblem | 'not-a-file', string>> = {
  'not-a-backup': 'This is not a Redress backup.',
  newer: 'This backup was made by a newer version of Redress.',
  damaged: 'The first part of this backup is damaged.',
  unfinished: 'This backup was never finished.',
  'not-a-file': 'This is not a regular file.',
};

type HeaderRead = { ok: true; summary: BackupSummary } | { ok: false; message: string };

/** The summary in a backup's header (not yet authenticated: `backup:verify` does that). */
export async function readSummary(path: string): Promise<HeaderRead> {
  const opened = await openRegular(path);
  if (!opened) return { ok: false, message: UNREADABLE['not-a-file'] };
  try {
    const header = await readHeader(opened.handle);
    if (!header.summary) return { ok: false, message: UNREADABLE.unfinished };
    return { ok: true, summary: toSummary(header.summary, basename(path), opened.size) };
  } catch (error) {
    if (error instanceof HeaderError) return { ok: false, message: UNREADABLE[error.problem] };
    throw error;
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

/** The backups in `names` another installation made (named with another tag, added here or not). */
function madeElsewhere(names: readonly string[], desk: string | null): string[] {
  return names.filter((name) => {
    const made = madeBackupName(name.startsWith(ADDED) ? name.slice(ADDED.length) : name);
    return !!made?.desk && made.desk !== desk;
  });
}

export function createBackupFolder(config: BackupConfigStore, deskId: () => Promise<string>) {
  async function list(): Promise<OutputOf<'backup:list'>> {
    const folder = config.folderOf(await config.read());
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const backups: BackupSummary[] = [];
    const unreadable: { file: string; message: string }[] = [];
    for (const name of names.filter((n) => BACKUP_FILE.test(n) && n.length <= MAX_NAME)) {
      const read = await readSummary(join(folder, name)).catch((): HeaderRead => ({
        ok: false,
        message: UNREADABLE.damaged,
      }));
      if (read.ok) backups.push(read.summary);
      else unreadable.push({ file: name, message: read.message });
    }
    backups.sort((a, b) =>
      a.createdAt === b.createdAt ? b.file.localeCompare(a.file) : b.createdAt.localeCompare(a.createdAt),
    );
    unreadable.sort((a, b) => a.file.localeCompare(b.file));
    // Unknown (the id unreadable for now): every tagged backup is marked, none left unmarked wrongly.
    const desk = await deskId().then(deskTagOf, () => null);
    return {
      backups,
      unreadable,
      madeElsewhere: madeElsewhere(
        backups.map((b) => b.file),
        desk,
      ),
    };
  }

  /** Copies a chosen file into the backup folder once its header reads as a backup; answers its name there. */
  async function add(source: string): Promise<string> {
    const read = await readSummary(source);
    if (!read.ok) throw new ValidationError(read.message);
    const folder = config.folderOf(await config.read());
    await mkdir(folder, { recursive: true });
    const own = basename(source);
    const stem =
      !BACKUP_FILE.test(own) || own.length > MAX_NAME - 16
        ? 'added'
        : // Named as this desk names its own, it would be pruned as one: it is the office's to remove.
          MADE_BACKUP_NAME.test(own)
          ? `${ADDED}${own.slice(0, -'.redressbackup'.length)}`
          : own.slice(0, -'.redressbackup'.length);
    const temp = join(folder, `redress-${randomUUID()}.partial`);
    try {
      await copyFile(source, temp);
      // On the disk before it is listed: the officer may put the original away once told.
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const [from, to] = await Promise.all([stat(source), stat(temp)]);
      const copied = from.size === to.size ? await readSummary(temp) : { ok: false };
      if (!copied.ok) throw new AppError('IO', 'The backup could not be copied as it is: try again.');
      for (let n = 1; ; n += 1) {
        const name = `${stem}${n === 1 ? '' : `-${n}`}.redressbackup`;
        const taken = await lstat(join(folder, name)).then(
          () => true,
          () => false,
        );
        if (taken) continue;
        await rename(temp, join(folder, name));
        await syncDir(folder);
        return name;
      }
    } catch (error) {
      await rm(temp, { force: true });
      throw diskFull(error, 'The disk is full: the backup was not added.');
    }
  }

  return { list, add };
}
