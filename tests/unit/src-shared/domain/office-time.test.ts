// Clock changes in 2026, from the published rules:
// London: GMT→BST Sun 29 Mar 01:00→02:00 (01:00–02:00 never happens); BST→GMT Sun 25 Oct 02:00→01:00
//   (01:00–02:00 happens twice).
// New York: EST→EDT Sun 8 Mar 02:00→03:00; EDT→EST Sun 1 Nov 02:00→01:00.
// Sydney: AEDT (+11)→AEST (+10) Sun 5 Apr 03:00→02:00 (02:00–03:00 twice); AEST→AEDT Sun 4 Oct
//   02:00→03:00 (02:00–03:00 never happens).
// Santiago: clocks go from 00:00 to 01:00 on Sun 6 Sep, so that day has no midnight.
import { afterEach, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../../../src-shared/domain/deadlines';
import {
  addMonthsToDay,
  instantToOfficeTime,
  officeDayEnd,
  officeDayOf,
  officeDayStart,
  officeFormatter,
  officeTimeToInstant,
  sameTimeZone,
} from '../../../../src-shared/domain/office-time';

const SYD = 'Australia/Sydney';
const LON = 'Europe/London';
const NYC = 'America/New_York';

describe('a wall-clock time typed in the office becomes a UTC instant', () => {
  it.each([
    // zone, typed, stored, working
    [SYD, '2026-03-02T15:00', '2026-03-02T04:00:00.000Z', 'AEDT, +11'],
    [SYD, '2026-06-15T09:30', '2026-06-14T23:30:00.000Z', 'AEST, +10: the day before in UTC'],
    [SYD, '2026-03-02T23:30', '2026-03-02T12:30:00.000Z', 'late evening stays on the same office day'],
    [LON, '2026-01-15T09:00', '2026-01-15T09:00:00.000Z', 'GMT, +0'],
    [LON, '2026-07-01T09:00', '2026-07-01T08:00:00.000Z', 'BST, +1'],
    [NYC, '2026-01-15T09:00', '2026-01-15T14:00:00.000Z', 'EST, -5'],
    [NYC, '2026-07-01T21:00', '2026-07-02T01:00:00.000Z', 'EDT, -4: the next day in UTC'],
    [NYC, '2026-03-02T15:00:30', '2026-03-02T20:00:30.000Z', 'seconds are kept'],
    ['UTC', '0099-01-01T00:00', '0099-01-01T00:00:00.000Z', 'a two-digit year is not read as 1999'],
  ])('%s %s → %s (%s)', (zone, typed, stored) => {
    expect(officeTimeToInstant(typed, zone)).toBe(stored);
  });

  it.each([
    // Gaps: the time moves forward by the length of the gap.
    [LON, '2026-03-29T00:59', '2026-03-29T00:59:00.000Z', '00:59 GMT, just before the gap'],
    [LON, '2026-03-29T01:30', '2026-03-29T01:30:00.000Z', 'never happens: read as 02:30 BST'],
    [LON, '2026-03-29T02:00', '2026-03-29T01:00:00.000Z', '02:00 BST, just after the gap'],
    [NYC, '2026-03-08T02:30', '2026-03-08T07:30:00.000Z', 'never happens: read as 03:30 EDT'],
    [SYD, '2026-10-04T02:30', '2026-10-03T16:30:00.000Z', 'never happens: read as 03:30 AEDT'],
    // Overlaps: the earlier of the two.
    [LON, '2026-10-25T00:59', '2026-10-24T23:59:00.000Z', '00:59 BST, before the overlap'],
    [LON, '2026-10-25T01:30', '2026-10-25T00:30:00.000Z', 'happens twice: the first, 01:30 BST'],
    [LON, '2026-10-25T02:00', '2026-10-25T02:00:00.000Z', '02:00 GMT, after the overlap'],
    [NYC, '2026-11-01T01:30', '2026-11-01T05:30:00.000Z', 'happens twice: the first, 01:30 EDT'],
    [SYD, '2026-04-05T02:30', '2026-04-04T15:30:00.000Z', 'happens twice: the first, 02:30 AEDT'],
  ])('clock change: %s %s → %s (%s)', (zone, typed, stored) => {
    expect(officeTimeToInstant(typed, zone)).toBe(stored);
  });

  it.each(['', 'yesterday', '2026-03-02', '2026-03-02 15:00', '2026-02-30T10:00', '2026-13-01T10:00'])(
    'refuses %j with an empty value',
    (typed) => {
      expect(officeTimeToInstant(typed, SYD)).toBe('');
    },
  );

  it.each(['2026-03-02T24:00', '2026-03-02T15:60', '2026-03-02T15:00:60', '2026-03-02T15:00Z'])(
    'refuses the impossible time %j',
    (typed) => {
      expect(officeTimeToInstant(typed, LON)).toBe('');
    },
  );

  it('throws on an unknown time zone rather than falling back to the computer’s', () => {
    expect(() => officeTimeToInstant('2026-03-02T15:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => instantToOfficeTime('2026-03-02T04:00:00Z', 'Nowhere+05')).toThrow(RangeError);
  });
});

describe('an instant shows on the office’s clocks', () => {
  it.each([
    [SYD, '2026-03-02T04:00:00.000Z', '2026-03-02T15:00'],
    [SYD, '2026-03-02T04:00:59.999Z', '2026-03-02T15:00'], // seconds dropped, not rounded
    [SYD, '2026-06-14T23:30:00Z', '2026-06-15T09:30'],
    [LON, '2026-03-29T01:30:00.000Z', '2026-03-29T02:30'], // what a typed 01:30 became
    [LON, '2026-10-25T00:30:00Z', '2026-10-25T01:30'], // first 01:30 (BST)
    [LON, '2026-10-25T01:30:00Z', '2026-10-25T01:30'], // second 01:30 (GMT)
    [NYC, '2026-07-02T01:00:00+00:00', '2026-07-01T21:00'],
    [NYC, '2026-07-02T03:00:00+02:00', '2026-07-01T21:00'], // any offset is read correctly
    [NYC, new Date('2026-07-02T01:00:00Z'), '2026-07-01T21:00'],
  ])('%s %s → %s', (zone, instant, shown) => {
    expect(instantToOfficeTime(instant, zone)).toBe(shown);
  });

  it.each(['', 'nonsense', '2026-03-02T04:00:00', new Date(NaN)])(
    'shows nothing for %j (no offset would mean the computer’s zone)',
    (instant) => {
      expect(instantToOfficeTime(instant, SYD)).toBe('');
      expect(officeDayOf(instant, SYD)).toBe('');
    },
  );

  it.each([SYD, LON, NYC])(
    'typing back what is shown gives the same instant (%s, every 97 minutes of 2026)',
    (zone) => {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 97 * 60_000) {
        const instant = new Date(t).toISOString();
        const typed = instantToOfficeTime(instant, zone);
        // The second of two repeated hours reads back as the first: the documented choice.
        const back = officeTimeToInstant(typed, zone);
        expect(instantToOfficeTime(back, zone)).toBe(typed);
        expect(Date.parse(back) - t === 0 || Date.parse(back) - t === -3_600_000).toBe(true);
      }
    },
  );
});

describe('office days', () => {
  it.each([
    // zone, day, starts, ends
    [SYD, '2026-03-02', '2026-03-01T13:00:00.000Z', '2026-03-02T12:59:59.999Z'],
    [LON, '2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T22:59:59.999Z'], // 23 hours
    [LON, '2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-25T23:59:59.999Z'], // 25 hours
    [NYC, '2026-07-04', '2026-07-04T04:00:00.000Z', '2026-07-05T03:59:59.999Z'],
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T02:59:59.999Z'], // no midnight: starts 01:00
  ])('%s %s runs from %s to %s', (zone, day, start, end) => {
    expect(officeDayStart(day, zone)).toBe(start);
    expect(officeDayEnd(day, zone)).toBe(end);
    expect(officeDayOf(start, zone)).toBe(day);
    expect(officeDayOf(end, zone)).toBe(day);
  });

  it.each(['', '2026-02-30', '2026-3-2', '2026-03-02T00:00'])('refuses %j', (day) => {
    expect(officeDayStart(day, LON)).toBe('');
    expect(officeDayEnd(day, LON)).toBe('');
  });

  it.each([SYD, LON, NYC])('agree with the deadline calendar in %s on every day of 2026', (zone) => {
    const calendar = createBusinessCalendar({ country: 'GB', timeZone: zone });
    for (let day = '2026-01-01'; day < '2027-01-01'; day = calendar.addCalendarDays(day, 1)) {
      expect(officeDayStart(day, zone)).toBe(calendar.startOfLocalDay(day));
      expect(officeDayEnd(day, zone)).toBe(calendar.endOfLocalDay(day));
      expect(officeDayOf(`${day}T12:00:00Z`, zone)).toBe(calendar.localDay(`${day}T12:00:00Z`));
    }
  });
});

describe('addMonthsToDay', () => {
  it.each([
    ['2026-03-15', -2, '2026-01-15'],
    ['2026-03-31', -1, '2026-02-28'], // kept within February
    ['2024-03-31', -1, '2024-02-29'], // a leap year
    ['2026-01-31', -12, '2025-01-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-02-30', 1, ''], // not a day
    ['2026-03-15', 0.5, ''],
  ])('%s %+d months → %j', (day, n, expected) => {
    expect(addMonthsToDay(day, n)).toBe(expected);
  });
});

describe('the computer’s own time zone changes nothing', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  const answers = () => [
    officeTimeToInstant('2026-03-02T15:00', SYD),
    officeTimeToInstant('2026-10-25T01:30', LON),
    officeTimeToInstant('2026-03-08T02:30', NYC),
    instantToOfficeTime('2026-03-02T04:00:00Z', SYD),
    officeDayStart('2026-03-02', SYD),
    officeDayEnd('2026-10-25', LON),
    officeFormatter({ locale: 'en-GB', timeZone: SYD, showZone: true }).dateTime('2026-03-02T04:00:00Z'),
    officeFormatter({ locale: 'en-GB', timeZone: NYC, showZone: false }).day('2026-03-02'),
  ];

  it.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Australia/Sydney'])(
    'with the computer on %s',
    (computerZone) => {
      process.env.TZ = computerZone;
      // The setting took hold: the computer's own reading of a local time moved with it.
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(computerZone);
      expect(answers()).toEqual([
        '2026-03-02T04:00:00.000Z',
        '2026-10-25T00:30:00.000Z',
        '2026-03-08T07:30:00.000Z',
        '2026-03-02T15:00',
        '2026-03-01T13:00:00.000Z',
        '2026-10-25T23:59:59.999Z',
        '2 Mar 2026, 15:00 GMT+11',
        '2 Mar 2026',
      ]);
    },
  );
});

describe('formatting on the office’s clocks', () => {
  const sydney = officeFormatter({ locale: 'en-GB', timeZone: SYD, showZone: false });
  const sydneyZoned = officeFormatter({ locale: 'en-GB', timeZone: SYD, showZone: true });
  const newYork = officeFormatter({ locale: 'en-US', timeZone: NYC, showZone: true });

  it.each([
    // call, value, shown, formatter
    ['dateTime', '2026-03-02T04:00:00.000Z', '2 Mar 2026, 15:00', sydney],
    ['dateTime', '2026-03-02T04:00:00.000Z', '2 Mar 2026, 15:00 GMT+11', sydneyZoned],
    ['dateTime', '2026-06-14T23:30:00.000Z', '15 Jun 2026, 09:30 GMT+10', sydneyZoned],
    ['dateTime', '2026-03-02T04:00:00.000Z', 'Mar 1, 2026, 11:00 PM EST', newYork],
    ['date', '2026-03-01T13:30:00.000Z', '2 Mar 2026', sydney], // already the 2nd in Sydney
    ['date', '2026-03-02T04:00:00.000Z', 'Mar 1, 2026', newYork], // still the 1st in New York
    ['day', '2026-03-02', '2 Mar 2026', sydney], // a calendar day never moves
    ['day', '2026-03-02', 'Mar 2, 2026', newYork],
    ['day', 'soon', 'soon', sydney],
    ['dateTime', 'not a time', 'not a time', sydney],
  ] as const)('%#: %s %j → %s', (call, value, shown, formatter) => {
    expect(formatter[call](value)).toBe(shown);
  });
});

describe('sameTimeZone', () => {
  it.each([
    ['UTC', 'Etc/UTC', true],
    ['Europe/London', 'GB', true],
    ['Europe/London', 'Europe/Dublin', false],
    ['Australia/Sydney', 'Australia/Melbourne', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameTimeZone(a, b)).toBe(same);
  });
});
