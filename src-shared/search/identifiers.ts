// Exact identifiers a search can name: the complainant's phone number, the account reference, and
// reference-like tokens people type into a description ("TXN-88412", "card 4929 1234"). Each is
// one key, matched whole however it is typed, by the rules that recognise a complainant across
// cases (complainant-match.ts): a phone by its last nine digits, a reference by its letters and
// digits. Keys carry their kind ("p:" phone, "a:" reference) so a phone's tail never meets an
// account number that happens to share it.
import { accountMatchKey, PHONE_TAIL, phoneMatchKey } from '../domain/complainant-match';

/** A word holding at least one digit: "88412", "4929", "AB12". */
const GROUP = String.raw`[\p{L}\p{N}]*\p{N}[\p{L}\p{N}]*`;
/** Digit-bearing words joined by single spaces, dashes, dots or slashes, after an optional letter
 * prefix joined by a dash, slash or hash ("TXN-", "INV/", "ref#"). */
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(\p{L}+[-/#])?(${GROUP}(?:[ \-./]${GROUP})*)(?![\p{L}\p{N}])`,
  'gu',
);
/** Dates ("12.03.2026", "1/2/26") and amounts ("12500.00") recur across many cases: no one means them as a reference. */
const DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const AMOUNT = /^\d+[.,]\d{2}$/;
/** Shorter tokens (a year, a house number) would tie together many unrelated cases. */
const MIN_TEXT_KEY = 6;
const MIN_TEXT_DIGITS = 4;
/** Enough for the references a complainant quotes; bounds the memory of a long text full of numbers. */
const MAX_TEXT_KEYS = 12;
const PHONE_LIKE = /^[\d\s()+\-./]+$/;

export const phoneIdentifier = (phone: string): string => {
  const key = phoneMatchKey(phone);
  return key && `p:${key}`;
};

/** A phone number typed in part is its last digits: at least this many, fewer name too many people. */
export const PARTIAL_PHONE_DIGITS = 6;

/**
 * The one key a phone number is also filed under, its last PARTIAL_PHONE_DIGITS digits ("s:"), so a
 * number typed in part ("900123", "0 900 123") finds it. A longer part is checked against the
 * whole number by the caller (partialPhoneQuery's digits), so one key serves 6 to 8 digits.
 */
export const phoneSuffixIdentifier = (phone: string): string =>
  phoneIdentifier(phone) && `s:${phone.replace(/\D+/g, '').slice(-PARTIAL_PHONE_DIGITS)}`;

/**
 * A query that reads as the end of a phone number, too short to be a whole one (6 to 8 digits):
 * the key to look up and the digits a number's key ("p:…") must end with.
 */
export function partialPhoneQuery(query: string): { key: string; digits: string } | null {
  if (!PHONE_LIKE.test(query.trim())) return null;
  const digits = query.replace(/\D+/g, '');
  if (digits.length < PARTIAL_PHONE_DIGITS || digits.length >= PHONE_TAIL) return null;
  return { key: `s:${digits.slice(-PARTIAL_PHONE_DIGITS)}`, digits };
}

export const referenceIdentifier = (reference: string): string => {
  const key = accountMatchKey(reference);
  return key && `a:${key}`;
};

/** The identifier keys of reference-like tokens in a text, at most MAX_TEXT_KEYS. */
export function textIdentifiers(text: string): string[] {
  const keys = new Set<string>();
  for (const match of text.matchAll(RUN)) {
    const [whole, prefix, run] = match as unknown as [string, string | undefined, string];
    if (DATE.test(run) || AMOUNT.test(run)) continue;
    // "TXN-88412" is found as typed and as "88412"; the number alone is kept only if long enough.
    for (const token of prefix ? [whole, run] : [run]) {
      const key = accountMatchKey(token);
      if (key.length >= MIN_TEXT_KEY && key.replace(/\D/g, '').length >= MIN_TEXT_DIGITS)
        keys.add(`a:${key}`);
    }
    if (PHONE_LIKE.test(run)) {
      const phone = phoneIdentifier(run);
      if (phone) keys.add(phone);
    }
    if (keys.size >= MAX_TEXT_KEYS) break;
  }
  return [...keys].slice(0, MAX_TEXT_KEYS);
}

/** The keys a whole query could name: as a reference, and as a phone number when it reads as one. */
export function queryIdentifiers(query: string): string[] {
  const keys = [referenceIdentifier(query)];
  if (PHONE_LIKE.test(query.trim())) keys.push(phoneIdentifier(query));
  return keys.filter(Boolean);
}
