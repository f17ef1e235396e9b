import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import { addEvidence, adminWithPassphrase, call, makeBackup } from './fixtures';

const DISK_FULL = { code: 'DISK_FULL', message: 'The disk is full: the backup was not made.' };

let home: string;
let small: string;
let mounted = false;
let handlers: Handlers;

// A real full disk: a 3 MB tmpfs as the backup folder (this needs root, which the test machine has).
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'redress-backup-full-'));
  small = join(home, 'small');
  await mkdir(small);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', small], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    throw new Error(
      `The disk-full tests mount a 3 MB tmpfs and need root (mount -t tmpfs): ${String((error as Error).message)}`,
      { cause: error },
    );
  }
  const dataDir = join(home, 'desk');
  handlers = await adminWithPassphrase(dataDir, {
    dialogs: { chooseSaveFile: async () => null, chooseFolder: async () => small },
  });
  await call(handlers, 'backup:configure', { chooseFolder: true });
});
afterAll(async () => {
  if (mounted) execFileSync('umount', [small]);
  await rm(home, { recursive: true, force: true });
});

describe('a backup onto a disk that fills up', () => {
  it('is refused with words for the user while the database arrives, leaving no partial file', async () => {
    expect((await call(handlers, 'backup:status', undefined)).folder).toBe(small);
    await expect(makeBackup(handlers, randomBytes(4 * 1024 * 1024))).rejects.toMatchObject(DISK_FULL);
    expect(await readdir(small)).toEqual([]);
  });

  it('is refused when the evidence does not fit, leaving no partial file', async () => {
    await addEvidence(join(home, 'desk'), [1024 * 1024, 1024 * 1024, 1024 * 1024, 512 * 1024]);
    await expect(makeBackup(handlers, randomBytes(1000))).rejects.toMatchObject(DISK_FULL);
    expect(await readdir(small)).toEqual([]);
    expect((await call(handlers, 'backup:status', undefined)).lastBackupAt).toBeNull();
  });

  it('works again once there is room', async () => {
    const evidence = join(home, 'desk', 'evidence');
    for (const name of await readdir(evidence)) await rm(join(evidence, name));
    const summary = await makeBackup(handlers, randomBytes(1000));
    expect(await readdir(small)).toEqual([summary.file]);
  });
});
