import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseProfile,
  openProfile,
  PROFILE_FILE,
  readProfileMarker,
  TRAINING_ONLY,
  wipeTrainingFolder,
} from '../../../../../src-main/services/profile/profile';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-profile-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('chooseProfile', () => {
  it.each([
    // asked for training, marker → profile, write a marker
    [false, null, 'live', false],
    [true, null, 'training', true],
    [false, 'training', 'training', false],
    [true, 'training', 'training', false],
    // The marker decides: a live folder never becomes a training one by a flag.
    [true, 'live', 'live', false],
    [false, 'live', 'live', false],
  ] as const)('training asked %s, marker %s → %s (write: %s)', (asked, marker, kind, writeMarker) => {
    expect(chooseProfile(asked, marker)).toEqual({ kind, writeMarker });
  });
});

describe('openProfile', () => {
  it('opens a folder without a marker as live, and writes nothing', async () => {
    expect(await openProfile(dir, false)).toBe('live');
    expect(await readdir(dir)).toEqual([]);
  });

  it('marks a new training folder, which then stays training however it is opened', async () => {
    expect(await openProfile(dir, true)).toBe('training');
    expect(JSON.parse(await readFile(join(dir, PROFILE_FILE), 'utf8'))).toEqual({ kind: 'training' });
    expect(await openProfile(dir, false)).toBe('training');
  });

  it.each(['{ "kind": "traini', '{"kind":"sandbox"}', ''])(
    'reads a damaged marker %j as none',
    async (text) => {
      await writeFile(join(dir, PROFILE_FILE), text);
      expect(await readProfileMarker(dir)).toBeNull();
      expect(await openProfile(dir, false)).toBe('live');
    },
  );
});

describe('wipeTrainingFolder', () => {
  it('empties a training folder but for its marker and what it is told to keep', async () => {
    await openProfile(dir, true);
    await writeFile(join(dir, 'settings.json'), '{}');
    await writeFile(join(dir, 'accounts.json'), '{}');
    await mkdir(join(dir, 'evidence'));
    await writeFile(join(dir, 'evidence', 'ab12'), 'x');
    await mkdir(join(dir, 'browser'));
    await writeFile(join(dir, 'browser', 'kept'), 'x');
    // A symlink out of the folder goes; what it points at stays.
    const outside = await mkdtemp(join(tmpdir(), 'redress-outside-'));
    await writeFile(join(outside, 'precious'), 'x');
    await symlink(outside, join(dir, 'link'));

    await wipeTrainingFolder(dir, ['browser']);
    expect((await readdir(dir)).sort()).toEqual(['browser', PROFILE_FILE]);
    expect(await readdir(join(dir, 'browser'))).toEqual(['kept']);
    expect(await readdir(outside)).toEqual(['precious']);
    await rm(outside, { recursive: true });
  });

  it.each([
    ['no marker', async () => undefined],
    ['a live marker', () => writeFile(join(dir, PROFILE_FILE), '{"kind":"live"}')],
    ['a damaged marker', () => writeFile(join(dir, PROFILE_FILE), '{"kind":')],
  ])('refuses a folder with %s, deleting nothing', async (_, mark) => {
    await mark();
    await writeFile(join(dir, 'settings.json'), '{}');
    await expect(wipeTrainingFolder(dir)).rejects.toMatchObject({
      code: 'PERMISSION',
      message: TRAINING_ONLY,
    });
    expect(await readdir(dir)).toContain('settings.json');
  });
});
