import { describe, expect, it } from 'vitest';
import { formatMoney, officeCurrency } from '../../../../src-shared/domain/money';

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
