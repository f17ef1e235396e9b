import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  PASSPHRASE,
  addEvidence,
  adminWithPassphrase,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  openDialogPicking,
  readDatabase,
  snapshot,
} from './fixtures';
import { SEGMENT_BYTES } from '../../../../../src-main/services/backup/backup-format';

let home: string;
let desk: string;
let fresh: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'redress-backup-'));
  desk = join(home, 'desk');
  fresh = join(home, 'fresh');
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** The files a restore brings back: everything but the backups themselves and this desk's backup settings. */
const restorable = (files: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(files).filter(
      // The census is written by the restore itself (the restored database's counts); the desk's
      // id (team-desk.json) is each computer's own.
      ([path]) =>
        !/^(backups\/|backup\.json$|backup-key\.json$|database\.json$|database-census\.json$|team-desk\.json$)/.test(
          path,
        ),
    ),
  );

describe('a backup made on one desk and restored into a fresh data folder', () => {
  it('brings back the database export and every file byte for byte', async () => {
    const handlers = await adminWithPassphrase(desk);
    await call(handlers, 'settings:set', { officeName: 'Harbour Bank — Ōsaka branch' });
    const evidence = await addEvidence(desk, [
      SEGMENT_BYTES + 12345,
      ...Array.from({ length: 21 }, (_, i) => 100 + i * 997),
    ]);
    await writeFile(join(desk, 'audit-anchor.json'), '{"seq":12,"mac":"00"}\n');
    await writeFile(join(desk, 'audit-anchor-2026.jsonl'), '{"seq":1}\n{"seq":12}\n');
    // Not backed up: a link and an upload's temp file in the evidence folder.
    await writeFile(join(desk, 'evidence', '.upload-0b5c3a52.tmp'), 'half a file');
    const database = databaseExport();
    expect(database.length).toBeGreaterThan(2 * SEGMENT_BYTES);

    // Chunks of odd sizes, so the UTF-8 of names and the segments break at unaligned places.
    const summary = await makeBackup(handlers, database, {
      chunkSizes: [1, 2, 3, 5, 8, 13, 65_537, SEGMENT_BYTES - 1],
    });
    const before = restorable(await snapshot(desk));
    delete before['evidence/.upload-0b5c3a52.tmp'];

    expect(summary).toMatchObject({
      reason: 'manual',
      appVersion: '1.2.3',
      schemaVersion: 7,
      counts: { cases: 3, auditLog: 12 },
      evidenceFiles: 22,
      auditHead: { seq: 12, hash: 'ab'.repeat(32) },
      by: 'Ada Admin',
      training: false,
    });
    expect(summary.file).toMatch(/^redress-\d{8}-\d{6}Z-manual\.desk-[0-9a-f]{8}\.redressbackup$/);
    expect(await readdir(join(desk, 'backups'))).toEqual([summary.file]);

    // A new computer: nobody has an account yet, the backup comes in through the open dialog.
    const restored = handlersFor(fresh, openDialogPicking(join(desk, 'backups', summary.file)));
    const { file } = await call(restored, 'backup:add-file', undefined);
    // Named as a desk names its own: marked added, so no pruning takes it for one of this desk's.
    expect(file).toBe(`added-${summary.file}`);
    const added = { ...summary, file: file! };
    expect((await call(restored, 'backup:list', undefined)).backups).toEqual([added]);
    expect(await call(restored, 'backup:verify', { file: added.file, passphrase: PASSPHRASE })).toEqual(
      added,
    );

    const opened = await call(restored, 'backup:restore-open', {
      file: added.file,
      passphrase: PASSPHRASE,
    });
    expect(opened).toMatchObject({ summary: added, databaseBytes: database.length });
    expect(opened.targetName).toMatch(/^redress-[0-9a-f-]{36}$/);
    const read = await readDatabase(restored, opened.restoreId);
    expect(read.equals(database)).toBe(true);
    expect(gunzipSync(read).toString('utf8')).toContain('Ngũgĩ wa Thiong’o 📚');
    expect(await call(restored, 'database:active', undefined)).toEqual({ name: 'redress' });

    expect(await call(restored, 'backup:restore-commit', { restoreId: opened.restoreId })).toEqual({
      name: opened.targetName,
    });
    expect(await call(restored, 'database:active', undefined)).toEqual({ name: opened.targetName });
    const after = await snapshot(fresh);
    expect(restorable(after)).toEqual(before);
    expect(after['team-desk.json']).not.toBe((await snapshot(desk))['team-desk.json']);
    expect(
      Object.keys(after)
        .filter((path) => path.startsWith('evidence/'))
        .sort(),
    ).toEqual(evidence.map((name) => `evidence/${name}`).sort());
    // Nothing of the restore is left over.
    expect((await readdir(fresh)).filter((name) => name.startsWith('.restore'))).toEqual([]);
    // The restored accounts sign in, and the office's passphrase became this desk's: backups run on.
    expect(await call(restored, 'auth:status', undefined)).toMatchObject({ setUp: true, user: null });
    await call(restored, 'auth:sign-in', { name: ADMIN.name, password: ADMIN.password });
    expect(await call(restored, 'backup:status', undefined)).toMatchObject({ key: 'ready' });
    await expect(call(restored, 'backup:verify', { file: added.file })).resolves.toEqual(added);
    await expect(makeBackup(restored, databaseExport(5))).resolves.toMatchObject({ by: 'Ada Admin' });
    expect(JSON.parse(await readFile(join(fresh, 'settings.json'), 'utf8'))).toMatchObject({
      officeName: 'Harbour Bank — Ōsaka branch',
    });
  });
});

describe('a backup restored on the desk it was made on', () => {
  it('mends an evidence file damaged here since, from the backup’s intact copy; keeps the others', async () => {
    const handlers = await adminWithPassphrase(desk);
    const [damaged, intact] = await addEvidence(desk, [4000, 5000]);
    const summary = await makeBackup(handlers, databaseExport(5));
    const path = join(desk, 'evidence', damaged!);
    const bytes = await readFile(path);
    bytes[10] = bytes[10]! ^ 0xff;
    await chmod(path, 0o644);
    await writeFile(path, bytes);

    const opened = await call(handlers, 'backup:restore-open', {
      file: summary.file,
      passphrase: PASSPHRASE,
    });
    await readDatabase(handlers, opened.restoreId);
    await call(handlers, 'backup:restore-commit', { restoreId: opened.restoreId });
    const after = await snapshot(desk);
    expect(after[`evidence/${damaged}`]).toBe(damaged);
    expect(after[`evidence/${intact}`]).toBe(intact);
  });
});
