// Retention and erasure: how long a closed case is kept, when it is due for disposal, what a legal
// hold blocks, and what anonymising removes. Statistics (category, product, regime, dates, outcome,
// amounts, root cause) stay on an anonymised case; everything that names or describes a person goes.
import { z } from 'zod';
import type { AuditEntry } from './audit';
import { REGIME_IDS, type Actor, type CaseRecord, type CaseRegimeId } from './case';

/** Years a case is kept after it closed, unless the office sets otherwise for its regime. */
export const DEFAULT_RETENTION_YEARS = 3;

/** Years kept after closure, per regime. */
export type RetentionPolicy = Record<CaseRegimeId, number>;

export const RetentionYearsSchema = z
  .number({ error: 'Enter a number of years.' })
  .int('Use a whole number of years.')
  .min(1, 'Keep cases for at least 1 year.')
  .max(100, 'Use at most 100 years.');

export const RetentionPolicySchema = z.object(
  Object.fromEntries(REGIME_IDS.map((r) => [r, RetentionYearsSchema])) as Record<
    CaseRegimeId,
    typeof RetentionYearsSchema
  >,
);

export const defaultRetentionPolicy = (): RetentionPolicy =>
  Object.fromEntries(REGIME_IDS.map((r) => [r, DEFAULT_RETENTION_YEARS])) as RetentionPolicy;

/** A stored policy with every regime present (a regime added later gets the default). */
export const completePolicy = (stored: Partial<RetentionPolicy>): RetentionPolicy => ({
  ...defaultRetentionPolicy(),
  ...stored,
});

/** A legal hold: while it stands the case is never disposed of, however old. */
export interface LegalHold {
  reason: string;
  by: Actor;
  at: string;
}

export const LegalHoldReasonSchema = z
  .string()
  .trim()
  .min(1, 'Say why the case must be kept (for example the claim or investigation).')
  .max(2000, 'Use at most 2,000 characters.');

export const DisposalReasonSchema = z
  .string()
  .trim()
  .min(1, 'Say why (for example the retention policy, or the request received).')
  .max(2000, 'Use at most 2,000 characters.');

/** What the retention rules read of a case. */
export type RetentionSubject = Pick<CaseRecord, 'closedAt' | 'regime' | 'status'> & {
  legalHold?: LegalHold | null;
  anonymised?: { at: string; recordId: string } | null;
};

/** The instant `years` calendar years after `iso` (29 February rolls to 1 March). */
function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

/** When a closed case falls due for disposal under the policy; null while it is open. */
export function disposalDueAt(
  c: Pick<RetentionSubject, 'closedAt' | 'regime'>,
  policy: RetentionPolicy,
): string | null {
  return c.closedAt ? addYears(c.closedAt, policy[c.regime] ?? DEFAULT_RETENTION_YEARS) : null;
}

/**
 * Cases of a regime closed at or before this instant are due at `now` (the inverse of
 * disposalDueAt, for an index range; the repository still checks each case with disposalState).
 */
export function closedOnOrBefore(regime: CaseRegimeId, policy: RetentionPolicy, now: Date): string {
  return addYears(now.toISOString(), -(policy[regime] ?? DEFAULT_RETENTION_YEARS));
}

export type DisposalState = 'open' | 'kept' | 'due' | 'held' | 'anonymised';

/**
 * Where a case stands: still open; closed and kept (not yet due); due for disposal; due but on a
 * legal hold; or already anonymised (nothing personal left to dispose of).
 */
export function disposalState(c: RetentionSubject, policy: RetentionPolicy, now: Date): DisposalState {
  if (c.anonymised) return 'anonymised';
  const due = disposalDueAt(c, policy);
  if (!due) return 'open';
  if (due > now.toISOString()) return c.legalHold ? 'held' : 'kept';
  return c.legalHold ? 'held' : 'due';
}

export type RetentionCheck = { ok: true } | { ok: false; message: string };

/** Disposal after retention: only a due case, never one on hold. */
export function canDispose(c: RetentionSubject, policy: RetentionPolicy, now: Date): RetentionCheck {
  switch (disposalState(c, policy, now)) {
    case 'due':
      return { ok: true };
    case 'held':
      return { ok: false, message: `This case is on a legal hold: lift the hold before disposing of it.` };
    case 'anonymised':
      return { ok: false, message: 'This case was already anonymised.' };
    case 'open':
      return { ok: false, message: 'This case is still open: only closed cases are disposed of.' };
    case 'kept':
      return {
        ok: false,
        message: `This case is kept until ${disposalDueAt(c, policy)!.slice(0, 10)} under the retention policy.`,
      };
  }
}

/**
 * An erasure request anonymises a person's closed cases whatever their age, never one on hold; an
 * open complaint still needs its complainant's details (deadlines, letters), so it is closed or
 * withdrawn first.
 */
export function canErase(c: RetentionSubject): RetentionCheck {
  if (c.legalHold)
    return { ok: false, message: 'This case is on a legal hold: lift the hold before erasing it.' };
  if (c.anonymised) return { ok: false, message: 'This case was already anonymised.' };
  if (!c.closedAt) return { ok: false, message: 'This case is still open: close or withdraw it first.' };
  return { ok: true };
}

/** The index value that lists a case for retention: its closure, while closed and not anonymised. */
export const retentionFromOf = (
  c: Pick<CaseRecord, 'closedAt'> & { anonymised?: unknown },
): string | undefined => (c.closedAt && !c.anonymised ? c.closedAt : undefined);

// ── What is personal ───────────────────────────────────────────────────────────────────────────
/**
 * Paths of personal data in each case-owned table. `a.b` is a nested field, `a[].b` that field in
 * every element of the array `a`, `a?.b` that field when `a` is not null. Text fields are replaced
 * with the placeholder (`text`) or emptied (`blank`). Staff names (assignee, authors, approvers)
 * are the office's own record and stay; so do ids, dates, amounts, statuses and classifications.
 */
export interface PersonalFields {
  /** Replaced with the placeholder, so a reader sees that something was there. */
  text: readonly string[];
  /** Emptied. */
  blank: readonly string[];
}

export const PERSONAL_FIELDS = {
  cases: {
    text: ['complainant.name', 'description'],
    blank: [
      'complainant.email',
      'complainant.phone',
      'complainant.address',
      'complainant.needs',
      'accountRef',
      // Typed freely at intake, so it can name the person ("Ada Quill's joint account"); the
      // return's product is returnData.productId, from the office's list, and stays.
      'product',
      'desiredOutcome',
      'escalation?.reason',
      'slaPauses[].reason',
      'findingDetail?.rationale',
      'findingDetail?.contributingFactors',
      'legalHold?.reason',
    ],
  },
  planItems: { text: ['text'], blank: [] },
  notes: { text: ['text'], blank: [] },
  interviews: {
    text: ['intervieweeName', 'statement'],
    blank: [
      'intervieweeRole',
      'intervieweeContact',
      'othersPresent',
      'location',
      'keyPoints',
      'followUpActions',
      'addenda[].text',
      'addenda[].reason',
    ],
  },
  evidence: { text: ['name'], blank: ['description', 'superseded?.reason', 'sha256'] },
  enquiries: { text: ['recipient', 'question'], blank: ['answer?.answer'] },
  communications: { text: ['subject', 'body'], blank: ['from', 'to'] },
  resolutions: {
    text: ['summary'],
    blank: ['remedies[].rationale', 'decision?.comment', 'response?.note'],
  },
  consultations: { text: ['question'], blank: ['person', 'answer'] },
  actions: { text: ['title'], blank: ['outcome'] },
  followUps: { text: [], blank: ['result?.comments'] },
} as const satisfies Record<string, PersonalFields>;

export type CaseOwnedTable = Exclude<keyof typeof PERSONAL_FIELDS, 'cases'>;
export const CASE_OWNED_TABLES = Object.keys(PERSONAL_FIELDS).filter(
  (t): t is CaseOwnedTable => t !== 'cases',
);

/** Sets the value at `path` in `row` (copied along the way), leaving absent and null parts alone. */
function setPath(row: unknown, parts: readonly string[], value: string): unknown {
  if (row === null || typeof row !== 'object') return row;
  const [head, ...rest] = parts;
  const optional = head!.endsWith('?');
  const isArray = head!.endsWith('[]');
  const key = head!.replace(/\?$|\[\]$/, '');
  const obj = row as Record<string, unknown>;
  if (!(key in obj)) return row;
  const current = obj[key];
  if (!rest.length) return typeof current === 'string' ? { ...obj, [key]: value } : row;
  if (optional && (current === null || current === undefined)) return row;
  if (isArray) {
    return Array.isArray(current)
      ? { ...obj, [key]: current.map((item: unknown) => setPath(item, rest, value)) }
      : row;
  }
  return { ...obj, [key]: setPath(current, rest, value) };
}

/** The row with its personal fields replaced (text) or emptied (blank). */
export function stripPersonal<T>(row: T, fields: PersonalFields, placeholder: string): T {
  let out: unknown = row;
  for (const path of fields.text) out = setPath(out, path.split('.'), placeholder);
  for (const path of fields.blank) out = setPath(out, path.split('.'), '');
  return out as T;
}

export interface AnonymisedMark {
  at: string;
  /** The disposal record that did it. */
  recordId: string;
}

/**
 * The case with nothing left that identifies or describes the complainant. Its statistics stay,
 * and its complainant key becomes `pseudonym` (one per erasure request, so the dashboard still
 * counts one person's cases together without knowing who).
 */
export function anonymiseCase<C extends CaseRecord & { anonymised?: AnonymisedMark | null }>(
  c: C,
  opts: { placeholder: string; pseudonym: string; mark: AnonymisedMark },
): C {
  const { retentionFrom: _, ...stripped } = stripPersonal(c, PERSONAL_FIELDS.cases, opts.placeholder);
  return {
    ...(stripped as C),
    complainant: { ...stripped.complainant, vulnerable: false, consentToContact: false },
    complainantKey: opts.pseudonym,
    accountKey: '',
    personKeys: [],
    anonymised: opts.mark,
    updatedAt: opts.mark.at,
  };
}

/** The complainant key an erasure gives a person's cases: the same for all of them, naming no one. */
export const erasedPseudonym = (recordId: string) => `erased ${recordId}`;

// ── Finding a person's cases ─────────────────────────────────────────────────────────────────
export interface ComplainantSearch {
  name?: string;
  accountRef?: string;
  email?: string;
  phone?: string;
}

// ── The audit trail ───────────────────────────────────────────────────────────────────────────
/**
 * Case fields whose audited values are statistics or workflow, never personal: a case entry that
 * changed only these, with no reason given, keeps its payload through anonymisation.
 */
const STATISTICAL_FIELDS = new Set([
  'status',
  'category',
  'subcategory',
  'channel',
  'severity',
  'regime',
  'receivedAt',
  'closedAt',
  'acknowledgedAt',
  'holdingReplyAt',
  'finalResponseAt',
  'summaryResolutionAt',
  'finding',
  'rootCause',
  'nextDueAt',
  'deadlines.acknowledgeDue',
  'deadlines.finalResponseDue',
  'deadlines.extendedFinalDue',
  'deadlines.summaryResolutionUntil',
  'restricted',
]);

/** Must anonymising a case erase this entry's payload? Anything beyond statistics, or any reason. */
export function auditPayloadIsPersonal(
  entry: Pick<AuditEntry, 'entity' | 'changes' | 'reason' | 'erased'>,
): boolean {
  if (entry.erased) return false;
  if (entry.reason) return true;
  if (entry.entity !== 'case') return entry.changes.length > 0;
  return entry.changes.some((c) => !STATISTICAL_FIELDS.has(c.field));
}

// ── The disposal record ──────────────────────────────────────────────────────────────────────
export const DISPOSAL_METHODS = ['delete', 'anonymise', 'erasure'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

/**
 * What was disposed of, when, by whom, why and how: never personal data. The references of the
 * cases stay so an auditor can match a deletion to a case number; deleted cases also leave their
 * numbers per regime, since they leave the dashboard's counts.
 */
export interface DisposalRecord {
  id: string;
  at: string;
  by: Actor;
  method: DisposalMethod;
  reason: string;
  references: string[];
  counts: {
    cases: number;
    /** Child rows (notes, letters, evidence…) deleted or anonymised. */
    rows: number;
    /** Audit entries whose payload was erased. */
    auditEntries: number;
    /** Evidence files no other case used, removed from the evidence store. */
    files: number;
  };
  /** Cases deleted per regime: the statistics they leave behind. */
  deletedPerRegime?: Partial<Record<CaseRegimeId, number>>;
  /** Set when the last case of the batch was done. */
  finishedAt: string | null;
  /** A disposal made again after a restore (disposal-ledger.ts): the id of the one it repeats. */
  repeats?: string;
  /**
   * In team mode, the cases whose disposal the team server refused (the account that pushed it may
   * not decide retention): they were put back as the server holds them.
   */
  refusedByServer?: string[];
}
