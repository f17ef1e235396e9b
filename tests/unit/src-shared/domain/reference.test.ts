import { describe, expect, it } from 'vitest';
import {
  clashingReferenceLabel,
  formatDeskReference,
  formatReference,
  isDeskReference,
  needsReferenceTopUp,
  parseReference,
  REFERENCE_TOP_UP_BELOW,
  referencesLeft,
  takeFromRanges,
} from '../../../../src-shared/domain/reference';

describe('case references', () => {
  it.each([
    [2026, 1, 'CMP-2026-000001'],
    [2026, 123, 'CMP-2026-000123'],
    [2027, 999_999, 'CMP-2027-999999'],
    [2027, 1_000_000, 'CMP-2027-1000000'],
  ])('year %i, number %i → %s', (year, seq, ref) => {
    expect(formatReference(year, seq)).toBe(ref);
    expect(parseReference(ref)).toEqual({ year, sequence: seq });
  });

  it('refuses a sequence that is not a positive whole number', () => {
    expect(() => formatReference(2026, 0)).toThrow(RangeError);
    expect(() => formatReference(2026, 1.5)).toThrow(RangeError);
  });

  it('reads references typed in lower case and ignores other text', () => {
    expect(parseReference(' cmp-2026-000042 ')).toEqual({ year: 2026, sequence: 42 });
    expect(parseReference('CMP-26-1')).toBeNull();
  });
});

describe('team mode references', () => {
  const deskId = '3f2a9c1e-77b0-4c1d-9e2a-0b5d6c7e8f90';

  it('desk-prefixed fallback: the desk tag and a four-digit count, never read as the year’s sequence', () => {
    expect(formatDeskReference(2026, deskId, 7)).toBe('CMP-2026-D3F2A9C1E-0007');
    expect(formatDeskReference(2026, deskId, 12_345)).toBe('CMP-2026-D3F2A9C1E-12345');
    expect(parseReference('CMP-2026-D3F2A9C1E-0007')).toBeNull();
    expect(formatDeskReference(2026, 'desk-a', 1)).toBe('CMP-2026-DDESKA-0001');
  });

  it('tells a desk-made reference from a number of the sequence (an import report counts them)', () => {
    expect(isDeskReference(formatDeskReference(2026, deskId, 7))).toBe(true);
    expect(isDeskReference(formatDeskReference(2026, deskId, 12_345))).toBe(true);
    expect(isDeskReference(formatReference(2026, 7))).toBe(false);
    // An external reference typed like one, or a clash's marked label, is not one.
    expect(isDeskReference('CMP-2026-D3F2A9C1E-0007 ')).toBe(false);
    expect(isDeskReference(clashingReferenceLabel('CMP-2026-000007', deskId))).toBe(false);
  });

  it.each([
    // ranges, year, n → sequences taken, ranges left
    [[{ year: 2026, next: 1, last: 3 }], 2026, 2, [1, 2], [{ year: 2026, next: 3, last: 3 }]],
    [[{ year: 2026, next: 1, last: 3 }], 2026, 5, [1, 2, 3], []],
    [
      [
        { year: 2026, next: 201, last: 202 },
        { year: 2026, next: 5, last: 5 },
      ],
      2026,
      2,
      [5, 201],
      [{ year: 2026, next: 202, last: 202 }],
    ],
    // A new year: last year's leftovers are dropped, next year's kept.
    [
      [
        { year: 2025, next: 90, last: 100 },
        { year: 2027, next: 1, last: 100 },
      ],
      2026,
      1,
      [],
      [{ year: 2027, next: 1, last: 100 }],
    ],
  ])('takeFromRanges(%j, %i, %i)', (ranges, year, n, sequences, left) => {
    expect(takeFromRanges(ranges, year, n)).toEqual({ sequences, ranges: left });
  });

  it('asks for another range when fewer than a fifth of one are left', () => {
    expect(needsReferenceTopUp([], 2026)).toBe(true);
    expect(needsReferenceTopUp([{ year: 2026, next: 1, last: REFERENCE_TOP_UP_BELOW }], 2026)).toBe(false);
    expect(needsReferenceTopUp([{ year: 2026, next: 2, last: REFERENCE_TOP_UP_BELOW }], 2026)).toBe(true);
    expect(needsReferenceTopUp([{ year: 2025, next: 1, last: 100 }], 2026)).toBe(true);
    expect(referencesLeft([{ year: 2026, next: 11, last: 20 }], 2026)).toBe(10);
  });

  it('marks a pulled case’s clashing reference with its id', () => {
    expect(clashingReferenceLabel('CMP-2026-000001', 'a1b2c3d4-e5f6')).toBe('CMP-2026-000001~A1B2C3');
  });
});
