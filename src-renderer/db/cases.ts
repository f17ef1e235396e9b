// Case repository: every write runs in one transaction with its audit entry and counters.
// The rules themselves (validation, workflow, deadlines) live in src-shared; this module applies them.
import Dexie from 'dexie';
import type { ImportedClosing } from '../../src-shared/domain/case-import';
import type { CaseReturnData } from '../../src-shared/domain/regulatory-codes';
import {
  makeNewCaseSchema,
  matchKey,
  SEVERITY_RANK,
  type Actor,
  type CaseRecord,
  type Finding,
  type NewCase,
  type NewCaseInput,
  type Severity,
} from '../../src-shared/domain/case';
import {
  createBusinessCalendar,
  hasSummaryResolution,
  nextDeadlineDue,
  regulatoryDeadlines,
  summaryResolutionOpen,
  type BusinessCalendar,
  type CustomRegimeTimes,
  type Instant,
  type SlaTargets,
} from '../../src-shared/domain/deadlines';
import { detailsOfCase, openPersonKeysOf, personKeys } from '../../src-shared/domain/complainant-match';
import { seesCase, viewScope } from '../../src-shared/domain/case-visibility';
import { retentionFromOf } from '../../src-shared/domain/retention';
import type { AuditDraft } from '../../src-shared/domain/audit';
import { creationChanges, diffFields } from '../../src-shared/domain/diff';
import {
  deskReferenceCounterKey,
  formatDeskReference,
  formatReference,
  referenceCounterKey,
  takeFromRanges,
} from '../../src-shared/domain/reference';
import type { Settings } from '../../src-shared/domain/settings';
import { isKnownCategory, type Taxonomy } from '../../src-shared/domain/taxonomy';
import {
  checkEscalation,
  checkTransition,
  INITIAL_STATUS,
  type CaseStatus,
  type TransitionContext,
  type WorkflowCheck,
} from '../../src-shared/domain/workflow';
import type { ProposalState } from '../../src-shared/domain/resolution';
import {
  caseSubject,
  personOf,
  type Action,
  type ActingPerson,
  type Actor as PermissionActor,
} from '../../src-shared/domain/permissions';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  validationErrorFromZod,
} from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit, appendAudits } from './audit-log';
import { hiddenRestrictedIds } from './case-visibility';
import { casesByIds, newestOpenCasesByPersonKey, type OpenCaseKey } from './case-query';
import { assertMay } from './guard';
import { REFERENCE_RANGES_KEY, TEAM_MODE_KEY } from './sync-outbox';
import type { RedressDB } from './schema';

export const CASES_TOTAL_KEY = 'cases:total';
export const CASES_OPEN_KEY = 'cases:open';
export const statusCounterKey = (status: CaseStatus) => `cases:status:${status}`;

/** The office's rules a write needs, from Settings. */
export interface CaseRules {
  calendar: BusinessCalendar;
  taxonomy: Taxonomy;
  requiredChecklistItems: string[] | null;
  requireFindingToLeaveInvestigation: boolean;
  customRegime: CustomRegimeTimes;
  slaTargets: Record<Severity, SlaTargets>;
}

/** The settings the case rules are built from. */
export type CaseRulesSettings = Pick<
  Settings,
  | 'holidayCountry'
  | 'holidayRegion'
  | 'timeZone'
  | 'closures'
  | 'taxonomy'
  | 'requiredChecklistItems'
  | 'requireFindingToLeaveInvestigation'
  | 'customRegime'
  | 'slaTargets'
>;

/** The office's case rules (calendar, taxonomy, required checklist items) built from Settings. */
export function caseRulesOf(settings: CaseRulesSettings): CaseRules {
  const { holidayCountry, holidayRegion, timeZone, closures } = settings;
  return {
    calendar: createBusinessCalendar({
      country: holidayCountry,
      ...(holidayRegion ? { region: holidayRegion } : {}),
      timeZone,
      closures,
    }),
    taxonomy: settings.taxonomy,
    requiredChecklistItems: settings.requiredChecklistItems,
    requireFindingToLeaveInvestigation: settings.requireFindingToLeaveInvestigation,
    customRegime: settings.customRegime,
    slaTargets: settings.slaTargets,
  };
}

/** Bookkeeping fields that are derived from others: not worth an audit line of their own. */
export const DERIVED_FIELDS = [
  'updatedAt',
  'lastActivityAt',
  'statusChangedAt',
  'severityRank',
  'open',
  'assigneeId',
  'complainantKey',
  'accountKey',
  'reopenCount',
  'informedAt',
  'restrictedKey',
  'retentionFrom',
  // Index keys rebuilt from the complainant and the escalation: the trail records those fields.
  'personKeys',
  'openPersonKeys',
  'escalationOwnerId',
];

/**
 * Left out of a case's creation entry: the bookkeeping, and the deadlines (nextDueAt with them),
 * which the received date, the regime and the office's calendar give (newCaseRecord). A later
 * change to a deadline lists its value before.
 */
export const CREATION_UNLISTED = [
  ...DERIVED_FIELDS,
  'id',
  'createdAt',
  'createdBy',
  'deadlines',
  'nextDueAt',
];

const OPEN_STATUSES_CLOSED: readonly CaseStatus[] = ['closed', 'withdrawn'];
export const isOpenStatus = (status: CaseStatus) => !OPEN_STATUSES_CLOSED.includes(status);

/** The nearest regulatory deadline still to meet; the rule is deadlines.ts activeDeadlines. */
export const nextDueFor = nextDeadlineDue;

/** Recomputes the fields derived from others (indexes and flags): one rule for every writer. */
export function withDerivedFields(c: CaseRecord): CaseRecord {
  // restrictedKey and retentionFrom exist on some cases only: their indexes are sparse.
  const { restrictedKey: _, retentionFrom: _r, escalationOwnerId: _e, openPersonKeys: _o, ...rest } = c;
  const retentionFrom = retentionFromOf(c);
  const keys = c.anonymised ? [] : personKeys(detailsOfCase(c));
  const open = isOpenStatus(c.status) ? 1 : 0;
  const openKeys = openPersonKeysOf({ open, personKeys: keys, receivedAt: c.receivedAt });
  return {
    ...rest,
    open,
    severityRank: SEVERITY_RANK[c.severity],
    assigneeId: c.assignee?.id ?? '',
    complainantKey: matchKey(c.complainant.name),
    accountKey: matchKey(c.accountRef),
    personKeys: keys,
    nextDueAt: nextDueFor(c),
    ...(openKeys.length ? { openPersonKeys: openKeys } : {}),
    ...(c.restricted ? { restrictedKey: 1 } : {}),
    ...(retentionFrom ? { retentionFrom } : {}),
    ...(c.escalation ? { escalationOwnerId: c.escalation.owner.id } : {}),
  };
}

/** What a status change sets besides the status (the workflow check itself is checkTransition). */
export function transitionPatch(c: CaseRecord, to: CaseStatus, at: string): Partial<CaseRecord> {
  return {
    status: to,
    statusChangedAt: at,
    acknowledgedAt: c.acknowledgedAt ?? (to === 'acknowledged' ? at : null),
    closedAt: isOpenStatus(to) ? null : at,
    ...(to === 'reopened' ? { reopenCount: (c.reopenCount ?? 0) + 1 } : {}),
    // Closing ends any pause of the SLA clock.
    slaPauses: isOpenStatus(to) ? c.slaPauses : c.slaPauses.map((p) => (p.to ? p : { ...p, to: at })),
  };
}

/** Adds each delta to its counter with one read and one write; returns the new values by key. */
export async function bumpCounters(
  db: RedressDB,
  deltas: Record<string, number>,
): Promise<Record<string, number>> {
  const keys = Object.keys(deltas);
  const rows = await db.counters.bulkGet(keys);
  const next = keys.map((key, i) => ({ key, value: (rows[i]?.value ?? 0) + deltas[key]! }));
  await db.counters.bulkPut(next);
  return Object.fromEntries(next.map((r) => [r.key, r.value]));
}

/** The counter changes a case write implies (status and open/closed totals). */
function statusCounterDeltas(before: CaseRecord, after: CaseRecord): Record<string, number> {
  const deltas: Record<string, number> = {};
  if (before.status !== after.status) {
    deltas[statusCounterKey(before.status)] = -1;
    deltas[statusCounterKey(after.status)] = 1;
  }
  if (before.open !== after.open) deltas[CASES_OPEN_KEY] = after.open ? 1 : -1;
  return deltas;
}

/** The counter changes of a case another desk created, changed or deleted (team mode's pull). */
export function pulledCaseCounterDeltas(
  before: CaseRecord | undefined,
  after: CaseRecord | undefined,
): Record<string, number> {
  if (before && after) return statusCounterDeltas(before, after);
  const one = before ?? after;
  if (!one) return {};
  const sign = after ? 1 : -1;
  return {
    [CASES_TOTAL_KEY]: sign,
    [CASES_OPEN_KEY]: one.open ? sign : 0,
    [statusCounterKey(one.status)]: sign,
  };
}

type CreationRules = Pick<CaseRules, 'calendar' | 'taxonomy' | 'customRegime'>;

/** A complaint brought in from another system: its reference there, and the audit entry's reason. */
export interface ImportedFrom {
  externalRef: string;
  reason: string;
  /** When it was acknowledged there (null: not recorded). */
  acknowledgedAt?: string | null;
  /** Answered there already: the case is imported closed on its final response (null: open). */
  closing?: ImportedClosing | null;
  /** What the file recorded for the regulators' returns (null: nothing, as a new case). */
  returnData?: CaseReturnData | null;
}

/** The intake form's input checked against the intake rules and the office's categories. */
function checkNewCase(
  input: NewCaseInput,
  rules: CreationRules,
  schema: ReturnType<typeof makeNewCaseSchema>,
): NewCase {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const data = parsed.data;
  if (!isKnownCategory(rules.taxonomy, data.category)) {
    throw new ValidationError(tm('errors.case.unknownCategory', { category: data.category }), 'category');
  }
  if (data.subcategory && !isKnownCategory(rules.taxonomy, data.category, data.subcategory)) {
    throw new ValidationError(
      tm('errors.case.unknownSubcategory', { subcategory: data.subcategory, category: data.category }),
      'subcategory',
    );
  }
  return data;
}

/**
 * A new case as stored, with every derived field: the one builder for createCase, createCases and
 * the demo data.
 */
export function newCaseRecord(
  data: NewCase,
  rules: CreationRules,
  made: {
    id: string;
    reference: string;
    at: string;
    by: Actor;
    assignee: Actor | null;
    externalRef?: string;
    acknowledgedAt?: string | null;
    closing?: ImportedClosing | null;
    returnData?: CaseReturnData | null;
  },
): CaseRecord {
  const { at, assignee } = made;
  const receivedAt = new Date(data.receivedAt).toISOString();
  const record: CaseRecord = {
    ...data,
    id: made.id,
    reference: made.reference,
    status: INITIAL_STATUS,
    receivedAt,
    createdAt: at,
    createdBy: made.by,
    updatedAt: at,
    assignee,
    assigneeId: assignee?.id ?? '',
    escalation: null,
    deadlines: regulatoryDeadlines(receivedAt, data.regime, rules.calendar, rules.customRegime),
    nextDueAt: null,
    acknowledgedAt: null,
    holdingReplyAt: null,
    finalResponseAt: null,
    summaryResolutionAt: null,
    closedAt: null,
    open: 1,
    severityRank: SEVERITY_RANK[data.severity],
    finding: null,
    rootCause: '',
    slaPauses: [],
    statusChangedAt: at,
    checklist: {},
    lastActivityAt: at,
    informedAt: receivedAt,
    complainantKey: matchKey(data.complainant.name),
    accountKey: matchKey(data.accountRef),
    personKeys: personKeys(detailsOfCase(data)),
    ...(data.restricted ? { restrictedKey: 1 } : {}),
    ...(made.externalRef ? { externalRef: made.externalRef } : {}),
    ...(made.returnData ? { returnData: made.returnData } : {}),
  };
  record.nextDueAt = nextDueFor(record);
  if (record.personKeys.length) record.openPersonKeys = openPersonKeysOf(record);
  if (made.closing) return closedOnImport(record, made.acknowledgedAt ?? null, made.closing);
  return made.acknowledgedAt ? acknowledgedOnImport(record, made.acknowledgedAt) : record;
}

/** A complaint the legacy system had acknowledged: it arrives at that step of the workflow. */
function acknowledgedOnImport(record: CaseRecord, at: string): CaseRecord {
  return withDerivedFields({
    ...record,
    status: 'acknowledged',
    statusChangedAt: at,
    acknowledgedAt: at,
    informedAt: at,
  });
}

/**
 * A complaint the legacy system had answered: closed on the day its final response was sent, with
 * its finding; the complainant was last told then. The returns count it as the office answered it.
 */
function closedOnImport(
  record: CaseRecord,
  acknowledgedAt: string | null,
  closing: ImportedClosing,
): CaseRecord {
  const at = closing.finalResponseAt;
  return withDerivedFields({
    ...record,
    status: 'closed',
    statusChangedAt: at,
    acknowledgedAt,
    finalResponseAt: at,
    closedAt: at,
    informedAt: at,
    finding: closing.finding,
  });
}

/** Who makes a new case and who holds it first, in createCase and createCases. */
function madeBy(actor: Actor, now: Date, reference: string, imported: ImportedFrom | undefined) {
  return {
    id: crypto.randomUUID(),
    reference,
    at: now.toISOString(),
    by: actor,
    // An imported complaint waits in the unassigned queue: whoever imported it does not handle it.
    assignee: imported ? null : actor,
    externalRef: imported?.externalRef,
    acknowledgedAt: imported?.acknowledgedAt ?? null,
    closing: imported?.closing ?? null,
    returnData: imported?.returnData ?? null,
  };
}

/** The audit entry that records a case's creation. */
function creationAudit(record: CaseRecord, actor: Actor, imported: ImportedFrom | undefined): AuditDraft {
  return {
    at: record.createdAt,
    actor,
    entity: 'case',
    entityId: record.id,
    caseId: record.id,
    action: 'create',
    changes: creationChanges(record as unknown as Record<string, unknown>, CREATION_UNLISTED),
    ...(imported ? { reason: imported.reason } : {}),
  };
}

/** The tables a case's creation writes (its references may come from team mode's ranges in `syncState`). */
export const caseCreationTables = (db: RedressDB) => [db.cases, db.audit, db.counters, db.syncState];

/**
 * Takes `n` reference numbers of `now`'s year and moves the totals by `n`, in one counters write;
 * returns the references in order. Called inside the transaction that stores the cases: a failed
 * save never burns or reuses a reference. In team mode the numbers come from the ranges the server
 * gave this desk, and when those have run out, from the desk-prefixed fallback (reference.ts).
 */
async function allocateReferences(db: RedressDB, now: Date, n: number): Promise<string[]> {
  const year = now.getFullYear();
  const totals = {
    [CASES_TOTAL_KEY]: n,
    [CASES_OPEN_KEY]: n,
    [statusCounterKey(INITIAL_STATUS)]: n,
  };
  const [team, held] = await db.syncState.bulkGet([TEAM_MODE_KEY, REFERENCE_RANGES_KEY]);
  if (team?.on && team.deskId) {
    const taken = takeFromRanges(held?.ranges ?? [], year, n);
    const short = n - taken.sequences.length;
    await db.syncState.put({ key: REFERENCE_RANGES_KEY, ranges: taken.ranges });
    const counters = await bumpCounters(
      db,
      short ? { ...totals, [deskReferenceCounterKey(year)]: short } : totals,
    );
    const firstOwn = (counters[deskReferenceCounterKey(year)] ?? 0) - short + 1;
    return [
      ...taken.sequences.map((sequence) => formatReference(year, sequence)),
      ...Array.from({ length: short }, (_, i) => formatDeskReference(year, team.deskId!, firstOwn + i)),
    ];
  }
  const referenceKey = referenceCounterKey(year);
  const counters = await bumpCounters(db, { [referenceKey]: n, ...totals });
  const first = counters[referenceKey]! - n + 1;
  return Array.from({ length: n }, (_, i) => formatReference(year, first + i));
}

export async function createCase(
  db: RedressDB,
  input: NewCaseInput,
  by: ActingPerson,
  rules: CreationRules,
  now = new Date(),
  /** A complaint brought in from another system: its reference there, and the audit entry's reason. */
  imported?: ImportedFrom,
): Promise<CaseRecord> {
  assertMay(by, imported ? 'case.import' : 'case.create');
  const actor = personOf(by);
  const data = checkNewCase(input, rules, makeNewCaseSchema(now));
  return db.transaction('rw', caseCreationTables(db), async () => {
    if (data.relatedCaseIds.length) {
      const related = await db.cases.bulkGet(data.relatedCaseIds);
      if (related.some((r) => !r)) {
        throw new ValidationError(tm('errors.linkedCaseMissing'), 'relatedCaseIds');
      }
    }
    const [reference] = await allocateReferences(db, now, 1);
    const record = newCaseRecord(data, rules, madeBy(actor, now, reference!, imported));
    await db.cases.add(record);
    await appendAudit(db, creationAudit(record, actor, imported));
    return record;
  });
}

/** One case of a batch: created, or refused by a rule (nothing of it was written). */
export type BatchCreation = { ok: true; record: CaseRecord } | { ok: false; error: ValidationError };

/**
 * Creates many cases in one transaction, each exactly as createCase makes it, with a few
 * reads and writes for the whole batch instead of several per case: one block of reference
 * numbers and one counters write, one bulkAdd of cases, the batch's audit entries chained in
 * one go. A case a rule refuses is reported in its place and the others are created. `packTrail`:
 * the entries stored packed (audit-store.ts; the caller's transaction scope must hold auditPacks).
 */
export async function createCases(
  db: RedressDB,
  items: readonly { input: NewCaseInput; imported?: ImportedFrom }[],
  by: ActingPerson,
  rules: CreationRules,
  now = new Date(),
  { packTrail = false }: { packTrail?: boolean } = {},
): Promise<BatchCreation[]> {
  for (const action of new Set(items.map((i) => (i.imported ? 'case.import' : 'case.create') as Action)))
    assertMay(by, action);
  const actor = personOf(by);
  const schema = makeNewCaseSchema(now);
  const checked = items.map((item): { data: NewCase } | { error: ValidationError } => {
    try {
      return { data: checkNewCase(item.input, rules, schema) };
    } catch (error) {
      if (error instanceof ValidationError) return { error };
      throw error;
    }
  });
  const tables = [...caseCreationTables(db), ...(packTrail ? [db.auditPacks] : [])];
  return db.transaction('rw', tables, async () => {
    const relatedIds = [...new Set(checked.flatMap((c) => ('data' in c ? c.data.relatedCaseIds : [])))];
    const existing = new Set(
      relatedIds.length ? (await db.cases.bulkGet(relatedIds)).flatMap((r) => (r ? [r.id] : [])) : [],
    );
    const outcome = checked.map((c) =>
      'data' in c && c.data.relatedCaseIds.some((id) => !existing.has(id))
        ? { error: new ValidationError(tm('errors.linkedCaseMissing'), 'relatedCaseIds') }
        : c,
    );
    const creatable = outcome.filter((c) => 'data' in c).length;
    const references = creatable ? await allocateReferences(db, now, creatable) : [];
    let next = 0;
    const results = outcome.map((c, i): BatchCreation => {
      if ('error' in c) return { ok: false, error: c.error };
      const made = madeBy(actor, now, references[next++]!, items[i]!.imported);
      return { ok: true, record: newCaseRecord(c.data, rules, made) };
    });
    const created = results.flatMap((r, i) =>
      r.ok ? [{ record: r.record, imported: items[i]!.imported }] : [],
    );
    // The references' counters took every case as new and open: those imported at a later step move over.
    const moved: Record<string, number> = {};
    for (const { record } of created) {
      if (record.status === INITIAL_STATUS) continue;
      const deltas = statusCounterDeltas({ ...record, status: INITIAL_STATUS, open: 1 }, record);
      for (const [key, delta] of Object.entries(deltas)) moved[key] = (moved[key] ?? 0) + delta;
    }
    if (Object.keys(moved).length) await bumpCounters(db, moved);
    if (created.length) {
      // Both writes go to IndexedDB at once: the audit entries are hashed and handed over while
      // the cases are still being stored, not after (one transaction either way).
      await Promise.all([
        db.cases.bulkAdd(created.map((c) => c.record)),
        appendAudits(
          db,
          created.map((c) => creationAudit(c.record, actor, c.imported)),
          undefined,
          { packed: packTrail },
        ),
      ]);
    }
    return results;
  });
}

/** Each kind of change to a case (its audit action) and what the person making it must be allowed. */
const CASE_CHANGES = {
  transition: 'case.transition',
  assign: 'case.assign',
  escalate: 'case.escalate',
  'de-escalate': 'case.escalate',
  'checklist-tick': 'case.checklist',
  'checklist-untick': 'case.checklist',
  finding: 'investigation.edit',
  'sla-pause': 'case.edit',
  'sla-resume': 'case.edit',
  satisfaction: 'case.edit',
  'response-sent': 'communication.record',
  restrict: 'case.restrict',
  unrestrict: 'case.restrict',
  'legal-hold': 'case.legal-hold',
  'legal-hold-lift': 'case.legal-hold',
  'return-data': 'case.edit',
} as const satisfies Record<string, Action>;
export type CaseChange = keyof typeof CASE_CHANGES;

/**
 * The one way to change a case: reads it, checks the person may make this kind of change to it,
 * applies `change`, writes the result with a field-level audit entry, and keeps the counters right,
 * all in one transaction. `change` may throw to refuse.
 */
export async function updateCase(
  db: RedressDB,
  id: string,
  by: ActingPerson,
  action: CaseChange,
  change: (current: CaseRecord) => Partial<CaseRecord>,
  options: { reason?: string; now?: Date; expectedUpdatedAt?: string } = {},
): Promise<CaseRecord> {
  const now = options.now ?? new Date();
  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    const current = await db.cases.get(id);
    if (!current) throw new NotFoundError(tm('errors.caseNotFound'));
    // The rules refuse too every change to an anonymised case: what it removed must not come back.
    assertMay(by, CASE_CHANGES[action], { case: caseSubject(current) });
    const actor = personOf(by);
    if (options.expectedUpdatedAt && current.updatedAt !== options.expectedUpdatedAt) {
      throw new ConflictError(tm('errors.case.changedMeanwhile'));
    }
    const next = withDerivedFields({ ...current, ...change(current) });
    const changes = diffFields(
      current as unknown as Record<string, unknown>,
      next as unknown as Record<string, unknown>,
      DERIVED_FIELDS,
    );
    if (changes.length === 0) return current;
    next.updatedAt = now.toISOString();
    next.lastActivityAt = next.updatedAt;
    await db.cases.put(next);
    const deltas = statusCounterDeltas(current, next);
    if (Object.keys(deltas).length) await bumpCounters(db, deltas);
    await appendAudit(db, {
      at: next.updatedAt,
      actor,
      entity: 'case',
      entityId: id,
      caseId: id,
      action,
      changes,
      ...(options.reason ? { reason: options.reason } : {}),
    });
    return next;
  });
}

function refuse(result: WorkflowCheck): void {
  if (!result.ok) throw new ValidationError(tm(result.code, result.params), result.field);
}

/** Every fact about a case the workflow's guards need, as of `now` (the demo data builds it too). */
export function transitionContext(
  c: CaseRecord,
  rules: CaseRules,
  now: Instant,
  proposal: ProposalState | null,
  reason: string | undefined,
): TransitionContext {
  return {
    reason,
    summaryResolutionRegime: hasSummaryResolution(c.regime),
    summaryResolutionAllowed: summaryResolutionOpen(c.deadlines, now),
    checklist: Object.fromEntries(Object.keys(c.checklist).map((k) => [k, true])),
    requiredItems: rules.requiredChecklistItems ?? undefined,
    findingRecorded: !!c.finding,
    rootCauseRecorded: !!c.rootCause.trim(),
    requireFindingToLeaveInvestigation: rules.requireFindingToLeaveInvestigation,
    proposal,
    // Only an answer given since the case (last) entered follow-up counts.
    satisfaction: c.satisfaction && c.satisfaction.at >= c.statusChangedAt ? c.satisfaction : null,
    responseRecorded: !!(c.finalResponseAt || c.summaryResolutionAt),
    escalated: !!c.escalation,
  };
}

/** The proposal a move may rest on: a proposal the complainant rejected needs a new one written. */
function proposalReady(
  latest: { state: ProposalState; response: { outcome: string } | null } | undefined,
): ProposalState | null {
  if (!latest || latest.response?.outcome === 'rejected') return null;
  return latest.state;
}

/** The tables a status change reads and writes: a caller's own transaction must include them. */
export const transitionTables = (db: RedressDB) => [db.cases, db.audit, db.counters, db.resolutions];

/**
 * The one way a case's status changes. It gathers every fact the workflow's guards need (the
 * current proposal, the follow-up, the response sent, the escalation, the summary-resolution window)
 * and lets `checkTransition` decide, or refuses with the reason a person can act on.
 */
export function transitionCase(
  db: RedressDB,
  id: string,
  to: CaseStatus,
  by: ActingPerson,
  rules: CaseRules,
  options: { reason?: string; now?: Date } = {},
): Promise<CaseRecord> {
  const now = options.now ?? new Date();
  const reason = options.reason?.trim() || undefined;
  return db.transaction('rw', transitionTables(db), async () => {
    const proposal = await db.resolutions
      .where('[caseId+createdAt]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .last();
    return updateCase(
      db,
      id,
      by,
      'transition',
      (c) => {
        refuse(
          checkTransition(c.status, to, transitionContext(c, rules, now, proposalReady(proposal), reason)),
        );
        return transitionPatch(c, to, now.toISOString());
      },
      { now, ...(reason ? { reason } : {}) },
    );
  });
}

/** Assigns (or reassigns, which needs a reason) the officer who owns the case. */
export function assignCase(
  db: RedressDB,
  id: string,
  assignee: Actor | null,
  by: ActingPerson,
  options: { reason?: string; now?: Date } = {},
): Promise<CaseRecord> {
  const reason = options.reason?.trim() || undefined;
  return updateCase(
    db,
    id,
    by,
    'assign',
    (c) => {
      if (c.assignee && c.assignee.id !== assignee?.id && !reason) {
        throw new ValidationError(
          tm('errors.case.reassignReasonMissing', { name: c.assignee.name }),
          'reason',
        );
      }
      return { assignee: assignee && personOf(assignee) };
    },
    { ...options, ...(reason ? { reason } : {}) },
  );
}

/** Raises or clears the escalation flag (a reason and an owner are needed to raise it). */
export function setEscalation(
  db: RedressDB,
  id: string,
  escalation: { escalated: boolean; reason?: string; owner?: Actor },
  by: ActingPerson,
  now = new Date(),
): Promise<CaseRecord> {
  const actor = personOf(by);
  const reason = escalation.reason?.trim() || undefined;
  return updateCase(
    db,
    id,
    by,
    escalation.escalated ? 'escalate' : 'de-escalate',
    () => {
      refuse(checkEscalation({ escalated: escalation.escalated, reason, ownerId: escalation.owner?.id }));
      return {
        escalation:
          escalation.escalated && escalation.owner && reason
            ? { reason, owner: personOf(escalation.owner), at: now.toISOString(), by: actor }
            : null,
      };
    },
    { now, ...(reason ? { reason } : {}) },
  );
}

/** Ticks or clears one checklist item of the case's current stage. */
export function setChecklistItem(
  db: RedressDB,
  id: string,
  itemId: string,
  done: boolean,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  return updateCase(
    db,
    id,
    by,
    done ? 'checklist-tick' : 'checklist-untick',
    (c) => {
      const checklist = { ...c.checklist };
      if (done) checklist[itemId] = { by: actor, at: now.toISOString() };
      else delete checklist[itemId];
      return { checklist };
    },
    { now },
  );
}

/** Records the investigation's finding and root cause. */
export function recordFinding(
  db: RedressDB,
  id: string,
  values: { finding: Finding | null; rootCause: string },
  by: ActingPerson,
  now = new Date(),
) {
  return updateCase(
    db,
    id,
    by,
    'finding',
    () => ({ finding: values.finding, rootCause: values.rootCause.trim() }),
    { now },
  );
}

/** Stops the internal SLA clock while the case waits on the complainant (a reason is required). */
export function pauseSla(db: RedressDB, id: string, reason: string, by: ActingPerson, now = new Date()) {
  const why = reason.trim();
  return updateCase(
    db,
    id,
    by,
    'sla-pause',
    (c) => {
      if (!why) throw new ValidationError(tm('errors.case.pauseReasonMissing'), 'reason');
      if (c.open !== 1) throw new ValidationError(tm('errors.case.pauseClosed'));
      if (c.slaPauses.some((p) => !p.to)) throw new ConflictError(tm('errors.case.alreadyPaused'));
      return { slaPauses: [...c.slaPauses, { from: now.toISOString(), to: null, reason: why }] };
    },
    { now, reason: why },
  );
}

export function resumeSla(db: RedressDB, id: string, by: ActingPerson, now = new Date()) {
  return updateCase(
    db,
    id,
    by,
    'sla-resume',
    (c) => {
      if (!c.slaPauses.some((p) => !p.to)) throw new ConflictError(tm('errors.case.notPaused'));
      return { slaPauses: c.slaPauses.map((p) => (p.to ? p : { ...p, to: now.toISOString() })) };
    },
    { now },
  );
}

const DUPLICATE_WINDOW_MS = 90 * 86_400_000;
/** How many possible repeats intake shows. */
const DUPLICATES_SHOWN = 10;

/** Each case once, newest received first (ties: the later id first, as the index lists them). */
function newestFirstOnce(found: readonly OpenCaseKey[]): OpenCaseKey[] {
  const byId = new Map(found.map((c) => [c.id, c]));
  return [...byId.values()].sort((a, b) =>
    a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1,
  );
}

/**
 * Open cases from the last 90 days of the same complainant, recognised by any one of name
 * (ignoring case and accents), e-mail, phone or account reference (complainant-match.ts): shown
 * while typing so a repeat complaint is linked, not logged twice. Only cases the viewer may see: a
 * restricted case is not hinted at to others.
 *
 * A common name has hundreds of cases: the openPersonKeys index gives each detail's recent open
 * cases newest first from its keys alone, a few at a time, and only the rows shown are read.
 */
export async function findPossibleDuplicates(
  db: RedressDB,
  probe: { name: string; accountRef: string; email?: string; phone?: string },
  viewer: PermissionActor,
  now = new Date(),
  excludeId?: string,
): Promise<CaseRecord[]> {
  const keys = personKeys({ email: '', phone: '', ...probe });
  if (keys.length === 0) return [];
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  return db.transaction('r', db.cases, async () => {
    for (let limit = DUPLICATES_SHOWN * 2; ; limit *= 4) {
      const lists = await Promise.all(keys.map((k) => newestOpenCasesByPersonKey(db, k, since, limit)));
      // A list cut at `limit` may go on with older cases: the merged order is only sure above its
      // last receipt (and above the latest such receipt when several lists were cut).
      const cuts = lists.filter((l) => l.length === limit).map((l) => l.at(-1)!.receivedAt);
      const sureAbove = cuts.reduce((a, b) => (a > b ? a : b), '');
      const candidates = newestFirstOnce(lists.flat()).filter(
        (c) => c.id !== excludeId && (cuts.length === 0 || c.receivedAt > sureAbove),
      );
      const shown: CaseRecord[] = [];
      for (let i = 0; i < candidates.length && shown.length < DUPLICATES_SHOWN; i += DUPLICATES_SHOWN) {
        const rows = await casesByIds(
          db,
          candidates.slice(i, i + DUPLICATES_SHOWN).map((c) => c.id),
        );
        shown.push(...rows.filter((c) => seesCase(viewer, caseSubject(c))));
      }
      if (shown.length >= DUPLICATES_SHOWN || cuts.length === 0) return shown.slice(0, DUPLICATES_SHOWN);
    }
  });
}

export const NEWEST_PAGE_SIZE = 50;

/** A page of cases, newest received first (keyset paging on [receivedAt+id]). */
export async function listCasesNewestFirst(
  db: RedressDB,
  after?: Pick<CaseRecord, 'receivedAt' | 'id'>,
  limit = NEWEST_PAGE_SIZE,
): Promise<CaseRecord[]> {
  const index = db.cases.where('[receivedAt+id]');
  const range = after ? index.below([after.receivedAt, after.id]) : index.above([Dexie.minKey, Dexie.minKey]);
  return range.reverse().limit(limit).toArray();
}

export async function countCases(db: RedressDB): Promise<number> {
  return (await db.counters.get(CASES_TOTAL_KEY))?.value ?? 0;
}

/** The number of cases this person sees: the kept total, less what is hidden from them. */
export async function countVisibleCases(db: RedressDB, viewer: PermissionActor): Promise<number> {
  switch (viewScope(viewer)) {
    case 'all':
      return countCases(db);
    case 'none':
      return 0;
    case 'restricted':
      return (await countCases(db)) - (await hiddenRestrictedIds(db, viewer)).size;
    case 'each':
      return db.cases.filter((c) => seesCase(viewer, caseSubject(c))).count();
  }
}
