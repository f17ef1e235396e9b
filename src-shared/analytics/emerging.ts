// Emerging issues: a category, product or root cause whose count in the latest window is unusually
// high against its own history. Two tests must agree, so neither a quiet series' first few cases
// nor a noisy series' ordinary wobble raises a flag:
//  - Poisson: P(X >= count) under the history's mean rate is below `alpha`;
//  - z-score: (count - mean) / sd >= `minZ`, with sd at least sqrt(mean) (the Poisson spread) and 1.
import type { CaseFact } from './facts';

export const EMERGING_DIMENSIONS = ['category', 'product', 'rootCause'] as const;
export type EmergingDimension = (typeof EMERGING_DIMENSIONS)[number];

export interface EmergingOptions {
  now: number;
  /** Window length: 7 (latest week) or 28 (latest four weeks). */
  windowDays: number;
  /** How many earlier windows form the history. */
  history: number;
  /** Fewer cases than this in the latest window is never a flag. */
  minCount: number;
  alpha: number;
  minZ: number;
}

export const DEFAULT_EMERGING: Omit<EmergingOptions, 'now'> = {
  windowDays: 7,
  history: 8,
  minCount: 5,
  alpha: 0.001,
  minZ: 3,
};

/**
 * How readily a rise is flagged, as an office chooses it in Settings: both tests' thresholds move
 * together. "Standard" is DEFAULT_EMERGING's; "sensitive" suits a small office with few cases.
 */
export const EMERGING_SENSITIVITIES = ['strict', 'standard', 'sensitive'] as const;
export type EmergingSensitivity = (typeof EMERGING_SENSITIVITIES)[number];
const SENSITIVITY: Record<EmergingSensitivity, Pick<EmergingOptions, 'alpha' | 'minZ'>> = {
  strict: { alpha: 0.0001, minZ: 3.5 },
  standard: { alpha: DEFAULT_EMERGING.alpha, minZ: DEFAULT_EMERGING.minZ },
  sensitive: { alpha: 0.01, minZ: 2.5 },
};

/** The office's choice (Settings → Emerging issues). */
export interface EmergingSettings {
  minCount: number;
  sensitivity: EmergingSensitivity;
}
export const DEFAULT_EMERGING_SETTINGS: EmergingSettings = {
  minCount: DEFAULT_EMERGING.minCount,
  sensitivity: 'standard',
};

/** Detection options for a window from the office's settings. */
export function emergingOptions(
  settings: EmergingSettings,
  now: number,
  windowDays: number,
): EmergingOptions {
  return {
    ...DEFAULT_EMERGING,
    ...SENSITIVITY[settings.sensitivity],
    minCount: settings.minCount,
    now,
    windowDays,
  };
}

export interface EmergingIssue {
  dimension: EmergingDimension;
  value: string;
  count: number;
  /** The history's mean per window. */
  expected: number;
  pValue: number;
  z: number;
  /** The latest window [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  caseIds: string[];
}

/** P(X >= k) for X ~ Poisson(lambda). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // 1 - P(X <= k-1), summing the pmf in log space so large lambdas do not underflow.
  let logPmf = -lambda; // i = 0
  let cdf = Math.exp(logPmf);
  for (let i = 1; i < k; i++) {
    logPmf += Math.log(lambda) - Math.log(i);
    cdf += Math.exp(logPmf);
  }
  return Math.max(0, 1 - cdf);
}

export interface SeriesVerdict {
  flagged: boolean;
  expected: number;
  pValue: number;
  z: number;
}

/** The test for one series: `latest` against `history` (counts per earlier window). */
export function testSeries(
  latest: number,
  history: readonly number[],
  options: Pick<EmergingOptions, 'minCount' | 'alpha' | 'minZ'>,
): SeriesVerdict {
  const n = history.length || 1;
  const mean = history.reduce((a, b) => a + b, 0) / n;
  const variance = history.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  // A never-seen issue still has a small expected rate, so a handful of cases can flag it.
  const expected = Math.max(mean, 0.5);
  const sd = Math.sqrt(Math.max(variance, expected, 1));
  const z = (latest - mean) / sd;
  const pValue = poissonUpperTail(latest, expected);
  return {
    flagged: latest >= options.minCount && pValue < options.alpha && z >= options.minZ,
    expected: Math.round(mean * 100) / 100,
    pValue,
    z: Math.round(z * 100) / 100,
  };
}

const DAY = 86_400_000;

/** Flags for every category, product and root cause among `facts` (already filtered by the caller). */
export function detectEmerging(facts: readonly CaseFact[], options: EmergingOptions): EmergingIssue[] {
  const span = options.windowDays * DAY;
  const latestFrom = options.now - span;
  const earliest = latestFrom - options.history * span;
  // value → counts per window (0 = latest) and the latest window's case ids
  const series = new Map<string, { counts: number[]; ids: string[] }>();
  for (const f of facts) {
    if (f.receivedMs < earliest || f.receivedMs >= options.now) continue;
    const w = f.receivedMs >= latestFrom ? 0 : Math.floor((latestFrom - 1 - f.receivedMs) / span) + 1;
    for (const dimension of EMERGING_DIMENSIONS) {
      const value = f[dimension];
      if (!value) continue;
      const key = `${dimension}\u0000${value}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = { counts: new Array<number>(options.history + 1).fill(0), ids: [] }));
      s.counts[w]! += 1;
      if (w === 0) s.ids.push(f.id);
    }
  }
  const issues: EmergingIssue[] = [];
  for (const [key, s] of series) {
    const [dimension, value] = key.split('\u0000') as [EmergingDimension, string];
    const verdict = testSeries(s.counts[0]!, s.counts.slice(1), options);
    if (!verdict.flagged) continue;
    issues.push({
      dimension,
      value,
      count: s.counts[0]!,
      expected: verdict.expected,
      pValue: verdict.pValue,
      z: verdict.z,
      fromMs: latestFrom,
      toMs: options.now,
      caseIds: s.ids,
    });
  }
  return issues.sort((a, b) => a.pValue - b.pValue || b.count - a.count);
}
