// Every write to the case database refused while the disk is almost full (see
// src-shared/domain/disk-space.ts): IndexedDB does not fail cleanly when the disk runs out, so the
// app stops writing first. The refusal is an error of our own, thrown before IndexedDB is asked,
// so the transaction leaves nothing behind and the form keeps what was typed. Main's answer is
// polled by the page (app/DiskSpaceBanner.tsx) and passed on to the app's workers over a broadcast
// channel, so their writes (a restore, the search index, an import's batches) are refused too.
import type { DBCore, Middleware } from 'dexie';
import { diskSpaceLevel, DiskSpaceSchema, type DiskSpace } from '../../src-shared/domain/disk-space';
import { AppError } from '../../src-shared/errors';

let known: DiskSpace | null = null;

/** What the page and its workers say to each other: main's latest word, or a worker's "what is it?". */
const ASK = 'ask';
export const DISK_SPACE_CHANNEL = 'redress:disk-space';
type Channel = Pick<BroadcastChannel, 'postMessage' | 'addEventListener'>;
let shared: Channel | null = null;

/**
 * Shares main's word on the disk with every other context of the app on `channel` (a
 * BroadcastChannel named DISK_SPACE_CHANNEL): what one hears, all hold, and one that starts asks.
 */
export function shareDiskSpaceOver(channel: Channel): () => void {
  shared = channel;
  channel.addEventListener('message', (event) => {
    const data = (event as MessageEvent<unknown>).data;
    if (data === ASK) {
      if (known) channel.postMessage(known);
      return;
    }
    const heard = DiskSpaceSchema.nullable().safeParse(data);
    if (heard.success) known = heard.data;
  });
  channel.postMessage(ASK);
  return () => {
    if (shared === channel) shared = null;
  };
}

// In the app (a page or a worker), never in Node: a test's refusal must not reach another test.
const inApp = typeof window !== 'undefined' || 'WorkerGlobalScope' in globalThis;
if (inApp && typeof BroadcastChannel === 'function')
  shareDiskSpaceOver(new BroadcastChannel(DISK_SPACE_CHANNEL));

/** Main's latest word on the disk (null: not known, nothing refused), for every context of the app. */
export function setDiskSpace(space: DiskSpace | null): void {
  known = space;
  shared?.postMessage(space);
}

const DISK_FULL_NAME = 'DiskAlmostFullError';

export class DiskAlmostFullError extends AppError {
  constructor(freeBytes: number) {
    const mb = Math.max(0, Math.floor(freeBytes / (1024 * 1024)));
    super(
      'DISK_FULL',
      `This computer’s disk is almost full (${mb.toLocaleString()} MB left), so Redress saves nothing until space is freed: a full disk can damage the case database. Free some disk space, then try again.`,
    );
    // Named in words, not by the class (a minified build renames classes): a worker's refusal
    // reaches the page as its name and message only.
    this.name = DISK_FULL_NAME;
  }
}

/** Whether `error` is this refusal, here or from a worker (where only its name and message cross). */
export function isDiskFullRefusal(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown } | null;
  return e?.code === 'DISK_FULL' || e?.name === DISK_FULL_NAME;
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
