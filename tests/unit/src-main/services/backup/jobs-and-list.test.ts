import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import {
  PASSPHRASE,
  adminWithPassphrase,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  openDialogPicking,
  sha256,
} from './fixtures';

let dataDir: string;
let handlers: Handlers;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-backup-jobs-'));
  handlers = await adminWithPassphrase(dataDir);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const backupsIn = async () => (await readdir(join(dataDir, 'backups'))).sort();

describe('making backups', () => {
  it('keeps the newest keepCount backups, pruning the oldest but never the one just made', async () => {
    await call(handlers, 'backup:configure', { keepCount: 2 });
    const made = [];
    for (let i = 0; i < 4; i += 1) made.push(await makeBackup(handlers, databaseExport(5)));
    expect(await backupsIn()).toEqual([made[2]!.file, made[3]!.file].sort());
    // A backup brought in from elsewhere under another name is the office's to remove, not the desk's.
    await writeFile(
      join(dataDir, 'backups', 'from-usb.redressbackup'),
      await readFile(join(dataDir, 'backups', made[3]!.file)),
    );
    await call(handlers, 'backup:configure', { keepCount: 1 });
    const last = await makeBackup(handlers, databaseExport(5));
    expect(await backupsIn()).toEqual(['from-usb.redressbackup', last.file].sort());
  });

  it('names evidence that no longer matches its fingerprint, and removes no older backup that may hold it intact', async () => {
    await call(handlers, 'backup:configure', { keepCount: 1 });
    const evidence = join(dataDir, 'evidence');
    await mkdir(evidence, { recursive: true });
    const statement = Buffer.from('Bank statement, March — Zoë Ångström');
    const name = sha256(statement);
    await writeFile(join(evidence, name), statement);
    const good = await makeBackup(handlers, databaseExport(5));
    expect(good.damagedEvidence).toEqual([]);
    // A sector goes bad (or someone edits the file): one byte differs from what was added.
    const flipped = Buffer.from(statement);
    flipped[3] = flipped[3]! ^ 0x01;
    await writeFile(join(evidence, name), flipped);
    const damaged = await makeBackup(handlers, databaseExport(5));
    expect(damaged).toMatchObject({ evidenceFiles: 1, damagedEvidenceCount: 1, damagedEvidence: [name] });
    expect(await backupsIn()).toEqual([good.file, damaged.file].sort());
    // Listed with it for as long as it is there.
    const listed = (await call(handlers, 'backup:list', undefined)).backups;
    expect(listed.find((b) => b.file === damaged.file)?.damagedEvidence).toEqual([name]);
    // Mended (restored from the good backup): the next backup prunes as usual.
    await writeFile(join(evidence, name), statement);
    const after = await makeBackup(handlers, databaseExport(5));
    expect(after.damagedEvidence).toEqual([]);
    expect(await backupsIn()).toEqual([after.file]);
  });

  it('still backs up (and restores, after its safety backup) with a thousand evidence files damaged: counted all, named the first hundred', async () => {
    const evidence = join(dataDir, 'evidence');
    await mkdir(evidence, { recursive: true });
    // What ransomware or a failing disk leaves: files that no longer hold what their names say.
    for (let i = 0; i < 1000; i += 1)
      await writeFile(join(evidence, sha256(Buffer.from(`statement ${i}`))), `encrypted ${i}`);
    const safety = await makeBackup(handlers, databaseExport(5), { reason: 'before-restore' });
    expect(safety.damagedEvidenceCount).toBe(1000);
    expect(safety.damagedEvidence).toHaveLength(100);
    expect((await call(handlers, 'backup:list', undefined)).backups[0]).toMatchObject({
      damagedEvidenceCount: 1000,
    });
  }, 60_000);

  it('prunes nothing after finding backup.json damaged, until an administrator saves the settings', async () => {
    await call(handlers, 'backup:configure', { keepCount: 3 });
    for (let i = 0; i < 3; i += 1) await makeBackup(handlers, databaseExport(5));
    // Cut short as a crash or a failing disk would leave it: the office's count is lost with it.
    const config = join(dataDir, 'backup.json');
    await writeFile(config, (await readFile(config, 'utf8')).slice(0, 12));
    expect(await call(handlers, 'backup:status', undefined)).toMatchObject({
      settingsDamaged: true,
      keepCount: 14,
    });
    // The default count of 14 is nobody's choice: two more backups, none removed, still flagged.
    await makeBackup(handlers, databaseExport(5));
    await makeBackup(handlers, databaseExport(5));
    expect(await backupsIn()).toHaveLength(5);
    expect(await call(handlers, 'backup:status', undefined)).toMatchObject({ settingsDamaged: true });
    // The administrator saves the settings: they are the office's again, and pruning goes by them.
    expect(await call(handlers, 'backup:configure', { keepCount: 2 })).toMatchObject({
      settingsDamaged: false,
      keepCount: 2,
    });
    const last = await makeBackup(handlers, databaseExport(5));
    expect(await backupsIn()).toHaveLength(2);
    expect(await backupsIn()).toContain(last.file);
  });

  it('refuses to back up, in words, when backup.json cannot be read, rather than use the defaults', async () => {
    await call(handlers, 'backup:configure', { keepCount: 1 });
    await makeBackup(handlers, databaseExport(5));
    // Unreadable (here a folder in its place; a failing disk or a program holding it on Windows
    // does the same): the defaults would back up elsewhere and prune by another count.
    const config = join(dataDir, 'backup.json');
    await rm(config);
    await mkdir(config);
    await expect(call(handlers, 'backup:status', undefined)).rejects.toMatchObject({
      code: 'IS_FOLDER',
    });
    await expect(makeBackup(handlers, databaseExport(5))).rejects.toMatchObject({ code: 'IS_FOLDER' });
    expect(await backupsIn()).toHaveLength(1);
  });

  it('names the person for a manual backup and nobody for the daily one, and records when', async () => {
    expect(await call(handlers, 'backup:status', undefined)).toMatchObject({
      dailyDue: true,
      lastBackupAt: null,
    });
    const daily = await makeBackup(handlers, databaseExport(5), { reason: 'daily' });
    expect(daily).toMatchObject({ reason: 'daily', by: null });
    expect(daily.file).toMatch(/-daily\.desk-[0-9a-f]{8}\.redressbackup$/);
    expect(await call(handlers, 'backup:status', undefined)).toMatchObject({
      dailyDue: false,
      lastBackupAt: daily.createdAt,
    });
    expect(await makeBackup(handlers, databaseExport(5))).toMatchObject({ by: 'Ada Admin' });
  });

  it('refuses chunks out of order, a wrong fingerprint and a short database, removing the partial file', async () => {
    const db = databaseExport(5);
    const begin = () =>
      call(handlers, 'backup:begin', {
        reason: 'manual',
        schemaVersion: 1,
        counts: {},
        auditHead: null,
        databaseBytes: db.length,
      });
    const first = await begin();
    await expect(
      call(handlers, 'backup:chunk', { backupId: first.backupId, offset: 5, data: db.toString('base64') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      call(handlers, 'backup:chunk', { backupId: first.backupId, offset: 0, data: db.toString('base64') }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'This backup was cancelled or took too long: start it again.',
    });

    const second = await begin();
    await call(handlers, 'backup:chunk', {
      backupId: second.backupId,
      offset: 0,
      data: db.toString('base64'),
    });
    await expect(
      call(handlers, 'backup:finish', {
        backupId: second.backupId,
        databaseSha256: sha256(Buffer.from('other')),
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'The database did not arrive as it was sent: the backup was not made. Try again.',
    });

    const third = await begin();
    await expect(
      call(handlers, 'backup:finish', { backupId: third.backupId, databaseSha256: sha256(db) }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });

    const fourth = await begin();
    expect(await call(handlers, 'backup:cancel', { backupId: fourth.backupId })).toEqual({ cancelled: true });
    expect(await call(handlers, 'backup:cancel', { backupId: fourth.backupId })).toEqual({
      cancelled: false,
    });
    expect(await backupsIn()).toEqual([]);
  });

  it('sweeps partial files a crash left behind when Redress starts', async () => {
    const db = databaseExport(5);
    await call(handlers, 'backup:begin', {
      reason: 'quit',
      schemaVersion: 1,
      counts: {},
      auditHead: null,
      databaseBytes: db.length,
    });
    const partials = (await backupsIn()).filter((name) => name.endsWith('.partial'));
    expect(partials).toHaveLength(1);
    // Left a day ago by a crash; and another desk's backup, being written to the shared folder now.
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await utimes(join(dataDir, 'backups', partials[0]!), dayAgo, dayAgo);
    const othersNow = `redress-${randomUUID()}.partial`;
    await writeFile(join(dataDir, 'backups', othersNow), 'being written by another desk');
    const restarted = handlersFor(dataDir);
    await call(restarted, 'database:active', undefined);
    expect(await backupsIn()).toEqual([othersNow]);
  });

  it('is refused, not made on the disk beneath, when the chosen folder’s drive is not there', async () => {
    const drive = join(dataDir, 'usb-stick');
    const chosen = handlersFor(dataDir, {
      dialogs: { chooseSaveFile: async () => null, chooseFolder: async () => drive },
    });
    await call(chosen, 'auth:sign-in', { name: 'Ada Admin', password: 'tidal harbour lantern' });
    await call(chosen, 'backup:unlock', { passphrase: PASSPHRASE });
    await call(chosen, 'backup:configure', { chooseFolder: true });
    await rm(drive, { recursive: true });
    await expect(makeBackup(chosen, databaseExport(5))).rejects.toMatchObject({
      code: 'FILE_MISSING',
      message:
        'The backup folder “usb-stick” cannot be found: plug in the drive it is on, or choose another folder.',
    });
    expect(await readdir(dataDir)).not.toContain('usb-stick');
  });

  it('cannot run before a backup passphrase is set', async () => {
    const other = await mkdtemp(join(tmpdir(), 'redress-backup-nokey-'));
    try {
      const fresh = handlersFor(other);
      await call(fresh, 'auth:setup', { name: 'Ada Admin', password: 'tidal harbour lantern' });
      expect(await call(fresh, 'backup:status', undefined)).toMatchObject({ key: 'unset' });
      await expect(makeBackup(fresh, databaseExport(5))).rejects.toMatchObject({
        code: 'BACKUP_KEY',
        message: 'Backups need a backup passphrase first: an administrator sets it on the Backups page.',
      });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('the list of backups', () => {
  it('reads headers only, newest first, and lists what cannot be read with the reason', async () => {
    const older = await makeBackup(handlers, databaseExport(5), { reason: 'daily' });
    const newer = await makeBackup(handlers, databaseExport(5));
    const bytes = await readFile(join(dataDir, 'backups', newer.file));
    await writeFile(join(dataDir, 'backups', 'notes.redressbackup'), 'just some text, not a backup');
    await writeFile(join(dataDir, 'backups', 'cut.redressbackup'), bytes.subarray(0, 40));
    const future = Buffer.from(bytes);
    future.writeUInt16BE(9, 8);
    await writeFile(join(dataDir, 'backups', 'future.redressbackup'), future);
    await writeFile(join(dataDir, 'backups', 'other-file.txt'), 'ignored');

    const { backups, unreadable } = await call(handlers, 'backup:list', undefined);
    expect(backups.map((b) => b.file)).toEqual([newer.file, older.file]);
    expect(backups[0]).toEqual(newer);
    expect(unreadable).toEqual([
      { file: 'cut.redressbackup', message: 'The first part of this backup is damaged.' },
      { file: 'future.redressbackup', message: 'This backup was made by a newer version of Redress.' },
      { file: 'notes.redressbackup', message: 'This is not a Redress backup.' },
    ]);
  });

  it('brings in a file from the open dialog only when it reads as a backup; the harness has no dialog', async () => {
    const made = await makeBackup(handlers, databaseExport(5));
    expect(await call(handlers, 'backup:add-file', undefined)).toEqual({ file: null });
    const outside = join(dataDir, 'elsewhere.txt');
    await writeFile(outside, 'not a backup');
    const withDialog = handlersFor(dataDir, openDialogPicking(outside));
    await call(withDialog, 'auth:sign-in', { name: 'Ada Admin', password: 'tidal harbour lantern' });
    await expect(call(withDialog, 'backup:add-file', undefined)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'This is not a Redress backup.',
    });
    const again = handlersFor(dataDir, openDialogPicking(join(dataDir, 'backups', made.file)));
    await call(again, 'auth:sign-in', { name: 'Ada Admin', password: 'tidal harbour lantern' });
    const { file } = await call(again, 'backup:add-file', undefined);
    // Named as this desk names its own (copied off a stick as it was): marked added, so that no
    // pruning takes it for one of the desk's, though the officer was told to put the original away.
    expect(file).toBe(`added-${made.file}`);
    await call(handlers, 'backup:configure', { keepCount: 1 });
    const next = await makeBackup(handlers, databaseExport(5));
    expect(await backupsIn()).toEqual([file, next.file].sort());
  });

  it('removes no backup after the safety backup before a restore: the one to restore may be the oldest', async () => {
    await call(handlers, 'backup:configure', { keepCount: 2 });
    const oldest = await makeBackup(handlers, databaseExport(5));
    const newer = await makeBackup(handlers, databaseExport(5));
    const safety = await makeBackup(handlers, databaseExport(5), { reason: 'before-restore' });
    expect(await backupsIn()).toEqual([oldest.file, newer.file, safety.file].sort());
    // The backup after it prunes as usual (which of those made in the same second is oldest is
    // left to their names).
    const after = await makeBackup(handlers, databaseExport(5));
    expect(await backupsIn()).toHaveLength(2);
    expect(await backupsIn()).toContain(after.file);
  });
});
