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
