import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import { adminWithPassphrase, call, databaseExport, handlersFor, makeBackup } from './fixtures';

let home: string;
let shared: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'redress-backup-shared-'));
  shared = join(home, 'office-share');
  await mkdir(shared);
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** A desk (its own data folder) whose backups go to the office's shared folder. */
async function deskOnShare(name: string, keepCount: number): Promise<Handlers> {
  const handlers = await adminWithPassphrase(join(home, name), {
    dialogs: { chooseSaveFile: async () => null, chooseFolder: async () => shared },
  });
  await call(handlers, 'backup:configure', { chooseFolder: true, keepCount });
  return handlers;
}

const filesIn = async (folder: string) => (await readdir(folder)).sort();

/** Names as Redress gave them before desks were named, oldest first. */
const UNTAGGED = [
  'redress-20250101-090000Z-daily.redressbackup',
  'redress-20250102-090000Z-daily.redressbackup',
  'redress-20250103-090000Z-quit.redressbackup',
];

/** Copies of a real backup under the names of backups made before desks were named. */
async function untaggedBackups(folder: string, from: string): Promise<void> {
  for (const name of UNTAGGED) await copyFile(from, join(folder, name));
}

describe('desks sharing one backup folder', () => {
  it('each keep their own newest backups and never remove the other’s', async () => {
    const a = await deskOnShare('desk-a', 2);
    const b = await deskOnShare('desk-b', 2);
    const made: Record<'a' | 'b', string[]> = { a: [], b: [] };
    for (let i = 0; i < 3; i += 1) {
      made.a.push((await makeBackup(a, databaseExport(5), { reason: 'daily' })).file);
      made.b.push((await makeBackup(b, databaseExport(5), { reason: 'daily' })).file);
    }
    expect(await filesIn(shared)).toEqual([...made.a.slice(1), ...made.b.slice(1)].sort());
    // Each name carries its desk, the same for every backup of that desk.
    const tag = (file: string) => /\.desk-([0-9a-f]{8})/.exec(file)?.[1];
    expect(new Set(made.a.map(tag)).size).toBe(1);
    expect(new Set(made.b.map(tag)).size).toBe(1);
    expect(tag(made.a[0]!)).not.toBe(tag(made.b[0]!));

    // Both desks list all four, each marking the other's as made on another computer.
    const listA = await call(a, 'backup:list', undefined);
    expect(listA.backups).toHaveLength(4);
    expect([...listA.madeElsewhere].sort()).toEqual(made.b.slice(1).sort());
    const listB = await call(b, 'backup:list', undefined);
    expect([...listB.madeElsewhere].sort()).toEqual(made.a.slice(1).sort());
  });

  it('keep the desk’s name across a restart of Redress', async () => {
    const a = await deskOnShare('desk-a', 5);
    const first = await makeBackup(a, databaseExport(5));
    const restarted = handlersFor(join(home, 'desk-a'));
    await call(restarted, 'auth:sign-in', { name: 'Ada Admin', password: 'tidal harbour lantern' });
    await call(restarted, 'backup:unlock', { passphrase: 'harbour lantern orchard' });
    const second = await makeBackup(restarted, databaseExport(5));
    expect(second.file.split('.desk-')[1]!.slice(0, 8)).toBe(first.file.split('.desk-')[1]!.slice(0, 8));
    expect((await call(restarted, 'backup:list', undefined)).madeElsewhere).toEqual([]);
  });
});

describe('backups named before desks were named', () => {
  it('in a chosen folder (perhaps shared) are listed and restorable, and never pruned', async () => {
    const a = await deskOnShare('desk-a', 1);
    const seed = await makeBackup(a, databaseExport(5));
    await untaggedBackups(shared, join(shared, seed.file));
    await rm(join(shared, seed.file));

    const made = await makeBackup(a, databaseExport(5));
    const next = await makeBackup(a, databaseExport(5));
    expect(await filesIn(shared)).toEqual([...UNTAGGED, next.file].sort());
    expect(made.file).not.toBe(next.file);

    const { backups, madeElsewhere } = await call(a, 'backup:list', undefined);
    expect(backups.map((backup) => backup.file).sort()).toEqual([...UNTAGGED, next.file].sort());
    // Whose they are cannot be told from their names: not marked.
    expect(madeElsewhere).toEqual([]);
    await expect(call(a, 'backup:verify', { file: UNTAGGED[0]! })).resolves.toMatchObject({
      file: UNTAGGED[0],
    });
    const opened = await call(a, 'backup:restore-open', { file: UNTAGGED[0]! });
    await call(a, 'backup:restore-cancel', { restoreId: opened.restoreId });
  });

  it('in the default folder in the data folder are this desk’s own, and pruned oldest first with its new ones', async () => {
    const dataDir = join(home, 'desk-a');
    const a = await adminWithPassphrase(dataDir);
    const folder = join(dataDir, 'backups');
    const seed = await makeBackup(a, databaseExport(5));
    await untaggedBackups(folder, join(folder, seed.file));
    await rm(join(folder, seed.file));
    await call(a, 'backup:configure', { keepCount: 2 });

    const made = await makeBackup(a, databaseExport(5));
    expect(await filesIn(folder)).toEqual([UNTAGGED[2]!, made.file].sort());
  });
});
