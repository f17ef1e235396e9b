// Office time: what officers type and read is wall-clock time in the office's time zone (Settings),
// never the computer's. The database keeps UTC instants; these functions turn one into the other.
//
// Vocabulary (as in deadlines.ts): an *instant* is an ISO-8601 string with an offset (normally UTC)
// or a Date; a *wall clock* is 'YYYY-MM-DDTHH:mm' read on the office's clocks (the value of an
// <input type="datetime-local">); a *day* is 'YYYY-MM-DD', a calendar day in the office's zone.
//
// Clock changes, decided once here:
// - A wall clock that never happens (the hour skipped when clocks go forward, e.g. 01:30 in London
//   on 29 March 2026) moves forward by the length of the gap (02:30 BST). A field bound to these
//   functions then shows the time actually stored, so the officer sees the move.
// - A wall clock that happens twice (the hour repeated when clocks go back, e.g. 01:30 in London on
//   25 October 2026) means the earlier of the two (01:30 BST, 00:30 UTC).
// Both match Temporal's "compatible" rule and JavaScript's own reading of local times, and neither
// changes the office day of the time, which is what every deadline counts from.
//
// Invalid input (not a real date-time, no offset on an instant) gives '' rather than a guess; an
// unknown time zone throws, since Settings refuses one and there is no honest fallback.
import { tzOffset } from '@date-fns/tz';

/** 'YYYY-MM-DDTHH:mm', read on the office's clocks. */
export type WallClock = string;
/** 'YYYY-MM-DD', a calendar day in the office's time zone. */
export type Day = string;
/** An ISO-8601 string with an offset (normally UTC, 'Z') or a Date. */
export type Instant = string | Date;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Without an offset, Date.parse reads a time in the computer's own zone: refuse it rather than guess.
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

const knownZones = new Map<string, string>();
/** The zone's canonical name (aliases such as Etc/UTC fold into one); throws on an unknown zone. */
export function canonicalTimeZone(timeZone: string): string {
  let canonical = knownZones.get(timeZone);
  if (canonical === undefined) {
    try {
      canonical = new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
    } catch {
      throw new RangeError(`Unknown time zone: "${timeZone}"`);
    }
    knownZones.set(timeZone, canonical);
  }
  return canonical;
}

/** True when two zone names are the same zone (e.g. 'UTC' and 'Etc/UTC'). */
export const sameTimeZone = (a: string, b: string): boolean => canonicalTimeZone(a) === canonicalTimeZone(b);

/** Milliseconds to add to UTC to read the office's clocks at `ms`. */
function offsetMs(timeZone: string, ms: number): number {
  return Math.round(tzOffset(timeZone, new Date(ms)) * MINUTE_MS);
}

function toMs(instant: Instant): number {
  if (instant instanceof Date) return instant.getTime();
  return typeof instant === 'string' && HAS_OFFSET.test(instant) ? Date.parse(instant) : NaN;
}

// The fields read as if they were UTC; NaN unless each is in range (refuses 2026-02-30 and 24:00).
// setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
function naiveMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const same =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return same ? date.getTime() : NaN;
}

/** The instant a wall-clock time read as UTC stands for in `timeZone` (gaps and overlaps as above). */
function fromNaive(naive: number, timeZone: string): number {
  // Real zones change offset at most once in two days: the offsets a day either side are the only
  // ones this wall clock can carry (the one at the naive instant is a guard for odd histories).
  const before = offsetMs(timeZone, naive - DAY_MS);
  const after = offsetMs(timeZone, naive + DAY_MS);
  const fits = [before, offsetMs(timeZone, naive), after]
    .map((offset) => naive - offset)
    .filter((t) => offsetMs(timeZone, t) === naive - t);
  if (fits.length > 0) return Math.min(...fits); // an overlap has two: the earlier one
  return naive - before; // a gap: the offset before the change carries the time past it
}

/**
 * The UTC instant (ISO string) of a wall-clock time typed on the office's clocks,
 * e.g. ('2026-03-02T15:00', 'Australia/Sydney') → '2026-03-02T04:00:00.000Z'. Seconds are allowed;
 * '' when the value is not a real date-time.
 */
export function officeTimeToInstant(wallClock: WallClock, timeZone: string): string {
  canonicalTimeZone(timeZone);
  const m = WALL_CLOCK.exec(wallClock);
  if (!m) return '';
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as number[];
  const naive = naiveMs(y!, mo!, d!, h, mi, s, Number((m[7] ?? '0').padEnd(3, '0')));
  return Number.isNaN(naive) ? '' : new Date(fromNaive(naive, timeZone)).toISOString();
}

/** The wall clock ('YYYY-MM-DDTHH:mm', seconds dropped) an instant shows in the office; '' when invalid. */
export function instantToOfficeTime(instant: Instant, timeZone: string): WallClock {
  canonicalTimeZone(timeZone);
  const ms = toMs(instant);
  if (Number.isNaN(ms)) return '';
  const shifted = new Date(ms + offsetMs(timeZone, ms));
  if (Number.isNaN(shifted.getTime())) return '';
  const year = shifted.getUTCFullYear();
  return year < 0 || year > 9999 ? '' : shifted.toISOString().slice(0, 16);
}

/** The office's calendar day of an instant; '' when invalid. */
export const officeDayOf = (instant: Instant, timeZone: string): Day =>
  instantToOfficeTime(instant, timeZone).slice(0, 10);

function dayNaive(day: Day): number {
  const m = DAY.exec(day);
  return m ? naiveMs(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
}

/** When an office day begins (its first instant, even where midnight is skipped), as UTC ISO; '' when invalid. */
export function officeDayStart(day: Day, timeZone: string): string {
  canonicalTimeZone(timeZone);
  const naive = dayNaive(day);
  return Number.isNaN(naive) ? '' : new Date(fromNaive(naive, timeZone)).toISOString();
}

/** The last millisecond of an office day (the next day's start less 1 ms), as UTC ISO; '' when invalid. */
export function officeDayEnd(day: Day, timeZone: string): string {
  canonicalTimeZone(timeZone);
  const naive = dayNaive(day);
  return Number.isNaN(naive) ? '' : new Date(fromNaive(naive + DAY_MS, timeZone) - 1).toISOString();
}

/** True when both ends of a range of days are given and it ends before it starts (refused, never swapped). */
export const dayRangeReversed = (from: Day, to: Day): boolean => !!from && !!to && to < from;

/** The same day n months later (earlier when n < 0), kept within the month: 31 Mar - 1 month = 28 Feb. */
export function addMonthsToDay(day: Day, n: number): Day {
  const naive = dayNaive(day);
  if (Number.isNaN(naive) || !Number.isInteger(n)) return '';
  const from = new Date(naive);
  const to = new Date(0);
  to.setUTCFullYear(from.getUTCFullYear(), from.getUTCMonth() + n + 1, 0); // the target month's last day
  to.setUTCDate(Math.min(from.getUTCDate(), to.getUTCDate()));
  return to.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Showing times: every date-time in the office's zone, with the zone's name when the reader's
// computer keeps another zone (then "15:00" alone would be misread as the computer's 15:00).

export interface OfficeFormatOptions {
  locale: string;
  timeZone: string;
  /** Add the zone's short name (e.g. "GMT+11", "AEDT", "BST") to each date-time. */
  showZone: boolean;
}

export interface OfficeFormatter {
  /** An instant as date and time on the office's clocks. */
  dateTime(instant: Instant): string;
  /** The office's calendar day of an instant. */
  date(instant: Instant): string;
  /** A calendar day ('YYYY-MM-DD', e.g. a task's due date) as written: no zone moves it. */
  day(day: Day): string;
}

/** Formats instants on the office's clocks; a value that is not an instant or a day shows as written. */
export function officeFormatter({ locale, timeZone, showZone }: OfficeFormatOptions): OfficeFormatter {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  // dateStyle cannot be combined with timeZoneName, so the zone's name is read on its own.
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
  const zoneName = (d: Date) => zone.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const asDate = (instant: Instant) => {
    const ms = toMs(instant);
    return Number.isNaN(ms) ? null : new Date(ms);
  };
  return {
    dateTime: (instant) => {
      const d = asDate(instant);
      if (!d) return String(instant);
      return showZone ? `${dateTime.format(d)} ${zoneName(d)}` : dateTime.format(d);
    },
    date: (instant) => {
      const d = asDate(instant);
      return d ? date.format(d) : String(instant);
    },
    day: (day) => {
      const naive = dayNaive(day);
      return Number.isNaN(naive) ? day : calendarDay.format(new Date(naive));
    },
  };
}
