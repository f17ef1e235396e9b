import { describe, expect, it } from 'vitest';
import { formatReference, parseReference } from '../../../../src-shared/domain/reference';

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
