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

/** The decimal places an amount in `currency` may have (GBP 2, JPY 0, KWD 3); 2 for a code Intl does not know. */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

/**
 * Why `amount` cannot be paid in `currency`, or null: more decimal places than the currency has
 * (£10.005 would be shown as £10.01 but kept, and counted, as typed).
 */
export function amountPrecisionProblem(amount: number, currency: string): string | null {
  const places = currencyDecimals(currency);
  const scaled = amount * 10 ** places;
  // Binary fractions: 0.29 × 100 is 28.999999999999996, which is whole.
  if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return null;
  return places === 0
    ? `Use a whole amount: ${currency} has no smaller unit.`
    : `Use at most ${places} decimal places for ${currency}.`;
}

/**
 * A number as an officer types it in `locale`: digits, the locale's decimal separator, and its
 * group separator only between groups of three (1,234.56 in en-GB; 1.234,56 in de-DE). Anything
 * else (1.234,56 in en-GB, 1e6, £10, 12-5) is NaN, for the form to refuse: a browser's number box
 * read 1.234,56 as 1.23456 without a word. An empty box is null.
 */
export function parseTypedNumber(text: string, locale: string): number | null {
  const typed = text.trim();
  if (typed === '') return null;
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  // A locale grouping with a no-break space (fr-FR) is typed with a plain one as often as not.
  const groupClass = /\s/u.test(group) ? '[\\s\\u00A0\\u202F]' : esc(group);
  const shape = new RegExp(`^-?(\\d{1,3}(${groupClass}\\d{3})+|\\d+)(${esc(decimal)}\\d+)?$`, 'u');
  if (!shape.test(typed)) return Number.NaN;
  const plain = typed.replace(new RegExp(groupClass, 'gu'), '').replace(decimal, '.');
  return Number(plain);
}
