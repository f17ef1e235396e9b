// What both returns share: the reporting periods, which cases a return reads, and the day a
// complaint counts as closed. Returns bucket on the day the final response or summary resolution
// was sent (DISP 1.10, RG 271), never on the day the case was closed in Redress.
import type { CaseRegimeId, Finding } from '../domain/case';
import type { BusinessCalendar } from '../domain/deadlines';
import { addMonthsToDay, type Day } from '../domain/office-time';
import type { CaseReturnData } from '../domain/regulatory-codes';

/** A reporting period: office days, both ends included. */
export interface ReturnPeriod {
  from: Day;
  to: Day;
}

/** The slim view of a case the returns read (a projection of CaseRecord). */
export interface ReturnCase {
  id: string;
  reference: string;
  regime: CaseRegimeId;
  status: string;
  receivedAt: string;
  finalResponseAt?: string | null;
  summaryResolutionAt?: string | null;
  /** When the case was closed or withdrawn in Redress (null while open): dates a withdrawal (endedAt). */
  closedAt?: string | null;
  finding: Finding | null;
  returnData?: CaseReturnData | null;
}

/**
 * The row the returnFacts table keeps for each case (one per case, written with it): the slim case
 * the returns read, plus the keys that find it by the period it can count in. `countsFrom` is '' while
 * the complaint has not ended (endedAt), else the later of when it was received and when it ended, as
 * a UTC instant: no return for a period that began after it can count the case (bar redress paid in
 * that period: `paidOn`, the days redress was paid). One index range of it finds every case a period needs.
 */
export interface ReturnFact extends ReturnCase {
  countsFrom: string;
  paidOn: Day[];
}

/**
 * One format in the index, whatever the stored stamp's (an unreadable one stays as it was; a
 * damaged record with none at all gives ''): a bad row must reach the database's own refusal.
 */
function utcInstant(stamp: string | null | undefined): string {
  if (typeof stamp !== 'string') return '';
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : new Date(ms).toISOString();
}
const later = (a: string, b: string) => (a < b ? b : a);

/** A case's return fact (a projection of CaseRecord: what the returns bucket on, and nothing else). */
export function returnFactOf(c: ReturnCase): ReturnFact {
  const ended = endedAt(c);
  return {
    id: c.id,
    reference: c.reference,
    regime: c.regime,
    status: c.status,
    receivedAt: c.receivedAt,
    finalResponseAt: c.finalResponseAt ?? null,
    summaryResolutionAt: c.summaryResolutionAt ?? null,
    closedAt: c.closedAt ?? null,
    finding: c.finding ?? null,
    returnData: c.returnData ?? null,
    countsFrom: ended === null ? '' : later(utcInstant(ended), utcInstant(c.receivedAt)),
    paidOn: [...new Set((c.returnData?.redress ?? []).map((p) => p.paidOn))],
  };
}

/**
 * A pack of return facts (the returnFactPacks table): the facts of many cases in one row, so a
 * return reads a few hundred rows rather than one row per case (at 100,000 cases, merely stepping
 * over 41,000 index entries cost seconds). A pack belongs to a day (factPackDay): unanswered cases
 * by the UTC day they were received ('0|' days, first), answered ones by the UTC day of countsFrom
 * ('1|' days), so the packs from a day on hold every fact that can count from it. A day's facts are
 * spread over numbered packs of at most FACTS_PER_PACK each (packKey), so a write rewrites a
 * bounded pack however many cases share the day (a legacy import stamped with one date).
 */
export interface ReturnFactPack {
  key: string;
  facts: ReturnFact[];
}

export const UNANSWERED_PACKS = '0|';
export const ANSWERED_PACKS = '1|';

/** The most facts one pack holds. */
export const FACTS_PER_PACK = 200;

/** The day a fact's packs belong to (a day's prefix of its UTC instant; an unreadable stamp as it is). */
export function factPackDay(f: Pick<ReturnFact, 'countsFrom' | 'receivedAt'>): string {
  return f.countsFrom === ''
    ? UNANSWERED_PACKS + utcInstant(f.receivedAt).slice(0, 10)
    : ANSWERED_PACKS + f.countsFrom.slice(0, 10);
}

/** Marks where a day's number starts in a pack key; every pack key of a day sorts after the day. */
export const PACK_NUMBER_MARK = '#';

/** The key of pack number `n` of `day` (numbers in a fixed width, so they sort as they count). */
export const packKey = (day: string, n: number): string =>
  `${day}${PACK_NUMBER_MARK}${String(n).padStart(6, '0')}`;

/** The day and number a pack key names (the inverse of packKey). */
export function packOfKey(key: string): { day: string; n: number } {
  const at = key.lastIndexOf(PACK_NUMBER_MARK);
  return { day: key.slice(0, at), n: Number(key.slice(at + 1)) };
}

/** The lowest key of the answered packs that can hold a fact counting from `instant` (a UTC instant) on. */
export const answeredPackFrom = (instant: string): string => ANSWERED_PACKS + instant.slice(0, 10);

const dayBefore = (day: Day, calendar: BusinessCalendar) => calendar.addCalendarDays(day, -1);

/**
 * The two half-years of the returns year that starts on `year`-`start` (Settings' reporting period
 * start, 'MM-DD'): the first six months and the next six.
 */
export function halfYears(
  start: string,
  year: number,
  calendar: BusinessCalendar,
): [ReturnPeriod, ReturnPeriod] {
  const first = `${String(year).padStart(4, '0')}-${start}`;
  const second = addMonthsToDay(first, 6);
  const next = addMonthsToDay(first, 12);
  return [
    { from: first, to: dayBefore(second, calendar) },
    { from: second, to: dayBefore(next, calendar) },
  ];
}

/** Whose return: the FCA's (and its payment services part) or ASIC's IDR report. */
export type Regulator = 'fca' | 'asic';

/**
 * ASIC's IDR reporting periods are fixed calendar half-years, 1 January – 30 June and 1 July –
 * 31 December (see regulatory-codes.ts), whatever the office's own reporting year: Settings'
 * reporting period start is the FCA's accounting reference date and never moves them.
 */
export const ASIC_PERIOD_START = '01-01';

/** ASIC's two IDR reporting periods of calendar year `year`. */
export const asicPeriods = (year: number, calendar: BusinessCalendar): [ReturnPeriod, ReturnPeriod] =>
  halfYears(ASIC_PERIOD_START, year, calendar);

/** The day ('MM-DD') a regulator's returns year starts on, given the office's reporting period start. */
export const periodStart = (regulator: Regulator, reportingStart: string): string =>
  regulator === 'asic' ? ASIC_PERIOD_START : reportingStart;

export const inPeriod = (day: Day | null, period: ReturnPeriod): boolean =>
  day !== null && day >= period.from && day <= period.to;

/** When the complaint was answered for good: the earlier of its final response and summary resolution. */
export function answeredAt(c: Pick<ReturnCase, 'finalResponseAt' | 'summaryResolutionAt'>): string | null {
  const sent = [c.finalResponseAt, c.summaryResolutionAt].filter((at): at is string => !!at);
  return sent.length ? sent.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null;
}

/**
 * When a complaint withdrawn before it was answered was withdrawn: it ends there (ASIC reports it
 * closed, outcome withdrawn), though no final response was sent. Null for any other case.
 */
export function withdrawnAt(c: Pick<ReturnCase, 'status' | 'closedAt'>): string | null {
  return c.status === 'withdrawn' && c.closedAt ? c.closedAt : null;
}

/** When the complaint ended: answered for good, else withdrawn; null while neither. */
export const endedAt = (
  c: Pick<ReturnCase, 'finalResponseAt' | 'summaryResolutionAt' | 'status' | 'closedAt'>,
): string | null => answeredAt(c) ?? withdrawnAt(c);

/** A complaint counts unless the officer marked it not reportable (unrecorded data still counts). */
export const isReportable = (c: ReturnCase): boolean => c.returnData?.reportable !== false;

/**
 * The office days a complaint was received, answered (final response or summary resolution: what the
 * FCA counts as closed) and ended (answered, else withdrawn: what ASIC counts as closed) on.
 */
export function returnDays(
  c: ReturnCase,
  calendar: BusinessCalendar,
): { received: Day; answered: Day | null; ended: Day | null } {
  const answered = answeredAt(c);
  const ended = endedAt(c);
  return {
    received: calendar.localDay(c.receivedAt),
    answered: answered ? calendar.localDay(answered) : null,
    ended: ended ? calendar.localDay(ended) : null,
  };
}
