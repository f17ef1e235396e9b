// A new file in a folder the user did not pick a name in (exports): it never replaces one.
import { randomUUID } from 'node:crypto';
import { link, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileName } from '../../../src-shared/domain/file-names';
import { AppError, systemError } from '../../../src-shared/errors';
import { unusedPath } from '../pdf/output';
import { writeFileAtomic } from './atomic-write';

/**
 * Writes `content` into `folder` under a free name ("name.ext", "name (2).ext"…): written whole
 * beside it first, then linked in, which fails rather than replace a file that appeared meanwhile.
 * `extension` is like '.eml'; `fallback` names a file whose name is unusable.
 */
export async function writeNewFile(
  folder: string,
  name: string,
  extension: string,
  content: string | Uint8Array,
  fallback: string,
): Promise<string> {
  const base = safeFileName(name, fallback).replace(new RegExp(`\\${extension}$`, 'i'), '');
  const scratch = join(folder, `.${randomUUID()}${extension}.part`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(scratch, content);
    for (;;) {
      const target = await unusedPath(join(folder, `${base}${extension}`), undefined, extension);
      try {
        await link(scratch, target);
        return target;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  } catch (error) {
    throw notSaved(`${base}${extension}`, error, 'The exports folder cannot be written.');
  } finally {
    await rm(scratch, { force: true }).catch(() => undefined);
  }
}

/** What the user reads when a file was not written: its name and the system's reason in words. */
export function notSaved(fileName: string, error: unknown, otherwise: string): AppError {
  const why = systemError(error);
  return new AppError(
    why?.code ?? 'IO',
    `“${fileName}” was not saved. ${why?.message ?? otherwise}`,
    undefined,
    { cause: error },
  );
}
