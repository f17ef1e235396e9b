// Calendar buckets for the charts: weeks (from Monday) and months on the office's calendar, in its
// time zone, so a case counts in the same month whichever computer draws the chart.
import { addMonthsToDay, officeDayOf, officeDayStart } from '../domain/office-time';

export const GRANULARITIES = ['week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface Period {
  /** 'YYYY-MM' for a month, the Monday 'YYYY-MM-DD' for a week. */
  key: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

const DAY_MS = 86_400_000;
// Whole calendar days, so plain UTC arithmetic on 'YYYY-MM-DD' is exact.
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** The key of the week or month (office time) an instant falls in; cheaper than periodOf, for each case. */
export function periodKey(msValue: number, g: Granularity, timeZone: string): string {
  const day = officeDayOf(new Date(msValue), timeZone);
  return g === 'month' ? day.slice(0, 7) : mondayOf(day);
}

/** The week or month (office time) an instant falls in. */
export function periodOf(msValue: number, g: Granularity, timeZone: string): Period {
  const key = periodKey(msValue, g, timeZone);
  const first = g === 'month' ? `${key}-01` : key;
  const next = g === 'month' ? addMonthsToDay(first, 1) : addDays(first, 7);
  return {
    key,
    startMs: Date.parse(officeDayStart(first, timeZone)),
    endMs: Date.parse(officeDayStart(next, timeZone)),
  };
}

/** Every period touching [fromMs, toMs], oldest first. */
export function periodsBetween(fromMs: number, toMs: number, g: Granularity, timeZone: string): Period[] {
  const out: Period[] = [];
  if (toMs < fromMs) return out;
  let p = periodOf(fromMs, g, timeZone);
  while (p.startMs <= toMs) {
    out.push(p);
    p = periodOf(p.endMs, g, timeZone);
  }
  return out;
}
