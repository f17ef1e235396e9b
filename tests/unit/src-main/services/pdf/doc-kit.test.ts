import { describe, expect, it } from 'vitest';
import { makeFormatter } from '../../../../../src-main/services/pdf/doc-kit';

describe('PDF dates are on the office’s clock', () => {
  const sydney = makeFormatter('en-GB', 'Australia/Sydney');
  const newYork = makeFormatter('en-US', 'America/New_York');
  const badLocale = makeFormatter('not a locale!', 'Australia/Sydney');

  it.each([
    // call, value, printed, formatter
    ['dateTime', '2026-03-02T04:00:00.000Z', '2 Mar 2026, 15:00', sydney], // 15:00 AEDT
    ['date', '2026-03-01T13:30:00.000Z', '2 Mar 2026', sydney], // already 2 March in Sydney
    ['date', '2026-03-02T04:00:00.000Z', 'Mar 1, 2026', newYork], // still 1 March in New York
    ['date', '2026-03-02', '2 Mar 2026', sydney], // a calendar day never moves
    ['dateTime', '2026-03-02', 'Mar 2, 2026', newYork],
    ['dateTime', null, '—', sydney],
    ['dateTime', 'not a date', 'not a date', sydney],
    ['dateTime', '2026-03-02T04:00:00.000Z', '2 Mar 2026, 04:00', badLocale], // falls back to en-GB, UTC
  ] as const)('%#: %s %j → %s', (call, value, printed, f) => {
    expect(f[call](value)).toBe(printed);
  });
});
