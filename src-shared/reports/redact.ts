// Redaction of personal data for a case report that leaves the office. Names become roles used
// consistently throughout ("Complainant", "Witness 1", "Staff member 2"); contact details and
// account numbers become placeholders, in their own fields and wherever they occur in free text.
import type { CaseReportData } from '../ipc/channels/reports';

export const REDACTED = '[redacted]';

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
]);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Phone numbers start with + or 0 so that dates and amounts are left alone.
const PHONE = /(?:\+|(?<![\p{L}\p{N}])0)\d[\d ()-]{6,}\d/gu;
// Account, card and sort-code-like numbers: six or more digits, possibly grouped.
const ACCOUNT = /(?<![\p{L}\p{N}-])\d(?:[ -]?\d){5,}(?![\p{L}\p{N}])/gu;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Redactor {
  /** The pseudonym for a person's name (registering it when first seen). */
  person(name: string): string;
  text(value: string): string;
}

/**
 * Builds a redactor that knows the people of this case. Full names and each name part of three
 * or more letters are replaced wherever they appear, longest first, ignoring case.
 */
export function createRedactor(people: { name: string; as: string }[], secrets: string[]): Redactor {
  const pseudonyms = new Map<string, string>();
  const pairs: [string, string][] = [];
  const fullNames = new Set<string>();
  for (const p of people) {
    const key = p.name.trim().toLowerCase();
    if (!key || pseudonyms.has(key)) continue;
    pseudonyms.set(key, p.as);
    pairs.push([p.name.trim(), p.as]);
    fullNames.add(key);
    for (const part of p.name.trim().split(/[\s,]+/)) if ([...part].length >= 3) pairs.push([part, p.as]);
  }
  for (const s of secrets) {
    if (s.trim().length < 3) continue;
    pairs.push([s.trim(), REDACTED]);
    fullNames.add(s.trim().toLowerCase());
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  const seen = new Set<string>();
  const unique = pairs.filter(([needle]) => {
    const k = needle.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const replacement = new Map(unique.map(([n, as]) => [n.normalize('NFC').toLowerCase(), as]));
  // Full names and contact details match in any case; single name parts only as capitalised words,
  // so a staff member called "Alex Officer" does not turn every "officer" into a pseudonym.
  const build = (needles: string[], flags: string) =>
    needles.length
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${needles.map((n) => escapeRe(n.normalize('NFC'))).join('|')})(?![\\p{L}\\p{N}])`,
          flags,
        )
      : null;
  const wholes = build(
    unique.filter(([n]) => fullNames.has(n.toLowerCase())).map(([n]) => n),
    'giu',
  );
  const parts = build(
    unique.filter(([n]) => !fullNames.has(n.toLowerCase())).map(([n]) => n),
    'gu',
  );
  return {
    person: (name) => pseudonyms.get(name.trim().toLowerCase()) ?? (name.trim() ? text(name) : name),
    text,
  };
  function text(value: string): string {
    let out = value.normalize('NFC');
    const swap = (m: string) => replacement.get(m.toLowerCase()) ?? REDACTED;
    if (wholes) out = out.replace(wholes, swap);
    if (parts) out = out.replace(parts, swap);
    return out
      .replace(EMAIL, '[email]')
      .replace(PHONE, '[phone]')
      .replace(ACCOUNT, (m) => (ISO_DATE.test(m) ? m : '[number]'));
  }
}

/** Every string in a value, rewritten by `fn` unless its key is one to keep. */
function mapStrings<T>(value: T, fn: (s: string) => string, key = ''): T {
  if (typeof value === 'string') return (KEEP.has(key) ? value : fn(value)) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapStrings(v, fn, k)]),
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
  ];
  return [...new Set(names.map((n) => n.trim()).filter((n) => n && n !== '—'))];
}

/** A copy of the report data fit for sharing: no name, contact or account number of anyone. */
export function redactCaseReport(d: CaseReportData): CaseReportData {
  const c = d.complainant;
  const witnesses = [...new Set(d.investigation.interviews.map((i) => i.interviewee.trim()).filter(Boolean))];
  const people = [
    { name: c.name, as: 'Complainant' },
    ...witnesses.map((name, i) => ({ name, as: `Witness ${i + 1}` })),
    ...staffNames(d).map((name, i) => ({ name, as: `Staff member ${i + 1}` })),
  ];
  const r = createRedactor(people, [
    c.email,
    c.phone,
    c.address,
    d.case.accountRef,
    ...c.address.split(/\n|,/),
  ]);
  const out = mapStrings(d, r.text);
  return {
    ...out,
    context: { ...out.context, officeName: d.context.officeName },
    complainant: {
      ...out.complainant,
      name: 'Complainant',
      email: c.email ? REDACTED : '',
      phone: c.phone ? REDACTED : '',
      address: c.address ? REDACTED : '',
      needs: c.needs ? REDACTED : '',
    },
    case: { ...out.case, accountRef: d.case.accountRef ? REDACTED : '' },
  };
}
