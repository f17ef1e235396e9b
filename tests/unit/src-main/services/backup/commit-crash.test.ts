import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PASSPHRASE,
  addEvidence,
  adminWithPassphrase,
  backupServiceFor,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  openDialogPicking,
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
const crashingAfterMove = (crashAt: number) => failingAfterMove((index) => index === crashAt, 'power cut');

/** The backup handlers over the fresh folder, failing after each move for which `fails` says so. */
function failingAfterMove(fails: (index: number) => boolean, why: string) {
  return backupServiceFor(fresh, {
    dialogs: { chooseFolder: async () => null, chooseOpenFile: async () => backupPath },
    hooks: {
      afterMove: (index) => {
        if (fails(index)) throw new Error(why);
      },
    },
  });
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
  it('that failed in this session is finished before the next answer, once the cause is gone', async () => {
    let failing = true;
    const handlers = failingAfterMove(() => failing, 'disk away for a moment');
    const opened = await openAndRead(handlers);
    await expect(handlers['backup:restore-commit']({ restoreId: opened.restoreId })).rejects.toMatchObject({
      code: 'RESTORE_UNFINISHED',
    });
    await expect(handlers['database:active'](undefined)).rejects.toThrow('disk away for a moment');
    failing = false;
    expect(await handlers['database:active'](undefined)).toEqual({ name: opened.targetName });
  });

  it('is rolled forward when Redress starts again: every file in place, then the database pointer', async () => {
    const crashing = crashingAfterMove(3);
    const opened = await openAndRead(crashing);
    await expect(crashing['backup:restore-commit']({ restoreId: opened.restoreId })).rejects.toMatchObject({
      code: 'RESTORE_UNFINISHED',
      message:
        'The restore could not be finished just now. Close Redress and open it again: it finishes the restore first.',
    });
    // Cut short: the pointer is not switched yet, and the journal says what is left to do.
    expect(await readdir(fresh)).toContain('.restore-journal.json');
    expect(await readdir(fresh)).not.toContain('database.json');

    const restarted = handlersFor(fresh);
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: opened.targetName });
    const after = await snapshot(fresh);
    for (const [path, hash] of Object.entries(made)) {
      // The desk's id (team-desk.json) is the computer's own, never restored.
      if (path.startsWith('backups/') || path.startsWith('backup') || path === 'team-desk.json') continue;
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
    await expect(crashing['backup:restore-commit']({ restoreId: opened.restoreId })).rejects.toMatchObject({
      code: 'RESTORE_UNFINISHED',
    });
    const restarted = handlersFor(fresh);
    expect(await call(restarted, 'auth:status', undefined)).toMatchObject({ setUp: true });
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: opened.targetName });
    expect(await readdir(join(fresh, 'evidence'))).toContain(own[0]);
  });

  /** The fresh folder's handlers with the backup brought in and opened for restoring. */
  async function opening() {
    const handlers = handlersFor(fresh, openDialogPicking(backupPath));
    const { file } = await call(handlers, 'backup:add-file', undefined);
    const opened = await call(handlers, 'backup:restore-open', { file: file!, passphrase: PASSPHRASE });
    return { handlers, opened };
  }

  it('that was never committed leaves nothing behind and changes nothing', async () => {
    const before = await snapshot(fresh);
    const { handlers, opened } = await opening();
    await readDatabase(handlers, opened.restoreId);
    expect((await readdir(fresh)).some((name) => name.startsWith('.restore-'))).toBe(true);

    const restarted = handlersFor(fresh);
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: 'redress' });
    const after = await snapshot(fresh);
    expect(Object.keys(after).filter((path) => !path.startsWith('backups/'))).toEqual(Object.keys(before));
    expect(after['settings.json']).toBe(before['settings.json']);
  });

  it('is cancelled on request, its staging folder removed', async () => {
    const { handlers, opened } = await opening();
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
