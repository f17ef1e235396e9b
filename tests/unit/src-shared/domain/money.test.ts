import { describe, expect, it } from 'vitest';
import {
  amountPrecisionProblem,
  formatMoney,
  officeCurrency,
  parseTypedNumber,
} from '../../../../src-shared/domain/money';

describe('officeCurrency', () => {
  it.each([
    ['uk-fca-general', 'en-GB', 'GBP'],
    ['au-asic-rg271', 'en-GB', 'AUD'],
    ['us-cfpb', 'en-US', 'USD'],
    ['custom', 'en-AU', 'AUD'],
    ['custom', 'en-US', 'USD'],
    ['custom', 'de-DE', 'GBP'],
    ['custom', 'not a locale', 'GBP'],
  ])('gives %s in %s the currency %s', (defaultRegime, locale, currency) => {
    expect(officeCurrency({ defaultRegime, locale })).toBe(currency);
  });

  it('formats a limit in the office’s currency and locale', () => {
    const office = { defaultRegime: 'au-asic-rg271', locale: 'en-AU' };
    expect(formatMoney({ amount: 5000, currency: officeCurrency(office) }, office.locale)).toBe('$5,000.00');
  });
});

describe('amountPrecisionProblem', () => {
  it('takes as many decimal places as the currency has, and no more', () => {
    expect(amountPrecisionProblem(1234.56, 'GBP')).toBeNull();
    expect(amountPrecisionProblem(0.29, 'GBP')).toBeNull();
    expect(amountPrecisionProblem(10.005, 'GBP')).toBe('Use at most 2 decimal places for GBP.');
    expect(amountPrecisionProblem(0.001, 'AUD')).toBe('Use at most 2 decimal places for AUD.');
    expect(amountPrecisionProblem(1500, 'JPY')).toBeNull();
    expect(amountPrecisionProblem(1500.5, 'JPY')).toBe('Use a whole amount: JPY has no smaller unit.');
    expect(amountPrecisionProblem(1.234, 'KWD')).toBeNull();
    expect(amountPrecisionProblem(1.2345, 'KWD')).toBe('Use at most 3 decimal places for KWD.');
  });
});

describe('parseTypedNumber', () => {
  it('reads what an officer types in the office’s locale', () => {
    expect(parseTypedNumber('1234.56', 'en-GB')).toBe(1234.56);
    expect(parseTypedNumber(' 1,234.56 ', 'en-GB')).toBe(1234.56);
    expect(parseTypedNumber('1,234,567', 'en-AU')).toBe(1234567);
    expect(parseTypedNumber('-5', 'en-GB')).toBe(-5);
    expect(parseTypedNumber('', 'en-GB')).toBeNull();
    expect(parseTypedNumber('1.234,56', 'de-DE')).toBe(1234.56);
    expect(parseTypedNumber('1234,5', 'de-DE')).toBe(1234.5);
    // fr-FR groups with a narrow no-break space; a plain space is typed for it.
    expect(parseTypedNumber('1 234,56', 'fr-FR')).toBe(1234.56);
  });

  it('refuses what it would have to guess at, where a number box read it wrong without a word', () => {
    for (const typed of ['1.234,56', '1e6', '£10', '10 GBP', '12-5', '1,23', '1,2345.6', '.5.', 'one'])
      expect(parseTypedNumber(typed, 'en-GB'), typed).toBeNaN();
    expect(parseTypedNumber('1,234.56', 'de-DE')).toBeNaN();
  });
});
