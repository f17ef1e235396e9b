// Who is the same person: a complainant is recognised across cases by any one of their name (case,
// accents and letters such as đ/ł/ß set aside), e-mail address, phone number (its last nine digits,
// so "+44 7700 900123" is "07700 900123") or account reference (letters and digits only). Each case
// stores these as `personKeys`, a multi-entry index, so intake's repeat check and the complainant
// page find a person's cases without reading every case.
import { fold } from '../reports/fold';

export const PERSON_KEY_KINDS = ['name', 'email', 'phone', 'account'] as const;
export type PersonKeyKind = (typeof PERSON_KEY_KINDS)[number];

const PREFIX: Record<PersonKeyKind, string> = { name: 'n:', email: 'e:', phone: 'p:', account: 'a:' };
const KIND_OF: Record<string, PersonKeyKind> = {
  'n:': 'name',
  'e:': 'email',
  'p:': 'phone',
  'a:': 'account',
};

/** Phone numbers shorter than this are extensions or typing slips, never a person. */
const MIN_PHONE_DIGITS = 7;
/** The national part of a number: what stays the same with or without a country code or trunk 0. */
export const PHONE_TAIL = 9;

export interface PersonDetails {
  name: string;
  email: string;
  phone: string;
  accountRef: string;
}

export const nameKey = (name: string) =>
  fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const emailKey = (email: string) => {
  const e = email.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(e) ? e : '';
};

export const phoneMatchKey = (phone: string) => {
  const digits = phone.replace(/\D+/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits.slice(-PHONE_TAIL) : '';
};

export const accountMatchKey = (account: string) => {
  const k = fold(account).replace(/[^\p{L}\p{N}]+/gu, '');
  return k.length >= 4 ? k : '';
};

/** The keys a case is found by: one per detail given, each prefixed with its kind. */
export function personKeys(p: PersonDetails): string[] {
  const name = nameKey(p.name);
  const keys = [
    // A name of two letters ("Al") would join strangers; initials alone are not a person.
    name.replace(/\s/g, '').length >= 3 ? PREFIX.name + name : '',
    emailKey(p.email) && PREFIX.email + emailKey(p.email),
    phoneMatchKey(p.phone) && PREFIX.phone + phoneMatchKey(p.phone),
    accountMatchKey(p.accountRef) && PREFIX.account + accountMatchKey(p.accountRef),
  ];
  return [...new Set(keys.filter(Boolean))];
}

/** The person details of a case record as personKeys reads them. */
export const detailsOfCase = (c: {
  complainant: { name: string; email: string; phone: string };
  accountRef: string;
}): PersonDetails => ({
  name: c.complainant.name,
  email: c.complainant.email,
  phone: c.complainant.phone,
  accountRef: c.accountRef,
});

/** Which details two sets of keys share, in a fixed order (name, e-mail, phone, account). */
export function sharedKinds(a: readonly string[], b: readonly string[]): PersonKeyKind[] {
  const other = new Set(b);
  const kinds = new Set(a.filter((k) => other.has(k)).map((k) => KIND_OF[k.slice(0, 2)]!));
  return PERSON_KEY_KINDS.filter((k) => kinds.has(k));
}

// An open case's person keys, each with the day it was received after it ("n:zoe adams␁2026-05-20…"),
// so that one multi-entry index answers "this person's open cases, newest first, since a date"
// from its keys alone (IndexedDB cannot index a multi-entry field together with another field).
const RECEIVED_SEP = '\u0001';

/** The openPersonKeys of a case: its person keys, each with its receipt, while open; none once closed. */
export const openPersonKeysOf = (c: {
  open: number;
  personKeys?: readonly string[];
  receivedAt: string;
}): string[] => (c.open === 1 ? (c.personKeys ?? []).map((k) => k + RECEIVED_SEP + c.receivedAt) : []);

/** The range of openPersonKeys holding this person key with a receipt at or after `since`. */
export const openPersonKeyRange = (key: string, since: string): [string, string] => [
  key + RECEIVED_SEP + since,
  key + RECEIVED_SEP + '\uffff',
];

/** When the case behind an openPersonKeys entry was received. */
export const receivedAtOfOpenKey = (openKey: string): string =>
  openKey.slice(openKey.lastIndexOf(RECEIVED_SEP) + 1);
