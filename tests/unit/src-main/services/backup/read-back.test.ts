import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import { PASSPHRASE, addEvidence, backupServiceFor, call, databaseExport, makeBackup } from './fixtures';

const UNREADABLE = {
  code: 'BACKUP_UNREADABLE',
  message: 'The backup just written to “backups” could not be read back intact; no older backup was removed.',
};

let dataDir: string;
/** What the disk does to a backup between its write and its read-back (nothing by default). */
let fault: ((path: string) => Promise<void>) | null;
let handlers: Handlers;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-backup-read-back-'));
  fault = null;
  handlers = backupServiceFor(dataDir, { hooks: { beforeReadBack: (path) => fault?.(path) } });
  await call(handlers, 'backup:set-passphrase', { passphrase: PASSPHRASE });
  await addEvidence(dataDir, [2000, 3000]);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const backupsIn = async () => (await readdir(join(dataDir, 'backups'))).sort();

/** A failing USB stick or share: one byte reads back other than it was written. */
const flipOneByte = async (path: string) => {
  const bytes = await readFile(path);
  const at = bytes.length - 1000;
  bytes[at] = bytes[at]! ^ 0x01;
  await writeFile(path, bytes);
};

describe('a backup read back before older ones are pruned', () => {
  it.each([
    ['one byte reads back changed', flipOneByte],
    ['the file reads back cut short', async (path: string) => truncate(path, (await stat(path)).size - 5000)],
  ])('when %s: prunes nothing, says so, and never offers the file as a backup', async (_, damage) => {
    await call(handlers, 'backup:configure', { keepCount: 2 });
    const older = await makeBackup(handlers, databaseExport(50));
    const newer = await makeBackup(handlers, databaseExport(50));
    fault = damage;
    await expect(makeBackup(handlers, databaseExport(50))).rejects.toMatchObject(UNREADABLE);

    // The last good backups both stay; the bad one is kept aside under a name nothing takes.
    const names = await backupsIn();
    expect(names.filter((name) => name.endsWith('.redressbackup'))).toEqual([older.file, newer.file].sort());
    const aside = names.filter((name) => !name.endsWith('.redressbackup'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(
      /^redress-\d{8}-\d{6}Z-manual\.desk-[0-9a-f]{8}(?:-\d+)?\.redressbackup\.unreadable$/,
    );
    const listed = await call(handlers, 'backup:list', undefined);
    expect(listed.backups.map((b) => b.file).sort()).toEqual([older.file, newer.file].sort());
    expect(listed.unreadable).toEqual([]);
    // Not recorded as made: the daily backup is still due.
    expect((await call(handlers, 'backup:status', undefined)).lastBackupAt).toBe(newer.createdAt);

    // The disk mended: the next backup is read back intact and prunes as usual, leaving the bad one be.
    fault = null;
    const next = await makeBackup(handlers, databaseExport(50));
    expect(await backupsIn()).toEqual([newer.file, next.file, aside[0]!].sort());
  });

  it('keeps only the newest unreadable backup of this desk, so a failing stick does not fill up', async () => {
    const good = await makeBackup(handlers, databaseExport(50));
    fault = flipOneByte;
    await expect(makeBackup(handlers, databaseExport(50))).rejects.toMatchObject(UNREADABLE);
    await expect(makeBackup(handlers, databaseExport(50))).rejects.toMatchObject(UNREADABLE);
    const names = await backupsIn();
    expect(names.filter((name) => name.endsWith('.unreadable'))).toHaveLength(1);
    expect(names).toContain(good.file);
  });

  it('a file that cannot be read back at all fails the backup as a write does, not as damage', async () => {
    await call(handlers, 'backup:configure', { keepCount: 1 });
    const good = await makeBackup(handlers, databaseExport(50));
    // A share that dropped the file, or a reconnect: nothing read back, so nothing to call damaged.
    fault = (path) => rm(path);
    const error = await makeBackup(handlers, databaseExport(50)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'IO',
      message:
        'The backup just written to “backups” could not be read back, so it was not kept; no older backup was removed. Check that the drive or network folder is there, then try again.',
    });
    expect(await backupsIn()).toEqual([good.file]);
  });

  it('reads back every backup it makes, and one that reads back intact is restorable as it is', async () => {
    const seen: string[] = [];
    fault = async (path) => {
      seen.push(path);
    };
    const made = await makeBackup(handlers, databaseExport(50));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/\.partial$/);
    await expect(call(handlers, 'backup:verify', { file: made.file })).resolves.toEqual(made);
  });
});
