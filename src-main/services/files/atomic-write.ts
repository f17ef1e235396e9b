import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/**
 * The name of a temp file `writeFileAtomic` leaves behind when the process dies mid-write
 * (`.settings.json.0a1b2c3d4e5f.tmp`), so a sweep at startup can find it and nothing else.
 */
export const ATOMIC_TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of one:
 * write a temp file beside it, flush it to disk, rename it over the target, flush the folder.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  /** File mode for a new file (e.g. 0o600 for a key only this account may read). */
  mode?: number,
): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Flushes a folder's entries (after a rename into it), where the platform allows. */
export async function syncDir(dir: string): Promise<void> {
  // Not every platform lets a folder be opened for fsync (Windows does not); the rename is done either way.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Appends text to a log file and flushes it to disk before answering (and, for a new file, the
 * folder entry too), so that a line that was reported written survives a power cut.
 */
export async function appendDurably(file: string, text: string, mode?: number): Promise<void> {
  const handle = await open(file, 'a', mode);
  try {
    const created = (await handle.stat()).size === 0;
    await handle.appendFile(text, 'utf8');
    await handle.sync();
    if (created) await syncDir(dirname(file));
  } finally {
    await handle.close();
  }
}
