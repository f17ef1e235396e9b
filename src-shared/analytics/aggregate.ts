// Every dashboard aggregate, in one pass over the filtered facts (plus a sort per month for the
// percentiles). Pure: the caller passes `now`; periods are calendar weeks or months in the office's zone.
import { CHANNELS, FINDINGS, SEVERITIES, type CaseRegimeId, type Finding } from '../domain/case';
import { STAGES, stageOf, type Stage } from '../domain/workflow';
import { factAcknowledgedOnTime, factOutcome, type CaseFact } from './facts';
import { periodsBetween, type Granularity, type Period } from './periods';

export const DAY_MS = 86_400_000;

export interface DashboardFilters {
  /** Received from this instant (inclusive). */
  fromMs: number;
  /** Received up to this instant (inclusive). */
  toMs: number;
  category?: string;
  channel?: CaseFact['channel'];
  product?: string;
  severity?: CaseFact['severity'];
  regime?: CaseRegimeId;
  /** '' for unassigned. */
  assigneeId?: string;
}

export const STACK_DIMENSIONS = ['none', 'category', 'channel', 'product', 'severity'] as const;
export type StackDimension = (typeof STACK_DIMENSIONS)[number];
/** The stack key that gathers the smallest series when there are too many to draw. */
export const OTHER_KEY = '__other';
/** recharts slows beyond about 500 drawn points per chart. */
export const MAX_POINTS = 500;

export interface DashboardOptions {
  now: number;
  /** The office's time zone: periods are its weeks and months. */
  timeZone: string;
  granularity: Granularity;
  stackBy: StackDimension;
}

export interface Tally {
  met: number;
  total: number;
}

export interface PeriodRow extends Period {
  label: string;
}
export interface VolumeRow extends PeriodRow {
  total: number;
  counts: Record<string, number>;
}
export interface ComplianceRow extends PeriodRow {
  ack: Tally;
  resolved: Tally;
  byRegime: Partial<Record<CaseRegimeId, { ack: Tally; resolved: Tally }>>;
}
export interface ResolutionRow extends PeriodRow {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}
export interface SatisfactionRow extends PeriodRow {
  count: number;
  average: number | null;
}
export interface Bucket {
  label: string;
  /** Inclusive lower bound in days. */
  minDays: number;
  /** Exclusive upper bound in days; null for the open-ended last bucket. */
  maxDays: number | null;
  count: number;
}

export interface Dashboard {
  total: number;
  granularity: Granularity;
  volume: { keys: string[]; rows: VolumeRow[] };
  pareto: { rootCause: string; count: number; cumulativePct: number }[];
  compliance: { regimes: CaseRegimeId[]; rows: ComplianceRow[] };
  resolution: { rows: ResolutionRow[]; distribution: Bucket[] };
  satisfaction: SatisfactionRow[];
  outcomes: { finding: Finding; count: number; pct: number }[];
  reopened: { closed: number; reopened: number };
  backlogByAge: Bucket[];
  backlogByStage: { stage: Stage; count: number }[];
  workload: { assigneeId: string; open: number; overdue: number; closed: number }[];
  repeatComplainants: { complainantKey: string; count: number; open: number }[];
  recurring: { product: string; category: string; count: number }[];
}

export function matchesFilters(f: CaseFact, q: DashboardFilters): boolean {
  return (
    f.receivedMs >= q.fromMs &&
    f.receivedMs <= q.toMs &&
    (q.category === undefined || f.category === q.category) &&
    (q.channel === undefined || f.channel === q.channel) &&
    (q.product === undefined || f.product === q.product) &&
    (q.severity === undefined || f.severity === q.severity) &&
    (q.regime === undefined || f.regime === q.regime) &&
    (q.assigneeId === undefined || f.assigneeId === q.assigneeId)
  );
}

/** Median (mean of the two middle values when even) of sorted numbers. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of sorted numbers (p in 0..1). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export const RESOLUTION_BUCKETS: readonly [string, number, number | null][] = [
  ['< 1 day', 0, 1],
  ['1-3 days', 1, 3],
  ['3-7 days', 3, 7],
  ['1-2 weeks', 7, 14],
  ['2-4 weeks', 14, 28],
  ['4-8 weeks', 28, 56],
  ['8+ weeks', 56, null],
];
export const AGE_BUCKETS: readonly [string, number, number | null][] = [
  ['0-7 days', 0, 8],
  ['8-14 days', 8, 15],
  ['15-28 days', 15, 29],
  ['29-56 days', 29, 57],
  ['57+ days', 57, null],
];

function bucketIndex(buckets: readonly [string, number, number | null][], days: number): number {
  const i = buckets.findIndex(([, min, max]) => days >= min && (max === null || days < max));
  return i < 0 ? 0 : i;
}

const emptyBuckets = (buckets: readonly [string, number, number | null][]): Bucket[] =>
  buckets.map(([label, minDays, maxDays]) => ({ label, minDays, maxDays, count: 0 }));

const stackValue = (f: CaseFact, by: StackDimension): string =>
  by === 'none' ? 'total' : by === 'product' ? f.product || '(none)' : f[by];

/** Which stack series to draw: all when few, else the largest with the rest as OTHER_KEY. */
function stackKeys(totals: Map<string, number>, by: StackDimension, periods: number): string[] {
  const order =
    by === 'channel'
      ? [...CHANNELS]
      : by === 'severity'
        ? [...SEVERITIES]
        : [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const present = order.filter((k) => totals.has(k));
  const max = Math.max(1, Math.min(10, Math.floor(MAX_POINTS / Math.max(1, periods))));
  return present.length <= max ? present : [...present.slice(0, max - 1), OTHER_KEY];
}

const tally = (): Tally => ({ met: 0, total: 0 });
const count = (t: Tally, met: boolean) => {
  t.total += 1;
  if (met) t.met += 1;
};

/** All dashboard aggregates for the facts that pass the filters. */
export function computeDashboard(
  facts: readonly CaseFact[],
  filters: DashboardFilters,
  options: DashboardOptions,
): Dashboard {
  const { now, granularity: g, stackBy, timeZone } = options;
  const periods = periodsBetween(filters.fromMs, Math.min(filters.toMs, now), g, timeZone);
  // Binary search over period starts: no Date objects per case (100,000 of them per query).
  const starts = periods.map((p) => p.startMs);
  const periodIndex = (t: number): number | undefined => {
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || t < starts[0]! || t >= periods[hi]!.endMs) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const label = (p: Period) => p.key;
  const volumeCounts = periods.map(() => new Map<string, number>());
  const volumeTotals = periods.map(() => 0);
  const stackTotals = new Map<string, number>();
  const compliance = periods.map(() => ({
    ack: tally(),
    resolved: tally(),
    byRegime: new Map<CaseRegimeId, { ack: Tally; resolved: Tally }>(),
  }));
  const resolveDays = periods.map(() => [] as number[]);
  const satisfaction = periods.map(() => ({ sum: 0, count: 0 }));
  const distribution = emptyBuckets(RESOLUTION_BUCKETS);
  const backlogByAge = emptyBuckets(AGE_BUCKETS);
  const stages = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  const causes = new Map<string, number>();
  const findings = new Map<Finding, number>(FINDINGS.map((f) => [f, 0]));
  const workload = new Map<string, { open: number; overdue: number; closed: number }>();
  const complainants = new Map<string, { count: number; open: number }>();
  const pairs = new Map<string, { product: string; category: string; count: number }>();
  const regimes = new Set<CaseRegimeId>();
  let total = 0;
  let closed = 0;
  let reopened = 0;

  for (const f of facts) {
    if (!matchesFilters(f, filters)) continue;
    const i = periodIndex(f.receivedMs);
    if (i === undefined) continue; // received "in the future" of now: not charted
    total += 1;
    const key = stackValue(f, stackBy);
    volumeTotals[i]! += 1;
    volumeCounts[i]!.set(key, (volumeCounts[i]!.get(key) ?? 0) + 1);
    stackTotals.set(key, (stackTotals.get(key) ?? 0) + 1);

    // Compliance counts a case once its outcome is known: done, or its deadline has passed.
    const c = compliance[i]!;
    regimes.add(f.regime);
    let r = c.byRegime.get(f.regime);
    if (!r) c.byRegime.set(f.regime, (r = { ack: tally(), resolved: tally() }));
    // Met by the letter that meets it (deadlines.ts activeDeadlines), not by closing the case.
    const ack = factAcknowledgedOnTime(f, now);
    if (ack !== null) {
      count(c.ack, ack);
      count(r.ack, ack);
    }
    const final = factOutcome(f.finalDueMs, f.finalMetMs, f.status, now);
    if (final !== null) {
      count(c.resolved, final);
      count(r.resolved, final);
    }

    const w = workload.get(f.assigneeId) ?? { open: 0, overdue: 0, closed: 0 };
    workload.set(f.assigneeId, w);
    if (f.open) {
      w.open += 1;
      if (f.nextDueMs !== null && f.nextDueMs < now) w.overdue += 1;
      backlogByAge[bucketIndex(AGE_BUCKETS, Math.floor((now - f.receivedMs) / DAY_MS))]!.count += 1;
      stages.set(stageOf(f.status), stages.get(stageOf(f.status))! + 1);
    } else {
      w.closed += 1;
    }
    if (f.closedMs !== null && f.status === 'closed') {
      closed += 1;
      const days = (f.closedMs - f.receivedMs) / DAY_MS;
      resolveDays[i]!.push(days);
      distribution[bucketIndex(RESOLUTION_BUCKETS, days)]!.count += 1;
    }
    if (f.reopened) reopened += 1;
    if (f.satisfaction !== null) {
      satisfaction[i]!.sum += f.satisfaction;
      satisfaction[i]!.count += 1;
    }
    if (f.rootCause) causes.set(f.rootCause, (causes.get(f.rootCause) ?? 0) + 1);
    if (f.finding) findings.set(f.finding, findings.get(f.finding)! + 1);
    const who = complainants.get(f.complainantKey) ?? { count: 0, open: 0 };
    complainants.set(f.complainantKey, who);
    who.count += 1;
    if (f.open) who.open += 1;
    if (f.product) {
      const pairKey = `${f.product}\u0000${f.category}`;
      const pair = pairs.get(pairKey) ?? { product: f.product, category: f.category, count: 0 };
      pairs.set(pairKey, pair);
      pair.count += 1;
    }
  }

  // Volume: fold series beyond the drawable number into "Other".
  const keys = stackKeys(stackTotals, stackBy, periods.length);
  const kept = new Set(keys);
  const volumeRows: VolumeRow[] = periods.map((p, i) => {
    const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const [k, n] of volumeCounts[i]!) {
      const target = kept.has(k) ? k : OTHER_KEY;
      counts[target] = (counts[target] ?? 0) + n;
    }
    return { ...p, label: label(p), total: volumeTotals[i]!, counts };
  });

  // Pareto: the causes by count, with the running share of all causes recorded.
  const causeTotal = [...causes.values()].reduce((a, b) => a + b, 0);
  let running = 0;
  const pareto = [...causes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 30)
    .map(([rootCause, n]) => {
      running += n;
      return { rootCause, count: n, cumulativePct: round1((running / causeTotal) * 100) };
    });

  const findingTotal = [...findings.values()].reduce((a, b) => a + b, 0);
  const top = <T>(list: T[], n: number) => list.slice(0, n);
  return {
    total,
    granularity: g,
    volume: { keys, rows: volumeRows },
    pareto,
    compliance: {
      regimes: [...regimes].sort(),
      rows: periods.map((p, i) => ({
        ...p,
        label: label(p),
        ack: compliance[i]!.ack,
        resolved: compliance[i]!.resolved,
        byRegime: Object.fromEntries(compliance[i]!.byRegime),
      })),
    },
    resolution: {
      rows: periods.map((p, i) => {
        const sorted = resolveDays[i]!.sort((a, b) => a - b);
        const med = median(sorted);
        const p90 = percentile(sorted, 0.9);
        return {
          ...p,
          label: label(p),
          count: sorted.length,
          medianDays: med === null ? null : round1(med),
          p90Days: p90 === null ? null : round1(p90),
        };
      }),
      distribution,
    },
    satisfaction: periods.map((p, i) => ({
      ...p,
      label: label(p),
      count: satisfaction[i]!.count,
      average: satisfaction[i]!.count
        ? Math.round((satisfaction[i]!.sum / satisfaction[i]!.count) * 100) / 100
        : null,
    })),
    outcomes: FINDINGS.map((finding) => ({
      finding,
      count: findings.get(finding)!,
      pct: findingTotal ? round1((findings.get(finding)! / findingTotal) * 100) : 0,
    })),
    reopened: { closed, reopened },
    backlogByAge,
    backlogByStage: STAGES.filter((s) => s !== 'review').map((stage) => ({
      stage,
      count: stages.get(stage)!,
    })),
    workload: [...workload.entries()]
      .map(([assigneeId, w]) => ({ assigneeId, ...w }))
      .sort((a, b) => b.open - a.open || a.assigneeId.localeCompare(b.assigneeId)),
    repeatComplainants: top(
      [...complainants.entries()]
        .filter(([, v]) => v.count >= 2)
        .map(([complainantKey, v]) => ({ complainantKey, ...v }))
        .sort((a, b) => b.count - a.count || a.complainantKey.localeCompare(b.complainantKey)),
      10,
    ),
    recurring: top(
      [...pairs.values()]
        .filter((p) => p.count >= 2)
        .sort((a, b) => b.count - a.count || a.product.localeCompare(b.product)),
      10,
    ),
  };
}
