// A new file in a folder the user did not pick a name in (exports): it never replaces one.
import { randomUUID } from 'node:crypto';
import { link, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileName } from '../../../src-shared/domain/file-names';
import { AppError, systemError } from '../../../src-shared/errors';
import { unusedPath } from '../pdf/output';
import { syncDir, writeFileAtomic } from './atomic-write';

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
    let linking = true;
    for (;;) {
      const target = await unusedPath(join(folder, `${base}${extension}`), undefined, extension);
      try {
        if (linking) await link(scratch, target);
        else await writeExclusive(target, content);
        await syncDir(folder);
        return target;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        // A drive without hard links (FAT, exFAT, some shares): written in place, still never
        // over a file that is there ('wx'), and flushed before it is reported saved.
        if (linking && NO_LINKS.has(code)) linking = false;
        else if (code !== 'EEXIST') throw error;
      }
    }
  } catch (error) {
    throw notSaved(`${base}${extension}`, error, 'The exports folder cannot be written.');
  } finally {
    await rm(scratch, { force: true }).catch(() => undefined);
  }
}

/** What `link` fails with where the file system has no hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Creates `target` with `content`, failing (EEXIST) if it exists; flushed to disk. */
async function writeExclusive(target: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(target, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(target, { force: true });
    throw error;
  }
  await handle.close();
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
