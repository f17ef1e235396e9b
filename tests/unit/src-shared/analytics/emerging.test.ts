import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EMERGING,
  DEFAULT_EMERGING_SETTINGS,
  detectEmerging,
  emergingOptions,
  poissonUpperTail,
  testSeries,
} from '../../../../src-shared/analytics/emerging';
import type { CaseFact } from '../../../../src-shared/analytics/facts';
import { fact } from './fixture';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-20T12:00:00Z');

/** Deterministic Poisson draws (Knuth), so "noise" is the same on every run. */
function poissonSeries(lambda: number, n: number, seed: number): number[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k += 1;
      p *= rand();
    } while (p > l);
    return k - 1;
  });
}

/** Cases of one category: counts[0] in the latest week, counts[i] i weeks before. */
function weeklyCases(category: string, counts: number[], extra: Partial<CaseFact> = {}): CaseFact[] {
  return counts.flatMap((n, w) =>
    Array.from({ length: n }, (_, i) => {
      const receivedMs = NOW - w * 7 * DAY - (i % 6) * DAY - 3_600_000;
      const iso = new Date(receivedMs).toISOString();
      return fact({
        id: `${category}-${w}-${i}`,
        received: iso,
        ackDue: iso,
        finalDue: iso,
        category,
        ...extra,
      });
    }),
  );
}

describe('poissonUpperTail', () => {
  it('matches hand-computed values', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    // P(X >= 1 | 2) = 1 - e^-2
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    // P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    expect(poissonUpperTail(30, 10)).toBeLessThan(1e-6);
    // Large rates do not underflow.
    expect(poissonUpperTail(1000, 1000)).toBeGreaterThan(0.4);
  });
});

describe('testSeries', () => {
  it('flags a real spike', () => {
    expect(testSeries(30, [10, 9, 12, 8, 11, 10, 9, 11], DEFAULT_EMERGING).flagged).toBe(true);
  });
  it('does not flag ordinary ups and downs', () => {
    expect(testSeries(14, [10, 9, 12, 8, 11, 10, 9, 11], DEFAULT_EMERGING).flagged).toBe(false);
  });
  it('needs the minimum count, however quiet the history', () => {
    expect(testSeries(4, [0, 0, 0, 0, 0, 0, 0, 0], DEFAULT_EMERGING).flagged).toBe(false);
    expect(testSeries(6, [0, 0, 0, 0, 0, 0, 0, 0], DEFAULT_EMERGING).flagged).toBe(true);
  });
  it('allows for a series that is noisy by nature', () => {
    expect(testSeries(25, [2, 20, 1, 22, 3, 18, 2, 24], DEFAULT_EMERGING).flagged).toBe(false);
  });
});

describe('detectEmerging', () => {
  const options = { ...DEFAULT_EMERGING, now: NOW };

  it('flags no series in 40 runs of pure Poisson noise', () => {
    let flags = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const counts = poissonSeries(8, 9, seed);
      flags += detectEmerging(weeklyCases('Fees', counts), options).length;
    }
    expect(flags).toBe(0);
  });

  it('flags an injected spike, with the cases behind it, and not the steady neighbours', () => {
    const facts = [
      ...weeklyCases('Fees', [9, 8, 10, 7, 9, 11, 8, 9, 10]),
      ...weeklyCases('Payments', [28, 6, 5, 7, 6, 5, 6, 7, 5], {
        product: 'Debit card',
        rootCause: 'Outage',
      }),
    ];
    const issues = detectEmerging(facts, options);
    expect(issues.map((i) => [i.dimension, i.value, i.count])).toEqual(
      expect.arrayContaining([
        ['category', 'Payments', 28],
        ['product', 'Debit card', 28],
        ['rootCause', 'Outage', 28],
      ]),
    );
    expect(issues.some((i) => i.value === 'Fees')).toBe(false);
    const payments = issues.find((i) => i.value === 'Payments')!;
    expect(payments.caseIds).toHaveLength(28);
    expect(payments.expected).toBe(5.88);
    expect([payments.fromMs, payments.toMs]).toEqual([NOW - 7 * DAY, NOW]);
  });

  it('ignores cases older than the history', () => {
    const facts = weeklyCases('Fees', [0, 0, 0, 0, 0, 0, 0, 0, 0, 50]);
    expect(detectEmerging(facts, options)).toEqual([]);
  });
});

describe("emergingOptions (the office's settings)", () => {
  // A small office: three quiet weeks in four, then 4 complaints about one product.
  const small = weeklyCases('Cards', [4, 1, 0, 1, 0, 1, 0, 0, 1]);
  const flagged = (minCount: number, sensitivity: 'strict' | 'standard' | 'sensitive') =>
    detectEmerging(small, emergingOptions({ minCount, sensitivity }, NOW, 7)).some(
      (i) => i.value === 'Cards',
    );

  it('standard with the default minimum is the detector as tested above', () => {
    expect(emergingOptions(DEFAULT_EMERGING_SETTINGS, NOW, 7)).toEqual({ ...DEFAULT_EMERGING, now: NOW });
  });

  it('a small office sees a rise the defaults never flag by lowering the minimum and choosing sensitive', () => {
    expect(flagged(5, 'standard')).toBe(false);
    expect(flagged(5, 'sensitive')).toBe(false); // 4 complaints: under the minimum, however unusual
    expect(flagged(3, 'standard')).toBe(false); // P(4 or more | 0.5 a week) is 0.0018: not below 0.001
    expect(flagged(3, 'sensitive')).toBe(true);
  });

  it('sensitivity moves both thresholds: strict flags less, sensitive more', () => {
    const moderate = weeklyCases('Fees', [16, 8, 9, 7, 8, 9, 8, 7, 8]);
    const at = (sensitivity: 'strict' | 'standard' | 'sensitive') =>
      detectEmerging(moderate, emergingOptions({ minCount: 5, sensitivity }, NOW, 7)).length;
    expect(at('sensitive')).toBe(1);
    expect(at('strict')).toBe(0);
    expect(emergingOptions({ minCount: 5, sensitivity: 'strict' }, NOW, 7)).toMatchObject({
      alpha: 0.0001,
      minZ: 3.5,
    });
  });
});
