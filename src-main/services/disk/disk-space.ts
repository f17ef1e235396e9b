// The free space on the disks Redress writes to: the data folder's, and the browser profile's where
// the case database lives (Electron's userData; in the test harness, the browser profile it is
// given). The fullest one answers: that is where a write fails first.
import { statfs } from 'node:fs/promises';
import type { DiskSpace } from '../../../src-shared/domain/disk-space';

export async function diskSpaceOf(paths: readonly string[]): Promise<DiskSpace> {
  let fullest: DiskSpace | null = null;
  for (const path of new Set(paths)) {
    // A folder not made yet (a fresh profile) says nothing: the others still answer.
    const stats = await statfs(path).catch(() => null);
    if (!stats) continue;
    const space = { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
    if (!fullest || space.freeBytes < fullest.freeBytes) fullest = space;
  }
  if (!fullest)
    throw new Error(`None of the folders Redress writes to could be read: ${[...paths].join(', ')}`);
  return fullest;
}
