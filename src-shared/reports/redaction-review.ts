// The review before a redacted copy leaves: what the engine removed (grouped by kind), the terms
// the user adds or chooses to show with a reason, for whom and why; and the redaction log that
// goes on the case's audit trail. The log holds kinds and counts, never the values removed.
import type { CaseReportData, CaseReportSection } from '../ipc/channels/reports';
import { fold } from './fold';
import { MARK_CLOSE, MARK_OPEN, type Hit, type HitKind } from './redact';

export interface KeptTerm {
  term: string;
  reason: string;
}

export interface RedactionChoice {
  /** Terms to redact wherever they occur, beyond what the engine finds. */
  added: string[];
  /** Terms the engine found that the user chose to show, each with why. */
  kept: KeptTerm[];
  recipient: string;
  purpose: string;
}

export const EMPTY_CHOICE: RedactionChoice = { added: [], kept: [], recipient: '', purpose: '' };

/** The terms as the engine and main's check take them. */
export const choiceTerms = (c: RedactionChoice) => ({ added: c.added, kept: c.kept.map((k) => k.term) });

export type ChoiceProblem = 'required' | 'tooShort' | 'duplicate' | 'kept';

/** The shortest term the engine redacts (shorter ones would match inside ordinary words). */
export const MIN_ADDED_TERM = 3;

/** Why a term cannot be added, or null when it can. */
export function addedTermProblem(c: RedactionChoice, term: string): ChoiceProblem | null {
  const t = term.trim();
  if (!t) return 'required';
  if ([...t].length < MIN_ADDED_TERM) return 'tooShort';
  if (c.added.some((a) => fold(a) === fold(t))) return 'duplicate';
  if (c.kept.some((k) => fold(k.term) === fold(t))) return 'kept';
  return null;
}

export function addTerm(c: RedactionChoice, term: string): RedactionChoice {
  return addedTermProblem(c, term) ? c : { ...c, added: [...c.added, term.trim()] };
}

export function removeAddedTerm(c: RedactionChoice, term: string): RedactionChoice {
  return { ...c, added: c.added.filter((a) => a !== term) };
}

/** Shows one term only; a reason is required. */
export function keepTerm(c: RedactionChoice, term: string, reason: string): RedactionChoice {
  if (!reason.trim() || !term.trim() || c.kept.some((k) => fold(k.term) === fold(term))) return c;
  return {
    ...c,
    added: c.added.filter((a) => fold(a) !== fold(term)),
    kept: [...c.kept, { term: term.trim(), reason: reason.trim() }],
  };
}

/** Redacts a term shown earlier again. */
export function unkeepTerm(c: RedactionChoice, term: string): RedactionChoice {
  return { ...c, kept: c.kept.filter((k) => k.term !== term) };
}

/** What still stops the export: for whom and why are required. */
export function choiceProblems(c: RedactionChoice): Partial<Record<'recipient' | 'purpose', ChoiceProblem>> {
  return {
    ...(c.recipient.trim() ? {} : { recipient: 'required' as const }),
    ...(c.purpose.trim() ? {} : { purpose: 'required' as const }),
  };
}

/** Which section of the report a field path belongs to; null for the audit appendix. */
export function sectionOf(where: string): CaseReportSection | 'audit' | null {
  const top = /^[^.[]*/.exec(where)![0];
  const field = /^case\.([^.[]+)/.exec(where)?.[1];
  if (top === 'case') {
    if (field === 'description' || field === 'desiredOutcome' || field === 'escalation') return 'complaint';
    if (field === 'rootCause' || field === 'finding' || field === 'findingDetail') return 'finding';
    return 'summary';
  }
  if (top === 'consultations') return 'approvals';
  if (top === 'audit') return 'audit';
  const known: string[] = [
    'complainant',
    'timeline',
    'investigation',
    'evidence',
    'resolution',
    'approvals',
    'communications',
    'followUp',
  ];
  return known.includes(top) ? (top as CaseReportSection) : null;
}

/** Whether a hit lands in the copy being made (its sections, and the appendix if included). */
export function inExport(where: string, sections: readonly string[], includeAudit: boolean): boolean {
  const s = sectionOf(where);
  return s === 'audit' ? includeAudit : s !== null && sections.includes(s);
}

export interface RemovedTerm {
  term: string;
  count: number;
}

/** The terms removed, grouped by kind, each term once (compared folded) with how often it went. */
export function removedByKind(hits: readonly Hit[]): { kind: HitKind; terms: RemovedTerm[] }[] {
  const groups = new Map<HitKind, Map<string, RemovedTerm>>();
  for (const h of hits) {
    const terms = groups.get(h.kind) ?? new Map<string, RemovedTerm>();
    groups.set(h.kind, terms);
    const key = fold(h.term);
    const seen = terms.get(key);
    if (seen) seen.count++;
    else terms.set(key, { term: h.term, count: 1 });
  }
  return [...groups]
    .sort(([a], [b]) => kindRank(a) - kindRank(b))
    .map(([kind, terms]) => ({ kind, terms: [...terms.values()] }));
}

/** The order kinds are listed in, whatever order the engine met them in: people first. */
export const HIT_KIND_ORDER: readonly HitKind[] = [
  'name',
  'complainant',
  'witness',
  'staff',
  'person',
  'contact',
  'email',
  'phone',
  'address',
  'postcode',
  'needs',
  'account',
  'card',
  'reference',
  'date-of-birth',
  'file',
  'other',
  'added',
];
const kindRank = (kind: string) => {
  const i = HIT_KIND_ORDER.indexOf(kind as HitKind);
  return i < 0 ? HIT_KIND_ORDER.length : i;
};
/** Entries of a count per kind in HIT_KIND_ORDER. */
export const inKindOrder = <V>(counts: Partial<Record<string, V>>): [string, V][] =>
  (Object.entries(counts) as [string, V][]).sort(([a], [b]) => kindRank(a) - kindRank(b));

/** How many hits of each kind: all the redaction log says of what was removed. */
export function removedCounts(hits: readonly Hit[]): Partial<Record<HitKind, number>> {
  const out: Partial<Record<HitKind, number>> = {};
  for (const h of hits) out[h.kind] = (out[h.kind] ?? 0) + 1;
  return Object.fromEntries(inKindOrder(out)) as Partial<Record<HitKind, number>>;
}

export interface Segment {
  text: string;
  /** A placeholder the redactor wrote. */
  match: boolean;
}

/** A marked string as plain and highlighted runs (an unclosed mark runs to the end: a cut text). */
export function segments(marked: string): Segment[] {
  const out: Segment[] = [];
  let match = false;
  let run = '';
  for (const ch of marked) {
    if (ch === MARK_OPEN || ch === MARK_CLOSE) {
      if (run) out.push({ text: run, match });
      run = '';
      match = ch === MARK_OPEN;
    } else run += ch;
  }
  if (run) out.push({ text: run, match });
  return out;
}

/** Fields whose text is shown at review even without a hit: what a reader reads as prose. */
const NARRATIVE = new Set([
  'description',
  'desiredOutcome',
  'rootCause',
  'summary',
  'text',
  'statement',
  'detail',
]);

export interface Passage {
  section: CaseReportSection | 'audit';
  where: string;
  segments: Segment[];
}

/**
 * The passages of a marked, redacted report to show at review, in report order: every string
 * with a hit, and the narrative fields and timeline details, of the sections being exported.
 */
export function reviewPassages(
  marked: CaseReportData,
  sections: readonly string[],
  includeAudit: boolean,
): Passage[] {
  const out: Passage[] = [];
  const walk = (value: unknown, where: string, key: string) => {
    if (typeof value === 'string') {
      const section = sectionOf(where);
      if (!section || !inExport(where, sections, includeAudit)) return;
      if (!value.trim() || (!value.includes(MARK_OPEN) && !NARRATIVE.has(key))) return;
      out.push({ section, where, segments: segments(value) });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`, key));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, where ? `${where}.${k}` : k, k);
  };
  const { redaction: _, ...report } = marked;
  walk(report, '', '');
  return out;
}

export interface RedactionLog {
  recipient: string;
  purpose: string;
  removed: Partial<Record<HitKind, number>>;
  /** How many terms the user added (never the terms: they are the personal data removed). */
  addedTerms: number;
  unredacted: KeptTerm[];
}

/** The redaction log of one redacted copy, for the audit trail. */
export function redactionLog(choice: RedactionChoice, hits: readonly Hit[]): RedactionLog {
  return {
    recipient: choice.recipient.trim(),
    purpose: choice.purpose.trim(),
    removed: removedCounts(hits),
    addedTerms: choice.added.length,
    unredacted: choice.kept.map((k) => ({ term: k.term, reason: k.reason })),
  };
}
