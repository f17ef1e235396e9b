import { describe, expect, it } from 'vitest';
import { diskSpaceLevel } from '../../../../src-shared/domain/disk-space';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('how full the disk is', () => {
  it.each([
    // An office PC's 500 GB disk: warned under 1 GiB, no writes under 256 MiB.
    [40 * GiB, 500 * GiB, 'ok'],
    [1 * GiB, 500 * GiB, 'ok'],
    [1 * GiB - 1, 500 * GiB, 'low'],
    [256 * MiB, 500 * GiB, 'low'],
    [256 * MiB - 1, 500 * GiB, 'critical'],
    [0, 500 * GiB, 'critical'],
    // A small disk (a 4 GiB virtual machine's, a USB stick): a tenth left warns, 3% stops writes.
    [500 * MiB, 4 * GiB, 'ok'],
    [400 * MiB, 4 * GiB, 'low'],
    [100 * MiB, 4 * GiB, 'critical'],
    // The e2e spec's 128 MiB disk.
    [20 * MiB, 128 * MiB, 'ok'],
    [8 * MiB, 128 * MiB, 'low'],
    [1 * MiB, 128 * MiB, 'critical'],
  ] as const)('%d bytes free of %d: %s', (freeBytes, totalBytes, level) => {
    expect(diskSpaceLevel({ freeBytes, totalBytes })).toBe(level);
  });
});
