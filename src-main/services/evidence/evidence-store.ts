// The evidence store: files kept under `<dataDir>/evidence/<sha256>`, named by their content, so a
// file is stored once however often it is attached and any change to it is detectable. Bytes
// arrive in chunks (the same calls work over Electron IPC and the test harness's HTTP bridge),
// go to a temp file in the same folder, are flushed, read back, then renamed: a crash, a full disk
// or a disk that drops bytes never leaves half a file under a full file's name.
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ATOMIC_TEMP_NAME, syncDir } from '../files/atomic-write';
import { viewerCopy } from '../../../src-shared/domain/file-names';
import { diskSpaceLevel, type DiskSpace } from '../../../src-shared/domain/disk-space';
import { SHA256_HEX } from '../../../src-shared/domain/investigation';
import { EVIDENCE_CHUNK_BYTES } from '../../../src-shared/ipc/channels/evidence';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  AppError,
  systemError,
} from '../../../src-shared/errors';

export const EVIDENCE_DIR = 'evidence';
export const OPENED_DIR = 'evidence-opened';
/** A folder of one opened copy: the file's SHA-256, then a UUID (before 2026-12: the UUID only). */
const OPENED_COPY_DIR = /^(?:[0-9a-f]{64}\.)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Decoded bytes per chunk: small enough for one IPC message or HTTP body, big enough to be quick. */
const CHUNK_BYTES = EVIDENCE_CHUNK_BYTES;
const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** Each open upload holds a file handle; a renderer gone wrong must not use up the process's handles. */
export const MAX_OPEN_UPLOADS = 8;
/** Temp files older than this belong to no live upload or write (uploads expire after an hour). */
const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const UPLOAD_TEMP_NAME = /^\.upload-[0-9a-f-]+\.tmp$/;
// Windows has no O_NOFOLLOW; there the lstat before each open is what refuses a link.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_BYTES = 1024 * 1024;

export const DISK_FULL_MESSAGE = 'The disk is full: the file was not stored.';

export type IntegrityState = 'ok' | 'missing' | 'altered';

/** Writes bytes at a position and resolves to how many it wrote, which may be fewer than asked. */
export type WriteAt = (handle: FileHandle, data: Uint8Array, position: number) => Promise<number>;
const writeAtDefault: WriteAt = async (handle, data, position) =>
  (await handle.write(data, 0, data.length, position)).bytesWritten;

interface Upload {
  name: string;
  declaredSize: number;
  /** The fingerprint the caller expects, when it knows it: anything else is not stored. */
  declaredSha256?: string;
  received: number;
  temp: string;
  handle: FileHandle;
  hash: ReturnType<typeof createHash>;
  startedAt: number;
  /** Chunks, finish and cancel of one upload run one after another, in the order they came. */
  queue: Promise<void>;
}

export interface EvidenceStoreOptions {
  /** The size limit in bytes, read at the start of each upload (it lives in Settings). */
  maxBytes: () => Promise<number>;
  /** Opens a file with the system viewer; resolves to '' or an error message (Electron's shell.openPath). */
  openPath?: (path: string) => Promise<string>;
  now?: () => number;
  /** The low-level write (tests put a short or failing one here). */
  writeAt?: WriteAt;
  maxOpenUploads?: number;
  /**
   * How full the fullest disk Redress writes to is (the data folder's, the case database's): a file
   * that would leave it too full for the database's own writes is refused before a byte is written.
   */
  diskSpace?: () => Promise<DiskSpace>;
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The SHA-256 (hex) of everything an open file holds, read from its start. */
export async function hashHandle(handle: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) return hash.digest('hex');
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
}

/** Writes every byte, however many calls that takes; `onWritten` sees each part once it is written. */
async function writeFully(
  write: WriteAt,
  handle: FileHandle,
  data: Uint8Array,
  position: number,
  onWritten: (part: Uint8Array) => void = () => undefined,
): Promise<void> {
  for (let done = 0; done < data.length;) {
    const part = data.subarray(done);
    const written = await write(handle, part, position + done);
    // A write that takes nothing makes no progress: on a regular file that is a full disk.
    if (!Number.isInteger(written) || written <= 0 || written > part.length) {
      throw Object.assign(new Error(`write took ${written} of ${part.length} bytes`), { code: 'ENOSPC' });
    }
    onWritten(part.subarray(0, written));
    done += written;
  }
}

type Stored<T> = { state: 'missing' } | { state: 'refused' } | { state: 'file'; value: T };

/**
 * Runs `use` on a stored file opened for reading, only if it is a regular file: a link or a folder
 * planted under a fingerprint's name is refused, never followed.
 */
async function withStoredFile<T>(path: string, use: (handle: FileHandle) => Promise<T>): Promise<Stored<T>> {
  let handle: FileHandle;
  try {
    if (!(await lstat(path)).isFile()) return { state: 'refused' };
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
    if (code === 'ELOOP') return { state: 'refused' };
    throw error;
  }
  try {
    // Swapped for something else between the lstat and the open: refused all the same.
    if (!(await handle.stat()).isFile()) return { state: 'refused' };
    return { state: 'file', value: await use(handle) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A full disk in the words of the evidence store; any other error as it is. */
function storeError(error: unknown): unknown {
  if (systemError(error)?.code === 'DISK_FULL') {
    return new AppError('DISK_FULL', DISK_FULL_MESSAGE, undefined, { cause: error });
  }
  return error;
}

/** Removes the files in `folder` named like `pattern` and last written before `cutoff`. */
async function removeOldTemps(folder: string, pattern: RegExp, cutoff: number): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => null);
    if (!info || !(info.isFile() || info.isSymbolicLink()) || info.mtimeMs >= cutoff) continue;
    // Removing a link removes the link, not what it points to.
    await rm(path, { force: true }).catch(() => undefined);
  }
}

export function createEvidenceStore(dataDir: string, options: EvidenceStoreOptions) {
  const dir = join(dataDir, EVIDENCE_DIR);
  const now = options.now ?? Date.now;
  const writeAt = options.writeAt ?? writeAtDefault;
  const maxOpenUploads = options.maxOpenUploads ?? MAX_OPEN_UPLOADS;
  const uploads = new Map<string, Upload>();
  /** Uploads between the cap check and their entry in `uploads`. */
  let opening = 0;
  /** Bytes declared by uploads between their disk check and their entry in `uploads`. */
  let starting = 0;
  /** The disk checks, one after another. */
  let roomChecks: Promise<void> = Promise.resolve();

  const pathOf = (sha256: string) => {
    // The name is checked, never trusted: only 64 hex characters can name a stored file.
    if (!SHA256_HEX.test(sha256)) throw new ValidationError('That is not an evidence fingerprint.', 'sha256');
    return join(dir, sha256);
  };

  /**
   * Temp files of uploads and atomic writes that a crash or a kill left behind, swept once when the
   * store is created (at startup): they would otherwise fill the disk a little more each time.
   */
  async function sweepTemps(): Promise<void> {
    const cutoff = now() - TEMP_MAX_AGE_MS;
    await removeOldTemps(dir, UPLOAD_TEMP_NAME, cutoff);
    await removeOldTemps(dataDir, ATOMIC_TEMP_NAME, cutoff);
    // Copies opened in a viewer a day ago or more: read by now, and personal data all the same.
    await removeOpenedCopies((_name, mtimeMs) => mtimeMs < cutoff);
  }

  /**
   * Removes opened copies (`evidence-opened/<sha256>.<uuid>/<name>`) that `which` picks. A copy a
   * viewer still holds (Windows) stays for the next sweep; a folder of another shape is left alone.
   */
  async function removeOpenedCopies(which: (name: string, mtimeMs: number) => boolean): Promise<void> {
    const opened = join(dataDir, OPENED_DIR);
    for (const name of await readdir(opened).catch(() => [] as string[])) {
      if (!OPENED_COPY_DIR.test(name)) continue;
      const info = await lstat(join(opened, name)).catch(() => null);
      if (!info?.isDirectory() || !which(name, info.mtimeMs)) continue;
      await rm(join(opened, name), { recursive: true, force: true }).catch((error: unknown) =>
        console.warn(
          '[redress] an opened copy of evidence was not removed; it goes at the next start:',
          error,
        ),
      );
    }
  }
  const swept = sweepTemps().catch(() => undefined);

  function inQueue<T>(upload: Upload, task: () => Promise<T>): Promise<T> {
    const run = upload.queue.then(task);
    upload.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Throws unless the upload is still the live one under its id (a queued task may outlive it). */
  function live(id: string, upload: Upload): void {
    if (uploads.get(id) !== upload) {
      throw new NotFoundError('This upload has expired or was cancelled. Add the file again.');
    }
  }

  /** Forgets the upload and removes its temp file; called from inside its queue. */
  async function drop(id: string, upload: Upload): Promise<void> {
    if (uploads.get(id) === upload) uploads.delete(id);
    await upload.handle.close().catch(() => undefined);
    await rm(upload.temp, { force: true });
  }

  /** Forgets the upload at once, and removes its temp file once the chunk being written is done. */
  async function discard(id: string): Promise<void> {
    const upload = uploads.get(id);
    if (!upload) return;
    uploads.delete(id);
    await inQueue(upload, () => drop(id, upload));
  }

  async function discardStale(): Promise<void> {
    const cutoff = now() - UPLOAD_TTL_MS;
    for (const [id, u] of uploads) if (u.startedAt < cutoff) await discard(id);
  }

  /**
   * Refuses a file that, with the uploads under way, would leave the disk as full as the page refuses
   * its own writes at (disk-space.ts): the case database shares the disk, and IndexedDB does not fail
   * cleanly when full. A disk that cannot be measured lets the file through; a full one still fails
   * its write, cleanly (DISK_FULL_MESSAGE).
   */
  async function assertRoomFor(input: { name: string; size: number }): Promise<void> {
    const space = await options.diskSpace?.().catch(() => null);
    if (!space) return;
    // Uploads under way, and those let through and starting: their bytes are promised as much.
    let coming = input.size + starting;
    for (const u of uploads.values()) coming += u.declaredSize - u.received;
    const left = { freeBytes: Math.max(0, space.freeBytes - coming), totalBytes: space.totalBytes };
    if (diskSpaceLevel(left) !== 'critical') return;
    throw new AppError(
      'DISK_FULL',
      `“${input.name}” (${mb(input.size)}) was not stored: the disk has ${mb(space.freeBytes)} free, and it would leave too little room for the case database. Free some space, then add the file again.`,
    );
  }

  async function start(input: {
    name: string;
    size: number;
    sha256?: string;
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
    // Asked one at a time, and counted once let through: uploads started together each see the
    // bytes of those let through before them.
    const checked = roomChecks.then(async () => {
      await assertRoomFor(input);
      starting += input.size;
    });
    roomChecks = checked.catch(() => undefined);
    await checked;
    try {
      return await register(input);
    } finally {
      starting -= input.size;
    }
  }

  /** Opens the upload's temp file and enters it in `uploads` (after the size and disk checks). */
  async function register(input: {
    name: string;
    size: number;
    sha256?: string;
  }): Promise<{ uploadId: string; chunkBytes: number }> {
    // Checked and counted with no await in between, so uploads started together cannot all pass.
    if (uploads.size + opening >= maxOpenUploads) {
      throw new AppError(
        'TOO_MANY_FILES',
        `Redress is already taking in ${maxOpenUploads} files: wait until they are added, then add “${input.name}” again.`,
      );
    }
    opening += 1;
    try {
      await mkdir(dir, { recursive: true });
      const uploadId = randomUUID();
      const temp = join(dir, `.upload-${uploadId}.tmp`);
      const handle = await open(temp, 'wx');
      uploads.set(uploadId, {
        name: input.name,
        declaredSize: input.size,
        ...(input.sha256 ? { declaredSha256: input.sha256 } : {}),
        received: 0,
        temp,
        handle,
        hash: createHash('sha256'),
        startedAt: now(),
        queue: Promise.resolve(),
      });
      return { uploadId, chunkBytes: CHUNK_BYTES };
    } catch (error) {
      throw storeError(error);
    } finally {
      opening -= 1;
    }
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
    // The offset is checked inside the queue, against the bytes written before it: two parts sent
    // for the same offset cannot both pass the check while the first is still being written.
    return inQueue(upload, async () => {
      live(input.uploadId, upload);
      try {
        if (input.offset < upload.received) {
          throw new ConflictError('This part of the file was already received. Add the file again.');
        }
        if (input.offset !== upload.received) {
          throw new ConflictError('Part of the file went missing on the way. Add the file again.');
        }
        if (input.data.length === 0 || input.data.length > CHUNK_BYTES) {
          throw new ValidationError('A part of the file had an unexpected size. Add the file again.');
        }
        if (upload.received + input.data.length > upload.declaredSize) {
          throw new ValidationError(`“${upload.name}” is larger than it said it was. Add the file again.`);
        }
        // Hashed as written: only bytes the disk took count towards the fingerprint.
        await writeFully(writeAt, upload.handle, input.data, upload.received, (part) => {
          upload.hash.update(part);
          upload.received += part.length;
        });
        return { received: upload.received };
      } catch (error) {
        await drop(input.uploadId, upload);
        throw storeError(error);
      }
    });
  }

  /**
   * Flushes the temp file, reads it back, and renames it to its hash only if what is on disk is
   * what was sent (and what the caller declared); if that content is already stored, keeps the one copy.
   */
  async function finish(input: {
    uploadId: string;
  }): Promise<{ sha256: string; size: number; alreadyStored: boolean }> {
    const upload = uploadOf(input.uploadId);
    return inQueue(upload, async () => {
      live(input.uploadId, upload);
      uploads.delete(input.uploadId);
      try {
        if (upload.received !== upload.declaredSize) {
          throw new ValidationError(
            `Only ${upload.received} of ${upload.declaredSize} bytes of “${upload.name}” arrived. Add the file again.`,
          );
        }
        const sha256 = upload.hash.digest('hex');
        if (upload.declaredSha256 && upload.declaredSha256 !== sha256) {
          throw new ConflictError(
            `“${upload.name}” did not arrive as it was sent, so it was not stored. Add the file again.`,
          );
        }
        // Read-only before it gets its name, set on our own handle rather than through a path.
        await upload.handle.chmod(0o444).catch(() => undefined);
        await upload.handle.sync();
        await upload.handle.close();
        const onDisk = await withStoredFile(upload.temp, hashHandle);
        if (onDisk.state !== 'file' || onDisk.value !== sha256) {
          throw new AppError(
            'IO',
            `The disk did not keep “${upload.name}” as it was sent, so it was not stored. Check the disk, then add the file again.`,
          );
        }
        const target = join(dir, sha256);
        const existing = await withStoredFile(target, async (handle) => {
          const actual = await hashHandle(handle);
          // An altered copy is about to be replaced: make it writable first (Windows will not
          // rename over a read-only file), through the handle so a link is never followed.
          if (actual !== sha256) await handle.chmod(0o644).catch(() => undefined);
          return actual;
        });
        if (existing.state === 'file' && existing.value === sha256) {
          await rm(upload.temp, { force: true });
          return { sha256, size: upload.received, alreadyStored: true };
        }
        // Missing, altered, or a link planted under its name: the fresh bytes (which match the name)
        // take its place; a rename replaces a link itself, never what it points to.
        await rename(upload.temp, target);
        await syncDir(dir);
        return { sha256, size: upload.received, alreadyStored: false };
      } catch (error) {
        await upload.handle.close().catch(() => undefined);
        await rm(upload.temp, { force: true });
        throw storeError(error);
      }
    });
  }

  async function cancel(input: { uploadId: string }): Promise<{ cancelled: boolean }> {
    const known = uploads.has(input.uploadId);
    await discard(input.uploadId);
    return { cancelled: known };
  }

  /** Stores bytes in one go (tests, and small files from other services). */
  async function importBytes(name: string, bytes: Uint8Array, sha256?: string) {
    const { uploadId } = await start({ name, size: bytes.length, ...(sha256 ? { sha256 } : {}) });
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      await chunk({ uploadId, offset, data: bytes.subarray(offset, offset + CHUNK_BYTES) });
    }
    return finish({ uploadId });
  }

  /**
   * Recomputes each file's hash: 'missing' when it is gone, 'altered' when its content changed or
   * something other than a plain file (a link, a folder) sits under its name.
   */
  async function verify(hashes: readonly string[]): Promise<{ sha256: string; state: IntegrityState }[]> {
    const results: { sha256: string; state: IntegrityState }[] = [];
    for (const sha256 of new Set(hashes)) {
      const stored = await withStoredFile(pathOf(sha256), hashHandle);
      const state =
        stored.state === 'missing'
          ? 'missing'
          : stored.state === 'file' && stored.value === sha256
            ? 'ok'
            : 'altered';
      results.push({ sha256, state });
    }
    return results;
  }

  /**
   * Opens a read-only copy with the system viewer, so nothing a viewer does can touch the stored
   * original. Only types whose program merely shows them are opened (see `viewerCopy`): the system
   * picks the program by the name, and a name like `invoice.pdf.exe` would run. The copy is made
   * from the very handle whose content was checked against the hash: an altered file, or a link
   * planted in the store, is not shown as evidence.
   */
  async function openCopy(input: { sha256: string; name: string }): Promise<{ path: string }> {
    const source = pathOf(input.sha256);
    const viewable = viewerCopy(input.name);
    if (!viewable.ok) throw new AppError('UNSAFE_FILE_TYPE', viewable.message, 'name');
    const copied = await withStoredFile(source, async (handle) => {
      if ((await hashHandle(handle)) !== input.sha256) {
        throw new ConflictError(
          'This file was altered since it was added; it is not opened. Verify integrity.',
        );
      }
      if (!options.openPath) throw new AppError('IO', 'Files cannot be opened with a viewer here.');
      // Named by the file it copies, so disposing of that file removes its copies too.
      const folder = join(dataDir, OPENED_DIR, `${input.sha256}.${randomUUID()}`);
      await mkdir(folder, { recursive: true });
      const copy = join(folder, viewable.fileName);
      const out = await open(copy, 'wx', 0o600);
      try {
        const buffer = Buffer.allocUnsafe(READ_BYTES);
        for (let position = 0; ;) {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
          if (bytesRead === 0) break;
          await writeFully(writeAt, out, buffer.subarray(0, bytesRead), position);
          position += bytesRead;
        }
        await out.chmod(0o400);
      } catch (error) {
        await out.close().catch(() => undefined);
        await rm(folder, { recursive: true, force: true });
        throw storeError(error);
      }
      await out.close();
      return copy;
    });
    if (copied.state === 'missing') throw new NotFoundError('This file is missing from the evidence store.');
    if (copied.state === 'refused') {
      throw new AppError(
        'LINK_REFUSED',
        'Something other than the stored file is under its name in the evidence folder; it is not opened. Verify integrity.',
      );
    }
    const copy = copied.value;
    const problem = await options.openPath!(copy);
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
    return lstat(pathOf(sha256)).then(
      (info) => info.isFile(),
      () => false,
    );
  }

  /**
   * Removes stored files (retention, erasure): each name is checked as a fingerprint, and only a
   * plain file is removed (a link or folder planted under the name is left alone). A file already
   * gone counts as done. Returns how many were removed.
   */
  async function dispose(hashes: readonly string[]): Promise<number> {
    let removed = 0;
    for (const sha256 of new Set(hashes)) {
      const path = pathOf(sha256);
      const info = await lstat(path).catch(() => null);
      if (!info?.isFile()) continue;
      await rm(path, { force: true }).catch((error: unknown) => {
        throw storeError(error);
      });
      removed += 1;
    }
    // The copies opened in a viewer go with it (retention and erasure leave no personal data).
    const gone = new Set(hashes);
    await removeOpenedCopies((name) => gone.has(name.slice(0, 64)));
    return removed;
  }

  return { dir, pathOf, start, chunk, finish, cancel, importBytes, verify, openCopy, exists, dispose, swept };
}
export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
