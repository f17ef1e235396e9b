// Main's answer on the disk: the fullest of the folders Redress writes to, read from the real
// filesystems (a small one mounted for the test where the machine allows it, as CI does).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskSpaceOf } from '../../../../../src-main/services/disk/disk-space';
import { diskSpaceLevel } from '../../../../../src-shared/domain/disk-space';
import {
  CANNOT_FILL_A_DISK,
  mountSmallDisk,
  skipDiskFilling,
  type SmallDisk,
} from '../../../../support/full-disk';

const MiB = 1024 * 1024;
let disk: SmallDisk | undefined;
afterEach(async () => {
  await disk?.remove();
  disk = undefined;
});

describe('the disk space main reports', () => {
  it('reads the data folder’s disk, and passes over a folder not made yet', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'redress-disk-'));
    try {
      const space = await diskSpaceOf([dataDir, join(dataDir, 'profile not made yet')]);
      expect(space.totalBytes).toBeGreaterThan(0);
      expect(space.freeBytes).toBeGreaterThan(0);
      expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    await expect(diskSpaceOf([join(tmpdir(), 'redress-no-such-folder-ß')])).rejects.toThrow(/could be read/);
  });

  it('answers for the fullest disk: a browser profile on a nearly full one', async (ctx) => {
    if (await skipDiskFilling()) ctx.skip(CANNOT_FILL_A_DISK);
    disk = await mountSmallDisk('16m');
    const dataDir = tmpdir();
    expect(diskSpaceLevel(await diskSpaceOf([dataDir, disk.dir]))).toBe('ok');
    await disk.fill(256 * 1024);
    const space = await diskSpaceOf([dataDir, disk.dir]);
    expect(space.totalBytes).toBe(16 * MiB);
    expect(space.freeBytes).toBeLessThanOrEqual(256 * 1024);
    expect(diskSpaceLevel(space)).toBe('critical');
    await disk.free();
    expect(diskSpaceLevel(await diskSpaceOf([disk.dir, dataDir]))).toBe('ok');
  });
});
