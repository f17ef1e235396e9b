// The main process's half of the backup figures, for the bench to call: sealing a backup of 1,000
// evidence files of about 50 KB (`backup:finish`, which reads and encrypts every file) and opening
// it for a restore (`backup:restore-open`, which decrypts and checks the whole file into staging).
// Run alone with `npx tsx tests/bench/backup-main.ts`; prints JSON.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../src-main/handlers';
import { dispatch } from '../../src-main/ipc/dispatch';
import type { Channel, Handlers, InputOf, OutputOf } from '../../src-shared/ipc/contract';

export interface BackupMainFigures {
  evidenceFiles: number;
  evidenceBytes: number;
  databaseBytes: number;
  backupBytes: number;
  finishMs: number;
  restoreOpenMs: number;
  /** Megabytes per second through finish and restore-open (evidence and database together). */
  finishMBps: number;
  restoreOpenMBps: number;
}

async function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: InputOf<C>,
): Promise<OutputOf<C>> {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as OutputOf<C>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Times `backup:finish` and `backup:restore-open` over a throwaway data folder, then removes it. */
export async function benchBackupMain(
  options: { evidenceFiles?: number; evidenceBytes?: number; databaseBytes?: number } = {},
): Promise<BackupMainFigures> {
  const files = options.evidenceFiles ?? 1000;
  const fileBytes = options.evidenceBytes ?? 50 * 1024;
  const databaseBytes = options.databaseBytes ?? 4 * 1024 * 1024;
  const dataDir = await mkdtemp(join(tmpdir(), 'redress-bench-backup-'));
  try {
    // The password and passphrase cost is not what is measured here: the test cost keeps set-up quick.
    const handlers = createHandlers({
      dataDir,
      appVersion: 'bench',
      runtime: 'harness',
      insecureScryptForTests: { ln: 4, r: 8, p: 1 },
    });
    await call(handlers, 'auth:setup', { name: 'Bench Admin', password: 'tidal harbour lantern' });
    const passphrase = 'harbour lantern orchard';
    await call(handlers, 'backup:set-passphrase', { passphrase });
    await mkdir(join(dataDir, 'evidence'), { recursive: true });
    for (let i = 0; i < files; i += 1) {
      const bytes = randomBytes(fileBytes);
      await writeFile(join(dataDir, 'evidence', sha256(bytes)), bytes);
    }
    const database = randomBytes(databaseBytes);
    const { backupId, chunkBytes } = await call(handlers, 'backup:begin', {
      reason: 'manual',
      schemaVersion: 1,
      counts: {},
      auditHead: null,
      databaseBytes: database.length,
    });
    for (let offset = 0; offset < database.length; offset += chunkBytes) {
      const data = database.subarray(offset, offset + chunkBytes).toString('base64');
      await call(handlers, 'backup:chunk', { backupId, offset, data });
    }
    let t0 = performance.now();
    const summary = await call(handlers, 'backup:finish', { backupId, databaseSha256: sha256(database) });
    const finishMs = performance.now() - t0;
    t0 = performance.now();
    const opened = await call(handlers, 'backup:restore-open', { file: summary.file, passphrase });
    const restoreOpenMs = performance.now() - t0;
    await call(handlers, 'backup:restore-cancel', { restoreId: opened.restoreId });
    const megabytes = (files * fileBytes + databaseBytes) / (1024 * 1024);
    return {
      evidenceFiles: summary.evidenceFiles,
      evidenceBytes: files * fileBytes,
      databaseBytes,
      backupBytes: summary.size,
      finishMs: Math.round(finishMs),
      restoreOpenMs: Math.round(restoreOpenMs),
      finishMBps: Math.round((megabytes / (finishMs / 1000)) * 10) / 10,
      restoreOpenMBps: Math.round((megabytes / (restoreOpenMs / 1000)) * 10) / 10,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('backup-main.ts')) {
  void benchBackupMain().then((figures) => console.log(JSON.stringify(figures, null, 2)));
}
