import { describe, expect, it } from 'vitest';
import {
  minutesLeft,
  SAMPLES_KEPT,
  timeLeftMs,
  withSample,
  type ProgressSample,
} from '../../../../src-renderer/app/time-left';

const at = (s: number) => Date.parse('2026-12-06T09:00:00Z') + s * 1000;

/** The readings an import of 15,000 rows made in the app: 500 rows a batch, slowing as it went. */
const SLOWING: ProgressSample[] = [
  [0, 0],
  [500, 2.1],
  [1000, 4.1],
  [2000, 8.7],
  [3000, 12.9],
  [4000, 19.6],
  [5000, 28.2],
  [6000, 36.5],
].map(([done, s]) => ({ done: done!, at: at(s!) }));

describe('the time an import has left', () => {
  it('is the rest of the work at the pace of the later half of the time so far', () => {
    // At 6,000 rows, 36.5 s in: the last reading by 18.25 s was 3,000 rows at 12.9 s, so 3,000 rows
    // in 23.6 s.
    const left = timeLeftMs(SLOWING, 15_000)!;
    expect(left).toBeCloseTo((9000 / 3000) * 23_600, 0);
    // The app took about 70 s more for those 9,000 rows; the pace from the start would say 55.
    expect(minutesLeft(left)).toBe(2);
  });

  it('at an even pace, the pace since the start', () => {
    const even = [0, 1, 2, 3, 4, 5, 6].map((i) => ({ done: i * 1000, at: at(i * 2) }));
    expect(timeLeftMs(even, 10_000)).toBe(8000);
  });

  it('says nothing before the pace means anything, nor once all is done', () => {
    const start = { done: 0, at: at(0) };
    expect(timeLeftMs([start, { done: 100, at: at(60) }], 100_000)).toBeNull();
    expect(timeLeftMs([start, { done: 5000, at: at(4) }], 10_000)).toBeNull();
    expect(timeLeftMs([start, { done: 0, at: at(60) }], 10_000)).toBeNull();
    expect(timeLeftMs([start, { done: 10_000, at: at(60) }], 10_000)).toBeNull();
    expect(timeLeftMs([], 10_000)).toBeNull();
  });

  it('keeps the phase’s start and the latest readings', () => {
    let samples: ProgressSample[] = [];
    for (let i = 0; i <= SAMPLES_KEPT + 50; i += 1) samples = withSample(samples, { done: i, at: at(i) });
    expect(samples).toHaveLength(SAMPLES_KEPT);
    expect(samples[0]).toEqual({ done: 0, at: at(0) });
    expect(samples.at(-1)).toEqual({ done: SAMPLES_KEPT + 50, at: at(SAMPLES_KEPT + 50) });
  });

  it('rounds up to whole minutes, under a minute being none', () => {
    expect(minutesLeft(59_999)).toBe(0);
    expect(minutesLeft(60_000)).toBe(1);
    expect(minutesLeft(60_001)).toBe(2);
  });
});
