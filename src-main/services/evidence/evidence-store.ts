// The evidence store: files kept under `<dataDir>/evidence/<sha256>`, named by their content, so a
// file is stored once however often it is attached and any change to it is detectable. Bytes
// arrive in chunks (the same calls work over Electron IPC and the test harness's HTTP bridge),
// go to a temp file in the same folder, are flushed, then renamed: a crash never leaves half a file.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from '../files/atomic-write';
import { viewerCopy } from '../../../src-shared/domain/file-names';
import { SHA256_HEX } from '../../../src-shared/domain/investigation';
import { EVIDENCE_CHUNK_BYTES } from '../../../src-shared/ipc/channels/evidence';
import { ConflictError, NotFoundError, ValidationError, AppError } from '../../../src-shared/errors';

export const EVIDENCE_DIR = 'evidence';
export const OPENED_DIR = 'evidence-opened';
/** Decoded bytes per chunk: small enough for one IPC message or HTTP body, big enough to be quick. */
const CHUNK_BYTES = EVIDENCE_CHUNK_BYTES;
const UPLOAD_TTL_MS = 60 * 60 * 1000;

export type IntegrityState = 'ok' | 'missing' | 'altered';

interface Upload {
  name: string;
  declaredSize: number;
  received: number;
  temp: string;
  handle: FileHandle;
  hash: ReturnType<typeof createHash>;
  startedAt: number;
}

export interface EvidenceStoreOptions {
  /** The size limit in bytes, read at the start of each upload (it lives in Settings). */
  maxBytes: () => Promise<number>;
  /** Opens a file with the system viewer; resolves to '' or an error message (Electron's shell.openPath). */
  openPath?: (path: string) => Promise<string>;
  now?: () => number;
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function createEvidenceStore(dataDir: string, options: EvidenceStoreOptions) {
  const dir = join(dataDir, EVIDENCE_DIR);
  const now = options.now ?? Date.now;
  const uploads = new Map<string, Upload>();

  const pathOf = (sha256: string) => {
    // The name is checked, never trusted: only 64 hex characters can name a stored file.
    if (!SHA256_HEX.test(sha256)) throw new ValidationError('That is not an evidence fingerprint.', 'sha256');
    return join(dir, sha256);
  };

  async function discard(id: string): Promise<void> {
    const upload = uploads.get(id);
    if (!upload) return;
    uploads.delete(id);
    await upload.handle.close().catch(() => undefined);
    await rm(upload.temp, { force: true });
  }

  async function discardStale(): Promise<void> {
    const cutoff = now() - UPLOAD_TTL_MS;
    for (const [id, u] of uploads) if (u.startedAt < cutoff) await discard(id);
  }

  async function start(input: {
    name: string;
    size: number;
  }): Promise<{ uploadId: string; chunkBytes: number }> {
    await discardStale();
    if (input.size <= 0)
      throw new ValidationError(`“${input.name}” is empty: there is nothing to keep.`, 'size');
    const max = await options.maxBytes();
    if (input.size > max) {
      throw new ValidationError(
        `“${input.name}” is ${mb(input.size)}; evidence files can be at most ${mb(max)} (see Settings).`,
        'size',
      );
    }
    await mkdir(dir, { recursive: true });
    const uploadId = randomUUID();
    const temp = join(dir, `.upload-${uploadId}.tmp`);
    const handle = await open(temp, 'wx');
    uploads.set(uploadId, {
      name: input.name,
      declaredSize: input.size,
      received: 0,
      temp,
      handle,
      hash: createHash('sha256'),
      startedAt: now(),
    });
    return { uploadId, chunkBytes: CHUNK_BYTES };
  }

  function uploadOf(id: string): Upload {
    const upload = uploads.get(id);
    if (!upload) throw new NotFoundError('This upload has expired or was cancelled. Add the file again.');
    return upload;
  }

  async function chunk(input: {
    uploadId: string;
    offset: number;
    data: Uint8Array;
  }): Promise<{ received: number }> {
    const upload = uploadOf(input.uploadId);
    if (input.offset !== upload.received) {
      await discard(input.uploadId);
      throw new ConflictError('Part of the file went missing on the way. Add the file again.');
    }
    if (input.data.length === 0 || input.data.length > CHUNK_BYTES) {
      await discard(input.uploadId);
      throw new ValidationError('A part of the file had an unexpected size. Add the file again.');
    }
    if (upload.received + input.data.length > upload.declaredSize) {
      await discard(input.uploadId);
      throw new ValidationError(`“${upload.name}” is larger than it said it was. Add the file again.`);
    }
    await upload.handle.write(input.data);
    upload.hash.update(input.data);
    upload.received += input.data.length;
    return { received: upload.received };
  }

  /** Flushes the temp file and renames it to its hash; if that content is already stored, keeps the one copy. */
  async function finish(input: {
    uploadId: string;
  }): Promise<{ sha256: string; size: number; alreadyStored: boolean }> {
    const upload = uploadOf(input.uploadId);
    uploads.delete(input.uploadId);
    try {
      if (upload.received !== upload.declaredSize) {
        throw new ValidationError(
          `Only ${upload.received} of ${upload.declaredSize} bytes of “${upload.name}” arrived. Add the file again.`,
        );
      }
      await upload.handle.sync();
      await upload.handle.close();
      const sha256 = upload.hash.digest('hex');
      const target = join(dir, sha256);
      const existing = await hashFile(target).catch(() => null);
      if (existing === sha256) {
        await rm(upload.temp, { force: true });
        return { sha256, size: upload.received, alreadyStored: true };
      }
      // Missing, or an altered copy: the fresh bytes (which match the name) take its place.
      await chmod(target, 0o644).catch(() => undefined);
      await rename(upload.temp, target);
      await chmod(target, 0o444).catch(() => undefined);
      await syncDir(dir);
      return { sha256, size: upload.received, alreadyStored: false };
    } catch (error) {
      await upload.handle.close().catch(() => undefined);
      await rm(upload.temp, { force: true });
      throw error;
    }
  }

  async function cancel(input: { uploadId: string }): Promise<{ cancelled: boolean }> {
    const known = uploads.has(input.uploadId);
    await discard(input.uploadId);
    return { cancelled: known };
  }

  /** Stores bytes in one go (tests, and small files from other services). */
  async function importBytes(name: string, bytes: Uint8Array) {
    const { uploadId } = await start({ name, size: bytes.length });
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      await chunk({ uploadId, offset, data: bytes.subarray(offset, offset + CHUNK_BYTES) });
    }
    return finish({ uploadId });
  }

  /** Recomputes each file's hash: 'missing' when it is gone, 'altered' when its content changed. */
  async function verify(hashes: readonly string[]): Promise<{ sha256: string; state: IntegrityState }[]> {
    const results: { sha256: string; state: IntegrityState }[] = [];
    for (const sha256 of new Set(hashes)) {
      const path = pathOf(sha256);
      let actual: string;
      try {
        actual = await hashFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          results.push({ sha256, state: 'missing' });
          continue;
        }
        throw error;
      }
      results.push({ sha256, state: actual === sha256 ? 'ok' : 'altered' });
    }
    return results;
  }

  /**
   * Opens a read-only copy with the system viewer, so nothing a viewer does can touch the stored
   * original. Only types whose program merely shows them are opened (see `viewerCopy`): the system
   * picks the program by the name, and a name like `invoice.pdf.exe` would run. The copy is checked
   * against the hash first: an altered file is not shown as evidence.
   */
  async function openCopy(input: { sha256: string; name: string }): Promise<{ path: string }> {
    const source = pathOf(input.sha256);
    const viewable = viewerCopy(input.name);
    if (!viewable.ok) throw new AppError('UNSAFE_FILE_TYPE', viewable.message, 'name');
    const actual = await hashFile(source).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new NotFoundError('This file is missing from the evidence store.');
      throw error;
    });
    if (actual !== input.sha256) {
      throw new ConflictError(
        'This file was altered since it was added; it is not opened. Verify integrity.',
      );
    }
    if (!options.openPath) throw new AppError('IO', 'Files cannot be opened with a viewer here.');
    const folder = join(dataDir, OPENED_DIR, randomUUID());
    await mkdir(folder, { recursive: true });
    const copy = join(folder, viewable.fileName);
    await copyFile(source, copy);
    await chmod(copy, 0o400);
    const problem = await options.openPath(copy);
    if (problem) {
      throw new AppError(
        'IO',
        'The file could not be opened: this computer may have no program set up to show this kind of file.',
        undefined,
        { cause: new Error(problem) },
      );
    }
    return { path: copy };
  }

  async function exists(sha256: string): Promise<boolean> {
    return stat(pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  return { dir, pathOf, start, chunk, finish, cancel, importBytes, verify, openCopy, exists };
}
export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
