// Files an e-mail import wrote into the evidence store for a New complaint that is not saved yet.
// The evidence store is content-addressed and shared by every record, so a file is only ever
// deleted here when this intake session was the one that wrote it, no later import (of another
// session) still waits on it, and no save committed it. What a crash or a closed window left
// staged is swept at start once it is a day old. The list is `<dataDir>/evidence-staged.json`.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SHA256_HEX } from '../../../src-shared/domain/investigation';
import { writeFileAtomic } from '../files/atomic-write';

export const STAGED_FILE = 'evidence-staged.json';
/** Staged files older than this are taken for an intake the app closed on. */
export const STAGED_MAX_AGE_MS = 86_400_000;

const StagedSchema = z.record(
  z.string().regex(SHA256_HEX),
  z.object({ at: z.string(), sessions: z.array(z.string()) }),
);
type Staged = z.output<typeof StagedSchema>;

export function createStagedFiles(
  dataDir: string,
  evidenceDir: string,
  clock: () => Date = () => new Date(),
) {
  const file = join(dataDir, STAGED_FILE);
  // One change at a time: each reads the list, changes it and writes it whole.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function read(): Promise<Staged> {
    try {
      const parsed = StagedSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      // An unreadable list stages nothing: nothing is deleted on its word.
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }
  const write = (staged: Staged) => writeFileAtomic(file, JSON.stringify(staged));
  const remove = (sha256: string) => rm(join(evidenceDir, sha256), { force: true });

  return {
    /**
     * An import of this session stored this file: staged when the import wrote it, and pinned for
     * this session too when another session's import had staged it (so neither removes it alone).
     * A file that was already stored before is someone's evidence: never staged.
     */
    stage: (session: string, sha256: string, alreadyStored: boolean) =>
      exclusive(async () => {
        const staged = await read();
        const entry = staged[sha256];
        if (entry) {
          if (!entry.sessions.includes(session)) entry.sessions.push(session);
        } else if (!alreadyStored) {
          staged[sha256] = { at: clock().toISOString(), sessions: [session] };
        } else return;
        await write(staged);
      }),

    /** The complaint was saved with these files: they are evidence now, never to be removed here. */
    commit: (hashes: readonly string[]) =>
      exclusive(async () => {
        const staged = await read();
        const known = hashes.filter((h) => staged[h]);
        if (known.length === 0) return;
        for (const h of known) delete staged[h];
        await write(staged);
      }),

    /** The intake was left without saving: removes the files only it staged. Returns how many. */
    discard: (session: string) =>
      exclusive(async () => {
        const staged = await read();
        const gone: string[] = [];
        for (const [sha256, entry] of Object.entries(staged)) {
          if (!entry.sessions.includes(session)) continue;
          entry.sessions = entry.sessions.filter((s) => s !== session);
          if (entry.sessions.length === 0) gone.push(sha256);
        }
        for (const sha256 of gone) {
          await remove(sha256);
          delete staged[sha256];
        }
        await write(staged);
        return gone.length;
      }),

    /** At start: removes what was staged over a day ago and never saved. Returns how many. */
    sweep: () =>
      exclusive(async () => {
        const staged = await read();
        const before = clock().getTime() - STAGED_MAX_AGE_MS;
        const old = Object.keys(staged).filter((h) => Date.parse(staged[h]!.at) < before);
        if (old.length === 0) return 0;
        for (const sha256 of old) {
          await remove(sha256);
          delete staged[sha256];
        }
        await write(staged);
        return old.length;
      }),
  };
}
export type StagedFiles = ReturnType<typeof createStagedFiles>;
