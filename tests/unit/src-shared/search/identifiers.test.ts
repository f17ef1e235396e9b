import { describe, expect, it } from 'vitest';
import {
  partialPhoneQuery,
  phoneSuffixIdentifier,
  queryIdentifiers,
  textIdentifiers,
} from '../../../../src-shared/search/identifiers';

describe('textIdentifiers', () => {
  it.each([
    ['Transaction TXN-88412 never arrived.', ['a:txn88412']],
    ['Card 4929 1234 was charged.', ['a:49291234', 'p:49291234']],
    ['Call me on +44 7700 900123.', ['a:447700900123', 'p:700900123']],
    ['Quote ref#AB123456 please.', ['a:refab123456', 'a:ab123456']],
  ])('finds the reference-like tokens in %j', (text, keys) => {
    expect(textIdentifiers(text)).toEqual(keys);
  });

  it.each(['Paid on 12.03.2026 at 14 High Street.', 'Charged £12500.00 in 2026.', 'Nothing but words here.'])(
    'leaves dates, amounts, years and house numbers out of %j',
    (text) => {
      expect(textIdentifiers(text)).toEqual([]);
    },
  );

  it('keeps at most twelve keys from one text', () => {
    const text = Array.from({ length: 30 }, (_, i) => `REF-${100000 + i}`).join(', ');
    expect(textIdentifiers(text)).toHaveLength(12);
  });
});

describe('queryIdentifiers', () => {
  it('reads a query as a reference, and as a phone number when it looks like one', () => {
    expect(queryIdentifiers('07700 900123')).toEqual(['a:07700900123', 'p:700900123']);
    expect(queryIdentifiers('TXN 88412')).toEqual(['a:txn88412']);
    expect(queryIdentifiers('ab')).toEqual([]);
  });
});

describe('partial phone numbers', () => {
  it('files a number under its last six digits, a number too short to be one under nothing', () => {
    expect(phoneSuffixIdentifier('+44 7700 900123')).toBe('s:900123');
    expect(phoneSuffixIdentifier('(0)7700-900-123 ext')).toBe('s:900123');
    expect(phoneSuffixIdentifier('12345')).toBe('');
    expect(phoneSuffixIdentifier('')).toBe('');
  });

  it.each([
    ['900123', 's:900123', '900123'],
    [' 0 900 123 ', 's:900123', '0900123'],
    ['00-900-123', 's:900123', '00900123'],
    ['(0)900.123', 's:900123', '0900123'],
  ])('reads %j as the end of a number', (typed, key, digits) => {
    expect(partialPhoneQuery(typed)).toEqual({ key, digits });
  });

  it.each(['123', '90012', '7700 900123', '+44 7700 900123', 'TXN-900123', 'flat 900123', ''])(
    'does not read %j as the end of a number',
    (typed) => {
      expect(partialPhoneQuery(typed)).toBeNull();
    },
  );
});
