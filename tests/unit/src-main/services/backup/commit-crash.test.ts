import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupService } from '../../../../../src-main/services/backup/handlers';
import {
  PASSPHRASE,
  TEST_SCRYPT,
  addEvidence,
  adminWithPassphrase,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  readDatabase,
  snapshot,
} from './fixtures';

let home: string;
let desk: string;
let fresh: string;
let backupPath: string;
let made: Record<string, string>;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'redress-backup-crash-'));
  desk = join(home, 'desk');
  fresh = join(home, 'fresh');
  const handlers = await adminWithPassphrase(desk);
  await call(handlers, 'settings:set', { officeName: 'Harbour Bank' });
  await addEvidence(
    desk,
    Array.from({ length: 8 }, (_, i) => 1000 + i),
  );
  await writeFile(join(desk, 'audit-anchor.json'), '{"seq":4}\n');
  const summary = await makeBackup(handlers, databaseExport(50));
  backupPath = join(desk, 'backups', summary.file);
  made = await snapshot(desk);
  // The computer restored onto already has a little of its own.
  await mkdir(fresh, { recursive: true });
  await writeFile(join(fresh, 'settings.json'), '{"officeName":"Old"}\n');
  await writeFile(join(fresh, 'audit-anchor-old.json'), '{"seq":99}\n');
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** The backup handlers over the fresh folder, with a crash standing in after the given move. */
function crashingAfterMove(crashAt: number) {
  return createBackupService({
    dataDir: fresh,
    appVersion: '1.2.3',
    userName: () => null,
    endSession: async () => undefined,
    timeZone: async () => 'Europe/London',
    scrypt: TEST_SCRYPT,
    dialogs: { chooseFolder: async () => null, chooseOpenFile: async () => backupPath },
    hooks: {
      afterMove: (index) => {
        if (index === crashAt) throw new Error('power cut');
      },
    },
  }).handlers;
}

async function openAndRead(handlers: ReturnType<typeof crashingAfterMove>) {
  const { file } = await handlers['backup:add-file'](undefined);
  const opened = await handlers['backup:restore-open']({ file: file!, passphrase: PASSPHRASE });
  for (let offset = 0; ;) {
    const { data, done } = await handlers['backup:restore-read']({ restoreId: opened.restoreId, offset });
    offset += Buffer.from(data, 'base64').length;
    if (done) break;
  }
  return opened;
}

describe('a restore cut short', () => {
  it('is rolled forward when Redress starts again: every file in place, then the database pointer', async () => {
    const crashing = crashingAfterMove(3);
    const opened = await openAndRead(crashing);
    await expect(crashing['backup:restore-commit']({ restoreId: opened.restoreId })).rejects.toThrow(
      'power cut',
    );
    // Cut short: the renderer still opens the database it had.
    expect(await crashing['database:active'](undefined)).toEqual({ name: 'redress' });
    expect(await readdir(fresh)).toContain('.restore-journal.json');

    const restarted = handlersFor(fresh);
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: opened.targetName });
    const after = await snapshot(fresh);
    for (const [path, hash] of Object.entries(made)) {
      if (path.startsWith('backups/') || path.startsWith('backup')) continue;
      expect(after[path], path).toBe(hash);
    }
    // The anchor of the database this computer had describes another chain: it goes.
    expect(after['audit-anchor-old.json']).toBeUndefined();
    expect((await readdir(fresh)).filter((name) => name.startsWith('.restore'))).toEqual([]);
  });

  it('keeps evidence this computer already had, and is finished by the first call after a restart', async () => {
    const own = await addEvidence(fresh, [777]);
    const crashing = crashingAfterMove(0);
    const opened = await openAndRead(crashing);
    await expect(crashing['backup:restore-commit']({ restoreId: opened.restoreId })).rejects.toThrow(
      'power cut',
    );
    const restarted = handlersFor(fresh);
    expect(await call(restarted, 'auth:status', undefined)).toMatchObject({ setUp: true });
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: opened.targetName });
    expect(await readdir(join(fresh, 'evidence'))).toContain(own[0]);
  });

  it('that was never committed leaves nothing behind and changes nothing', async () => {
    const before = await snapshot(fresh);
    const handlers = handlersFor(fresh, {
      dialogs: {
        chooseSaveFile: async () => null,
        chooseFolder: async () => null,
        chooseOpenFile: async () => backupPath,
      },
    });
    const { file } = await call(handlers, 'backup:add-file', undefined);
    const opened = await call(handlers, 'backup:restore-open', { file: file!, passphrase: PASSPHRASE });
    await readDatabase(handlers, opened.restoreId);
    expect((await readdir(fresh)).some((name) => name.startsWith('.restore-'))).toBe(true);

    const restarted = handlersFor(fresh);
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: 'redress' });
    const after = await snapshot(fresh);
    expect(Object.keys(after).filter((path) => !path.startsWith('backups/'))).toEqual(Object.keys(before));
    expect(after['settings.json']).toBe(before['settings.json']);
  });

  it('is cancelled on request, its staging folder removed', async () => {
    const handlers = handlersFor(fresh, {
      dialogs: {
        chooseSaveFile: async () => null,
        chooseFolder: async () => null,
        chooseOpenFile: async () => backupPath,
      },
    });
    const { file } = await call(handlers, 'backup:add-file', undefined);
    const opened = await call(handlers, 'backup:restore-open', { file: file!, passphrase: PASSPHRASE });
    await expect(
      call(handlers, 'backup:restore-commit', { restoreId: opened.restoreId }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'The database in the backup was not read to its end, so nothing was restored. Restore it again.',
    });
    expect(await call(handlers, 'backup:restore-cancel', { restoreId: opened.restoreId })).toEqual({
      cancelled: true,
    });
    expect((await readdir(fresh)).filter((name) => name.startsWith('.restore'))).toEqual([]);
    await expect(
      call(handlers, 'backup:restore-read', { restoreId: opened.restoreId, offset: 0 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
