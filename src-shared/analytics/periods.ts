// Calendar buckets for the charts, in the local time zone of whoever runs them (the office's machine).
import { addMonths, addWeeks, format, startOfMonth, startOfWeek } from 'date-fns';

export const GRANULARITIES = ['week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface Period {
  /** 'YYYY-MM' for a month, the Monday 'YYYY-MM-DD' for a week. */
  key: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

export function periodStart(msValue: number, g: Granularity): number {
  return (g === 'month' ? startOfMonth(msValue) : startOfWeek(msValue, { weekStartsOn: 1 })).getTime();
}

export function periodOf(msValue: number, g: Granularity): Period {
  const start = periodStart(msValue, g);
  const end = (g === 'month' ? addMonths(start, 1) : addWeeks(start, 1)).getTime();
  return { key: format(start, g === 'month' ? 'yyyy-MM' : 'yyyy-MM-dd'), startMs: start, endMs: end };
}

/** Every period touching [fromMs, toMs], oldest first. */
export function periodsBetween(fromMs: number, toMs: number, g: Granularity): Period[] {
  const out: Period[] = [];
  if (toMs < fromMs) return out;
  let p = periodOf(fromMs, g);
  while (p.startMs <= toMs) {
    out.push(p);
    p = periodOf(p.endMs, g);
  }
  return out;
}
