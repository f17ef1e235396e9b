// How long the rest of a long task should take (a spreadsheet import's phases, a team desk's join): a
// 100,000-row import runs for minutes, and a bar alone does not say whether to wait or come back later. The pace is taken over the later half
// of the time so far, not from the start: IndexedDB slows as the tables grow (measured at 15,000 rows,
// the second half of the rows went at about half the first half's pace), so the pace from the start
// promised too little.

/** One reading of a phase's progress: how much was done at what time (ms). */
export interface ProgressSample {
  done: number;
  at: number;
}

/** Before this much time has passed, the pace says too little to be shown. */
export const TIME_LEFT_AFTER_MS = 5000;
/** Nor before this share of the work is done. */
export const TIME_LEFT_AFTER_SHARE = 0.02;
/** Readings kept: more than an import's batches (200 at 100,000 rows), so the later half is all there. */
export const SAMPLES_KEPT = 400;

/** `samples` with `sample` added, the oldest but the first (the phase's start) let go past SAMPLES_KEPT. */
export function withSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  const next = [...samples, sample];
  return next.length > SAMPLES_KEPT ? [next[0]!, ...next.slice(-(SAMPLES_KEPT - 1))] : next;
}

/**
 * The milliseconds the rest of a phase of `total` should take at its pace over the later half of
 * the time so far, or null while too little is done to tell (or nothing is left). `samples` start
 * with the phase's start ({ done: 0 }).
 */
export function timeLeftMs(samples: readonly ProgressSample[], total: number): number | null {
  const start = samples[0];
  const last = samples.at(-1);
  if (!start || !last || last.done <= 0 || last.done >= total) return null;
  const elapsed = last.at - start.at;
  if (elapsed < TIME_LEFT_AFTER_MS || last.done / total < TIME_LEFT_AFTER_SHARE) return null;
  const since = last.at - elapsed / 2;
  const from = samples.findLast((s) => s.at <= since) ?? start;
  const pace = (last.done - from.done) / (last.at - from.at);
  return pace > 0 ? (total - last.done) / pace : null;
}

/** In whole minutes, rounded up; 0 for under a minute. */
export const minutesLeft = (ms: number) => (ms < 60_000 ? 0 : Math.ceil(ms / 60_000));
