import { describe, expect, it } from 'vitest';
import { beforeAfter } from '../../../../src-shared/analytics/before-after';
import { fact } from './fixture';

const DAY = 86_400_000;
const change = Date.parse('2026-03-01T12:00:00Z');
const at = (days: number, over: Parameters<typeof fact>[0] extends infer P ? Partial<P> : never = {}) => {
  const iso = new Date(change + days * DAY).toISOString();
  return fact({ id: `d${days}`, received: iso, ackDue: iso, finalDue: iso, ...over });
};

describe('beforeAfter', () => {
  const facts = [
    at(-50, { rootCause: 'Billing error' }), // outside the 40-day window
    at(-30, { rootCause: 'Billing error' }),
    at(-10, { category: 'Payments' }),
    at(-5, { rootCause: 'Billing error', category: 'Payments' }), // counted once
    at(-2, { rootCause: 'Staff error' }), // not linked
    at(3, { rootCause: 'Billing error' }),
    at(39, { category: 'Payments' }),
  ];

  it('counts linked complaints in equal windows either side of the change, as long as time allows', () => {
    const r = beforeAfter(facts, {
      rootCauses: ['Billing error'],
      categories: ['Payments'],
      changeMs: change,
      timeZone: 'Europe/London',
      now: change + 40 * DAY,
    });
    expect(r.windowDays).toBe(40);
    expect([r.before, r.after]).toEqual([3, 2]);
    expect(r.changePct).toBe(-33.3);
    expect(r.caseIdsAfter).toEqual(['d3', 'd39']);
    expect(r.months.reduce((n, m) => n + m.before + m.after, 0)).toBe(5);
  });

  it('counts what came since the last whole day, and the before window is exactly as long', () => {
    // 40 days and 9 hours since the change: a complaint 40 days and 8 hours after it counts (the
    // window once ended at 40 whole days), and so does one 40 days and 9 hours before it.
    const now = change + 40 * DAY + 9 * 3_600_000;
    const r = beforeAfter(
      [
        at(40 + 8 / 24, { id: 'today', category: 'Payments' }),
        at(-40 - 9 / 24, { id: 'edge-before', category: 'Payments' }),
        at(-40 - 10 / 24, { id: 'too-early', category: 'Payments' }),
      ],
      { rootCauses: [], categories: ['Payments'], changeMs: change, timeZone: 'Europe/London', now },
    );
    expect(r.windowDays).toBe(40);
    expect([r.before, r.after]).toEqual([1, 1]);
    expect(r.caseIdsAfter).toEqual(['today']);
  });

  it('caps the window and handles nothing before', () => {
    const r = beforeAfter(facts, {
      rootCauses: ['Staff error'],
      categories: [],
      changeMs: change,
      timeZone: 'Europe/London',
      now: change + 1000 * DAY,
      maxWindowDays: 1,
    });
    expect(r).toMatchObject({ windowDays: 1, before: 0, after: 0, changePct: null });
  });

  it('has no windows for a change today or in the future', () => {
    expect(
      beforeAfter(facts, {
        rootCauses: ['Billing error'],
        categories: [],
        changeMs: change,
        now: change,
        timeZone: 'Europe/London',
      }).windowDays,
    ).toBe(0);
  });
});
