import { describe, expect, it } from 'vitest';
import { queryIdentifiers, textIdentifiers } from '../../../../src-shared/search/identifiers';

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
