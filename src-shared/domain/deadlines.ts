// Deadlines on the office's business-day calendar: the regulatory clock (never pauses), the internal
// SLA clock (can pause) and the states the case list shows. Pure: every rule that depends on "now"
// takes it as an argument.
//
// Vocabulary: an *instant* is an ISO-8601 UTC string (or a Date); a *day* is 'YYYY-MM-DD', a calendar
// day in the office's time zone. A deadline falls at the END of the office-local day it lands on
// (23:59:59.999 local), so "due on Friday" means "still on time all of Friday".
import { TZDate, tzOffset } from '@date-fns/tz';
import { endOfDay, startOfDay } from 'date-fns';
import Holidays from 'date-holidays';
import { ValidationError } from '../errors';
import { REGIME_IDS, SEVERITIES, type CaseDeadlines, type CaseRegimeId, type Severity } from './case';

/** 'YYYY-MM-DD', a calendar day in the office's time zone. */
export type Day = string;
/** An ISO-8601 string with an offset (normally UTC, 'Z') or a Date. */
export type Instant = string | Date;

export const DURATION_UNITS = ['business-days', 'calendar-days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export interface Duration {
  amount: number;
  unit: DurationUnit;
}
export const businessDays = (amount: number): Duration => ({ amount, unit: 'business-days' });
export const calendarDays = (amount: number): Duration => ({ amount, unit: 'calendar-days' });

// ---------------------------------------------------------------------------------------------
// Day arithmetic. Days are whole calendar dates, so they are counted as integers (days since
// 1970-01-01); time zones only matter when turning instants into days and back, done with TZDate.

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Days already read: the same few thousand days are asked for over and over (a return over 100,000
// cases reads each case's days), and a day's number never changes.
const dayNumbers = new Map<Day, number>();
const DAY_NUMBERS_KEPT = 50_000;

function dayNumber(day: Day): number {
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const n = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
    // Round-trip check refuses dates such as 2026-02-30.
    if (dayFromNumber(n) === day) {
      if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
      dayNumbers.set(day, n);
      return n;
    }
  }
  throw new RangeError(`Not a calendar day (YYYY-MM-DD): "${day}"`);
}

const dayFromNumber = (n: number): Day => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
/** Instants whose local day is surely in a four-digit year, as dayFromNumber writes it. */
const FOUR_DIGIT_YEARS = [Date.UTC(1000, 0, 2), Date.UTC(9999, 11, 30)] as const;
// 1970-01-01 was a Thursday (4); returns 0 = Sunday … 6 = Saturday.
const weekday = (n: number): number => (((n + 4) % 7) + 7) % 7;

// Without an offset, Date.parse reads a time in the computer's own zone: refuse it rather than guess.
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function toMs(instant: Instant): number {
  const ms =
    instant instanceof Date ? instant.getTime() : HAS_OFFSET.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms))
    throw new RangeError(
      `Not an instant with a time zone offset (e.g. 2026-04-02T10:00:00Z): "${String(instant)}"`,
    );
  return ms;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// getTime() strips the zone: TZDate's own toISOString() would print the local offset.
const utcIso = (date: Date): string => new Date(date.getTime()).toISOString();

function cached<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

function checkDuration(duration: Duration): void {
  if (!Number.isInteger(duration.amount) || duration.amount < 0 || !DURATION_UNITS.includes(duration.unit)) {
    throw new RangeError(`Bad duration: ${JSON.stringify(duration)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Business-day calendar

export interface BusinessCalendarOptions {
  /** ISO 3166-1 alpha-2 code, e.g. GB, AU, US. */
  country: string;
  /** Subdivision code as date-holidays knows it, e.g. ENG, SCT, NSW, VIC; '' or absent for national holidays only. */
  region?: string;
  /** IANA time zone of the office, e.g. Europe/London. */
  timeZone: string;
  /** Office closure days ('YYYY-MM-DD'), on top of public holidays. */
  closures?: readonly string[];
}

export interface PublicHoliday {
  day: Day;
  name: string;
}

export interface BusinessCalendar {
  readonly country: string;
  readonly region: string | undefined;
  readonly timeZone: string;
  /** Monday to Friday, not a public holiday, not a closure day. */
  isBusinessDay(day: Day): boolean;
  /** Public holidays that close the office in a year (whole-day, type 'public'), in date order. */
  publicHolidays(year: number): PublicHoliday[];
  /** The n-th business day after `day` (before it when n < 0); `day` itself when n = 0. */
  addBusinessDays(day: Day, n: number): Day;
  addCalendarDays(day: Day, n: number): Day;
  /** Business days after `fromDay` up to and including `toDay`; negative when `toDay` is earlier. */
  businessDaysBetween(fromDay: Day, toDay: Day): number;
  /** Calendar days from `fromDay` to `toDay` (0 for the same day, negative when earlier). */
  calendarDaysBetween(fromDay: Day, toDay: Day): number;
  /** The day a duration counted from `day` lands on. */
  addDuration(day: Day, duration: Duration): Day;
  /** The office-local calendar day of an instant. */
  localDay(instant: Instant): Day;
  /** 00:00:00.000 office time on `day`, as a UTC ISO string. */
  startOfLocalDay(day: Day): string;
  /** 23:59:59.999 office time on `day`, as a UTC ISO string: when a deadline on that day falls. */
  endOfLocalDay(day: Day): string;
}

const HOLIDAY_DATE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})/;

export function createBusinessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const { timeZone } = options;
  const country = options.country.trim().toUpperCase();
  const region = options.region?.trim().toUpperCase() || undefined;

  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ValidationError(
      `Unknown time zone "${timeZone}". Use one such as Europe/London or Australia/Sydney.`,
      'timeZone',
    );
  }
  const directory = new Holidays();
  if (!Object.hasOwn(directory.getCountries(), country)) {
    throw new ValidationError(
      `Unknown country code "${options.country}" for public holidays. Use a two-letter code such as GB or AU.`,
      'holidayCountry',
    );
  }
  if (region && !Object.hasOwn(directory.getStates(country) ?? {}, region)) {
    throw new ValidationError(
      `Unknown region "${options.region}" for ${country}. Use a code such as ENG or NSW, or leave it empty.`,
      'holidayRegion',
    );
  }
  const closures = new Set<Day>();
  for (const day of options.closures ?? []) {
    try {
      closures.add(dayFromNumber(dayNumber(day)));
    } catch {
      throw new ValidationError(`Closure day "${day}" is not a date like 2026-12-24.`, 'closures');
    }
  }

  const source = region ? new Holidays(country, region) : new Holidays(country);
  const holidaysByYear = new Map<number, Map<Day, string>>();

  // Only type 'public' closes the office ('bank', 'observance', … do not). A holiday that starts
  // after midnight (e.g. "from 14:00") leaves the morning open, so it is not a day off. A multi-day
  // holiday closes each of its days; one starting in December may run into January, hence year - 1.
  function holidays(year: number): Map<Day, string> {
    let days = holidaysByYear.get(year);
    if (days) return days;
    days = new Map();
    for (const holiday of [...source.getHolidays(year - 1), ...source.getHolidays(year)]) {
      const match = HOLIDAY_DATE.exec(holiday.date);
      if (holiday.type !== 'public' || !match || match[2] !== '00:00:00') continue;
      const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / MS_PER_DAY));
      const first = dayNumber(match[1]!);
      for (let i = 0; i < span; i++) {
        const day = dayFromNumber(first + i);
        if (Number(day.slice(0, 4)) === year && !days.has(day)) days.set(day, holiday.name);
      }
    }
    holidaysByYear.set(year, days);
    return days;
  }

  // Case lists ask the same few hundred days over and over: remember each answer.
  const businessDayCache = new Map<number, boolean>();
  const isBusinessDayNumber = (n: number): boolean =>
    cached(businessDayCache, n, () => {
      const wd = weekday(n);
      const day = dayFromNumber(n);
      return wd !== 0 && wd !== 6 && !closures.has(day) && !holidays(Number(day.slice(0, 4))).has(day);
    });

  const addBusinessDays = (day: Day, n: number): Day => {
    if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number: ${n}`);
    let cursor = dayNumber(day);
    const step = Math.sign(n);
    for (let left = Math.abs(n); left > 0;) {
      cursor += step;
      if (isBusinessDayNumber(cursor)) left--;
    }
    return dayFromNumber(cursor);
  };

  const businessDaysBetween = (fromDay: Day, toDay: Day): number => {
    const from = dayNumber(fromDay);
    const to = dayNumber(toDay);
    const [low, high, sign] = to >= from ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let n = low + 1; n <= high; n++) if (isBusinessDayNumber(n)) count++;
    return sign * count;
  };

  const addCalendarDays = (day: Day, n: number): Day => {
    if (!Number.isInteger(n)) throw new RangeError(`Calendar days must be a whole number: ${n}`);
    return dayFromNumber(dayNumber(day) + n);
  };

  // The offset of the office's clocks through one UTC day, when no clock change falls in it (all but
  // a day or two a year): a local day is then plain arithmetic, with no time-zone lookup per
  // instant (the returns read the local days of 100,000 cases). Offsets move in steps of 15 minutes
  // at most once a day, so the same offset at a UTC day's first and last millisecond holds all day.
  const steadyOffsets = new Map<number, number | null>();
  const steadyOffsetMs = (utcDay: number): number | null =>
    cached(steadyOffsets, utcDay, () => {
      const first = tzOffset(timeZone, new Date(utcDay * MS_PER_DAY));
      const last = tzOffset(timeZone, new Date((utcDay + 1) * MS_PER_DAY - 1));
      return first === last && Number.isFinite(first) ? first * 60_000 : null;
    });

  const dayStarts = new Map<Day, string>();
  const dayEnds = new Map<Day, string>();
  const localMidnight = (day: Day): TZDate => {
    dayNumber(day); // validates
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, timeZone);
  };

  return {
    country,
    region,
    timeZone,
    isBusinessDay: (day) => isBusinessDayNumber(dayNumber(day)),
    publicHolidays: (year) =>
      [...holidays(year)].map(([day, name]) => ({ day, name })).sort((a, b) => a.day.localeCompare(b.day)),
    addBusinessDays,
    addCalendarDays,
    businessDaysBetween,
    calendarDaysBetween: (fromDay, toDay) => dayNumber(toDay) - dayNumber(fromDay),
    addDuration: (day, duration) => {
      checkDuration(duration);
      return duration.unit === 'business-days'
        ? addBusinessDays(day, duration.amount)
        : addCalendarDays(day, duration.amount);
    },
    localDay: (instant) => {
      const ms = toMs(instant);
      const offset =
        ms >= FOUR_DIGIT_YEARS[0] && ms < FOUR_DIGIT_YEARS[1]
          ? steadyOffsetMs(Math.floor(ms / MS_PER_DAY))
          : null;
      if (offset !== null) return dayFromNumber(Math.floor((ms + offset) / MS_PER_DAY));
      const local = new TZDate(ms, timeZone);
      return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
    },
    startOfLocalDay: (day) => cached(dayStarts, day, () => utcIso(startOfDay(localMidnight(day)))),
    endOfLocalDay: (day) => cached(dayEnds, day, () => utcIso(endOfDay(localMidnight(day)))),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Regulatory regimes: the clock that never pauses.
//
// Every duration counts from the office-local day of receipt (no after-hours cut-off: a complaint
// received at 23:00 was received that day). Calendar-day deadlines that land on a weekend or holiday
// stay there, because the regulators count calendar days; business-day deadlines always land on a
// business day.

export type RegimeId = CaseRegimeId;
export { REGIME_IDS };

export interface Regime {
  id: RegimeId;
  label: string;
  /** Where the rule comes from and the choices made reading it. */
  note: string;
  /** Absent only for 'custom', whose times the office supplies. */
  acknowledge?: Duration;
  final?: Duration;
  extendedFinal?: Duration;
  summaryResolution?: Duration;
}

const nextBusinessDay = businessDays(1);

export const REGIMES: Readonly<Record<RegimeId, Regime>> = {
  'uk-fca-general': {
    id: 'uk-fca-general',
    label: 'UK FCA (DISP 1.6)',
    note: 'Acknowledge promptly (taken as the end of the next business day); final response by the end of 8 weeks (56 calendar days) after receipt. Resolved by the close of the 3rd business day after receipt: a summary resolution communication may close it (DISP 1.5).',
    acknowledge: nextBusinessDay,
    final: calendarDays(56),
    summaryResolution: businessDays(3),
  },
  'uk-fca-psd': {
    id: 'uk-fca-psd',
    label: 'UK FCA payment services (PSD/EMD)',
    note: 'Acknowledge by the next business day; final response within 15 business days after receipt, or 35 business days in exceptional cases after a holding response (DISP 1.6.2A).',
    acknowledge: nextBusinessDay,
    final: businessDays(15),
    extendedFinal: businessDays(35),
  },
  'au-asic-rg271': {
    id: 'au-asic-rg271',
    label: 'Australia ASIC RG 271 (standard)',
    note: 'Acknowledge within 24 hours or one business day: we use the end of the next business day, the later of the two, so one rule fits complaints received at any hour. IDR response within 30 calendar days.',
    acknowledge: nextBusinessDay,
    final: calendarDays(30),
  },
  'au-asic-rg271-super': {
    id: 'au-asic-rg271-super',
    label: 'Australia ASIC RG 271 (superannuation trustees)',
    note: 'Acknowledge by the end of the next business day; IDR response within 45 calendar days.',
    acknowledge: nextBusinessDay,
    final: calendarDays(45),
  },
  'au-asic-rg271-hardship': {
    id: 'au-asic-rg271-hardship',
    label: 'Australia ASIC RG 271 (financial hardship, default notices)',
    note: 'Acknowledge by the end of the next business day; IDR response within 21 calendar days.',
    acknowledge: nextBusinessDay,
    final: calendarDays(21),
  },
  'us-cfpb': {
    id: 'us-cfpb',
    label: 'US CFPB',
    note: 'Respond within 15 calendar days (the final response due date shown); where more time is needed, a final response within 60 calendar days (the extended due date). CFPB sets no acknowledgement time: we use the end of the next business day, as for the other presets.',
    acknowledge: nextBusinessDay,
    final: calendarDays(15),
    extendedFinal: calendarDays(60),
  },
  custom: {
    id: 'custom',
    label: 'Custom',
    note: "The office's own acknowledgement and final response times.",
  },
};

/** The due instants worked out at intake and stored on the case. */
export type RegulatoryDeadlines = CaseDeadlines;

export interface CustomRegimeTimes {
  acknowledge: Duration;
  final: Duration;
}

export function regulatoryDeadlines(
  receivedAt: Instant,
  regimeId: RegimeId,
  calendar: BusinessCalendar,
  custom?: CustomRegimeTimes,
): RegulatoryDeadlines {
  const regime = REGIMES[regimeId] as Regime | undefined;
  if (!regime) throw new RangeError(`Unknown regulatory regime: "${regimeId}"`);
  const acknowledge = regimeId === 'custom' ? custom?.acknowledge : regime.acknowledge;
  const final = regimeId === 'custom' ? custom?.final : regime.final;
  if (!acknowledge || !final)
    throw new ValidationError('Enter the acknowledgement and final response times for the custom regime.');

  const receivedDay = calendar.localDay(receivedAt);
  const due = (duration: Duration): string =>
    calendar.endOfLocalDay(calendar.addDuration(receivedDay, duration));
  const deadlines: RegulatoryDeadlines = { acknowledgeDue: due(acknowledge), finalResponseDue: due(final) };
  if (regime.extendedFinal) deadlines.extendedFinalDue = due(regime.extendedFinal);
  if (regime.summaryResolution) deadlines.summaryResolutionUntil = due(regime.summaryResolution);
  return deadlines;
}

// ---------------------------------------------------------------------------------------------
// 3. Internal SLA clock (can pause, e.g. while waiting for the complainant).

export interface SlaTargets {
  firstResponse: Duration;
  nextUpdate: Duration;
  resolution: Duration;
}

export { SEVERITIES };
export type { Severity };

export const DEFAULT_SLA_TARGETS: Readonly<Record<Severity, SlaTargets>> = {
  critical: { firstResponse: businessDays(1), nextUpdate: businessDays(2), resolution: businessDays(10) },
  high: { firstResponse: businessDays(1), nextUpdate: businessDays(3), resolution: businessDays(15) },
  medium: { firstResponse: businessDays(2), nextUpdate: businessDays(5), resolution: businessDays(25) },
  low: { firstResponse: businessDays(3), nextUpdate: businessDays(10), resolution: businessDays(40) },
};

export interface SlaPause {
  from: string;
  /** Absent (or null) while the pause is still open. */
  to?: string | null;
}

export interface SlaClockInput {
  startedAt: Instant;
  target: Duration;
  pauses?: readonly SlaPause[];
  now: Instant;
  calendar: BusinessCalendar;
}

export interface SlaClock {
  dueAt: string;
  /** Wall-clock time spent paused between startedAt and now (overlapping pauses counted once). */
  pausedMs: number;
  paused: boolean;
}

/**
 * The due instant of an SLA target that stops while the case is paused.
 *
 * Rule: the target counts from the office-local day the clock started, like the regulatory clock.
 * Each office-local day that any pause touches, wholly or in part, pushes the due day one day
 * further: business days for a business-day target (a pause over a weekend costs nothing),
 * calendar days for a calendar-day target. Whole days keep the due time at the end of a day and
 * are easy to explain ("paused on 3 working days, so due 3 working days later"); the price is that a
 * 10-minute pause costs a full day. Pauses count only between startedAt and now; an open pause runs
 * until now, so the due date moves on each day it stays open.
 */
export function slaClock({ startedAt, target, pauses = [], now, calendar }: SlaClockInput): SlaClock {
  checkDuration(target);
  const start = toMs(startedAt);
  const nowMs = toMs(now);

  const spans: [number, number][] = [];
  let paused = false;
  for (const pause of pauses) {
    const from = toMs(pause.from);
    const to = pause.to == null ? Infinity : toMs(pause.to);
    if (to < from) throw new RangeError(`A pause ends before it starts: ${pause.from} → ${pause.to}`);
    if (from <= nowMs && nowMs < to) paused = true;
    const clippedFrom = Math.max(from, start);
    const clippedTo = Math.min(to, nowMs);
    if (clippedTo > clippedFrom) spans.push([clippedFrom, clippedTo]);
  }

  // Merge overlapping pauses so no time or day counts twice.
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }

  const touched = new Set<Day>();
  let pausedMs = 0;
  for (const [from, to] of merged) {
    pausedMs += to - from;
    // A pause ending exactly at midnight does not touch the day that begins then.
    const last = calendar.localDay(new Date(to - 1));
    for (let day = calendar.localDay(new Date(from)); day <= last; day = calendar.addCalendarDays(day, 1))
      touched.add(day);
  }

  const businessUnit = target.unit === 'business-days';
  const extension = businessUnit
    ? [...touched].filter((day) => calendar.isBusinessDay(day)).length
    : touched.size;
  const baseDay = calendar.addDuration(calendar.localDay(startedAt), target);
  const dueDay = businessUnit
    ? calendar.addBusinessDays(baseDay, extension)
    : calendar.addCalendarDays(baseDay, extension);
  return { dueAt: calendar.endOfLocalDay(dueDay), pausedMs, paused };
}

// ---------------------------------------------------------------------------------------------
// 4. States for the case list.

export type DeadlineState = 'overdue' | 'due-soon' | 'on-track';

/**
 * Overdue once now is past dueAt (at dueAt itself it is still on time). Due soon when the due day
 * is within the next N business days counting today if today is one: with N = 2 on a Monday, due by
 * the end of Tuesday; on a Saturday, by the end of Tuesday too. A due day on a weekend or holiday
 * belongs to the window of the business days before it. N = 0 turns "due soon" off.
 */
export function deadlineState(
  dueAt: Instant,
  now: Instant,
  calendar: BusinessCalendar,
  dueSoonBusinessDays = 2,
): DeadlineState {
  const due = toMs(dueAt);
  if (toMs(now) > due) return 'overdue';
  return due < toMs(dueSoonWindowEnd(now, calendar, dueSoonBusinessDays)) ? 'due-soon' : 'on-track';
}

/**
 * Where the due-soon window ends (exclusive), for indexed queries: a deadline d not yet overdue is
 * due soon exactly when d < this instant. It is the start of the (N+1)-th business day counting
 * today if today is one; `now` itself when N = 0, an empty window.
 */
export function dueSoonWindowEnd(now: Instant, calendar: BusinessCalendar, dueSoonBusinessDays = 2): string {
  if (dueSoonBusinessDays <= 0) return new Date(toMs(now)).toISOString();
  const today = calendar.localDay(now);
  const firstDayAfter = calendar.addBusinessDays(
    today,
    dueSoonBusinessDays + (calendar.isBusinessDay(today) ? 0 : 1),
  );
  return calendar.startOfLocalDay(firstDayAfter);
}

export interface TimeLeft {
  /** Business days after today up to and including the due day (0 when due today; negative once past). */
  businessDays: number;
  /** Calendar days from today to the due day, office time (0 when due today; negative once past). */
  calendarDays: number;
  overdue: boolean;
}

export function timeLeft(dueAt: Instant, now: Instant, calendar: BusinessCalendar): TimeLeft {
  const today = calendar.localDay(now);
  const dueDay = calendar.localDay(dueAt);
  return {
    businessDays: calendar.businessDaysBetween(today, dueDay),
    calendarDays: calendar.calendarDaysBetween(today, dueDay),
    overdue: toMs(now) > toMs(dueAt),
  };
}

/**
 * True once N whole business days have ended since the day of the last activity with nothing done:
 * activity on Monday and N = 2 flags the case from Thursday 00:00 (Tuesday and Wednesday passed).
 */
export function isUntouched(
  lastActivityAt: Instant,
  now: Instant,
  calendar: BusinessCalendar,
  days: number,
): boolean {
  const lastDay = calendar.localDay(lastActivityAt);
  return toMs(now) > toMs(calendar.endOfLocalDay(calendar.addBusinessDays(lastDay, days)));
}

/**
 * "Keep the complainant informed": an open case owes the complainant an update once N whole
 * business days have ended since they last heard from us (`informedAt`: the latest outbound
 * contact, or receipt of the complaint).
 */
export function updateOwed(
  c: { open: 0 | 1; informedAt: Instant },
  now: Instant,
  calendar: BusinessCalendar,
  days: number,
): boolean {
  return c.open === 1 && isUntouched(c.informedAt, now, calendar, days);
}

/**
 * For indexed queries: an open case owes an update exactly when its informedAt < this instant.
 * It is the start of the earliest office day whose N business days have not yet all ended.
 */
export function updateOwedBefore(now: Instant, calendar: BusinessCalendar, days: number): string {
  const nowMs = toMs(now);
  const stillCounting = (day: Day) =>
    nowMs <= toMs(calendar.endOfLocalDay(calendar.addBusinessDays(day, days)));
  let day = calendar.localDay(now);
  // Each step back is one calendar day; a year is far more than any N with its weekends and holidays.
  for (let i = 0; i < 366; i++) {
    const before = calendar.addCalendarDays(day, -1);
    if (!stillCounting(before)) break;
    day = before;
  }
  return calendar.startOfLocalDay(day);
}

// ---------------------------------------------------------------------------------------------
// Due dates of tasks (plan items, enquiries, actions): calendar days in the office's time zone

/** Today as yyyy-mm-dd in the office's time zone: due dates are calendar dates, not instants. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** An open item whose due date has passed (due today is not yet overdue). */
export function isOverdue(dueDate: string, settled: boolean, today: string): boolean {
  return !settled && dueDate !== '' && dueDate < today;
}

// ---------------------------------------------------------------------------------------------
// 5. Which regulatory deadline is live, and what met it. Every screen, letter, chart, PDF and report
// reads these two functions, so "when is the final response due, and was it on time?" has one answer.

/** The regulated communications that meet a deadline, as recorded on the case. */
export const RESPONSE_KINDS = [
  'acknowledgement',
  'holding-reply',
  'final-response',
  'summary-resolution',
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** When each regulated communication was first sent; stamped when the letter is recorded. */
export interface ResponsesSent {
  acknowledgedAt: string | null;
  /** The holding reply (PSD: explains the delay and opens the 35-business-day line; CFPB: the 15-day "in progress" response). */
  holdingReplyAt?: string | null;
  finalResponseAt?: string | null;
  summaryResolutionAt?: string | null;
}

export type DeadlineKey = 'acknowledge' | 'final' | 'extendedFinal';

/**
 * - `open`: not met, not yet due; `overdue`: not met and past due;
 * - `met`: met on or before the due instant; `missed`: met, but after it;
 * - `not-needed`: the case ended (withdrawn) before the deadline was met, so nothing was owed.
 */
export type DeadlineOutcome = 'open' | 'overdue' | 'met' | 'missed' | 'not-needed';

export interface DeadlineLine {
  key: DeadlineKey;
  dueAt: string;
  /** When it was met, or null. */
  metAt: string | null;
  /** The communication that met it. */
  metBy: ResponseKind | null;
  outcome: DeadlineOutcome;
}

export interface ActiveDeadlines {
  acknowledge: DeadlineLine;
  /**
   * The final response line in force: the standard one, or — once a holding reply is recorded in a
   * regime that allows more time (PSD's 35 business days, CFPB's 60 days) — the extended one.
   */
  final: DeadlineLine;
  /** The standard line when it was superseded by the extended one (it shows what the holding reply met). */
  superseded: DeadlineLine | null;
  /** The nearest deadline still to meet, for sorting and the overdue filter; null when none is. */
  nextDueAt: string | null;
  /** Until when a summary resolution communication may close the case (regimes with that window). */
  summaryResolutionUntil: string | null;
}

export interface DeadlineCase extends ResponsesSent {
  deadlines: RegulatoryDeadlines;
  /** A withdrawn case owes no response it had not already sent. */
  status: string;
  closedAt: string | null;
}

/** Met on time or late, or not met yet (open or overdue), judged at `now`; withdrawn cases owe nothing. */
export function deadlineOutcome(
  dueAt: Instant,
  metAt: Instant | null | undefined,
  now: Instant,
  ended = false,
): DeadlineOutcome {
  return deadlineOutcomeMs(toMs(dueAt), metAt ? toMs(metAt) : null, toMs(now), ended);
}

/** The same rule on epoch milliseconds, for aggregating 100,000 cases without parsing a date. */
export function deadlineOutcomeMs(
  dueMs: number,
  metMs: number | null,
  nowMs: number,
  ended = false,
): DeadlineOutcome {
  if (metMs !== null) return metMs <= dueMs ? 'met' : 'missed';
  if (ended) return 'not-needed';
  return nowMs > dueMs ? 'overdue' : 'open';
}

/**
 * Whether a deadline counts as kept, for a compliance figure: true met on time, false missed or
 * overdue, null while its outcome is not known (still open) or when none was owed (withdrawn first).
 */
export function keptOnTime(
  dueMs: number,
  metMs: number | null,
  nowMs: number,
  withdrawn: boolean,
): boolean | null {
  const outcome = deadlineOutcomeMs(dueMs, metMs, nowMs, withdrawn);
  return outcome === 'met' ? true : outcome === 'missed' || outcome === 'overdue' ? false : null;
}

/**
 * "Acknowledged on time", the one definition the dashboard and the management report share: each
 * case received in the period, its acknowledgement deadline (activeDeadlines) judged at the moment
 * the figure is made. Judging at the period's end instead would leave out cases acknowledged on
 * time just after it, so a past month's figure would differ between the two screens.
 */
export function acknowledgedOnTime(
  ackDueMs: number,
  ackMetMs: number | null,
  nowMs: number,
  withdrawn: boolean,
): boolean | null {
  return keptOnTime(ackDueMs, ackMetMs, nowMs, withdrawn);
}

const earliest = (
  ...pairs: [string | null | undefined, ResponseKind][]
): [string | null, ResponseKind | null] => {
  let best: [string | null, ResponseKind | null] = [null, null];
  for (const [at, kind] of pairs) if (at && (best[0] === null || at < best[0])) best = [at, kind];
  return best;
};

/**
 * The rule:
 * - Acknowledgement: met by the acknowledgement, or by any later response sent first (a final
 *   response or summary resolution acknowledges the complaint too).
 * - Final response: met by the final response or a summary resolution communication. In a regime
 *   with an extended line (PSD, CFPB) a holding reply sent by the standard deadline meets it and
 *   makes the extended one live; only the final response meets that. Without a holding reply in
 *   time the extended line never applies. Elsewhere (FCA 8 weeks, ASIC) a holding reply informs the
 *   complainant but does not meet the final response deadline.
 * - Closing the case meets nothing by itself: a case closed without a recorded response stays
 *   overdue in every count, which is what a regulator would see. A withdrawn case owes nothing more.
 */
export function activeDeadlines(c: DeadlineCase, now: Instant): ActiveDeadlines {
  const d = c.deadlines;
  const ended = c.status === 'withdrawn';
  const line = (key: DeadlineKey, dueAt: string, [metAt, metBy]: [string | null, ResponseKind | null]) => ({
    key,
    dueAt,
    metAt,
    metBy,
    outcome: deadlineOutcome(dueAt, metAt, now, ended),
  });
  const acknowledge = line(
    'acknowledge',
    d.acknowledgeDue,
    earliest(
      [c.acknowledgedAt, 'acknowledgement'],
      [c.holdingReplyAt, 'holding-reply'],
      [c.finalResponseAt, 'final-response'],
      [c.summaryResolutionAt, 'summary-resolution'],
    ),
  );
  const answered = earliest(
    [c.finalResponseAt, 'final-response'],
    [c.summaryResolutionAt, 'summary-resolution'],
  );
  let final: DeadlineLine;
  let superseded: DeadlineLine | null = null;
  // Only a holding reply sent in time (by the standard deadline, before any answer) opens the
  // extended line: a late one cannot hide the missed standard deadline from the counts.
  if (
    d.extendedFinalDue &&
    c.holdingReplyAt &&
    c.holdingReplyAt <= d.finalResponseDue &&
    (!answered[0] || c.holdingReplyAt <= answered[0])
  ) {
    superseded = line('final', d.finalResponseDue, [c.holdingReplyAt, 'holding-reply']);
    final = line('extendedFinal', d.extendedFinalDue, answered);
  } else {
    final = line('final', d.finalResponseDue, answered);
  }
  const pending = [acknowledge, final].filter((l) => l.metAt === null && !ended && c.closedAt === null);
  const nextDueAt = pending.length ? pending.map((l) => l.dueAt).sort()[0]! : null;
  return {
    acknowledge,
    final,
    superseded,
    nextDueAt,
    summaryResolutionUntil: d.summaryResolutionUntil ?? null,
  };
}

/**
 * The lines to show, in order: acknowledgement; the standard final line a holding reply met (when
 * superseded); the final line in force. Every screen and PDF lists these, in these words.
 */
export function deadlineLines(a: ActiveDeadlines): DeadlineLine[] {
  return [a.acknowledge, ...(a.superseded ? [a.superseded] : []), a.final];
}

/** The nearest deadline still to meet, for the indexed "due" order and filters (the clock does not matter). */
export function nextDeadlineDue(c: DeadlineCase): string | null {
  return activeDeadlines(c, new Date(0)).nextDueAt;
}

/** Whether a summary resolution may still close the case: only in regimes with that window, and inside it. */
export function summaryResolutionOpen(deadlines: RegulatoryDeadlines, now: Instant): boolean {
  return !!deadlines.summaryResolutionUntil && toMs(now) <= toMs(deadlines.summaryResolutionUntil);
}

/** Whether a regime has a summary-resolution window at all (the action is not offered elsewhere). */
export function hasSummaryResolution(regimeId: RegimeId): boolean {
  return !!(REGIMES[regimeId] as Regime | undefined)?.summaryResolution;
}

/** Whether a holding reply in this regime buys more time (and so belongs in the letter choices as such). */
export function hasExtendedFinal(regimeId: RegimeId): boolean {
  return !!(REGIMES[regimeId] as Regime | undefined)?.extendedFinal;
}
