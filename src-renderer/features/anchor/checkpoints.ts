// Sends the audit head to main's anchor after committed writes: at most one checkpoint every few
// seconds while the trail grows (so a million entries make hundreds of checkpoints, not a million),
// and at once when the screen locks, the person signs out or the page goes away.
import { CHECKPOINT_INTERVAL_MS } from '../../../src-shared/domain/audit-anchor';

export interface Head {
  seq: number;
  hash: string;
}

export interface CheckpointerOptions {
  /** The head as committed now (null before the first entry). */
  readHead: () => Promise<Head | null>;
  send: (head: Head) => Promise<unknown>;
  intervalMs?: number;
  now?: () => number;
}

export function createCheckpointer(options: CheckpointerOptions) {
  const interval = options.intervalMs ?? CHECKPOINT_INTERVAL_MS;
  const now = options.now ?? Date.now;
  let sent: Head | null = null;
  let sentAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Sends the head now if it moved since the last checkpoint. */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    running = running.then(async () => {
      if (stopped) return;
      try {
        const head = await options.readHead();
        if (!head || (sent && sent.seq === head.seq && sent.hash === head.hash)) return;
        sentAt = now();
        await options.send(head);
        sent = head;
      } catch {
        // Main could not take it now (signed out, disk trouble): the next write or flush tries again.
      }
    });
    return running;
  }

  /** The trail moved: a checkpoint follows within the interval (not later, however busy it is). */
  function changed(): void {
    if (stopped || timer) return;
    const wait = Math.max(0, sentAt + interval - now());
    timer = setTimeout(() => void flush(), wait);
  }

  function stop(): void {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return { changed, flush, stop };
}
export type Checkpointer = ReturnType<typeof createCheckpointer>;

let active: Checkpointer | null = null;

/** The checkpointer of the signed-in app (one at a time). */
export function setActiveCheckpointer(checkpointer: Checkpointer): void {
  active = checkpointer;
}

export function clearActiveCheckpointer(checkpointer: Checkpointer): void {
  if (active === checkpointer) active = null;
}

/** How long locking or signing out waits for a due checkpoint at most: the lock comes first. */
const FLUSH_WAIT_MS = 2000;

/** Sends a due checkpoint now, before the screen locks or the person signs out; never fails. */
export function flushCheckpoint(): Promise<void> {
  if (!active) return Promise.resolve();
  return Promise.race([active.flush(), new Promise<void>((resolve) => setTimeout(resolve, FLUSH_WAIT_MS))]);
}
