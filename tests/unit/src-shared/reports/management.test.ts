import { describe, expect, it } from 'vitest';
import {
  aggregateManagement,
  median,
  monthsBetween,
  percentile,
  type CaseProjection,
  type ManagementParams,
} from '../../../../src-shared/reports/management';

const base: CaseProjection = {
  id: 'x',
  receivedAt: '2026-01-05T10:00:00.000Z',
  acknowledgedAt: null,
  closedAt: null,
  acknowledgeDue: '2026-01-06T23:59:59.999Z',
  finalDue: '2026-03-02T23:59:59.999Z',
  finalMetAt: null,
  withdrawn: false,
  category: 'Payments',
  subcategory: '',
  severity: 'medium',
  regime: 'uk-fca-general',
  channel: 'email',
  assigneeId: '',
  rootCause: '',
  finding: null,
  satisfactionScore: null,
  satisfactionAt: null,
  reopened: false,
};
const c = (over: Partial<CaseProjection>): CaseProjection => ({ ...base, ...over });

const params: ManagementParams = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-02-28T23:59:59.999Z',
  now: '2026-06-01T00:00:00.000Z',
  timeZone: 'Europe/London',
  filters: {},
};

// Hand-computed fixture: five cases in range, one before it, one after. Each closed case sent its
// final response when it closed (finalMetAt), as the workflow requires.
const cases = [
  // A: Jan, acked on time, closed in 10 days within deadline, upheld, satisfied 5.
  c({
    id: 'A',
    acknowledgedAt: '2026-01-05T12:00:00.000Z',
    closedAt: '2026-01-15T10:00:00.000Z',
    finalMetAt: '2026-01-15T10:00:00.000Z',
    finding: 'upheld',
    rootCause: 'Process failure',
    satisfactionScore: 5,
    satisfactionAt: '2026-01-20T10:00:00.000Z',
    subcategory: 'Delayed transfer',
  }),
  // B: Jan, acked late, closed in 20 days, not upheld, satisfied 3.
  c({
    id: 'B',
    acknowledgedAt: '2026-01-08T12:00:00.000Z',
    closedAt: '2026-01-25T10:00:00.000Z',
    finalMetAt: '2026-01-25T10:00:00.000Z',
    finding: 'not-upheld',
    rootCause: 'process failure ',
    satisfactionScore: 3,
    satisfactionAt: '2026-02-01T10:00:00.000Z',
    subcategory: 'Delayed transfer',
  }),
  // C: Feb, acked on time, closed after its deadline (40 days), partially upheld.
  c({
    id: 'C',
    receivedAt: '2026-02-01T10:00:00.000Z',
    acknowledgeDue: '2026-02-02T23:59:59.999Z',
    acknowledgedAt: '2026-02-01T11:00:00.000Z',
    finalDue: '2026-02-20T23:59:59.999Z',
    closedAt: '2026-02-26T10:00:00.000Z',
    finalMetAt: '2026-02-26T10:00:00.000Z',
    finding: 'partially-upheld',
    rootCause: 'Staff error',
    category: 'Lending',
  }),
  // D: Feb, never acked (deadline passed), still open, reopened.
  c({
    id: 'D',
    receivedAt: '2026-02-10T10:00:00.000Z',
    acknowledgeDue: '2026-02-11T23:59:59.999Z',
    reopened: true,
  }),
  // E: Feb, closed in March (after the range): open at period end.
  c({
    id: 'E',
    receivedAt: '2026-02-20T10:00:00.000Z',
    acknowledgeDue: '2026-02-21T23:59:59.999Z',
    acknowledgedAt: '2026-02-20T11:00:00.000Z',
    closedAt: '2026-03-05T10:00:00.000Z',
    finalMetAt: '2026-03-05T10:00:00.000Z',
  }),
  // F: received in December, closed in January within deadline in 30 days; no finding.
  c({
    id: 'F',
    receivedAt: '2025-12-16T10:00:00.000Z',
    acknowledgeDue: '2025-12-17T23:59:59.999Z',
    acknowledgedAt: '2025-12-16T11:00:00.000Z',
    closedAt: '2026-01-15T10:00:00.000Z',
    finalMetAt: '2026-01-15T10:00:00.000Z',
    finalDue: '2026-02-10T23:59:59.999Z',
  }),
  // G: received after the range: ignored.
  c({ id: 'G', receivedAt: '2026-03-10T10:00:00.000Z' }),
];

describe('percentile and median', () => {
  it.each([
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[10, 20, 30, 40], 90, 40],
    [[7], 90, 7],
  ])('percentile(%j, %d) = %d (nearest rank)', (values, p, want) => {
    expect(percentile(values, p)).toBe(want);
  });
  it('median of an even count averages the middle pair', () => {
    expect(median([10, 20, 30, 40])).toBe(25);
    expect(median([10, 20, 30])).toBe(20);
    expect(median([])).toBeNull();
  });
  it('lists months across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('aggregateManagement', () => {
  const r = aggregateManagement(cases, params);

  it('computes the KPIs', () => {
    expect(r.kpis.received).toBe(5); // A B C D E
    expect(r.kpis.closed).toBe(4); // A B C F
    expect(r.kpis.openAtEnd).toBe(2); // D, E (closed after the range)
    // Acknowledgement: A yes, B late, C yes, D missed (due passed), E yes → 3/5.
    expect(r.kpis.acknowledgedWithinTargetPct).toBe(60);
    // Final responses settled in the period: A, B, F in time, C late → 3/4 (D's and E's fall after it).
    expect(r.kpis.finalResponseOnTimePct).toBe(75);
    // Days: A 10, B 20, C 25, F 30 → median 22.5, P90 = 4th of 4 = 30.
    expect(r.kpis.medianDaysToResolve).toBe(22.5);
    expect(r.kpis.p90DaysToResolve).toBe(30);
    // Findings among closed: A upheld, B not, C partly → 2/3.
    expect(r.kpis.upheldRatePct).toBeCloseTo(66.667, 2);
    expect(r.kpis.averageSatisfaction).toBe(4);
    expect(r.kpis.satisfactionResponses).toBe(2);
    expect(r.kpis.reopenedPct).toBe(20);
  });

  it('counts volume by month and category', () => {
    expect(r.byMonth).toEqual([
      { month: '2026-01', received: 2, closed: 3 },
      { month: '2026-02', received: 3, closed: 1 },
    ]);
    expect(r.byCategory).toEqual([
      { category: 'Payments', count: 4 },
      { category: 'Lending', count: 1 },
    ]);
  });

  it('groups root causes regardless of case and spacing, with cumulative share', () => {
    expect(r.rootCauses).toEqual([
      { cause: 'Process failure', count: 2, cumulativePct: (2 / 3) * 100 },
      { cause: 'Staff error', count: 1, cumulativePct: 100 },
    ]);
  });

  it('trends SLA compliance per month', () => {
    expect(r.slaTrend).toEqual([
      { month: '2026-01', responses: 3, withinDeadline: 3, pct: 100, acknowledgedOnTimePct: 50 },
      { month: '2026-02', responses: 1, withinDeadline: 0, pct: 0, acknowledgedOnTimePct: (2 / 3) * 100 },
    ]);
  });

  it('ranks recurring issues with how many are still open', () => {
    // Ties are broken alphabetically.
    expect(r.topIssues).toEqual([
      { issue: 'Payments', count: 2, open: 2 },
      { issue: 'Payments / Delayed transfer', count: 2, open: 0 },
      { issue: 'Lending', count: 1, open: 0 },
    ]);
  });

  it('applies filters', () => {
    const lending = aggregateManagement(cases, { ...params, filters: { category: 'Lending' } });
    expect(lending.kpis.received).toBe(1);
    expect(lending.kpis.closed).toBe(1);
    expect(lending.kpis.finalResponseOnTimePct).toBe(0);
  });

  it('gives null rates, not zero, when nothing qualifies', () => {
    const none = aggregateManagement([], params);
    expect(none.kpis.finalResponseOnTimePct).toBeNull();
    expect(none.kpis.medianDaysToResolve).toBeNull();
    expect(none.kpis.averageSatisfaction).toBeNull();
    expect(none.byMonth).toHaveLength(2);
  });

  it('counts each final response deadline in the month its outcome became known', () => {
    const settled = aggregateManagement(
      [
        // Met in January by the final response, closed in February: January's.
        c({
          id: 'J',
          finalDue: '2026-02-20T23:59:59.999Z',
          finalMetAt: '2026-01-30T10:00:00.000Z',
          closedAt: '2026-02-03T10:00:00.000Z',
        }),
        // Still open, its deadline passed unmet on 10 February: February's, missed.
        c({ id: 'K', finalDue: '2026-02-10T23:59:59.999Z' }),
        // Due 31 January, answered late on 14 February: missed when the deadline passed, in January.
        c({ id: 'L', finalDue: '2026-01-31T23:59:59.999Z', finalMetAt: '2026-02-14T10:00:00.000Z' }),
        // Withdrawn before anything was sent: nothing was owed.
        c({ id: 'M', finalDue: '2026-02-12T23:59:59.999Z', withdrawn: true }),
        // Due after the period: not settled in it.
        c({ id: 'N', finalDue: '2026-03-20T23:59:59.999Z' }),
        // Answered in time, but after the period ends: not settled in it either.
        c({ id: 'O', finalDue: '2026-03-20T23:59:59.999Z', finalMetAt: '2026-03-01T10:00:00.000Z' }),
      ],
      params,
    );
    expect(settled.slaTrend.map((m) => [m.month, m.responses, m.withinDeadline])).toEqual([
      ['2026-01', 2, 1],
      ['2026-02', 1, 0],
    ]);
    expect(settled.kpis.finalResponseOnTimePct).toBeCloseTo(100 / 3, 5);
  });

  it('waits for a final response deadline that has not passed at the time of the report', () => {
    const early = aggregateManagement([c({ id: 'P', finalDue: '2026-02-25T23:59:59.999Z' })], {
      ...params,
      now: '2026-02-20T00:00:00.000Z',
    });
    expect(early.kpis.finalResponseOnTimePct).toBeNull();
    expect(early.slaTrend.every((m) => m.responses === 0)).toBe(true);
  });

  it('does not count an acknowledgement deadline that has not passed yet', () => {
    const early = aggregateManagement([c({ id: 'N', acknowledgeDue: '2026-07-01T00:00:00.000Z' })], params);
    expect(early.kpis.acknowledgedWithinTargetPct).toBeNull();
  });

  it('counts an acknowledgement sent on time just after the period ended, as the dashboard does', () => {
    const late = aggregateManagement(
      [
        c({
          id: 'L',
          receivedAt: '2026-02-27T10:00:00.000Z',
          acknowledgeDue: '2026-03-03T23:59:59.999Z',
          acknowledgedAt: '2026-03-02T10:00:00.000Z',
        }),
      ],
      { ...params, now: '2026-04-01T00:00:00.000Z' },
    );
    expect(late.kpis.acknowledgedWithinTargetPct).toBe(100);
  });

  it('owes no acknowledgement for a case withdrawn before it was acknowledged, as the dashboard judges it', () => {
    const r = aggregateManagement(
      [c({ id: 'W', withdrawn: true }), c({ id: 'A', acknowledgedAt: '2026-01-05T12:00:00.000Z' })],
      params,
    );
    expect(r.kpis.acknowledgedWithinTargetPct).toBe(100);
    expect(r.kpis.finalResponseOnTimePct).toBeNull();
  });
});
