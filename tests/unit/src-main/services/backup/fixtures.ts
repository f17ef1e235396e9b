import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHandlers, type HandlerContext } from '../../../../../src-main/handlers';
import {
  createBackupService,
  type BackupServiceOptions,
} from '../../../../../src-main/services/backup/handlers';
import { dispatch } from '../../../../../src-main/ipc/dispatch';
import type { Channel, Handlers, InputOf, OutputOf } from '../../../../../src-shared/ipc/contract';
import type { IpcError } from '../../../../../src-shared/errors';
import { ADMIN, TEST_SCRYPT } from '../accounts/fixtures';

export { ADMIN, TEST_SCRYPT };
export const PASSPHRASE = 'harbour lantern orchard';
export const OTHER_PASSPHRASE = 'copper kettle morning tide';

/** One call through the contract (inputs and outputs checked), throwing the IPC error on failure. */
export async function call<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: InputOf<C>,
): Promise<OutputOf<C>> {
  const result = await dispatch(handlers, channel, input, () => undefined);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error) as Error & IpcError;
  return result.value as OutputOf<C>;
}

/** The app's handler map over `dataDir`, at the test scrypt cost. */
export const handlersFor = (dataDir: string, extra: Partial<HandlerContext> = {}): Handlers =>
  createHandlers({
    dataDir,
    appVersion: '1.2.3',
    runtime: 'harness',
    insecureScryptForTests: TEST_SCRYPT,
    ...extra,
  });

/** The backup service alone over `dataDir` (its channels are enough for backing up and restoring), at the test scrypt cost. */
export const backupServiceFor = (dataDir: string, extra: Partial<BackupServiceOptions> = {}): Handlers =>
  createBackupService({
    dataDir,
    appVersion: '1.2.3',
    userName: () => null,
    endSession: async () => undefined,
    timeZone: async () => 'Europe/London',
    scrypt: TEST_SCRYPT,
    ...extra,
  }).handlers as unknown as Handlers;

/** Dialogs whose open-file dialog picks `path` (Electron's dialogs in the app; the harness has none). */
export const openDialogPicking = (path: string): Pick<HandlerContext, 'dialogs'> => ({
  dialogs: {
    chooseSaveFile: async () => null,
    chooseFolder: async () => null,
    chooseOpenFile: async () => path,
  },
});

/** The handler map with the administrator signed in and the backup passphrase set. */
export async function adminWithPassphrase(
  dataDir: string,
  extra: Partial<HandlerContext> = {},
): Promise<Handlers> {
  const handlers = handlersFor(dataDir, extra);
  await call(handlers, 'auth:setup', { name: ADMIN.name, password: ADMIN.password });
  await call(handlers, 'backup:set-passphrase', { passphrase: PASSPHRASE });
  return handlers;
}

/** A database export as the renderer sends it: gzip-compressed JSON with text from many scripts. */
export function databaseExport(rows = 4000): Buffer {
  const names = [
    'Ngũgĩ wa Thiong’o 📚',
    'Đặng Thị Thu Hà',
    '東京都 千代田区 😀',
    'مرحبا بالعالم',
    'Ελένη Παπαδοπούλου',
  ];
  const data = Array.from({ length: rows }, (_, i) => ({
    id: i,
    complainant: names[i % names.length],
    // Random so the export does not compress to nothing: it must span several segments.
    notes: randomBytes(600).toString('base64'),
  }));
  return gzipSync(Buffer.from(JSON.stringify({ formatName: 'dexie', data }), 'utf8'));
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Sends a database export in chunks of the given sizes (the rest in the chunk size main gives) and seals the backup. */
export async function makeBackup(
  handlers: Handlers,
  database: Buffer,
  options: { reason?: 'manual' | 'daily' | 'quit' | 'before-restore'; chunkSizes?: number[] } = {},
) {
  const { backupId, chunkBytes } = await call(handlers, 'backup:begin', {
    reason: options.reason ?? 'manual',
    schemaVersion: 7,
    counts: { cases: 3, auditLog: 12 },
    auditHead: { seq: 12, hash: 'ab'.repeat(32) },
    databaseBytes: database.length,
  });
  const sizes = [...(options.chunkSizes ?? [])];
  for (let offset = 0; offset < database.length;) {
    const size = Math.min(sizes.shift() ?? chunkBytes, database.length - offset);
    await call(handlers, 'backup:chunk', {
      backupId,
      offset,
      data: database.subarray(offset, offset + size).toString('base64'),
    });
    offset += size;
  }
  return call(handlers, 'backup:finish', { backupId, databaseSha256: sha256(database) });
}

/** Evidence files as the evidence store keeps them (`evidence/<sha256>`); answers their names. */
export async function addEvidence(dataDir: string, sizes: number[]): Promise<string[]> {
  await mkdir(join(dataDir, 'evidence'), { recursive: true });
  const names: string[] = [];
  for (const size of sizes) {
    const bytes = randomBytes(size);
    const name = sha256(bytes);
    await writeFile(join(dataDir, 'evidence', name), bytes, { mode: 0o444 });
    names.push(name);
  }
  return names;
}

/** Every file under `dir` (relative path → SHA-256), to compare folders byte for byte. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = sha256(await readFile(path));
  }
  return out;
}

/** Reads the database part of an opened restore, chunk by chunk. */
export async function readDatabase(handlers: Handlers, restoreId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ;) {
    const { data, done } = await call(handlers, 'backup:restore-read', { restoreId, offset });
    const bytes = Buffer.from(data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (done) return Buffer.concat(parts);
  }
}
