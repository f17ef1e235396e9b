// How full the disk holding the case database is, and what Redress does about it. Chromium's
// IndexedDB does not fail cleanly on a full disk: a commit that runs out of room can leave the
// database unopenable, and the database Chromium opens next may be an empty one
// (tests/e2e/desk-disk-full.spec.ts). So Redress stops writing before the disk is full: it warns
// while there is room, and refuses every write once little is left, until space is freed.
import { z } from 'zod';

export const DiskSpaceSchema = z.object({
  /** Bytes free for this account on the fullest disk Redress writes to. */
  freeBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
});
export type DiskSpace = z.output<typeof DiskSpaceSchema>;

export type DiskSpaceLevel = 'ok' | 'low' | 'critical';

const MiB = 1024 * 1024;
/** Warned below 1 GiB free (or a tenth of a small disk). */
export const LOW_BYTES = 1024 * MiB;
/** No writes below 256 MiB free (or 3% of a small disk): room for the database's own upkeep. */
export const CRITICAL_BYTES = 256 * MiB;

export function diskSpaceLevel({ freeBytes, totalBytes }: DiskSpace): DiskSpaceLevel {
  if (freeBytes < Math.min(CRITICAL_BYTES, totalBytes * 0.03)) return 'critical';
  if (freeBytes < Math.min(LOW_BYTES, totalBytes * 0.1)) return 'low';
  return 'ok';
}
