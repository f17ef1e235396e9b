import { describe, expect, it } from 'vitest';
import { caseSla, slaLineState } from '../../../../src-shared/domain/case-sla';
import { createBusinessCalendar, DEFAULT_SLA_TARGETS } from '../../../../src-shared/domain/deadlines';

const calendar = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
const medium = DEFAULT_SLA_TARGETS.medium; // first response 2, next update 5, resolution 25 business days
const base = {
  receivedAt: '2026-06-01T09:00:00.000Z', // Monday 1 June 2026 (no bank holidays until 31 August)
  acknowledgedAt: null,
  closedAt: null,
  statusChangedAt: '2026-06-01T09:00:00.000Z',
  slaPauses: [],
  open: 1 as const,
};

describe('caseSla', () => {
  it('counts each target in business days from receipt, and the next update from the last status change', () => {
    const sla = caseSla(
      { ...base, statusChangedAt: '2026-06-03T10:00:00.000Z' },
      medium,
      calendar,
      new Date('2026-06-04T09:00:00Z'),
    );
    expect(sla.firstResponse).toEqual({ dueAt: '2026-06-03T22:59:59.999Z', metAt: null }); // Wed 3 June
    expect(sla.nextUpdate).toEqual({ dueAt: '2026-06-10T22:59:59.999Z', metAt: null }); // Wed 3 + 5 = Wed 10 June
    expect(sla.resolution.dueAt).toBe('2026-07-06T22:59:59.999Z'); // 25 business days: Mon 6 July
    expect(sla).toMatchObject({ paused: false, pausedMs: 0 });
  });

  it('pushes the targets back by each business day spent waiting on the complainant', () => {
    // Paused Tuesday 2 June 10:00 to Thursday 4 June 10:00: three days touched → three business days later.
    const pauses = [
      { from: '2026-06-02T09:00:00.000Z', to: '2026-06-04T09:00:00.000Z', reason: 'Waiting for statements' },
    ];
    const sla = caseSla({ ...base, slaPauses: pauses }, medium, calendar, new Date('2026-06-05T09:00:00Z'));
    expect(sla.resolution.dueAt).toBe('2026-07-09T22:59:59.999Z');
    expect(sla.pausedMs).toBe(2 * 86_400_000);
    expect(sla.paused).toBe(false);
  });

  it('reports an open pause, and marks targets met when the case was acknowledged and closed', () => {
    const open = caseSla(
      { ...base, slaPauses: [{ from: '2026-06-02T09:00:00.000Z', to: null, reason: 'x' }] },
      medium,
      calendar,
      new Date('2026-06-02T12:00:00Z'),
    );
    expect(open.paused).toBe(true);
    const done = caseSla(
      { ...base, acknowledgedAt: '2026-06-01T15:00:00.000Z', closedAt: '2026-06-20T10:00:00.000Z', open: 0 },
      medium,
      calendar,
      new Date('2026-07-01T09:00:00Z'),
    );
    expect(done.firstResponse.metAt).toBe('2026-06-01T15:00:00.000Z');
    expect(done.resolution.metAt).toBe('2026-06-20T10:00:00.000Z');
    expect(done.nextUpdate).toBeNull();
  });
});

describe('slaLineState', () => {
  const line = (metAt: string | null) => ({ dueAt: '2026-06-03T22:59:59.999Z', metAt });
  it.each([
    ['met in time', line('2026-06-03T22:59:59.999Z'), null, 'met'],
    ['met late', line('2026-06-04T08:00:00.000Z'), '2026-06-20T10:00:00.000Z', 'missed'],
    ['still running', line(null), null, 'running'],
    ['closed after it fell due, without it', line(null), '2026-06-04T08:00:00.000Z', 'unmet'],
    // Withdrawn the day after receipt: nothing was owed any more, nothing was missed.
    ['closed before it fell due', line(null), '2026-06-02T10:00:00.000Z', 'unneeded'],
  ] as const)('%s', (_, l, closedAt, state) => {
    expect(slaLineState(l, closedAt)).toBe(state);
  });
});
