// Aggregation for the management report: pure functions over a slim projection of cases, fed one
// page at a time (so 100,000 cases never sit in memory as full records) and finished into the
// figures the PDF shows.
import type { CaseFact } from '../analytics/facts';
import type { CaseRecord, Finding } from '../domain/case';
import { acknowledgedOnTime, activeDeadlines, deadlineOutcome } from '../domain/deadlines';
import type { ManagementReportData } from '../ipc/channels/reports';

/** The few fields of a case the management report needs. */
export interface CaseProjection {
  id: string;
  receivedAt: string;
  /** When the acknowledgement deadline was met (by the acknowledgement or an earlier response). */
  acknowledgedAt: string | null;
  closedAt: string | null;
  acknowledgeDue: string;
  /** The final-response deadline in force, and when a response met it (deadlines.ts activeDeadlines). */
  finalDue: string;
  finalMetAt: string | null;
  withdrawn: boolean;
  category: string;
  subcategory: string;
  severity: string;
  regime: string;
  channel: string;
  assigneeId: string;
  rootCause: string;
  finding: Finding | null;
  satisfactionScore: number | null;
  satisfactionAt: string | null;
  /** Reopened and not yet closed again: the case record keeps no reopen history. */
  reopened: boolean;
}

export function projectCase(c: CaseRecord): CaseProjection {
  const live = activeDeadlines(c, new Date(0));
  return {
    id: c.id,
    receivedAt: c.receivedAt,
    acknowledgedAt: live.acknowledge.metAt,
    closedAt: c.closedAt,
    acknowledgeDue: live.acknowledge.dueAt,
    finalDue: live.final.dueAt,
    finalMetAt: live.final.metAt,
    withdrawn: c.status === 'withdrawn',
    category: c.category,
    subcategory: c.subcategory,
    severity: c.severity,
    regime: c.regime,
    channel: c.channel,
    assigneeId: c.assigneeId,
    rootCause: c.rootCause,
    finding: c.finding,
    satisfactionScore: c.satisfaction?.score ?? null,
    satisfactionAt: c.satisfaction?.at ?? null,
    reopened: c.status === 'reopened',
  };
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The same projection from the dashboard's in-memory case facts (analytics worker), which hold
 * every case already: the app's management report reads them instead of 100,000 case records.
 */
export function projectFact(f: CaseFact): CaseProjection {
  return {
    id: f.id,
    receivedAt: new Date(f.receivedMs).toISOString(),
    acknowledgedAt: isoOrNull(f.ackMetMs),
    closedAt: isoOrNull(f.closedMs),
    acknowledgeDue: new Date(f.ackDueMs).toISOString(),
    finalDue: new Date(f.finalDueMs).toISOString(),
    finalMetAt: isoOrNull(f.finalMetMs),
    withdrawn: f.status === 'withdrawn',
    category: f.category,
    subcategory: f.subcategory,
    severity: f.severity,
    regime: f.regime,
    channel: f.channel,
    assigneeId: f.assigneeId,
    rootCause: f.rootCause,
    finding: f.finding,
    satisfactionScore: f.satisfaction,
    satisfactionAt: isoOrNull(f.satisfactionMs),
    reopened: f.reopened,
  };
}

export interface ManagementFilters {
  category?: string;
  severity?: string;
  regime?: string;
  channel?: string;
  assigneeId?: string;
}

export interface ManagementParams {
  /** Inclusive instants (ISO UTC). */
  from: string;
  to: string;
  /** Deadlines not yet due by this instant are not counted as missed. */
  now: string;
  timeZone: string;
  filters: ManagementFilters;
}

export type ManagementFigures = Pick<
  ManagementReportData,
  'kpis' | 'byMonth' | 'byCategory' | 'rootCauses' | 'slaTrend' | 'topIssues'
>;

const DAY_MS = 86_400_000;
const TOP_ISSUES = 10;

export function matchesFilters(p: CaseProjection, f: ManagementFilters): boolean {
  return (
    (f.category === undefined || p.category === f.category) &&
    (f.severity === undefined || p.severity === f.severity) &&
    (f.regime === undefined || p.regime === f.regime) &&
    (f.channel === undefined || p.channel === f.channel) &&
    (f.assigneeId === undefined || p.assigneeId === f.assigneeId)
  );
}

/** Nearest-rank percentile of sorted values (p in 0–100); null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Median: the middle value, or the mean of the two middle values. */
export function median(sorted: number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

const share = (part: number, whole: number) => (whole === 0 ? null : (part / whole) * 100);

/** "YYYY-MM" of an instant in the office's time zone, cached per UTC hour (months change on hour boundaries). */
export function monthKeyer(timeZone: string): (iso: string) => string {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  const cache = new Map<string, string>();
  return (iso) => {
    const hour = iso.slice(0, 13);
    let key = cache.get(hour);
    if (key === undefined) {
      const parts = fmt.formatToParts(new Date(iso));
      key = `${parts.find((x) => x.type === 'year')!.value}-${parts.find((x) => x.type === 'month')!.value}`;
      cache.set(hour, key);
    }
    return key;
  };
}

/** Every month from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(fromKey: string, toKey: string): string[] {
  const out: string[] = [];
  let [y, m] = fromKey.split('-').map(Number) as [number, number];
  const [ty, tm] = toKey.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

interface MonthCounts {
  received: number;
  closed: number;
  /** Final-response deadlines settled in the month: a response sent, or the deadline passed unmet. */
  responses: number;
  withinDeadline: number;
  ackDue: number;
  ackOnTime: number;
}

/** Feed it cases (any order, any page size) with `add`, then `finish` for the figures. */
export function createManagementAggregator(params: ManagementParams) {
  const { from, to, filters } = params;
  const asOf = params.now < to ? params.now : to;
  const nowMs = Date.parse(params.now);
  const month = monthKeyer(params.timeZone);
  const months = new Map<string, MonthCounts>(
    monthsBetween(month(from), month(to)).map((k) => [
      k,
      { received: 0, closed: 0, responses: 0, withinDeadline: 0, ackDue: 0, ackOnTime: 0 },
    ]),
  );
  const inRange = (iso: string | null): iso is string => iso !== null && iso >= from && iso <= to;
  let received = 0;
  let closed = 0;
  let openAtEnd = 0;
  let ackDenominator = 0;
  let ackOnTime = 0;
  let withinDeadline = 0;
  let responses = 0;
  let withFinding = 0;
  let upheld = 0;
  let satisfactionSum = 0;
  let satisfactionCount = 0;
  let reopened = 0;
  const resolveDays: number[] = [];
  const categories = new Map<string, number>();
  const causes = new Map<string, { label: string; count: number }>();
  const issues = new Map<string, { count: number; open: number }>();

  function add(p: CaseProjection): void {
    if (!matchesFilters(p, filters)) return;
    if (p.receivedAt <= to && (p.closedAt === null || p.closedAt > to)) openAtEnd += 1;
    if (inRange(p.receivedAt)) {
      received += 1;
      const m = months.get(month(p.receivedAt));
      if (m) m.received += 1;
      categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
      const issue = p.subcategory ? `${p.category} / ${p.subcategory}` : p.category;
      const entry = issues.get(issue) ?? { count: 0, open: 0 };
      entry.count += 1;
      if (p.closedAt === null || p.closedAt > to) entry.open += 1;
      issues.set(issue, entry);
      if (p.reopened) reopened += 1;
      // The dashboard's definition (deadlines.ts acknowledgedOnTime), judged at the time of the report.
      const onTime = acknowledgedOnTime(
        Date.parse(p.acknowledgeDue),
        p.acknowledgedAt === null ? null : Date.parse(p.acknowledgedAt),
        nowMs,
        p.withdrawn,
      );
      if (onTime !== null) {
        ackDenominator += 1;
        if (onTime) ackOnTime += 1;
        if (m) {
          m.ackDue += 1;
          if (onTime) m.ackOnTime += 1;
        }
      }
    }
    // The final response counts in the month its outcome became known (deadlines.ts
    // deadlineOutcome): when a response met the deadline, or when the deadline passed without one
    // (a late response sent afterwards does not move a missed deadline into a later month).
    const outcome = deadlineOutcome(p.finalDue, p.finalMetAt, asOf, p.withdrawn);
    const settledAt =
      outcome === 'met' ? p.finalMetAt : outcome === 'missed' || outcome === 'overdue' ? p.finalDue : null;
    if (inRange(settledAt)) {
      responses += 1;
      const inTime = outcome === 'met';
      if (inTime) withinDeadline += 1;
      const m = months.get(month(settledAt));
      if (m) {
        m.responses += 1;
        if (inTime) m.withinDeadline += 1;
      }
    }
    if (inRange(p.closedAt)) {
      closed += 1;
      const m = months.get(month(p.closedAt));
      if (m) m.closed += 1;
      resolveDays.push((Date.parse(p.closedAt) - Date.parse(p.receivedAt)) / DAY_MS);
      if (p.finding) {
        withFinding += 1;
        if (p.finding !== 'not-upheld') upheld += 1;
      }
      const cause = p.rootCause.trim();
      if (cause) {
        const key = cause.toLowerCase();
        const c = causes.get(key) ?? { label: cause, count: 0 };
        c.count += 1;
        causes.set(key, c);
      }
    }
    if (p.satisfactionScore !== null && inRange(p.satisfactionAt)) {
      satisfactionSum += p.satisfactionScore;
      satisfactionCount += 1;
    }
  }

  function finish(): ManagementFigures {
    resolveDays.sort((a, b) => a - b);
    const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const causeList = [...causes.values()].sort(
      (a, b) => b.count - a.count || a.label.localeCompare(b.label),
    );
    const causeTotal = causeList.reduce((s, c) => s + c.count, 0);
    let running = 0;
    return {
      kpis: {
        received,
        closed,
        openAtEnd,
        acknowledgedWithinTargetPct: share(ackOnTime, ackDenominator),
        finalResponseOnTimePct: share(withinDeadline, responses),
        medianDaysToResolve: round1(median(resolveDays)),
        p90DaysToResolve: round1(percentile(resolveDays, 90)),
        upheldRatePct: share(upheld, withFinding),
        averageSatisfaction: satisfactionCount ? satisfactionSum / satisfactionCount : null,
        satisfactionResponses: satisfactionCount,
        reopenedPct: share(reopened, received),
      },
      byMonth: [...months].map(([k, m]) => ({ month: k, received: m.received, closed: m.closed })),
      byCategory: [...categories]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      rootCauses: causeList.map((c) => {
        running += c.count;
        return { cause: c.label, count: c.count, cumulativePct: (running / causeTotal) * 100 };
      }),
      slaTrend: [...months].map(([k, m]) => ({
        month: k,
        responses: m.responses,
        withinDeadline: m.withinDeadline,
        pct: share(m.withinDeadline, m.responses),
        acknowledgedOnTimePct: share(m.ackOnTime, m.ackDue),
      })),
      topIssues: [...issues]
        .map(([issue, v]) => ({ issue, count: v.count, open: v.open }))
        .sort((a, b) => b.count - a.count || a.issue.localeCompare(b.issue))
        .slice(0, TOP_ISSUES),
    };
  }

  return { add, finish };
}

/** All at once, for small sets and tests. */
export function aggregateManagement(
  cases: Iterable<CaseProjection>,
  params: ManagementParams,
): ManagementFigures {
  const agg = createManagementAggregator(params);
  for (const c of cases) agg.add(c);
  return agg.finish();
}
