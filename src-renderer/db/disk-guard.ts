// Every write to the case database refused while the disk is almost full (see
// src-shared/domain/disk-space.ts): IndexedDB does not fail cleanly when the disk runs out, so the
// page stops writing first. The refusal is an error of our own, thrown before IndexedDB is asked,
// so the transaction leaves nothing behind and the form keeps what was typed. Main's answer is
// polled by the page (app/DiskSpaceBanner.tsx); a worker's database, never told, is not guarded.
import type { DBCore, Middleware } from 'dexie';
import { diskSpaceLevel, type DiskSpace } from '../../src-shared/domain/disk-space';
import { AppError } from '../../src-shared/errors';

let known: DiskSpace | null = null;

/** Main's latest word on the disk (null: not known, nothing refused). */
export function setDiskSpace(space: DiskSpace | null): void {
  known = space;
}

export class DiskAlmostFullError extends AppError {
  constructor(freeBytes: number) {
    const mb = Math.max(0, Math.floor(freeBytes / (1024 * 1024)));
    super(
      'DISK_FULL',
      `This computer’s disk is almost full (${mb.toLocaleString()} MB left), so Redress saves nothing until space is freed: a full disk can damage the case database. Free some disk space, then try again.`,
    );
  }
}

/** The refusal a write meets now, or null. */
export function diskRefusal(): DiskAlmostFullError | null {
  return known && diskSpaceLevel(known) === 'critical' ? new DiskAlmostFullError(known.freeBytes) : null;
}

export const diskGuardMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'diskGuard',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate(req) {
            const refusal = diskRefusal();
            return refusal ? Promise.reject(refusal) : table.mutate(req);
          },
        };
      },
    };
  },
};
