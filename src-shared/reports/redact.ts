// Redaction of personal data for a case report that leaves the office. Names become roles used
// consistently throughout ("the complainant", "Witness 1", "Staff member 2"); every value a
// personal field ever held (from the audit trail) is removed wherever it occurs, in any case and
// with or without accents; detectors remove what is in no field (postcodes, card numbers, file
// numbers, dates of birth, people named in passing). Fields that cannot be trusted are replaced
// wholesale. The redactor records each hit (what, which kind, where) for review before export.
import { escapeRegExp } from '../regexp';
import type { CaseReportData, PersonalKind } from '../ipc/channels/reports';
import {
  DETECTED_PLACEHOLDERS,
  DETECTORS,
  referenceDetector,
  type DetectedKind,
  type Detection,
  type Detector,
} from './detectors';
import { fold, foldWithMap, originalSpan } from './fold';

export const REDACTED = '[redacted]';

import { DEFAULT_REFERENCE_PATTERNS } from './reference-patterns';

export { DEFAULT_REFERENCE_PATTERNS };

/** Fields that hold hashes or instants: never rewritten (a hash must stay checkable). */
const KEEP = new Set([
  'sha256',
  'hash',
  'latestAuditHash',
  'at',
  'due',
  'doneAt',
  'dueAt',
  'signedOffAt',
  'askedAt',
  'answeredAt',
  'addedAt',
  'receivedAt',
  'acknowledgedAt',
  'closedAt',
  'generatedAt',
  'locale',
  'reference',
  'timeZone',
  'similarCases',
]);

/** 'added': a term the user asked to redact at review, before export. */
export type HitKind = PersonalKind | DetectedKind | 'added';

/** One thing the redactor removed: for the review before export and the redaction log. */
export interface Hit {
  term: string;
  kind: HitKind;
  replacement: string;
  /** Which part of the report (a field path), when the caller said. */
  where: string;
}

export interface Redactor {
  /** The pseudonym for a person's name, as it stands in a name field ("Complainant", "Witness 1"). */
  person(name: string): string;
  text(value: string, where?: string): string;
  /** Everything removed so far. */
  readonly hits: Hit[];
}

export interface PersonOfCase {
  name: string;
  /** Their pseudonym in a name field. */
  as: string;
  /** Their pseudonym in running text, when it differs ("the complainant"). */
  inText?: string;
  /** Other names they were known by (a name as first typed, before it was corrected). */
  formerly?: string[];
}

export interface Secret {
  value: string;
  kind: PersonalKind | 'added';
}

/**
 * How one redaction run is done: the office's reference patterns; terms the user chose to show
 * (compared folded), which are never replaced; `mark` wraps each placeholder in MARK_OPEN and
 * MARK_CLOSE for the review before export; `hits` collects the hits of several runs in one list.
 */
export interface RedactorOptions {
  patterns?: readonly string[];
  kept?: readonly string[];
  mark?: boolean;
  hits?: Hit[];
}

/** Private-use characters around a placeholder in a marked run: they never occur in typed text. */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

// Name parts that are everyday words match only when capitalised, so a staff member called
// "Alex Officer" does not turn every "officer" into a pseudonym.
const EVERYDAY = new Set(
  'officer page will may june rose mark bill grace hope joy faith bank street road green white brown young king rich hall wood new see'.split(
    ' ',
  ),
);
// Scripts written without spaces between words: a name is matched wherever it occurs.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/**
 * A number a field holds (a phone, an account) however it is written in text: its digits with up to
 * three other characters between each two ("+44.7700.900.123", "07700/900123" for "07700 900123").
 * Null for a value with letters or under six digits, matched as written.
 */
function digitsPattern(value: string): RegExp | null {
  const digits = value.replace(/\D/g, '');
  if (/\p{L}/u.test(value) || digits.length < 6) return null;
  return new RegExp(`(?<!\\p{N})${[...digits].join('[^\\p{L}\\p{N}]{0,3}')}(?!\\p{N})`, 'gu');
}

/** Name parts of at least this many letters are redacted on their own (CJK characters count as whole syllables). */
const minPart = (part: string) => (UNSPACED.test(part) ? 1 : 3);

interface Needle {
  folded: string;
  replacement: string;
  kind: HitKind;
  /** Only when capitalised in the original. */
  capitalised: boolean;
}

/** The words of a name or an address line worth redacting on their own. */
export function nameParts(value: string): string[] {
  return value
    .split(/[\s,;()/]+|(?<=\p{L})[-_.](?=\p{L})/u)
    .map((p) => p.replace(/^['’.-]+|['’.-]+$/gu, ''))
    .filter((p) => [...p].length >= minPart(p) && !/^\d+$/.test(p));
}

/** Kinds whose value is one or more people's names, every part of which identifies them. */
const NAMED_KINDS = new Set<HitKind>(['complainant', 'witness', 'staff', 'person']);
const POSTCODE_IN_ADDRESS = /[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|(?<!\d)\d{4,5}(?:-\d{4})?(?!\d)/giu;

/**
 * What of an address is told apart from it: its postcode, its street without the house number
 * ("Larkspur Road"), and the distinctive words of the lines that hold a number (street and town):
 * "Larkspur", "Leeds". Words of other lines ("ring twice, side door") are too ordinary alone.
 */
export function addressTerms(address: string): string[] {
  const out = [...address.matchAll(POSTCODE_IN_ADDRESS)].map((m) => m[0]).filter((p) => !/^\d{4}$/.test(p));
  for (const line of address.split(/\n|,/).map((l) => l.trim())) {
    if (!/\d/.test(line)) continue;
    const street = /^\d+[A-Za-z]?\s+(.{3,})$/u.exec(line);
    if (street) out.push(street[1]!);
    for (const part of nameParts(line))
      if (!/\d/.test(part) && /^\p{Lu}/u.test(part) && !STREET_WORDS.has(fold(part))) out.push(part);
  }
  return out;
}

const STREET_WORDS = new Set(
  'street st road rd avenue ave lane drive close way place court crescent terrace flat apartment apartments house the and of rue des de la le du'.split(
    ' ',
  ),
);

/**
 * A redactor that knows this case's people and every personal value it ever held. Matching is
 * on folded text (case, accents, ß/ss, Ł/L, đ/d), longest term first, on whole words.
 */
export function createRedactor(
  people: PersonOfCase[],
  secrets: (string | Secret)[],
  options: RedactorOptions = {},
): Redactor {
  const kept = new Set((options.kept ?? []).map((k) => fold(k.trim())).filter(Boolean));
  const needles = new Map<string, Needle>();
  const pseudonyms = new Map<string, string>();
  const add = (value: string, replacement: string, kind: HitKind, capitalised = false) => {
    const folded = fold(value.trim());
    if (!folded || needles.has(folded)) return;
    needles.set(folded, { folded, replacement, kind, capitalised });
  };
  for (const p of people) {
    const names = [p.name, ...(p.formerly ?? [])].map((n) => n.trim()).filter(Boolean);
    for (const n of names) {
      if (!pseudonyms.has(fold(n))) pseudonyms.set(fold(n), p.as);
      add(n, p.inText ?? p.as, 'name');
    }
    for (const n of names)
      for (const part of nameParts(n)) add(part, p.inText ?? p.as, 'name', EVERYDAY.has(fold(part)));
  }
  for (const s of secrets) {
    const { value, kind } = typeof s === 'string' ? { value: s, kind: 'other' as const } : s;
    if (value.trim().length < 3) continue;
    const replacement = kind === 'needs' ? REDACTED : kind === 'address' ? '[address]' : REDACTED;
    add(value, replacement, kind);
    // Each line of an address or list of people, and each word of a person's name, goes too.
    for (const line of value.split(/\n|,|;/)) if (line.trim().length >= 3) add(line, replacement, kind);
    if (NAMED_KINDS.has(kind))
      for (const part of nameParts(value)) add(part, '[name]', kind, EVERYDAY.has(fold(part)));
    if (kind === 'address') for (const term of addressTerms(value)) add(term, '[address]', kind, true);
  }
  const list = [...needles.values()].sort((a, b) => b.folded.length - a.folded.length);
  const numbers = list.flatMap((n) => {
    const re = digitsPattern(n.folded);
    return re ? [{ re, needle: n }] : [];
  });
  const matcher = list.length
    ? new RegExp(
        list
          .map((n) =>
            UNSPACED.test(n.folded)
              ? escapeRegExp(n.folded)
              : `(?<![\\p{L}\\p{N}])${escapeRegExp(n.folded)}(?![\\p{L}\\p{N}])`,
          )
          .join('|'),
        'gu',
      )
    : null;
  const detectors: Detector[] = [
    ...DETECTORS,
    referenceDetector(options.patterns ?? DEFAULT_REFERENCE_PATTERNS),
  ];
  const hits: Hit[] = options.hits ?? [];

  function known(value: string): Detection[] {
    if (!matcher) return [];
    const f = foldWithMap(value);
    const out: Detection[] = [];
    for (const { re, needle } of numbers)
      for (const m of f.text.matchAll(re)) {
        const [start, end] = originalSpan(f, value, m.index, m.index + m[0].length);
        out.push({ start, end, kind: needle.kind as DetectedKind, replacement: needle.replacement });
      }
    for (const m of f.text.matchAll(matcher)) {
      const needle = needles.get(m[0]);
      if (!needle) continue;
      const [start, end] = originalSpan(f, value, m.index, m.index + m[0].length);
      if (needle.capitalised && !/^\p{Lu}/u.test(value.slice(start))) continue;
      out.push({ start, end, kind: needle.kind as DetectedKind, replacement: needle.replacement });
    }
    return out;
  }

  function apply(value: string, found: Detection[], where: string): string {
    // Earliest first; of overlapping spans the longest wins.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let at = 0;
    for (const d of found) {
      if (d.start < at) continue;
      const term = value.slice(d.start, d.end);
      if (kept.has(fold(term))) continue;
      hits.push({ term, kind: d.kind, replacement: d.replacement, where });
      const before = out + value.slice(at, d.start);
      out = joinPlaceholder(before, d.replacement);
      if (options.mark) {
        // What joinPlaceholder appended after the text it kept is the placeholder to highlight.
        let k = 0;
        while (k < before.length && k < out.length && before[k] === out[k]) k++;
        if (k < out.length) out = `${out.slice(0, k)}${MARK_OPEN}${out.slice(k)}${MARK_CLOSE}`;
      }
      at = d.end;
    }
    return out + value.slice(at);
  }

  function text(value: string, where = ''): string {
    const first = apply(value.normalize('NFC'), known(value.normalize('NFC')), where);
    return apply(
      first,
      detectors.flatMap((d) => d.find(first)).filter((d) => !insidePlaceholder(first, d)),
      where,
    );
  }

  return {
    person: (name) => pseudonyms.get(fold(name.trim())) ?? (name.trim() ? text(name) : name),
    text,
    hits,
  };
}

/**
 * The placeholders the redactor writes. Only these are passed over by the detectors: a bracket the
 * writer typed ("[Mei Tanaka, 07911 123987]", a Markdown link's text) is text like any other.
 */
const PLACEHOLDER = new RegExp(
  [
    ...[REDACTED, ...DETECTED_PLACEHOLDERS].map(escapeRegExp),
    '(?:Witness|Staff member|Person present|Person) \\d+',
    'the complainant',
    'Complainant',
  ].join('|'),
  'g',
);

/** Whether a detection falls inside a placeholder already written ("Staff member 2", "[phone]"). */
function insidePlaceholder(text: string, d: Detection): boolean {
  for (const m of text.matchAll(PLACEHOLDER))
    if (d.start < m.index + m[0].length && d.end > m.index) return true;
  return false;
}

/**
 * Text before a placeholder, plus the placeholder, reading naturally: "witness Dmitri" becomes
 * "Witness 1" (not "witness Witness 1"), "the complainant Zoë" becomes "the complainant", and a
 * placeholder starting a sentence starts with a capital.
 */
export function joinPlaceholder(before: string, placeholder: string): string {
  // "Dear Ms Đặng" → "Dear Complainant"; "Mr Volkov" → "Witness 1".
  const title = /(?<![\p{L}])(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? $/u.exec(before);
  if (title && /^\p{Lu}|^the /u.test(placeholder)) {
    const rest = before.slice(0, title.index);
    const bare = placeholder.replace(/^the (\p{L})/u, (_, c: string) => c.toUpperCase());
    return /\bDear $/.test(rest) ? rest + bare : joinPlaceholder(rest, placeholder);
  }
  const head = placeholder.replace(/^the /, '').replace(/ \d+$/, '');
  const repeated = new RegExp(`(?:the |a |our )?${escapeRegExp(head)} $`, 'i').exec(before);
  if (repeated && /^\p{Lu}|^the /u.test(placeholder)) {
    // "the complainant Zoë": the name adds nothing. "witness Dmitri": the pseudonym replaces the word.
    if (placeholder.startsWith('the ')) return before.replace(/ $/, '');
    return before.slice(0, repeated.index) + placeholder;
  }
  const sentenceStart = before.trim() === '' || /[.!?:]\s+$/.test(before) || /\n\s*$/.test(before);
  return before + (sentenceStart ? placeholder.charAt(0).toUpperCase() + placeholder.slice(1) : placeholder);
}

/** Every string in a value, rewritten by `fn` unless its key is one to keep. */
function mapStrings<T>(value: T, fn: (s: string, where: string) => string, path = '', key = ''): T {
  if (typeof value === 'string') return (KEEP.has(key) ? value : fn(value, path)) as T;
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, fn, `${path}[${i}]`, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        mapStrings(v, fn, path ? `${path}.${k}` : k, k),
      ]),
    ) as T;
  }
  return value;
}

/** Staff are everyone who acted on the case; they keep a consistent pseudonym too. */
function staffNames(d: CaseReportData): string[] {
  const names = [
    d.context.generatedBy,
    d.case.officer,
    ...d.timeline.map((t) => t.actor),
    ...d.audit.map((a) => a.actor),
    ...d.investigation.notes.map((n) => n.author),
    ...d.investigation.plan.map((p) => p.owner),
    ...d.investigation.interviews.flatMap((i) => [
      i.interviewer,
      i.signedOffBy ?? '',
      ...i.addenda.map((a) => a.by),
    ]),
    ...d.investigation.enquiries.flatMap((q) => [q.askedBy, q.answeredBy]),
    ...d.evidence.map((e) => e.addedBy),
    ...d.resolution.actions.map((a) => a.owner),
    ...d.approvals.flatMap((a) => [a.requestedBy, a.approver]),
    ...d.consultations.map((c) => c.by),
    ...d.followUp.entries.map((e) => e.by),
    ...(d.redaction?.history ?? []).filter((h) => h.kind === 'staff').map((h) => h.value),
  ];
  return [...new Set(names.map((n) => n.trim()).filter((n) => n && n !== '—'))];
}

/** The people named in interviews' "others present", one name each (the field is a free list). */
function othersPresent(d: CaseReportData): string[] {
  const names = d.investigation.interviews.flatMap((i) => i.othersPresent.split(/[,;\n&]+|\s+and\s+/));
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

/** Each person of the case with the pseudonym they get in a redacted copy. */
export function peopleOfCase(d: CaseReportData): PersonOfCase[] {
  const history = d.redaction?.history ?? [];
  const formerly = (kind: PersonalKind, current: string) =>
    history
      .filter((h) => h.kind === kind && (kind === 'complainant' || fold(h.sameAs) === fold(current)))
      .map((h) => h.value);
  const witnesses = [...new Set(d.investigation.interviews.map((i) => i.interviewee.trim()).filter(Boolean))];
  return [
    {
      name: d.complainant.name,
      as: 'Complainant',
      inText: 'the complainant',
      formerly: formerly('complainant', ''),
    },
    ...witnesses.map((name, i) => ({ name, as: `Witness ${i + 1}`, formerly: formerly('witness', name) })),
    ...othersPresent(d).map((name, i) => ({ name, as: `Person present ${i + 1}` })),
    ...staffNames(d).map((name, i) => ({ name, as: `Staff member ${i + 1}` })),
  ];
}

/** The personal values of a case that are not a person's own name: contact details, addresses, past values. */
export function secretsOfCase(d: CaseReportData): Secret[] {
  const c = d.complainant;
  const all: Secret[] = [
    { value: c.email, kind: 'contact' },
    { value: c.phone, kind: 'contact' },
    { value: c.address, kind: 'address' },
    { value: c.needs, kind: 'needs' },
    { value: d.case.accountRef, kind: 'account' },
    ...d.investigation.interviews.map((i) => ({ value: i.contact, kind: 'contact' as const })),
    ...d.evidence.map((e) => ({ value: e.name, kind: 'file' as const })),
    // "Department or person": a person's name in it goes as a whole line, never word by word.
    ...d.investigation.enquiries.map((q) => ({ value: q.department, kind: 'other' as const })),
    ...(d.redaction?.history ?? [])
      .filter((h) => !['complainant', 'witness', 'staff'].includes(h.kind) || !h.sameAs)
      .map((h) => ({ value: h.value, kind: h.kind })),
    // Terms the user added at review are personal data like any other.
    ...(d.redaction?.added ?? []).map((value) => ({ value, kind: 'added' as const })),
  ];
  return all.filter((s) => s.value.trim());
}

/** The redactor for one case, as the renderer (before shortening text) and main (on the whole report) both build it. */
export function caseRedactor(d: CaseReportData, run: Pick<RedactorOptions, 'mark' | 'hits'> = {}): Redactor {
  return createRedactor(peopleOfCase(d), secretsOfCase(d), {
    patterns: d.redaction?.patterns,
    kept: d.redaction?.kept,
    ...run,
  });
}

/** Every term whose presence in a redacted PDF means it leaks: names, their parts, personal values. */
export function leakTerms(d: CaseReportData): { term: string; kind: HitKind }[] {
  const out: { term: string; kind: HitKind }[] = [];
  for (const p of peopleOfCase(d))
    for (const n of [p.name, ...(p.formerly ?? [])]) {
      if (n.trim()) out.push({ term: n.trim(), kind: 'name' });
      for (const part of nameParts(n)) if (!EVERYDAY.has(fold(part))) out.push({ term: part, kind: 'name' });
    }
  for (const s of secretsOfCase(d)) {
    out.push({ term: s.value.trim(), kind: s.kind });
    if (NAMED_KINDS.has(s.kind))
      for (const part of nameParts(s.value))
        if (!EVERYDAY.has(fold(part))) out.push({ term: part, kind: s.kind });
    if (s.kind === 'address') for (const term of addressTerms(s.value)) out.push({ term, kind: s.kind });
  }
  // A term the user chose to show (with a reason, on the audit trail) is no leak.
  const kept = new Set((d.redaction?.kept ?? []).map((k) => fold(k.trim())));
  return out.filter((t) => [...t.term].length >= minPart(t.term) && !kept.has(fold(t.term)));
}

/** Which of the terms occur in the text, compared folded and on whole words. */
export function termsFoundIn(
  text: string,
  terms: { term: string; kind: HitKind }[],
): { term: string; kind: HitKind }[] {
  const folded = fold(text);
  return terms.filter(({ term }) => {
    const f = fold(term);
    if (!f) return false;
    const digits = digitsPattern(f);
    if (digits?.test(folded)) return true;
    if (UNSPACED.test(f)) return folded.includes(f);
    return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(f)}(?![\\p{L}\\p{N}])`, 'u').test(folded);
  });
}

const FIELDS_ONLY = /^[\w.[\]-]+(?:, [\w.[\]-]+)*: \[changed\]$/;

/** The audit appendix keeps which fields changed, never what they held. */
export function fieldsOnly(changes: string): string {
  if (FIELDS_ONLY.test(changes)) return changes;
  const fields = [...changes.matchAll(/(?:^|; )([\w.[\]-]+): /g)].map((m) => m[1]!);
  return fields.length ? `${[...new Set(fields)].join(', ')}: [changed]` : '';
}

/** A copy of the report data fit for sharing: no name, contact, account number or past value of anyone. */
export function redactCaseReport(
  d: CaseReportData,
  run: Pick<RedactorOptions, 'mark' | 'hits'> = {},
): CaseReportData {
  const r = caseRedactor(d, run);
  const { redaction: _, ...data } = d;
  const hits = run.hits;
  // A field withheld whole counts in the review and the log like any term removed (once: the
  // engine may already have removed something inside it), and is highlighted at review.
  const withhold = (value: string, kind: HitKind, replacement: string, where: string) => {
    if (!value.trim() || value === replacement) return value;
    if (hits && !hits.some((h) => h.where === where)) hits.push({ term: value, kind, replacement, where });
    return replacement;
  };
  const marked = (value: string, original: string) =>
    run.mark && value !== original ? `${MARK_OPEN}${value}${MARK_CLOSE}` : value;
  // Fields that cannot be trusted to hold only what their label says are replaced wholesale,
  // before the engine reads the rest.
  const wholesale: CaseReportData = {
    ...data,
    evidence: data.evidence.map((e, i) => ({
      ...e,
      name: withhold(e.name, 'file', `Evidence ${i + 1} (${e.type || 'file'})`, `evidence[${i}].name`),
    })),
    investigation: {
      ...data.investigation,
      enquiries: data.investigation.enquiries.map((q, i) => ({
        ...q,
        department: withhold(
          q.department,
          'person',
          `Recipient ${i + 1}`,
          `investigation.enquiries[${i}].department`,
        ),
      })),
    },
    audit: data.audit.map((a, i) => ({
      ...a,
      changes: withhold(a.changes, 'other', fieldsOnly(a.changes), `audit[${i}].changes`),
    })),
  };
  const mapped = mapStrings(wholesale, r.text);
  const out: CaseReportData = {
    ...mapped,
    evidence: mapped.evidence.map((e, i) => ({ ...e, name: marked(e.name, data.evidence[i]!.name) })),
    investigation: {
      ...mapped.investigation,
      enquiries: mapped.investigation.enquiries.map((q, i) => ({
        ...q,
        department: marked(q.department, data.investigation.enquiries[i]!.department),
      })),
    },
    audit: mapped.audit.map((a, i) => ({ ...a, changes: marked(a.changes, data.audit[i]!.changes) })),
  };
  const c = d.complainant;
  const witnessOf = (name: string) => r.person(name);
  // These the engine has read already (its hits stand); what is left goes whole.
  const whole = (value: string, kind: HitKind, where: string) =>
    value ? marked(withhold(value, kind, REDACTED, where), value) : '';
  return {
    ...out,
    context: { ...out.context, officeName: d.context.officeName },
    complainant: {
      ...out.complainant,
      name: 'Complainant',
      email: whole(c.email, 'email', 'complainant.email'),
      phone: whole(c.phone, 'phone', 'complainant.phone'),
      address: whole(c.address, 'address', 'complainant.address'),
      needs: whole(c.needs, 'needs', 'complainant.needs'),
    },
    investigation: {
      ...out.investigation,
      interviews: out.investigation.interviews.map((i, k) => {
        const before = d.investigation.interviews[k]!;
        const at = `investigation.interviews[${k}]`;
        return {
          ...i,
          interviewee: witnessOf(before.interviewee),
          // Who else was in the room, and how to reach the witness, go as a whole.
          contact: whole(before.contact, 'contact', `${at}.contact`),
          othersPresent: whole(before.othersPresent, 'person', `${at}.othersPresent`),
        };
      }),
    },
    case: { ...out.case, accountRef: whole(d.case.accountRef, 'account', 'case.accountRef') },
  };
}
