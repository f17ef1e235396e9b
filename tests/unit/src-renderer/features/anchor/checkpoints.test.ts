import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckpointer, type Head } from '../../../../../src-renderer/features/anchor/checkpoints';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

function setup() {
  let head: Head | null = null;
  const sent: number[] = [];
  const checkpointer = createCheckpointer({
    readHead: async () => head,
    send: async (h) => void sent.push(h.seq),
    intervalMs: 5000,
  });
  const write = (seq: number) => {
    head = { seq, hash: String(seq).padStart(64, '0') };
    checkpointer.changed();
  };
  return { checkpointer, write, sent };
}

describe('the checkpointer', () => {
  it('sends the first change at once, then at most one checkpoint per interval however busy', async () => {
    const { write, sent } = setup();
    write(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([1]);
    // A thousand writes within the next interval make one checkpoint, of the newest head.
    for (let seq = 2; seq <= 1001; seq++) {
      write(seq);
      await vi.advanceTimersByTimeAsync(4);
    }
    expect(sent).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([1, 1001]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([1, 1001]);
  });

  it('flushes at once (lock, sign-out, page hide) and not again for the same head', async () => {
    const { checkpointer, write, sent } = setup();
    write(1);
    await vi.advanceTimersByTimeAsync(0);
    write(2);
    await checkpointer.flush();
    expect(sent).toEqual([1, 2]);
    await checkpointer.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([1, 2]);
  });

  it('a head that cannot be read or sent is tried again at the next flush', async () => {
    let failing = true;
    const sent: number[] = [];
    const checkpointer = createCheckpointer({
      readHead: async () => {
        if (failing) throw new Error('database closed');
        return { seq: 3, hash: 'a'.repeat(64) };
      },
      send: async (h) => void sent.push(h.seq),
    });
    await expect(checkpointer.flush()).resolves.toBeUndefined();
    failing = false;
    await checkpointer.flush();
    expect(sent).toEqual([3]);
  });

  it('sends nothing before the first entry, and nothing once stopped', async () => {
    const { checkpointer, write, sent } = setup();
    await checkpointer.flush();
    expect(sent).toEqual([]);
    checkpointer.stop();
    write(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([]);
  });
});
