import { describe, expect, it } from 'vitest';
import {
  arrive,
  dismiss,
  EMPTY_QUEUE,
  type NoticeQueue,
  type QueuedNotice,
} from '../../../../src-renderer/app/notice-queue';

let id = 0;
const notice = (message: string, severity: QueuedNotice['severity'], sticky = severity === 'error') => ({
  id: ++id,
  message,
  severity,
  sticky,
});
const shown = (q: NoticeQueue<QueuedNotice>) => q.shown?.message ?? null;

describe('the notice queue', () => {
  it('lets a passing notice give way to the next at once', () => {
    let q: NoticeQueue<QueuedNotice> = EMPTY_QUEUE;
    q = arrive(q, notice('Note saved', 'success'));
    q = arrive(q, notice('Letter sent', 'success'));
    expect(shown(q)).toBe('Letter sent');
    expect(q.waiting).toEqual([]);
  });

  it('shows the newest at once, and brings back a notice that waits for the person once it is gone', () => {
    let q: NoticeQueue<QueuedNotice> = EMPTY_QUEUE;
    q = arrive(q, notice('CMP-2026-000012 was left as it was: its evidence could not be removed.', 'error'));
    q = arrive(q, notice('An e-mail was read', 'info', true));
    q = arrive(q, notice('Note saved', 'success'));
    expect(shown(q)).toBe('Note saved');
    q = dismiss(q);
    expect(shown(q)).toBe('An e-mail was read');
    q = dismiss(q);
    expect(shown(q)).toMatch(/^CMP-2026-000012/);
    q = dismiss(q);
    expect(q).toEqual({ shown: null, waiting: [] });
  });

  it('does not say the same thing twice', () => {
    let q: NoticeQueue<QueuedNotice> = EMPTY_QUEUE;
    q = arrive(q, notice('The team server could not be reached.', 'error'));
    q = arrive(q, notice('Saved', 'success'));
    q = arrive(q, notice('The team server could not be reached.', 'error'));
    q = arrive(q, notice('Saved', 'success'));
    expect([shown(q), ...q.waiting.map((n) => n.message)]).toEqual([
      'Saved',
      'The team server could not be reached.',
    ]);
  });
});
