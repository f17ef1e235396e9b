// This installation's id (its data folder's): a UUID made once and kept in `team-desk.json`. The
// team server knows the desk by it, and the backups it makes carry it in their names, so desks
// sharing a backup folder prune only their own. It is not backed up, so a restore keeps the id of
// the computer restored onto; a data folder moved whole to another computer keeps its own.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';
import { readTextIfPresent } from '../files/read-if-present';

export const DESK_FILE = 'team-desk.json';

const DeskFileSchema = z.object({ deskId: z.uuid() });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The data folder's id, read (or made) once; a failure to read or write it is tried again at the next ask. */
export function createDeskId(dataDir: string): () => Promise<string> {
  let deskId: Promise<string> | null = null;
  return () => {
    deskId ??= (async () => {
      const file = join(dataDir, DESK_FILE);
      const text = await readTextIfPresent(file);
      const parsed = text === null ? null : DeskFileSchema.safeParse(safeJson(text));
      if (parsed?.success) return parsed.data.deskId;
      // None yet, or a damaged file: a new id is safe. It names no change on the server, and the
      // backups made under the old one are only never pruned by this desk, not lost.
      const id = randomUUID();
      await writeFileAtomic(file, `${JSON.stringify({ deskId: id }, null, 2)}\n`);
      return id;
    })().catch((error: unknown) => {
      deskId = null;
      throw error;
    });
    return deskId;
  };
}
