import { describe, expect, it } from 'vitest';
import { computeDashboard, type DashboardFilters } from '../../../../src-shared/analytics/aggregate';
import type { CaseFact } from '../../../../src-shared/analytics/facts';
import { Rng } from '../../../../src-shared/demo/rng';
import {
  aggregateManagement,
  projectFact,
  type ManagementFilters,
} from '../../../../src-shared/reports/management';
import { fact } from '../analytics/fixture';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const START = Date.parse('2025-12-01T09:00:00Z');
const NOW = '2026-04-15T12:00:00.000Z';
const TIME_ZONE = 'Europe/London';

/**
 * 600 cases from December 2025 to March 2026 from a fixed seed, with acknowledgements on time,
 * late, never, after the end of the month they were received in, and withdrawals before any.
 */
function seededFacts(): CaseFact[] {
  const rng = new Rng(20260115);
  const categories = ['Fees', 'Service', 'Mortgage'];
  const severities = ['low', 'medium', 'high'] as const;
  const channels = ['email', 'phone', 'letter'] as const;
  const out: CaseFact[] = [];
  for (let i = 0; i < 600; i += 1) {
    const received = START + rng.int(0, 120) * DAY + rng.int(0, 8) * 3_600_000;
    const ackDue = received + rng.int(1, 5) * DAY;
    const roll = rng.next();
    const ackMet =
      roll < 0.6
        ? received + rng.range(0, ackDue - received) // on time
        : roll < 0.8
          ? ackDue + rng.int(1, 10) * DAY // late
          : null; // never, or withdrawn first
    const withdrawn = ackMet === null && rng.chance(0.4);
    const receivedIso = iso(received);
    out.push(
      fact({
        id: `C${i}`,
        received: receivedIso,
        acknowledged: ackMet === null ? null : iso(ackMet),
        ackDue: iso(ackDue),
        finalDue: iso(received + 56 * DAY),
        status: withdrawn ? 'withdrawn' : ackMet === null ? 'received' : 'acknowledged',
        category: categories[rng.int(0, categories.length - 1)]!,
        severity: severities[rng.int(0, severities.length - 1)]!,
        channel: channels[rng.int(0, channels.length - 1)]!,
      }),
    );
  }
  return out;
}

/** The dashboard's figure: every period's acknowledgement tally for the filters, summed. */
function dashboardPct(facts: CaseFact[], filters: DashboardFilters): number | null {
  const d = computeDashboard(facts, filters, {
    now: Date.parse(NOW),
    timeZone: TIME_ZONE,
    granularity: 'month',
    stackBy: 'none',
  });
  const met = d.compliance.rows.reduce((s, r) => s + r.ack.met, 0);
  const total = d.compliance.rows.reduce((s, r) => s + r.ack.total, 0);
  return total === 0 ? null : (met / total) * 100;
}

describe('"Acknowledged on time": the management report and the dashboard agree', () => {
  const facts = seededFacts();
  const projections = facts.map(projectFact);

  it.each<[string, string, string, ManagementFilters]>([
    ['January, every case', '2026-01-01T00:00:00.000Z', '2026-01-31T23:59:59.999Z', {}],
    [
      'first quarter, Fees only',
      '2026-01-01T00:00:00.000Z',
      '2026-03-31T22:59:59.999Z',
      { category: 'Fees' },
    ],
    [
      'February, high severity by phone',
      '2026-02-01T00:00:00.000Z',
      '2026-02-28T23:59:59.999Z',
      { severity: 'high', channel: 'phone' },
    ],
  ])('%s', (_name, from, to, filters) => {
    const report = aggregateManagement(projections, { from, to, now: NOW, timeZone: TIME_ZONE, filters });
    const dashboard = dashboardPct(facts, {
      fromMs: Date.parse(from),
      toMs: Date.parse(to),
      ...(filters as Omit<DashboardFilters, 'fromMs' | 'toMs'>),
    });
    expect(dashboard).not.toBeNull();
    expect(report.kpis.acknowledgedWithinTargetPct).toBeCloseTo(dashboard!, 10);
    // Each month's figure too, where the report's months are the dashboard's periods.
    const d = computeDashboard(
      facts,
      { fromMs: Date.parse(from), toMs: Date.parse(to), ...(filters as object) },
      { now: Date.parse(NOW), timeZone: TIME_ZONE, granularity: 'month', stackBy: 'none' },
    );
    const dashboardMonths = d.compliance.rows.map((r) =>
      r.ack.total === 0 ? null : (r.ack.met / r.ack.total) * 100,
    );
    expect(report.slaTrend.map((m) => m.acknowledgedOnTimePct)).toEqual(dashboardMonths);
  });
});
