// Which kind of data folder this is. The folder says so itself, in `profile.json`; no marker means
// live, so every folder from before training profiles stays what it was. Main reads it once at start
// and answers from it: the renderer is told, never asked.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PermissionError } from '../../../src-shared/errors';
import { ProfileKindSchema, type ProfileKind } from '../../../src-shared/ipc/channels/training';
import { writeFileAtomic } from '../files/atomic-write';
import { readTextIfPresent } from '../files/read-if-present';

export const PROFILE_FILE = 'profile.json';

const MarkerSchema = z.object({ kind: ProfileKindSchema });

/** What the marker says; `null` when there is none, and when it cannot be read (see chooseProfile). */
export async function readProfileMarker(dataDir: string): Promise<ProfileKind | null> {
  const text = await readTextIfPresent(join(dataDir, PROFILE_FILE));
  if (text === null) return null;
  try {
    const parsed = MarkerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.kind : null;
  } catch {
    return null;
  }
}

/**
 * The profile a folder opens as. Its marker decides; without one (or with one that cannot be read)
 * the folder is live unless training was asked for, and then the marker is written so that the
 * folder stays a training folder however it is opened next. Live is the safe reading of a damaged
 * marker: it only refuses demo data and the wipe.
 */
export function chooseProfile(
  trainingRequested: boolean,
  marker: ProfileKind | null,
): { kind: ProfileKind; writeMarker: boolean } {
  if (marker) return { kind: marker, writeMarker: false };
  return trainingRequested ? { kind: 'training', writeMarker: true } : { kind: 'live', writeMarker: false };
}

/** Opens `dataDir` as its profile, marking a new training folder as one. */
export async function openProfile(dataDir: string, trainingRequested: boolean): Promise<ProfileKind> {
  const { kind, writeMarker } = chooseProfile(trainingRequested, await readProfileMarker(dataDir));
  if (writeMarker) await writeFileAtomic(join(dataDir, PROFILE_FILE), `${JSON.stringify({ kind })}\n`);
  return kind;
}

export const TRAINING_ONLY =
  'This is only done in a training profile. Open the training profile to practise with demo data.';

/** Refuses unless this is a training profile. */
export function requireTraining(kind: ProfileKind): void {
  if (kind !== 'training') throw new PermissionError(TRAINING_ONLY);
}

/**
 * Empties a training folder: everything but the marker and the names in `keep` (the browser's own
 * files, where it keeps them in the data folder). Refuses in a live folder, by its marker on disk.
 */
export async function wipeTrainingFolder(dataDir: string, keep: readonly string[] = []): Promise<void> {
  requireTraining((await readProfileMarker(dataDir)) ?? 'live');
  const spared = new Set([PROFILE_FILE, ...keep]);
  for (const name of await readdir(dataDir)) {
    if (spared.has(name)) continue;
    // A symlink is removed itself: rm never follows one into the folder it points at.
    await rm(join(dataDir, name), { recursive: true, force: true });
  }
}
