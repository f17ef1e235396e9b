// Dates below are worked out by hand from a 2026 calendar (1 Jan 2026 is a Thursday) and the
// published bank holidays; the comment on each row is the working.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA_TARGETS,
  REGIMES,
  REGIME_IDS,
  SEVERITIES,
  activeDeadlines,
  businessDays,
  calendarDays,
  createBusinessCalendar,
  deadlineLines,
  deadlineOutcome,
  deadlineOutcomeMs,
  deadlineState,
  dueSoonWindowEnd,
  hasExtendedFinal,
  hasSummaryResolution,
  isUntouched,
  nextDeadlineDue,
  regulatoryDeadlines,
  summaryResolutionOpen,
  updateOwed,
  updateOwedBefore,
  slaClock,
  timeLeft,
  type BusinessCalendar,
  type DeadlineCase,
  type DeadlineLine,
  type Duration,
  type RegimeId,
  type RegulatoryDeadlines,
  type ResponsesSent,
  type SlaPause,
} from '../../../../src-shared/domain/deadlines';
import { ValidationError } from '../../../../src-shared/errors';

// England: Good Friday 3 Apr, Easter Monday 6 Apr, early May 4 May, spring 25 May, summer 31 Aug,
// Christmas Fri 25 Dec, Boxing Day Sat 26 Dec → substitute Mon 28 Dec; New Year Fri 1 Jan 2027.
const gb = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
const gbClosed = createBusinessCalendar({
  country: 'GB',
  region: 'ENG',
  timeZone: 'Europe/London',
  closures: ['2026-12-24', '2026-12-31'],
});
const sct = createBusinessCalendar({ country: 'GB', region: 'SCT', timeZone: 'Europe/London' });
// New South Wales: Good Friday to Easter Monday 3–6 Apr, Labour Day Mon 5 Oct.
const nsw = createBusinessCalendar({ country: 'AU', region: 'NSW', timeZone: 'Australia/Sydney' });
// US federal: Independence Day Sat 4 Jul 2026 → observed Fri 3 Jul.
const us = createBusinessCalendar({ country: 'US', timeZone: 'America/New_York' });

describe('business-day calendar', () => {
  it.each([
    ['2026-04-02', true], // Thursday before Easter
    ['2026-04-03', false], // Good Friday
    ['2026-04-04', false], // Saturday
    ['2026-04-06', false], // Easter Monday
    ['2026-04-07', true], // Tuesday after Easter
    ['2026-08-31', false], // Summer bank holiday (England)
    ['2026-12-25', false], // Christmas Day, Friday
    ['2026-12-28', false], // Boxing Day fell on Saturday: substitute Monday
    ['2026-12-29', true], // Tuesday
    ['2027-01-01', false], // New Year's Day, Friday
    ['2027-01-04', true], // Monday: no 2 January holiday in England
  ])('England: %s is a business day: %s', (day, expected) => {
    expect(gb.isBusinessDay(day)).toBe(expected);
  });

  it.each([
    ['2026-04-06', true], // Easter Monday is not a Scottish bank holiday
    ['2026-08-03', false], // Scottish summer bank holiday (first Monday of August)
    ['2026-08-31', true], // the English one is a working day in Scotland
    ['2027-01-04', false], // 2 January 2027 is a Saturday: substitute Monday
  ])('Scotland: %s is a business day: %s', (day, expected) => {
    expect(sct.isBusinessDay(day)).toBe(expected);
  });

  it('uses only public holidays, whole days, in date order', () => {
    expect(gb.publicHolidays(2026).map((h) => h.day)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
    // China: Women's Day is a public holiday from 12:00 only, so the office is open that morning.
    const cn = createBusinessCalendar({ country: 'CN', timeZone: 'Asia/Shanghai' });
    expect(cn.isBusinessDay('2026-03-09')).toBe(true); // Monday, control
    expect(cn.publicHolidays(2026).some((h) => h.day === '2026-03-08')).toBe(false);
    expect(cn.isBusinessDay('2026-02-17')).toBe(false); // Spring Festival, Tuesday
  });

  it.each([
    ['2026-04-01', 1, '2026-04-02'], // Wed → Thu
    ['2026-04-02', 1, '2026-04-07'], // Thu → skip Good Fri, weekend, Easter Mon → Tue
    ['2026-04-02', 3, '2026-04-09'], // Tue 7, Wed 8, Thu 9
    ['2026-04-04', 1, '2026-04-07'], // from a Saturday: Mon is Easter Monday → Tue
    ['2026-06-05', 5, '2026-06-12'], // Fri → Mon–Fri of next week
    ['2026-12-24', 1, '2026-12-29'], // Thu → skip Christmas, weekend, substitute Mon 28 → Tue
    ['2026-12-30', 2, '2027-01-04'], // Thu 31 (1), skip New Year Fri and weekend, Mon 4 Jan (2)
    ['2026-04-07', -1, '2026-04-02'], // backwards over Easter
    ['2026-04-07', 0, '2026-04-07'], // zero: the same day
    ['2026-04-04', 0, '2026-04-04'], // zero from a Saturday stays on it
  ])('England: %s + %i business days = %s', (day, n, expected) => {
    expect(gb.addBusinessDays(day, n)).toBe(expected);
  });

  it.each([
    ['2026-04-02', '2026-04-07', 1], // only Tue 7 is a business day after Thu 2
    ['2026-04-02', '2026-04-02', 0],
    ['2026-04-07', '2026-04-02', -1], // reversed
    ['2026-06-05', '2026-06-12', 5], // a plain week
    ['2026-06-06', '2026-06-07', 0], // Sat → Sun
    ['2026-12-24', '2027-01-04', 4], // Dec 29, 30, 31 and Jan 4 across the year end
  ])('England: business days after %s up to %s = %i', (from, to, expected) => {
    expect(gb.businessDaysBetween(from, to)).toBe(expected);
  });

  it('adding n business days and counting them back agree for every business day of 2026', () => {
    for (let day = '2026-01-01'; day < '2027-01-01'; day = gb.addCalendarDays(day, 1)) {
      if (!gb.isBusinessDay(day)) continue;
      for (const n of [1, 3, 15, 35]) expect(gb.businessDaysBetween(day, gb.addBusinessDays(day, n))).toBe(n);
    }
  });

  it.each([
    ['2026-12-24', false], // closure: Christmas Eve, Thursday
    ['2026-12-23', true],
  ])('closure days: %s is a business day: %s', (day, expected) => {
    expect(gbClosed.isBusinessDay(day)).toBe(expected);
  });

  it.each([
    ['2026-12-23', 1, '2026-12-29'], // Thu 24 closed, Fri 25 Christmas, weekend, Mon 28 substitute → Tue 29
    ['2026-12-30', 1, '2027-01-04'], // Thu 31 closed, Fri 1 New Year, weekend → Mon 4
  ])('closure days: %s + %i business days = %s', (day, n, expected) => {
    expect(gbClosed.addBusinessDays(day, n)).toBe(expected);
  });

  it.each([
    // Europe/London: BST starts Sun 29 Mar 2026 01:00 UTC and ends Sun 25 Oct 2026 01:00 UTC.
    ['2026-03-28T23:30:00Z', '2026-03-28'], // GMT: 23:30 on Saturday
    ['2026-03-29T23:30:00Z', '2026-03-30'], // BST: already 00:30 on Monday
    ['2026-10-24T23:30:00Z', '2026-10-25'], // still BST: 00:30 on Sunday
    ['2026-10-25T23:30:00Z', '2026-10-25'], // GMT again: 23:30 on Sunday
  ])('London: the office day of %s is %s', (instant, day) => {
    expect(gb.localDay(instant)).toBe(day);
  });

  it.each([
    ['2026-03-28', '2026-03-28T23:59:59.999Z'], // GMT
    ['2026-03-29', '2026-03-29T22:59:59.999Z'], // the day clocks go forward ends in BST
    ['2026-10-24', '2026-10-24T22:59:59.999Z'], // BST
    ['2026-10-25', '2026-10-25T23:59:59.999Z'], // the day clocks go back ends in GMT
  ])('London: the end of %s is %s', (day, end) => {
    expect(gb.endOfLocalDay(day)).toBe(end);
  });

  it('London: a day starts at local midnight', () => {
    expect(gb.startOfLocalDay('2026-03-29')).toBe('2026-03-29T00:00:00.000Z'); // GMT at midnight
    expect(gb.startOfLocalDay('2026-03-30')).toBe('2026-03-29T23:00:00.000Z'); // BST
  });

  it.each([
    // Australia/Sydney: AEDT (+11) ends Sun 5 Apr 2026 03:00 local; AEST (+10) ends Sun 4 Oct 02:00.
    ['2026-04-04', '2026-04-04T12:59:59.999Z'], // +11
    ['2026-04-05', '2026-04-05T13:59:59.999Z'], // +10 by the end of the changeover day
    ['2026-10-03', '2026-10-03T13:59:59.999Z'], // +10
    ['2026-10-04', '2026-10-04T12:59:59.999Z'], // +11 by the end of the changeover day
  ])('Sydney: the end of %s is %s', (day, end) => {
    expect(nsw.endOfLocalDay(day)).toBe(end);
  });

  it.each([
    ['2026-04-04T13:30:00Z', '2026-04-05'], // +11: 00:30 on Sunday
    ['2026-04-05T13:30:00Z', '2026-04-05'], // +10: 23:30 on Sunday
  ])('Sydney: the office day of %s is %s', (instant, day) => {
    expect(nsw.localDay(instant)).toBe(day);
  });

  it('refuses unknown countries, regions, time zones and closure dates with a clear error', () => {
    expect(() => createBusinessCalendar({ country: 'XX', timeZone: 'Europe/London' })).toThrow(
      /Unknown country code "XX"/,
    );
    expect(() => createBusinessCalendar({ country: 'XX', timeZone: 'Europe/London' })).toThrow(
      ValidationError,
    );
    expect(() => createBusinessCalendar({ country: 'GB', region: 'ZZZ', timeZone: 'Europe/London' })).toThrow(
      /Unknown region/,
    );
    expect(() => createBusinessCalendar({ country: 'GB', timeZone: 'Mars/Olympus' })).toThrow(
      /Unknown time zone/,
    );
    expect(() =>
      createBusinessCalendar({ country: 'GB', timeZone: 'Europe/London', closures: ['2026-02-30'] }),
    ).toThrow(/Closure day/);
  });

  it('accepts a lower-case country and an empty region', () => {
    const cal = createBusinessCalendar({ country: 'gb', region: '', timeZone: 'Europe/London' });
    expect(cal.country).toBe('GB');
    expect(cal.region).toBeUndefined();
    expect(cal.isBusinessDay('2026-04-03')).toBe(false); // Good Friday is national
  });

  it('refuses malformed days and instants', () => {
    expect(() => gb.isBusinessDay('2026-02-30')).toThrow(RangeError);
    expect(() => gb.addBusinessDays('2026-4-1', 1)).toThrow(RangeError);
    expect(() => gb.localDay('yesterday')).toThrow(RangeError);
    expect(() => gb.localDay('2026-04-02T10:00:00')).toThrow(/offset/); // would depend on the computer's zone
    expect(gb.localDay('2026-04-02T23:30:00+01:00')).toBe('2026-04-02'); // 22:30Z = 23:30 BST
  });

  it.each([
    ['Europe/London', 'GB', 'ENG'],
    ['Australia/Sydney', 'AU', 'NSW'],
    ['Australia/Lord_Howe', 'AU', 'NSW'], // clocks move by half an hour
    ['Asia/Kathmandu', 'GB', undefined], // 5 h 45 min ahead of UTC (holidays are beside the point)
    ['America/St_Johns', 'CA', 'NL'], // 3 h 30 min behind, with summer time
    ['Pacific/Apia', 'NZ', undefined], // skipped 30 Dec 2011 whole
  ])(
    '%s: every quarter hour of two years has the office day the zone’s own clocks show',
    (timeZone, country, region) => {
      const cal = createBusinessCalendar({ country, region, timeZone });
      const shown = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const start = Date.UTC(timeZone === 'Pacific/Apia' ? 2011 : 2025, 0, 1);
      for (let ms = start; ms < start + 2 * 366 * 86_400_000; ms += 15 * 60_000 + 7_000) {
        const instant = new Date(ms).toISOString();
        expect(cal.localDay(instant), instant).toBe(shown.format(ms));
      }
    },
  );
});

describe('regulatory deadlines', () => {
  it('has a preset for every regime id', () => {
    expect(Object.keys(REGIMES).sort()).toEqual([...REGIME_IDS].sort());
    for (const id of REGIME_IDS) expect(REGIMES[id]).toMatchObject({ id, label: expect.any(String) });
  });

  it.each([
    {
      // Thu 2 Apr 11:00 BST. Ack: next business day skips Good Fri, weekend, Easter Mon → Tue 7.
      // Final: 2 Apr + 56 = 28 May. Summary: Tue 7, Wed 8, Thu 9.
      receivedAt: '2026-04-02T10:00:00Z',
      expected: {
        acknowledgeDue: '2026-04-07T22:59:59.999Z',
        finalResponseDue: '2026-05-28T22:59:59.999Z',
        summaryResolutionUntil: '2026-04-09T22:59:59.999Z',
      },
    },
    {
      // Wed 23 Dec 16:00 GMT. Ack Thu 24. Final: 23 Dec + 8 = 31 Dec, + 31 = 31 Jan, + 17 = Wed 17 Feb 2027.
      // Summary: Thu 24 (1), skip 25–28, Tue 29 (2), Wed 30 (3).
      receivedAt: '2026-12-23T16:00:00Z',
      expected: {
        acknowledgeDue: '2026-12-24T23:59:59.999Z',
        finalResponseDue: '2027-02-17T23:59:59.999Z',
        summaryResolutionUntil: '2026-12-30T23:59:59.999Z',
      },
    },
    {
      // Sun 29 Mar 23:30 UTC is Mon 30 Mar 00:30 BST: received on the Monday. Ack Tue 31.
      // Final: 30 Mar + 2 = 1 Apr, + 30 = 1 May, + 24 = Mon 25 May, a bank holiday: calendar days stay put.
      // Summary: Tue 31, Wed 1, Thu 2 Apr.
      receivedAt: '2026-03-29T23:30:00Z',
      expected: {
        acknowledgeDue: '2026-03-31T22:59:59.999Z',
        finalResponseDue: '2026-05-25T22:59:59.999Z',
        summaryResolutionUntil: '2026-04-02T22:59:59.999Z',
      },
    },
    {
      // Sat 28 Mar 23:30 GMT, received on a Saturday. Ack Mon 30 (now BST). Final: 28 Mar + 3 = 31 Mar,
      // + 30 = 30 Apr, + 23 = Sat 23 May, a Saturday that stays. Summary: Mon 30, Tue 31, Wed 1 Apr.
      receivedAt: '2026-03-28T23:30:00Z',
      expected: {
        acknowledgeDue: '2026-03-30T22:59:59.999Z',
        finalResponseDue: '2026-05-23T22:59:59.999Z',
        summaryResolutionUntil: '2026-04-01T22:59:59.999Z',
      },
    },
  ])('uk-fca-general, received $receivedAt', ({ receivedAt, expected }) => {
    expect(regulatoryDeadlines(receivedAt, 'uk-fca-general', gb)).toEqual(expected);
  });

  it('uk-fca-psd: 15 and 35 business days around Easter and the May bank holidays', () => {
    // Wed 1 Apr. Ack Thu 2. Final: Thu 2 (1), skip 3–6, Tue 7–Fri 10 (2–5), 13–17 (6–10), 20–24 (11–15) → Fri 24 Apr.
    // Extended: 27 Apr–1 May (16–20), skip Mon 4 May, 5–8 (21–24), 11–15 (25–29), 18–22 (30–34),
    // skip Mon 25 May, Tue 26 (35).
    expect(regulatoryDeadlines('2026-04-01T09:00:00Z', 'uk-fca-psd', gb)).toEqual({
      acknowledgeDue: '2026-04-02T22:59:59.999Z',
      finalResponseDue: '2026-04-24T22:59:59.999Z',
      extendedFinalDue: '2026-05-26T22:59:59.999Z',
    });
  });

  it.each([
    {
      // Thu 2 Apr 14:00 AEDT. Ack: skip Good Fri to Easter Mon → Tue 7 (AEST, +10).
      // Final: 2 Apr + 30 = Sat 2 May (stays on the Saturday), +10.
      regime: 'au-asic-rg271' as const,
      receivedAt: '2026-04-02T03:00:00Z',
      expected: { acknowledgeDue: '2026-04-07T13:59:59.999Z', finalResponseDue: '2026-05-02T13:59:59.999Z' },
    },
    {
      // Sat 3 Oct 08:00 AEST. Ack: Mon 5 Oct is Labour Day → Tue 6 (AEDT, +11 after the 4 Oct change).
      // Final: 3 Oct + 28 = 31 Oct, + 17 = Tue 17 Nov.
      regime: 'au-asic-rg271-super' as const,
      receivedAt: '2026-10-02T22:00:00Z',
      expected: { acknowledgeDue: '2026-10-06T12:59:59.999Z', finalResponseDue: '2026-11-17T12:59:59.999Z' },
    },
    {
      // Mon 21 Dec 10:00 AEDT. Ack Tue 22. Final: 21 Dec + 10 = 31 Dec, + 11 = Mon 11 Jan 2027.
      regime: 'au-asic-rg271-hardship' as const,
      receivedAt: '2026-12-20T23:00:00Z',
      expected: { acknowledgeDue: '2026-12-22T12:59:59.999Z', finalResponseDue: '2027-01-11T12:59:59.999Z' },
    },
  ])('$regime, received $receivedAt (Sydney)', ({ regime, receivedAt, expected }) => {
    expect(regulatoryDeadlines(receivedAt, regime, nsw)).toEqual(expected);
  });

  it('us-cfpb: 15 days to respond, 60 for the final response (New York)', () => {
    // Thu 2 Jul 14:00 EDT. Ack: Fri 3 Jul is the observed Independence Day → Mon 6 (end = 04:00 UTC next day).
    // Response: 2 Jul + 15 = Fri 17 Jul. Final: 2 Jul + 29 = 31 Jul, + 31 = Mon 31 Aug.
    expect(regulatoryDeadlines('2026-07-02T18:00:00Z', 'us-cfpb', us)).toEqual({
      acknowledgeDue: '2026-07-07T03:59:59.999Z',
      finalResponseDue: '2026-07-18T03:59:59.999Z',
      extendedFinalDue: '2026-09-01T03:59:59.999Z',
    });
  });

  it('custom: the office supplies the times', () => {
    // Thu 31 Dec 12:00 GMT. Ack 2 business days: skip New Year and weekend → Mon 4 (1), Tue 5 (2).
    // Final 20 calendar days: 31 Dec + 20 = Wed 20 Jan 2027.
    const custom = { acknowledge: businessDays(2), final: calendarDays(20) };
    expect(regulatoryDeadlines('2026-12-31T12:00:00Z', 'custom', gb, custom)).toEqual({
      acknowledgeDue: '2027-01-05T23:59:59.999Z',
      finalResponseDue: '2027-01-20T23:59:59.999Z',
    });
    expect(() => regulatoryDeadlines('2026-12-31T12:00:00Z', 'custom', gb)).toThrow(ValidationError);
  });

  it('a received instant may be a Date', () => {
    expect(regulatoryDeadlines(new Date('2026-04-02T10:00:00Z'), 'uk-fca-general', gb).acknowledgeDue).toBe(
      '2026-04-07T22:59:59.999Z',
    );
  });
});

describe('SLA clock', () => {
  it('has defaults for every severity, tighter as severity rises', () => {
    expect(DEFAULT_SLA_TARGETS.critical).toEqual({
      firstResponse: businessDays(1),
      nextUpdate: businessDays(2),
      resolution: businessDays(10),
    });
    expect(DEFAULT_SLA_TARGETS.low).toEqual({
      firstResponse: businessDays(3),
      nextUpdate: businessDays(10),
      resolution: businessDays(40),
    });
    for (let i = 1; i < SEVERITIES.length; i++) {
      const milder = DEFAULT_SLA_TARGETS[SEVERITIES[i - 1]!];
      const harsher = DEFAULT_SLA_TARGETS[SEVERITIES[i]!];
      expect(harsher.resolution.amount).toBeLessThanOrEqual(milder.resolution.amount);
      expect(harsher.firstResponse.amount).toBeLessThanOrEqual(milder.firstResponse.amount);
    }
  });

  // Started Mon 1 Jun 2026 10:00 BST; 5 business days → Mon 8 Jun, ending 22:59:59.999Z (BST).
  const startedAt = '2026-06-01T09:00:00Z';
  const HOUR = 3_600_000;
  it.each<{
    name: string;
    target?: Duration;
    pauses: SlaPause[];
    now: string;
    dueAt: string;
    pausedMs: number;
    paused: boolean;
  }>([
    {
      name: 'no pause',
      pauses: [],
      now: '2026-06-02T09:00:00Z',
      dueAt: '2026-06-08T22:59:59.999Z',
      pausedMs: 0,
      paused: false,
    },
    {
      name: 'closed pause inside Tue 2 Jun: part of 1 business day → Tue 9',
      pauses: [{ from: '2026-06-02T10:00:00Z', to: '2026-06-02T14:00:00Z' }],
      now: '2026-06-05T12:00:00Z',
      dueAt: '2026-06-09T22:59:59.999Z',
      pausedMs: 4 * HOUR,
      paused: false,
    },
    {
      name: 'closed pause Fri 16:00 → Mon 09:00: Fri and Mon count, the weekend does not → Wed 10',
      pauses: [{ from: '2026-06-05T15:00:00Z', to: '2026-06-08T08:00:00Z' }],
      now: '2026-06-09T00:00:00Z',
      dueAt: '2026-06-10T22:59:59.999Z',
      pausedMs: 65 * HOUR,
      paused: false,
    },
    {
      name: 'open pause since Wed 3, now Thu 4: Wed and Thu count → Wed 10',
      pauses: [{ from: '2026-06-03T08:00:00Z' }],
      now: '2026-06-04T12:00:00Z',
      dueAt: '2026-06-10T22:59:59.999Z',
      pausedMs: 28 * HOUR,
      paused: true,
    },
    {
      name: 'pause ending at a future time counts up to now only: Tue and Wed → Wed 10',
      pauses: [{ from: '2026-06-02T10:00:00Z', to: '2026-06-05T10:00:00Z' }],
      now: '2026-06-03T12:00:00Z',
      dueAt: '2026-06-10T22:59:59.999Z',
      pausedMs: 26 * HOUR,
      paused: true,
    },
    {
      name: 'open pause over a weekend only: no business day lost → Mon 8',
      pauses: [{ from: '2026-06-06T10:00:00Z', to: null }],
      now: '2026-06-07T12:00:00Z',
      dueAt: '2026-06-08T22:59:59.999Z',
      pausedMs: 26 * HOUR,
      paused: true,
    },
    {
      name: 'pause ending exactly at local midnight (23:00Z in BST) does not touch the next day → Tue 9',
      pauses: [{ from: '2026-06-02T12:00:00Z', to: '2026-06-02T23:00:00Z' }],
      now: '2026-06-04T12:00:00Z',
      dueAt: '2026-06-09T22:59:59.999Z',
      pausedMs: 11 * HOUR,
      paused: false,
    },
    {
      name: 'overlapping pauses on Tue 2 count once: 10:00–16:00Z, one day → Tue 9',
      pauses: [
        { from: '2026-06-02T10:00:00Z', to: '2026-06-02T14:00:00Z' },
        { from: '2026-06-02T12:00:00Z', to: '2026-06-02T16:00:00Z' },
      ],
      now: '2026-06-04T12:00:00Z',
      dueAt: '2026-06-09T22:59:59.999Z',
      pausedMs: 6 * HOUR,
      paused: false,
    },
    {
      name: 'a pause before the clock started is ignored',
      pauses: [{ from: '2026-05-29T09:00:00Z', to: '2026-06-01T08:00:00Z' }],
      now: '2026-06-02T12:00:00Z',
      dueAt: '2026-06-08T22:59:59.999Z',
      pausedMs: 0,
      paused: false,
    },
    {
      name: 'a pause that starts after now is ignored',
      pauses: [{ from: '2026-06-03T08:00:00Z' }],
      now: '2026-06-02T12:00:00Z',
      dueAt: '2026-06-08T22:59:59.999Z',
      pausedMs: 0,
      paused: false,
    },
    {
      name: 'calendar-day target: 1 Jun + 10 = Thu 11; paused Sat and Sun → + 2 calendar days → Sat 13',
      target: calendarDays(10),
      pauses: [{ from: '2026-06-06T10:00:00Z', to: '2026-06-07T10:00:00Z' }],
      now: '2026-06-08T00:00:00Z',
      dueAt: '2026-06-13T22:59:59.999Z',
      pausedMs: 24 * HOUR,
      paused: false,
    },
  ])('$name', ({ target = businessDays(5), pauses, now, dueAt, pausedMs, paused }) => {
    expect(slaClock({ startedAt, target, pauses, now, calendar: gb })).toEqual({ dueAt, pausedMs, paused });
  });

  it('refuses a pause that ends before it starts', () => {
    const pauses = [{ from: '2026-06-03T08:00:00Z', to: '2026-06-02T08:00:00Z' }];
    expect(() =>
      slaClock({ startedAt, target: businessDays(5), pauses, now: '2026-06-04T00:00:00Z', calendar: gb }),
    ).toThrow(RangeError);
  });
});

describe('deadline states', () => {
  // Due Wed 10 Jun 2026, end of day BST = 22:59:59.999Z. Due soon (N = 2) = due by the end of the
  // 2nd business day counting today.
  const dueWed = '2026-06-10T22:59:59.999Z';
  it.each([
    [dueWed, '2026-06-10T22:59:59.999Z', 'due-soon'], // exactly at the due instant: not yet overdue
    [dueWed, '2026-06-10T23:00:00.000Z', 'overdue'], // 1 ms later (Thu 00:00 BST)
    [dueWed, '2026-06-09T12:00:00Z', 'due-soon'], // Tue: Tue (1) + Wed (2)
    [dueWed, '2026-06-08T12:00:00Z', 'on-track'], // Mon: Mon, Tue, Wed = 3
    [dueWed, '2026-06-08T22:59:59.999Z', 'on-track'], // last ms of Monday BST
    [dueWed, '2026-06-08T23:00:00Z', 'due-soon'], // Tue 00:00 BST
    ['2026-06-09T22:59:59.999Z', '2026-06-06T12:00:00Z', 'due-soon'], // Sat (0) + Mon, Tue = 2
    [dueWed, '2026-06-06T12:00:00Z', 'on-track'], // Sat (0) + Mon, Tue, Wed = 3
    ['2026-04-07T22:59:59.999Z', '2026-04-02T12:00:00Z', 'due-soon'], // Thu 2 (1) + Tue 7 (2) across Easter
    ['2026-04-08T22:59:59.999Z', '2026-04-02T12:00:00Z', 'on-track'], // Thu 2, Tue 7, Wed 8 = 3
    ['2026-05-23T22:59:59.999Z', '2026-05-21T12:00:00Z', 'due-soon'], // due Sat: Thu (1) + Fri (2)
    ['2026-05-23T22:59:59.999Z', '2026-05-20T12:00:00Z', 'on-track'], // Wed, Thu, Fri = 3
  ])('due %s, now %s → %s', (dueAt, now, expected) => {
    expect(deadlineState(dueAt, now, gb)).toBe(expected);
  });

  it('takes the due-soon window from the caller; 0 turns it off', () => {
    // Due end of Wed 10 Jun; now Wed 10 Jun 12:00Z.
    expect(deadlineState(dueWed, '2026-06-10T12:00:00Z', gb, 0)).toBe('on-track');
    expect(deadlineState(dueWed, '2026-06-10T12:00:00Z', gb, 1)).toBe('due-soon'); // today counts
    expect(deadlineState(dueWed, '2026-06-09T12:00:00Z', gb, 1)).toBe('on-track'); // Tue, Wed = 2 > 1
  });

  it.each([
    ['2026-06-08T12:00:00Z', 2, '2026-06-09T23:00:00.000Z'], // Mon: Mon, Tue in the window → ends at Wed 00:00 BST
    ['2026-06-06T12:00:00Z', 2, '2026-06-09T23:00:00.000Z'], // Sat: Mon, Tue → Wed 00:00 BST
    ['2026-04-02T12:00:00Z', 2, '2026-04-07T23:00:00.000Z'], // Thu 2: Thu, Tue 7 (Easter) → Wed 8 00:00 BST
    ['2026-12-24T12:00:00Z', 2, '2026-12-30T00:00:00.000Z'], // Thu 24: Thu, Tue 29 → Wed 30 00:00 GMT
    ['2026-06-08T12:00:00Z', 0, '2026-06-08T12:00:00.000Z'], // off: an empty window at now
  ])('the due-soon window at %s (N = %i) ends at %s', (now, n, expected) => {
    expect(dueSoonWindowEnd(now, gb, n)).toBe(expected);
  });

  it.each([
    [dueWed, '2026-06-05T12:00:00Z', { businessDays: 3, calendarDays: 5, overdue: false }], // Fri → Mon, Tue, Wed
    [dueWed, '2026-06-10T12:00:00Z', { businessDays: 0, calendarDays: 0, overdue: false }], // due today
    [dueWed, '2026-06-11T12:00:00Z', { businessDays: -1, calendarDays: -1, overdue: true }], // a day late
    [
      '2026-04-07T22:59:59.999Z',
      '2026-04-02T12:00:00Z',
      { businessDays: 1, calendarDays: 5, overdue: false },
    ], // Easter
    [
      '2027-01-04T23:59:59.999Z',
      '2026-12-24T12:00:00Z',
      { businessDays: 4, calendarDays: 11, overdue: false },
    ], // 29, 30, 31 Dec, 4 Jan
    [
      '2026-12-29T23:59:59.999Z',
      '2027-01-05T09:00:00Z',
      { businessDays: -4, calendarDays: -7, overdue: true },
    ], // 30, 31 Dec, 4, 5 Jan
  ])('time left to %s at %s', (dueAt, now, expected) => {
    expect(timeLeft(dueAt, now, gb)).toEqual(expected);
  });

  it.each([
    // Last touched Mon 8 Jun; 2 whole business days (Tue, Wed) must end → flagged from Thu 00:00 BST.
    ['2026-06-08T10:00:00Z', '2026-06-10T22:59:59.999Z', 2, false],
    ['2026-06-08T10:00:00Z', '2026-06-10T23:00:00Z', 2, true],
    // Thu 2 Apr, 1 business day: Tue 7 after Easter must end.
    ['2026-04-02T10:00:00Z', '2026-04-07T20:00:00Z', 1, false],
    ['2026-04-02T10:00:00Z', '2026-04-08T09:00:00Z', 1, true],
    // Wed 23 Dec, 5 business days: 24, 29, 30, 31 Dec, 4 Jan → flagged from Tue 5 Jan.
    ['2026-12-23T12:00:00Z', '2027-01-04T12:00:00Z', 5, false],
    ['2026-12-23T12:00:00Z', '2027-01-05T09:00:00Z', 5, true],
  ])('last activity %s, now %s, %i business days → untouched: %s', (lastActivityAt, now, days, expected) => {
    expect(isUntouched(lastActivityAt, now, gb, days)).toBe(expected);
  });
});

describe('keep the complainant informed', () => {
  it('owes an update once N whole business days have ended since the last news, open cases only', () => {
    // News on Thursday 2 Apr; Good Friday and Easter Monday are not business days.
    const informedAt = '2026-04-02T15:00:00.000Z';
    expect(updateOwed({ open: 1, informedAt }, '2026-04-08T22:59:59.000Z', gb, 2)).toBe(false);
    expect(updateOwed({ open: 1, informedAt }, '2026-04-08T23:00:01.000Z', gb, 2)).toBe(true);
    expect(updateOwed({ open: 0, informedAt }, '2026-05-01T12:00:00.000Z', gb, 2)).toBe(false);
  });

  it.each([
    ['gb', gb],
    ['gb with closures', gbClosed],
    ['nsw', nsw],
  ] as const)(
    'updateOwedBefore is the exact index limit of the rule (%s): informedAt < limit ⇔ update owed',
    { timeout: 30_000 },
    (_name, calendar) => {
      // Every 5 hours around Easter and Christmas, against news every 7 hours over the 16 days before.
      const nows = [
        [Date.UTC(2026, 2, 25), Date.UTC(2026, 3, 15)],
        [Date.UTC(2026, 11, 18), Date.UTC(2027, 0, 8)],
      ].flatMap(([from, to]) =>
        Array.from({ length: (to! - from!) / 18_000_000 }, (_, i) => from! + i * 18_000_000),
      );
      for (const t of nows) {
        const now = new Date(t).toISOString();
        for (const days of [0, 1, 3]) {
          const limit = updateOwedBefore(now, calendar, days);
          for (let back = 0; back < 24 * 16; back += 7) {
            const informedAt = new Date(t - back * 3_600_000).toISOString();
            expect(informedAt < limit).toBe(isUntouched(informedAt, now, calendar, days));
          }
        }
      }
    },
  );
});

describe('deadline outcomes', () => {
  const due = '2026-03-23T23:59:59.999Z';
  it.each([
    ['met exactly at the due instant', due, '2026-04-01T00:00:00Z', false, 'met'],
    ['met 1 ms late', '2026-03-24T00:00:00.000Z', '2026-04-01T00:00:00Z', false, 'missed'],
    ['met before now is judged', '2026-03-20T10:00:00Z', '2026-03-01T00:00:00Z', false, 'met'],
    ['not met, at the due instant', null, due, false, 'open'],
    ['not met, 1 ms after it', null, '2026-03-24T00:00:00.000Z', false, 'overdue'],
    ['not met, the case withdrawn', null, '2026-04-01T00:00:00Z', true, 'not-needed'],
    ['met late, the case withdrawn after', '2026-03-25T10:00:00Z', '2026-04-01T00:00:00Z', true, 'missed'],
    ['met in time, the case withdrawn after', '2026-03-20T10:00:00Z', '2026-04-01T00:00:00Z', true, 'met'],
  ] as const)('%s: %s', (_name, metAt, now, ended, outcome) => {
    expect(deadlineOutcome(due, metAt, now, ended)).toBe(outcome);
    expect(deadlineOutcome(new Date(due), metAt ? new Date(metAt) : undefined, new Date(now), ended)).toBe(
      outcome,
    );
    expect(deadlineOutcomeMs(Date.parse(due), metAt ? Date.parse(metAt) : null, Date.parse(now), ended)).toBe(
      outcome,
    );
  });

  it('is not ended unless told', () => {
    expect(deadlineOutcome(due, null, '2026-04-01T00:00:00Z')).toBe('overdue');
    expect(deadlineOutcomeMs(0, null, 1)).toBe('overdue');
  });
});

describe('which deadline is live, and what met it', () => {
  const RECEIVED = '2026-03-02T10:00:00.000Z'; // Monday 2 March 2026
  const hours = (iso: string, n: number) => new Date(Date.parse(iso) + n * 3_600_000).toISOString();
  const custom = { acknowledge: businessDays(2), final: calendarDays(20) };

  interface RegimeCase {
    regime: RegimeId;
    calendar: BusinessCalendar;
    deadlines: RegulatoryDeadlines;
  }
  // Each regime's lines for a complaint received at 10:00 UTC on Monday 2 March 2026, worked by hand.
  const REGIME_CASES: RegimeCase[] = [
    {
      // England. Ack Tue 3 Mar (GMT). Final 2 Mar + 56: + 29 = 31 Mar, + 27 = Mon 27 Apr (BST).
      // Summary resolution: Tue 3, Wed 4, Thu 5 Mar.
      regime: 'uk-fca-general',
      calendar: gb,
      deadlines: {
        acknowledgeDue: '2026-03-03T23:59:59.999Z',
        finalResponseDue: '2026-04-27T22:59:59.999Z',
        summaryResolutionUntil: '2026-03-05T23:59:59.999Z',
      },
    },
    {
      // England. Ack Tue 3 Mar. 15 business days: 3–6 Mar (1–4), 9–13 (5–9), 16–20 (10–14), Mon 23 (15).
      // 35: 24–27 Mar (16–19), 30 Mar–2 Apr (20–23), skip Good Friday 3 Apr, the weekend and Easter
      // Monday 6 Apr, 7–10 Apr (24–27), 13–17 (28–32), 20–22 (33–35) → Wed 22 Apr (BST), not Mon 20.
      regime: 'uk-fca-psd',
      calendar: gb,
      deadlines: {
        acknowledgeDue: '2026-03-03T23:59:59.999Z',
        finalResponseDue: '2026-03-23T23:59:59.999Z',
        extendedFinalDue: '2026-04-22T22:59:59.999Z',
      },
    },
    {
      // Sydney: 21:00 AEDT (+11) on Mon 2 Mar. Ack Tue 3 Mar. Final 2 Mar + 30 = Wed 1 Apr, still AEDT.
      regime: 'au-asic-rg271',
      calendar: nsw,
      deadlines: { acknowledgeDue: '2026-03-03T12:59:59.999Z', finalResponseDue: '2026-04-01T12:59:59.999Z' },
    },
    {
      // Final 2 Mar + 45: + 29 = 31 Mar, + 16 = Thu 16 Apr, AEST (+10) since 5 Apr.
      regime: 'au-asic-rg271-super',
      calendar: nsw,
      deadlines: { acknowledgeDue: '2026-03-03T12:59:59.999Z', finalResponseDue: '2026-04-16T13:59:59.999Z' },
    },
    {
      // Final 2 Mar + 21 = Mon 23 Mar, AEDT.
      regime: 'au-asic-rg271-hardship',
      calendar: nsw,
      deadlines: { acknowledgeDue: '2026-03-03T12:59:59.999Z', finalResponseDue: '2026-03-23T12:59:59.999Z' },
    },
    {
      // New York: 05:00 EST (−5) on Mon 2 Mar. Ack Tue 3 Mar (EST). 15 days: Tue 17 Mar, EDT (−4)
      // since 8 Mar. 60 days: + 29 = 31 Mar, + 30 = 30 Apr, + 1 = Fri 1 May.
      regime: 'us-cfpb',
      calendar: us,
      deadlines: {
        acknowledgeDue: '2026-03-04T04:59:59.999Z',
        finalResponseDue: '2026-03-18T03:59:59.999Z',
        extendedFinalDue: '2026-05-02T03:59:59.999Z',
      },
    },
    {
      // England, the office's 2 business days and 20 calendar days: Wed 4 Mar; Sun 22 Mar stays.
      regime: 'custom',
      calendar: gb,
      deadlines: { acknowledgeDue: '2026-03-04T23:59:59.999Z', finalResponseDue: '2026-03-22T23:59:59.999Z' },
    },
  ];

  it.each(REGIME_CASES)('$regime: the lines worked by hand are the ones intake computes', (r) => {
    expect(regulatoryDeadlines(RECEIVED, r.regime, r.calendar, custom)).toEqual(r.deadlines);
  });

  it('only PSD and CFPB have an extended line; only FCA general a summary-resolution window', () => {
    expect(REGIME_IDS.filter(hasExtendedFinal).sort()).toEqual(['uk-fca-psd', 'us-cfpb']);
    expect(REGIME_IDS.filter(hasSummaryResolution)).toEqual(['uk-fca-general']);
    expect(REGIME_CASES.filter((r) => r.deadlines.extendedFinalDue).map((r) => r.regime)).toEqual(
      REGIME_IDS.filter(hasExtendedFinal),
    );
  });

  const deadlineCase = (
    deadlines: RegulatoryDeadlines,
    sent: Partial<ResponsesSent> = {},
    status = 'investigating',
    closedAt: string | null = null,
  ): DeadlineCase => ({ deadlines, acknowledgedAt: null, ...sent, status, closedAt });
  const line = (
    key: DeadlineLine['key'],
    dueAt: string,
    outcome: DeadlineLine['outcome'],
    metAt: string | null = null,
    metBy: DeadlineLine['metBy'] = null,
  ): DeadlineLine => ({ key, dueAt, metAt, metBy, outcome });

  const ACK_AT = hours(RECEIVED, 2); // before every regime's acknowledgement deadline
  const acknowledged = (d: RegulatoryDeadlines) =>
    line('acknowledge', d.acknowledgeDue, 'met', ACK_AT, 'acknowledgement');

  interface Scenario {
    name: string;
    /** What was sent, the case's status and closing, and when it is judged. */
    given: (d: RegulatoryDeadlines) => {
      sent: Partial<ResponsesSent>;
      status?: string;
      closedAt?: string;
      now: string;
    };
    /** The acknowledgement line, the final line in force, the superseded line and the next due instant. */
    expected: (
      d: RegulatoryDeadlines,
      extended: string | undefined,
    ) => {
      acknowledge: DeadlineLine;
      final: DeadlineLine;
      superseded: DeadlineLine | null;
      nextDueAt: string | null;
    };
  }

  const SCENARIOS: Scenario[] = [
    {
      name: 'nothing sent yet',
      given: () => ({ sent: {}, now: hours(RECEIVED, 1) }),
      expected: (d) => ({
        acknowledge: line('acknowledge', d.acknowledgeDue, 'open'),
        final: line('final', d.finalResponseDue, 'open'),
        superseded: null,
        nextDueAt: d.acknowledgeDue,
      }),
    },
    {
      name: 'nothing sent, past every due date',
      given: (d) => ({ sent: {}, now: hours(d.finalResponseDue, 24) }),
      // Without a holding reply the extended line never applies.
      expected: (d) => ({
        acknowledge: line('acknowledge', d.acknowledgeDue, 'overdue'),
        final: line('final', d.finalResponseDue, 'overdue'),
        superseded: null,
        nextDueAt: d.acknowledgeDue,
      }),
    },
    {
      name: 'acknowledgement',
      given: () => ({ sent: { acknowledgedAt: ACK_AT }, now: hours(ACK_AT, 1) }),
      expected: (d) => ({
        acknowledge: acknowledged(d),
        final: line('final', d.finalResponseDue, 'open'),
        superseded: null,
        nextDueAt: d.finalResponseDue,
      }),
    },
    {
      name: 'holding reply',
      given: (d) => ({
        sent: { acknowledgedAt: ACK_AT, holdingReplyAt: hours(d.finalResponseDue, -24) },
        now: hours(d.finalResponseDue, 24),
      }),
      // Where there is an extended line the holding reply meets the standard one and opens it;
      // elsewhere it informs the complainant and meets nothing.
      expected: (d, extended) => ({
        acknowledge: acknowledged(d),
        final: extended
          ? line('extendedFinal', extended, 'open')
          : line('final', d.finalResponseDue, 'overdue'),
        superseded: extended
          ? line('final', d.finalResponseDue, 'met', hours(d.finalResponseDue, -24), 'holding-reply')
          : null,
        nextDueAt: extended ?? d.finalResponseDue,
      }),
    },
    {
      name: 'final response (which acknowledges too)',
      given: () => ({ sent: { finalResponseAt: ACK_AT }, now: hours(ACK_AT, 1) }),
      expected: (d) => ({
        acknowledge: line('acknowledge', d.acknowledgeDue, 'met', ACK_AT, 'final-response'),
        final: line('final', d.finalResponseDue, 'met', ACK_AT, 'final-response'),
        superseded: null,
        nextDueAt: null,
      }),
    },
    {
      name: 'summary resolution',
      given: () => ({
        sent: { summaryResolutionAt: ACK_AT },
        status: 'closed',
        closedAt: hours(ACK_AT, 1),
        now: hours(ACK_AT, 2),
      }),
      expected: (d) => ({
        acknowledge: line('acknowledge', d.acknowledgeDue, 'met', ACK_AT, 'summary-resolution'),
        final: line('final', d.finalResponseDue, 'met', ACK_AT, 'summary-resolution'),
        superseded: null,
        nextDueAt: null,
      }),
    },
    {
      name: 'holding reply, then the final response a day after the standard deadline',
      given: (d) => ({
        sent: {
          acknowledgedAt: ACK_AT,
          holdingReplyAt: hours(d.finalResponseDue, -24),
          finalResponseAt: hours(d.finalResponseDue, 24),
        },
        now: hours(d.finalResponseDue, 48),
      }),
      expected: (d, extended) => ({
        acknowledge: acknowledged(d),
        final: extended
          ? line('extendedFinal', extended, 'met', hours(d.finalResponseDue, 24), 'final-response')
          : line('final', d.finalResponseDue, 'missed', hours(d.finalResponseDue, 24), 'final-response'),
        superseded: extended
          ? line('final', d.finalResponseDue, 'met', hours(d.finalResponseDue, -24), 'holding-reply')
          : null,
        nextDueAt: null,
      }),
    },
    {
      name: 'final response late, no holding reply',
      given: (d) => ({
        sent: { acknowledgedAt: ACK_AT, finalResponseAt: hours(d.finalResponseDue, 24) },
        now: hours(d.finalResponseDue, 48),
      }),
      expected: (d) => ({
        acknowledge: acknowledged(d),
        final: line('final', d.finalResponseDue, 'missed', hours(d.finalResponseDue, 24), 'final-response'),
        superseded: null,
        nextDueAt: null,
      }),
    },
    {
      name: 'holding reply sent after the standard deadline',
      given: (d) => ({
        sent: { acknowledgedAt: ACK_AT, holdingReplyAt: hours(d.finalResponseDue, 24) },
        now: hours(d.finalResponseDue, 48),
      }),
      // Too late to open the extended line: the standard one stays in force, and overdue.
      expected: (d) => ({
        acknowledge: acknowledged(d),
        final: line('final', d.finalResponseDue, 'overdue'),
        superseded: null,
        nextDueAt: d.finalResponseDue,
      }),
    },
    {
      name: 'late holding reply, then the final response inside the extended period',
      given: (d) => ({
        sent: {
          acknowledgedAt: ACK_AT,
          holdingReplyAt: hours(d.finalResponseDue, 24),
          finalResponseAt: hours(d.finalResponseDue, 48),
        },
        now: hours(d.finalResponseDue, 72),
      }),
      expected: (d) => ({
        acknowledge: acknowledged(d),
        final: line('final', d.finalResponseDue, 'missed', hours(d.finalResponseDue, 48), 'final-response'),
        superseded: null,
        nextDueAt: null,
      }),
    },
    {
      name: 'withdrawn before anything was sent',
      given: (d) => ({
        sent: {},
        status: 'withdrawn',
        closedAt: hours(RECEIVED, 5),
        now: hours(d.finalResponseDue, 24),
      }),
      expected: (d) => ({
        acknowledge: line('acknowledge', d.acknowledgeDue, 'not-needed'),
        final: line('final', d.finalResponseDue, 'not-needed'),
        superseded: null,
        nextDueAt: null,
      }),
    },
    {
      name: 'withdrawn after the acknowledgement',
      given: (d) => ({
        sent: { acknowledgedAt: ACK_AT },
        status: 'withdrawn',
        closedAt: hours(RECEIVED, 5),
        now: hours(d.finalResponseDue, 24),
      }),
      expected: (d) => ({
        acknowledge: acknowledged(d),
        final: line('final', d.finalResponseDue, 'not-needed'),
        superseded: null,
        nextDueAt: null,
      }),
    },
  ];

  it.each(
    REGIME_CASES.flatMap((r) =>
      SCENARIOS.map((scenario) => [r.regime, scenario.name, r.deadlines, scenario] as const),
    ),
  )('%s, %s', (_regime, _name, deadlines, scenario) => {
    const { sent, status, closedAt, now } = scenario.given(deadlines);
    const c = deadlineCase(deadlines, sent, status, closedAt);
    const expected = scenario.expected(deadlines, deadlines.extendedFinalDue);
    const active = activeDeadlines(c, now);
    expect(active).toEqual({
      ...expected,
      summaryResolutionUntil: deadlines.summaryResolutionUntil ?? null,
    });
    expect(deadlineLines(active)).toEqual([
      expected.acknowledge,
      ...(expected.superseded ? [expected.superseded] : []),
      expected.final,
    ]);
    // Which line is in force and what is next due do not depend on the clock.
    expect(nextDeadlineDue(c)).toBe(expected.nextDueAt);
    expect(activeDeadlines(c, new Date(0)).final.dueAt).toBe(expected.final.dueAt);
  });

  const psd = REGIME_CASES.find((r) => r.regime === 'uk-fca-psd')!.deadlines;

  it('PSD: a final response on business day 14 (Fri 20 Mar), the case still open, meets the deadline', () => {
    expect(gb.addBusinessDays('2026-03-02', 14)).toBe('2026-03-20');
    const c = deadlineCase(
      psd,
      { acknowledgedAt: ACK_AT, finalResponseAt: '2026-03-20T16:00:00.000Z' },
      'resolution-proposed',
    );
    const active = activeDeadlines(c, '2026-04-30T12:00:00Z');
    expect(active.final).toEqual(
      line('final', '2026-03-23T23:59:59.999Z', 'met', '2026-03-20T16:00:00.000Z', 'final-response'),
    );
    expect(active.nextDueAt).toBeNull();
    expect(nextDeadlineDue(c)).toBeNull();
  });

  it('PSD: a holding reply makes the 35-business-day line live', () => {
    const before = deadlineCase(psd, { acknowledgedAt: ACK_AT });
    expect(nextDeadlineDue(before)).toBe('2026-03-23T23:59:59.999Z');
    const held = deadlineCase(psd, { acknowledgedAt: ACK_AT, holdingReplyAt: '2026-03-23T16:00:00.000Z' });
    const active = activeDeadlines(held, '2026-04-01T12:00:00Z');
    expect(active.final).toEqual(line('extendedFinal', '2026-04-22T22:59:59.999Z', 'open'));
    expect(active.superseded).toEqual(
      line('final', '2026-03-23T23:59:59.999Z', 'met', '2026-03-23T16:00:00.000Z', 'holding-reply'),
    );
    expect(nextDeadlineDue(held)).toBe('2026-04-22T22:59:59.999Z');
    // Overdue one millisecond after the end of Wednesday 22 April.
    expect(activeDeadlines(held, '2026-04-22T23:00:00.000Z').final.outcome).toBe('overdue');
  });

  it('a holding reply after the final response opens nothing', () => {
    const c = deadlineCase(psd, {
      acknowledgedAt: ACK_AT,
      finalResponseAt: '2026-03-18T10:00:00.000Z',
      holdingReplyAt: '2026-03-19T10:00:00.000Z',
    });
    const active = activeDeadlines(c, '2026-04-01T00:00:00Z');
    expect(active.superseded).toBeNull();
    expect(active.final).toEqual(
      line('final', psd.finalResponseDue, 'met', '2026-03-18T10:00:00.000Z', 'final-response'),
    );
  });

  it('each deadline is met by the earliest communication that meets it', () => {
    const c = deadlineCase(psd, {
      acknowledgedAt: '2026-03-04T09:00:00.000Z', // late, but after the final response
      finalResponseAt: '2026-03-03T09:00:00.000Z',
      summaryResolutionAt: '2026-03-05T09:00:00.000Z',
    });
    const active = activeDeadlines(c, '2026-04-01T00:00:00Z');
    expect(active.acknowledge).toEqual(
      line('acknowledge', psd.acknowledgeDue, 'met', '2026-03-03T09:00:00.000Z', 'final-response'),
    );
    expect(active.final.metBy).toBe('final-response');
  });

  it('a holding reply sent before any acknowledgement acknowledges the complaint too', () => {
    const c = deadlineCase(psd, { holdingReplyAt: '2026-03-02T15:00:00.000Z' });
    expect(activeDeadlines(c, '2026-03-10T00:00:00Z').acknowledge).toEqual(
      line('acknowledge', psd.acknowledgeDue, 'met', '2026-03-02T15:00:00.000Z', 'holding-reply'),
    );
  });

  it('closing the case meets nothing by itself', () => {
    const fca = REGIME_CASES[0]!.deadlines;
    const c = deadlineCase(fca, { acknowledgedAt: ACK_AT }, 'closed', '2026-03-20T10:00:00.000Z');
    const active = activeDeadlines(c, '2026-05-01T00:00:00Z');
    expect(active.final).toEqual(line('final', fca.finalResponseDue, 'overdue'));
    // A closed case is in no "due" list.
    expect(active.nextDueAt).toBeNull();
  });

  it('reads records older than the response stamps (absent fields) as nothing sent', () => {
    const old = { deadlines: psd, acknowledgedAt: null, status: 'received', closedAt: null };
    expect(activeDeadlines(old, '2026-03-02T12:00:00Z').final).toEqual(
      line('final', psd.finalResponseDue, 'open'),
    );
    expect(nextDeadlineDue(old)).toBe(psd.acknowledgeDue);
  });

  it('a summary resolution may close the case only inside its window, and only where there is one', () => {
    const fca = REGIME_CASES[0]!.deadlines;
    expect(summaryResolutionOpen(fca, RECEIVED)).toBe(true);
    expect(summaryResolutionOpen(fca, '2026-03-05T23:59:59.999Z')).toBe(true); // end of Thu 5 Mar
    expect(summaryResolutionOpen(fca, '2026-03-06T00:00:00.000Z')).toBe(false);
    expect(summaryResolutionOpen(fca, new Date('2026-03-04T12:00:00Z'))).toBe(true);
    expect(summaryResolutionOpen(psd, RECEIVED)).toBe(false);
  });
});
