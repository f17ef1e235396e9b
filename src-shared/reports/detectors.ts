// Detectors for personal data that is in no field: what it looks like decides, not where it was
// typed. Each returns the spans it finds, so the redactor can both replace them and report them.
import { fold } from './fold';
import { GIVEN_NAMES, RELATIONS } from './given-names';

export type DetectedKind =
  'email' | 'phone' | 'postcode' | 'address' | 'card' | 'account' | 'reference' | 'date-of-birth' | 'name';

export interface Detection {
  start: number;
  end: number;
  kind: DetectedKind;
  replacement: string;
}

export interface Detector {
  kind: DetectedKind;
  find(text: string): Detection[];
}

const L = '\\p{L}\\p{M}';
const CAP = `\\p{Lu}[${L}'’-]*`;

const regexDetector = (
  kind: DetectedKind,
  re: RegExp,
  replacement: string,
  accept: (m: RegExpExecArray) => boolean = () => true,
  group = 0,
): Detector => ({
  kind,
  find(text) {
    const out: Detection[] = [];
    for (const m of text.matchAll(
      new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`),
    )) {
      if (!accept(m)) continue;
      const value = m[group]!;
      const start = m.index + (group ? m[0].indexOf(value) : 0);
      out.push({ start, end: start + value.length, kind, replacement });
    }
    return out;
  },
});

/** Luhn's check, which every payment card number passes. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const STREET_TYPES =
  'street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|place|pl|court|ct|crescent|cres|terrace|grove|gardens|square|sq|hill|boulevard|blvd|parade|highway|hwy|mews|row|walk|rue|strasse|straße|calle|via';
const AU_STATES = 'NSW|VIC|QLD|SA|WA|TAS|NT|ACT';
const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
// Between the digits of a number as people write it: spaces (no-break and narrow ones too), hyphens
// (the typographic ones too) and brackets; for phone numbers dots as well ("07700.900.456").
const GAP = ' \u00A0\u2007\u2009\u202F\u2010\u2011\u2012\u2013\\-';
// Phone numbers start with + or 0 so that dates and amounts are left alone; one written with dots
// has nine digits or more, so a date written with dots (01.02.2026) is not taken for one.
const PHONE = new RegExp(`(?:\\+|(?<![\\p{L}\\p{N}])0)\\d[\\d()${GAP}.]{6,}\\d`, 'u');
const phoneDigits = (m: RegExpExecArray) => !m[0].includes('.') || m[0].replace(/\D/g, '').length >= 9;
const UK_POSTCODE = /(?<![\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![\p{L}\p{N}])/iu;
// A US ZIP only after a state's code, or in ZIP+4 form: five digits alone are too often amounts.
const US_ZIP = new RegExp(`(?<=\\b(?:${US_STATES}),? )\\d{5}(?:-\\d{4})?\\b|\\b\\d{5}-\\d{4}\\b`, 'u');
// Four digits are a postcode only after an Australian state (amounts and years are four digits too).
const AU_POSTCODE = new RegExp(`(?<=\\b(?:${AU_STATES}),? )\\d{4}\\b`, 'u');
// A street line: a house number, up to three capitalised words and a street type.
const STREET = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?,? (?:${CAP} ){0,3}(?:${STREET_TYPES})\\.?(?![${L}])`,
  'iu',
);
const CARDLIKE = new RegExp(`(?<![\\p{L}\\p{N}-])\\d(?:[${GAP}]?\\d){12,18}(?![\\p{L}\\p{N}])`, 'u');
// Account, sort-code-like and other long numbers: six or more digits, possibly grouped.
const ACCOUNT = new RegExp(`(?<![\\p{L}\\p{N}-])\\d(?:[${GAP}]?\\d){5,}(?![\\p{L}\\p{N}])`, 'u');
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\p{L}\p{N}])/u;
// A date or a month written the ISO way (2026-03-02, 2026-12): six or eight digits, not a number.
const ISO_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE = `(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)? (?:${MONTHS}),? \\d{4}|(?:${MONTHS}) \\d{1,2}(?:st|nd|rd|th)?,? \\d{4})`;
const DOB = new RegExp(
  `(?:\\bborn(?: on)?|\\bd\\.?o\\.?b\\.?|\\bdate of birth|\\bbirth ?date|\\bbirthday)(?: (?:is|was))?[:\\s]*(${DATE})`,
  'iu',
);

/** Office-configurable patterns for customer, file and policy numbers; invalid ones are skipped. */
export function referenceDetector(patterns: readonly string[]): Detector {
  const res = patterns.flatMap((p) => {
    try {
      return [new RegExp(p, 'gu')];
    } catch {
      return [];
    }
  });
  return {
    kind: 'reference',
    find: (text) =>
      res.flatMap((re) =>
        [...text.matchAll(re)]
          .filter((m) => m[0].length > 0)
          .map((m) => ({
            start: m.index,
            end: m.index + m[0].length,
            kind: 'reference' as const,
            replacement: '[reference]',
          })),
      ),
  };
}

/**
 * People mentioned in free text: a known given name followed by a capitalised surname
 * ("Lan Nguyễn"), or a relation or title followed by capitalised names ("my sister Lan", "Mrs Okafor").
 */
export const mentionedNames: Detector = {
  kind: 'name',
  find(text) {
    const out: Detection[] = [];
    const word = new RegExp(`${CAP}`, 'gu');
    // Every capitalised word may start a name, not only the first of a run: in "Ask Lan Nguyễn"
    // the name starts at the second word.
    const fullName = new RegExp(`${CAP}(?: ${CAP}){1,3}`, 'uy');
    for (const w of text.matchAll(new RegExp(`(?<![${L}])${CAP}`, 'gu'))) {
      if (!GIVEN_NAMES.has(fold(w[0]))) continue;
      fullName.lastIndex = w.index;
      const m = fullName.exec(text);
      if (m) out.push({ start: w.index, end: w.index + m[0].length, kind: 'name', replacement: '[name]' });
    }
    // The relation in either case ("Sister", "sister"); the names after it capitalised.
    const either = (w: string) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;
    const relation = new RegExp(
      `(?<![${L}])(?:${RELATIONS.map(either).join('|')})\\.?,? ((?:${CAP} ?){1,3})`,
      'gu',
    );
    for (const m of text.matchAll(relation)) {
      const names = m[1]!.trimEnd();
      // "my sister Lan" names her; "Sister Act" or "Mr Payments Team" cannot be told apart, so
      // a relation's name must be a known given name or not a common capitalised word.
      const first = names.match(word)?.[0] ?? '';
      if (!first || /^(The|A|An|In|On|At|And|Or|But|Team|Department|Office)$/.test(first)) continue;
      const start = m.index + m[0].lastIndexOf(names);
      out.push({ start, end: start + names.length, kind: 'name', replacement: '[name]' });
    }
    return out;
  },
};

/** What the detectors write in place of what they find (the redactor passes over these, and these only). */
export const DETECTED_PLACEHOLDERS = [
  '[email]',
  '[card number]',
  '[account]',
  '[date of birth]',
  '[phone]',
  '[address]',
  '[postcode]',
  '[number]',
  '[name]',
  '[reference]',
] as const;

export const DETECTORS: Detector[] = [
  regexDetector('email', EMAIL, '[email]'),
  regexDetector('card', CARDLIKE, '[card number]', (m) => luhn(m[0].replace(/\D/g, ''))),
  regexDetector('account', IBAN, '[account]'),
  regexDetector('date-of-birth', DOB, '[date of birth]', () => true, 1),
  regexDetector('phone', PHONE, '[phone]', phoneDigits),
  regexDetector('address', STREET, '[address]'),
  regexDetector('postcode', UK_POSTCODE, '[postcode]'),
  regexDetector('postcode', US_ZIP, '[postcode]'),
  regexDetector('postcode', AU_POSTCODE, '[postcode]'),
  regexDetector('account', ACCOUNT, '[number]', (m) => !ISO_DATE.test(m[0])),
  mentionedNames,
];
