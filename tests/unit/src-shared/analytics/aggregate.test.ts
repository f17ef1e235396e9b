import { describe, expect, it } from 'vitest';
import {
  computeDashboard,
  median,
  OTHER_KEY,
  percentile,
  type DashboardFilters,
} from '../../../../src-shared/analytics/aggregate';
import { FIXTURE, NOW, fact } from './fixture';

// Q1 2026 on a London office's calendar (GMT until 29 March, then BST).
const LONDON = 'Europe/London';
const Q1: DashboardFilters = {
  fromMs: Date.parse('2026-01-01T00:00:00Z'),
  toMs: Date.parse('2026-03-31T23:59:59.999+01:00'),
};
const run = (filters: Partial<DashboardFilters> = {}, stackBy: 'category' | 'none' = 'category') =>
  computeDashboard(
    FIXTURE,
    { ...Q1, ...filters },
    { now: NOW, timeZone: LONDON, granularity: 'month', stackBy },
  );

describe('computeDashboard on the hand-worked fixture', () => {
  const d = run();

  it('counts the cases received in range (G, in December, is out)', () => {
    expect(d.total).toBe(6);
  });

  it('volume per month, stacked by category, largest series first', () => {
    expect(d.volume.keys).toEqual(['Fees', 'Service']);
    expect(d.volume.rows.map((r) => [r.key, r.total, r.counts])).toEqual([
      ['2026-01', 2, { Fees: 2, Service: 0 }],
      ['2026-02', 2, { Fees: 1, Service: 1 }],
      ['2026-03', 2, { Fees: 1, Service: 1 }],
    ]);
  });

  it('root-cause Pareto with cumulative share', () => {
    expect(d.pareto).toEqual([
      { rootCause: 'Billing error', count: 3, cumulativePct: 75 },
      { rootCause: 'Staff error', count: 1, cumulativePct: 100 },
    ]);
  });

  it('deadline compliance: acknowledged within target and resolved within the deadline, per regime', () => {
    const rows = d.compliance.rows.map((r) => [r.key, r.ack, r.resolved]);
    expect(rows).toEqual([
      ['2026-01', { met: 1, total: 2 }, { met: 2, total: 2 }],
      // C acknowledged in time but past its final deadline; D never acknowledged and overdue.
      ['2026-02', { met: 1, total: 2 }, { met: 0, total: 1 }],
      // F was withdrawn before anything was sent: it owed neither, so neither counts.
      ['2026-03', { met: 1, total: 1 }, { met: 1, total: 1 }],
    ]);
    expect(d.compliance.rows[1]!.byRegime).toEqual({
      'us-cfpb': { ack: { met: 1, total: 1 }, resolved: { met: 0, total: 1 } },
      'uk-fca-general': { ack: { met: 0, total: 1 }, resolved: { met: 0, total: 0 } },
    });
    expect(d.compliance.regimes).toEqual(['uk-fca-general', 'us-cfpb']);
  });

  it('time to resolve: median and P90 per month, and the distribution', () => {
    expect(d.resolution.rows.map((r) => [r.key, r.count, r.medianDays, r.p90Days])).toEqual([
      ['2026-01', 2, 20, 30],
      ['2026-02', 0, null, null],
      ['2026-03', 1, 2, 2],
    ]);
    expect(d.resolution.distribution.filter((b) => b.count).map((b) => [b.label, b.count])).toEqual([
      ['1-3 days', 1],
      ['1-2 weeks', 1],
      ['4-8 weeks', 1],
    ]);
  });

  it('satisfaction per month', () => {
    expect(d.satisfaction.map((r) => [r.key, r.count, r.average])).toEqual([
      ['2026-01', 2, 3],
      ['2026-02', 0, null],
      ['2026-03', 1, 5],
    ]);
  });

  it('outcome rates and reopened cases', () => {
    expect(d.outcomes).toEqual([
      { finding: 'upheld', count: 1, pct: 33.3 },
      { finding: 'partially-upheld', count: 1, pct: 33.3 },
      { finding: 'not-upheld', count: 1, pct: 33.3 },
    ]);
    expect(d.reopened).toEqual({ closed: 3, reopened: 1 });
  });

  it('open backlog by age and by stage', () => {
    expect(d.backlogByAge.map((b) => [b.label, b.count])).toEqual([
      ['0-7 days', 0],
      ['8-14 days', 0],
      ['15-28 days', 0],
      ['29-56 days', 2],
      ['57+ days', 0],
    ]);
    expect(d.backlogByStage).toEqual([
      { stage: 'acknowledge', count: 1 },
      { stage: 'investigate', count: 1 },
      { stage: 'resolve', count: 0 },
      { stage: 'implement', count: 0 },
    ]);
  });

  it('workload per officer (unassigned as "")', () => {
    expect(d.workload).toEqual([
      { assigneeId: '', open: 1, overdue: 1, closed: 0 },
      { assigneeId: 'u2', open: 1, overdue: 1, closed: 1 },
      { assigneeId: 'u1', open: 0, overdue: 0, closed: 3 },
    ]);
  });

  it('repeat complainants and recurring product + category pairs', () => {
    expect(d.repeatComplainants).toEqual([{ complainantKey: 'ann', count: 3, open: 0 }]);
    expect(d.recurring).toEqual([
      { product: 'Card', category: 'Fees', count: 3 },
      { product: 'Loan', category: 'Service', count: 2 },
    ]);
  });
});

describe('deadline compliance counts the letter that met the deadline', () => {
  // One case received Mon 2 Mar 2026; acknowledgement due 3 Mar, final response due 1 Apr; judged on 20 Apr.
  const base = {
    id: 'c',
    received: '2026-03-02T10:00:00Z',
    ackDue: '2026-03-03T23:59:59.999Z',
    finalDue: '2026-04-01T22:59:59.999Z',
  };
  const now = Date.parse('2026-04-20T12:00:00Z');
  const met = { met: 1, total: 1 };
  const missed = { met: 0, total: 1 };
  const none = { met: 0, total: 0 };
  it.each([
    ['nothing sent yet, inside both deadlines', {}, Date.parse('2026-03-03T09:00:00Z'), none, none],
    ['nothing sent, both deadlines passed', {}, now, missed, missed],
    [
      'acknowledged in time, final response in time',
      { ackMet: '2026-03-02T15:00:00Z', finalMet: '2026-03-30T10:00:00Z' },
      now,
      met,
      met,
    ],
    [
      'acknowledged late, final response late',
      { ackMet: '2026-03-05T10:00:00Z', finalMet: '2026-04-10T10:00:00Z' },
      now,
      missed,
      missed,
    ],
    [
      'closed in time with no final response recorded: closing meets nothing',
      { ackMet: '2026-03-02T15:00:00Z', closed: '2026-03-20T10:00:00Z', status: 'closed', open: false },
      now,
      met,
      missed,
    ],
    [
      'withdrawn after the acknowledgement: the final response was not owed',
      { ackMet: '2026-03-02T15:00:00Z', closed: '2026-03-10T10:00:00Z', status: 'withdrawn', open: false },
      now,
      met,
      none,
    ],
    [
      'withdrawn after a final response: it still counts',
      {
        ackMet: '2026-03-02T15:00:00Z',
        finalMet: '2026-04-05T10:00:00Z',
        closed: '2026-04-06T10:00:00Z',
        status: 'withdrawn',
        open: false,
      },
      now,
      met,
      missed,
    ],
  ] as const)('%s', (_name, over, at, ack, resolved) => {
    const d = computeDashboard([fact({ ...base, ...over })], Q1, {
      now: at,
      granularity: 'month',
      stackBy: 'none',
      timeZone: 'Europe/London',
    });
    const march = d.compliance.rows.find((r) => r.key === '2026-03')!;
    expect([march.ack, march.resolved]).toEqual([ack, resolved]);
    expect(march.byRegime['uk-fca-general']).toEqual({ ack, resolved });
  });
});

describe('filters apply to every aggregate', () => {
  it('by category', () => {
    const d = run({ category: 'Service' });
    expect(d.total).toBe(2);
    expect(d.pareto).toEqual([{ rootCause: 'Billing error', count: 1, cumulativePct: 100 }]);
    expect(d.workload.map((w) => w.assigneeId)).toEqual(['u2', 'u1']);
  });

  it('by officer, including unassigned', () => {
    expect(run({ assigneeId: '' }).total).toBe(1);
    expect(run({ assigneeId: 'u1' }).reopened).toEqual({ closed: 2, reopened: 1 });
  });

  it('by date range: an empty range gives empty charts', () => {
    const d = run({ fromMs: Date.parse('2025-06-01T00:00:00Z'), toMs: Date.parse('2025-06-30T00:00:00Z') });
    expect(d.total).toBe(0);
    expect(d.volume.rows.every((r) => r.total === 0)).toBe(true);
  });

  it('unstacked volume has one series', () => {
    expect(run({}, 'none').volume.keys).toEqual(['total']);
  });
});

describe('volume keeps under the point budget', () => {
  it('folds the smallest series into Other when there are too many', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      fact({
        id: `m${i}`,
        received: '2026-01-10T12:00:00Z',
        ackDue: '2026-01-11T12:00:00Z',
        finalDue: '2026-03-10T12:00:00Z',
        category: `Cat ${String(i).padStart(2, '0')}`,
      }),
    );
    const d = computeDashboard(many, Q1, {
      now: NOW,
      timeZone: LONDON,
      granularity: 'week',
      stackBy: 'category',
    });
    expect(d.volume.keys).toHaveLength(10);
    expect(d.volume.keys.at(-1)).toBe(OTHER_KEY);
    const jan = d.volume.rows.find((r) => r.total > 0)!;
    expect(jan.counts[OTHER_KEY]).toBe(21);
    expect(d.volume.rows.length * d.volume.keys.length).toBeLessThanOrEqual(500);
  });
});

describe('periods are the office’s weeks and months', () => {
  // Saturday 31 January 2026, 20:00 UTC: still January in London, already Sunday 1 February
  // (07:00 AEDT) in Sydney. Sunday 1 February belongs to the week of Monday 26 January.
  const late = fact({
    id: 'late',
    received: '2026-01-31T20:00:00Z',
    ackDue: '2026-02-03T12:00:00Z',
    finalDue: '2026-03-28T12:00:00Z',
  });
  const filters = { fromMs: Date.parse('2025-12-31T00:00:00Z'), toMs: Date.parse('2026-02-28T00:00:00Z') };
  const keysOf = (timeZone: string, granularity: 'month' | 'week') =>
    computeDashboard([late], filters, { now: NOW, timeZone, granularity, stackBy: 'none' })
      .volume.rows.filter((r) => r.total > 0)
      .map((r) => r.key);

  it.each([
    [LONDON, 'month', ['2026-01']],
    ['Australia/Sydney', 'month', ['2026-02']],
    [LONDON, 'week', ['2026-01-26']],
    ['Australia/Sydney', 'week', ['2026-01-26']],
    ['America/New_York', 'week', ['2026-01-26']], // 15:00 on Saturday 31 January
  ] as const)('%s, by %s: %j', (timeZone, granularity, keys) => {
    expect(keysOf(timeZone, granularity)).toEqual(keys);
  });

  it('a month starts at the office’s midnight', () => {
    const rows = computeDashboard([late], filters, {
      now: NOW,
      timeZone: 'Australia/Sydney',
      granularity: 'month',
      stackBy: 'none',
    }).volume.rows;
    const feb = rows.find((r) => r.key === '2026-02')!;
    expect([new Date(feb.startMs).toISOString(), new Date(feb.endMs).toISOString()]).toEqual([
      '2026-01-31T13:00:00.000Z', // 1 February 00:00 AEDT
      '2026-02-28T13:00:00.000Z', // 1 March 00:00 AEDT
    ]);
  });
});

describe('median and percentile', () => {
  it.each([
    [[], null, null],
    [[5], 5, 5],
    [[1, 2, 3, 4], 2.5, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9],
  ])('%j → median %s, P90 %s', (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(percentile(values, 0.9)).toBe(p90);
  });
});
