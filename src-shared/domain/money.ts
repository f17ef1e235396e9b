// An amount in one currency, and how it is printed: letters, screens and refusals say money the same way.

export interface Money {
  amount: number;
  currency: string;
}

/** The amount in the office's locale, e.g. £756.20; an unknown currency code still prints. */
export function formatMoney(m: Money, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount);
  } catch {
    return `${m.amount.toFixed(2)} ${m.currency}`;
  }
}

// The currencies of the countries whose complaint rules Redress ships, by the regime's country
// prefix (uk-fca-general) or the locale's region (en-GB).
const CURRENCY_BY_COUNTRY: Record<string, string> = { uk: 'GBP', gb: 'GBP', au: 'AUD', us: 'USD' };

/**
 * The office's own currency, for amounts that carry none (a person's approval limit): the country
 * of the office's default regime, else of its locale, else pounds.
 */
export function officeCurrency(office: { defaultRegime: string; locale: string }): string {
  const byRegime = CURRENCY_BY_COUNTRY[office.defaultRegime.split('-')[0]!.toLowerCase()];
  if (byRegime) return byRegime;
  let region: string | undefined;
  try {
    region = new Intl.Locale(office.locale).maximize().region;
  } catch {
    region = undefined;
  }
  return (region && CURRENCY_BY_COUNTRY[region.toLowerCase()]) ?? 'GBP';
}
