// Investigation repository: plan items, notes, interviews, evidence metadata and internal enquiries.
// Each write runs in one transaction with its audit entry (entity = the table's row kind, caseId
// set), so the case timeline and the audit trail show every step. The rules live in src-shared.
import Dexie, { type Table } from 'dexie';
import type { z } from 'zod';
import type { FieldChange } from '../../src-shared/domain/audit';
import type { CaseRecord } from '../../src-shared/domain/case';
import { diffFields } from '../../src-shared/domain/diff';
import {
  AddendumInputSchema,
  canAddAddendum,
  canEditInterview,
  canEditNote,
  canSignOff,
  EnquiryAnswerSchema,
  EnquiryInputSchema,
  EvidenceInputSchema,
  InterviewInputSchema,
  interviewContentHash,
  NoteInputSchema,
  PlanItemInputSchema,
  RootCauseFindingSchema,
  type AddendumInput,
  type Enquiry,
  type EnquiryAnswerInput,
  type EnquiryInput,
  type EvidenceInput,
  type EvidenceRecord,
  type InterviewInput,
  type InterviewRecord,
  type InvestigationNote,
  type NoteInput,
  type Permission,
  type PlanItem,
  type PlanItemInput,
  type RootCauseFindingInput,
} from '../../src-shared/domain/investigation';
import {
  NotFoundError,
  PermissionError,
  ValidationError,
  validationErrorFromZod,
} from '../../src-shared/errors';
import type { SharedKey } from '../../src-shared/i18n';
import { caseSubject, personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { tm } from '../i18n';
import { appendAudit } from './audit-log';
import { caseByReference } from './case-query';
import { updateCase } from './cases';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

type Row = { id: string; caseId: string };
// Some entries carry an unchanged field (before = after) beside the change: it names the record
// (who was interviewed, which file) so the timeline can say what the step was about.
type Entity = 'plan-item' | 'note' | 'interview' | 'evidence' | 'enquiry';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationErrorFromZod(result.error);
  return result.data;
}

function allow(permission: Permission): void {
  if (!permission.ok) throw new PermissionError(permission.message);
}

/** A case's rows of one table, oldest first, through its [caseId+<time>] index. */
export function rowsOfCase<T>(
  table: Table<T, string>,
  caseId: string,
  timeField = 'createdAt',
): Promise<T[]> {
  return table
    .where(`[caseId+${timeField}]`)
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .toArray();
}

async function openCase(db: RedressDB, caseId: string): Promise<CaseRecord> {
  const c = await db.cases.get(caseId);
  if (!c) throw new NotFoundError(tm('errors.caseNotFound'));
  if (c.open !== 1) throw new PermissionError(tm('errors.investigation.caseClosed'));
  return c;
}

const created = (row: object, ignore: string[] = []): FieldChange[] =>
  diffFields({}, row as Record<string, unknown>, ['id', 'caseId', ...ignore]);

/**
 * One audited write: `change` runs inside the transaction (reading the row and the case) and
 * returns the row to store with its audit details; nothing is written if it throws, nor unless the
 * person may record the investigation of that case.
 */
async function write<T extends Row>(
  db: RedressDB,
  table: Table<T, string>,
  entity: Entity,
  by: ActingPerson,
  now: Date,
  change: () => Promise<{ row: T; action: string; changes: FieldChange[]; reason?: string }>,
): Promise<T> {
  return db.transaction('rw', [table, db.cases, db.audit, db.counters], async () => {
    const { row, action, changes, reason } = await change();
    const c = await openCase(db, row.caseId);
    assertMay(by, 'investigation.edit', { case: caseSubject(c) });
    await table.put(row);
    await appendAudit(db, {
      at: now.toISOString(),
      actor: personOf(by),
      entity,
      entityId: row.id,
      caseId: row.caseId,
      action,
      changes,
      ...(reason ? { reason } : {}),
    });
    return row;
  });
}

async function existing<T>(table: Table<T, string>, id: string, notFound: SharedKey): Promise<T> {
  const row = await table.get(id);
  if (!row) throw new NotFoundError(tm(notFound));
  return row;
}

// ── Plan ────────────────────────────────────────────────────────────────────────────────────
export async function addPlanItem(
  db: RedressDB,
  caseId: string,
  input: PlanItemInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(PlanItemInputSchema, input);
  const row: PlanItem = {
    ...data,
    id: crypto.randomUUID(),
    caseId,
    createdAt: now.toISOString(),
    createdBy: actor,
    done: null,
  };
  return write(db, db.planItems, 'plan-item', by, now, async () => ({
    row,
    action: 'plan-add',
    changes: created(row, ['createdAt', 'createdBy', 'done', 'ownerId']),
  }));
}

export async function setPlanItemDone(
  db: RedressDB,
  id: string,
  done: boolean,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  return write(db, db.planItems, 'plan-item', by, now, async () => {
    const before = await existing(db.planItems, id, 'errors.investigation.planItemNotFound');
    const row: PlanItem = { ...before, done: done ? { by: actor, at: now.toISOString() } : null };
    return {
      row,
      action: done ? 'plan-done' : 'plan-reopen',
      changes: [
        { field: 'text', before: before.text, after: row.text },
        ...diffFields({ done: before.done }, { done: row.done }),
      ],
    };
  });
}

// ── Notes ───────────────────────────────────────────────────────────────────────────────────
export async function addNote(
  db: RedressDB,
  caseId: string,
  input: NoteInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(NoteInputSchema, input);
  const row: InvestigationNote = {
    ...data,
    id: crypto.randomUUID(),
    caseId,
    author: actor,
    createdAt: now.toISOString(),
    editedAt: null,
  };
  return write(db, db.notes, 'note', by, now, async () => ({
    row,
    action: 'note-add',
    changes: created(row, ['author', 'createdAt', 'editedAt']),
  }));
}

/** Changes a note's text: only its author, only while the case is open; the old text stays in the trail. */
export async function editNote(db: RedressDB, id: string, text: string, by: ActingPerson, now = new Date()) {
  const actor = personOf(by);
  return write(db, db.notes, 'note', by, now, async () => {
    const before = await existing(db.notes, id, 'errors.investigation.noteNotFound');
    const c = await db.cases.get(before.caseId);
    allow(canEditNote(before, actor.id, c?.open === 1));
    const data = parse(NoteInputSchema, { text, pinned: before.pinned });
    if (data.text === before.text)
      throw new ValidationError(tm('errors.investigation.noteUnchanged'), 'text');
    const row: InvestigationNote = { ...before, text: data.text, editedAt: now.toISOString() };
    return { row, action: 'note-edit', changes: [{ field: 'text', before: before.text, after: row.text }] };
  });
}

/** Pinning keeps a note at the top for the whole team; anyone may do it while the case is open. */
export async function setNotePinned(
  db: RedressDB,
  id: string,
  pinned: boolean,
  by: ActingPerson,
  now = new Date(),
) {
  return write(db, db.notes, 'note', by, now, async () => {
    const before = await existing(db.notes, id, 'errors.investigation.noteNotFound');
    const row: InvestigationNote = { ...before, pinned };
    return {
      row,
      action: pinned ? 'note-pin' : 'note-unpin',
      changes: [{ field: 'pinned', before: before.pinned, after: pinned }],
    };
  });
}

// ── Interviews ──────────────────────────────────────────────────────────────────────────────
export async function addInterview(
  db: RedressDB,
  caseId: string,
  input: InterviewInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(InterviewInputSchema, input);
  const at = now.toISOString();
  const row: InterviewRecord = {
    ...data,
    id: crypto.randomUUID(),
    caseId,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    status: 'draft',
    signedOff: null,
    addenda: [],
  };
  return write(db, db.interviews, 'interview', by, now, async () => ({
    row,
    action: 'interview-add',
    changes: created(row, ['createdAt', 'createdBy', 'updatedAt', 'signedOff', 'addenda']),
  }));
}

/** Corrects a draft interview; a signed-off one is refused (see canEditInterview). */
export async function updateInterview(
  db: RedressDB,
  id: string,
  input: InterviewInput,
  by: ActingPerson,
  now = new Date(),
) {
  return write(db, db.interviews, 'interview', by, now, async () => {
    const before = await existing(db.interviews, id, 'errors.investigation.interviewNotFound');
    allow(canEditInterview(before));
    const data = parse(InterviewInputSchema, input);
    const row: InterviewRecord = { ...before, ...data, updatedAt: now.toISOString() };
    const changes = diffFields(
      before as unknown as Record<string, unknown>,
      row as unknown as Record<string, unknown>,
      ['updatedAt'],
    );
    if (!changes.length) throw new ValidationError(tm('errors.investigation.interviewUnchanged'));
    return { row, action: 'interview-edit', changes };
  });
}

/** Signs the record off: who and when are recorded and the record is locked from then on. */
export async function signOffInterview(db: RedressDB, id: string, by: ActingPerson, now = new Date()) {
  const actor = personOf(by);
  return write(db, db.interviews, 'interview', by, now, async () => {
    const before = await existing(db.interviews, id, 'errors.investigation.interviewNotFound');
    allow(canSignOff(before));
    // What was agreed, fingerprinted: the team server refuses a sign-off of content changed meanwhile.
    const signedOff = { by: actor, at: now.toISOString(), contentHash: interviewContentHash(before) };
    const row: InterviewRecord = { ...before, status: 'signed-off', signedOff, updatedAt: signedOff.at };
    return {
      row,
      action: 'interview-sign-off',
      changes: [
        { field: 'intervieweeName', before: before.intervieweeName, after: before.intervieweeName },
        { field: 'status', before: 'draft', after: 'signed-off' },
      ],
    };
  });
}

/** A correction or addition to a signed-off record, shown under it; the original is untouched. */
export async function addAddendum(
  db: RedressDB,
  id: string,
  input: AddendumInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(AddendumInputSchema, input);
  return write(db, db.interviews, 'interview', by, now, async () => {
    const before = await existing(db.interviews, id, 'errors.investigation.interviewNotFound');
    allow(canAddAddendum(before));
    const addendum = { id: crypto.randomUUID(), ...data, by: actor, at: now.toISOString() };
    const row: InterviewRecord = { ...before, addenda: [...before.addenda, addendum] };
    return {
      row,
      action: 'interview-addendum',
      changes: [
        { field: 'intervieweeName', before: before.intervieweeName, after: before.intervieweeName },
        { field: 'addendum', before: null, after: data.text },
      ],
      reason: data.reason,
    };
  });
}

// ── Evidence ────────────────────────────────────────────────────────────────────────────────
/** Records a file already in the evidence store (see useEvidenceUpload) against the case. */
export async function addEvidence(
  db: RedressDB,
  caseId: string,
  input: EvidenceInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(EvidenceInputSchema, input);
  const row: EvidenceRecord = {
    ...data,
    id: crypto.randomUUID(),
    caseId,
    addedBy: actor,
    addedAt: now.toISOString(),
    superseded: null,
  };
  return write(db, db.evidence, 'evidence', by, now, async () => ({
    row,
    action: 'evidence-add',
    changes: created(row, ['addedBy', 'addedAt', 'superseded']),
  }));
}

/** Evidence is never deleted: it is marked superseded, with a reason, and stays listed. */
export async function supersedeEvidence(
  db: RedressDB,
  id: string,
  reason: string,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const why = reason.trim();
  if (!why) throw new ValidationError(tm('errors.investigation.supersedeReasonMissing'), 'reason');
  return write(db, db.evidence, 'evidence', by, now, async () => {
    const before = await existing(db.evidence, id, 'errors.investigation.fileNotFound');
    if (before.superseded) throw new ValidationError(tm('errors.investigation.alreadySuperseded'));
    const row: EvidenceRecord = { ...before, superseded: { reason: why, by: actor, at: now.toISOString() } };
    return {
      row,
      action: 'evidence-supersede',
      changes: [
        { field: 'name', before: before.name, after: before.name },
        { field: 'superseded', before: false, after: true },
      ],
      reason: why,
    };
  });
}

// ── Internal enquiries ──────────────────────────────────────────────────────────────────────
export async function addEnquiry(
  db: RedressDB,
  caseId: string,
  input: EnquiryInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(EnquiryInputSchema, input);
  const row: Enquiry = {
    ...data,
    id: crypto.randomUUID(),
    caseId,
    createdAt: now.toISOString(),
    createdBy: actor,
    answer: null,
  };
  return write(db, db.enquiries, 'enquiry', by, now, async () => ({
    row,
    action: 'enquiry-add',
    changes: created(row, ['createdAt', 'createdBy', 'answer']),
  }));
}

export async function answerEnquiry(
  db: RedressDB,
  id: string,
  input: EnquiryAnswerInput,
  by: ActingPerson,
  now = new Date(),
) {
  const actor = personOf(by);
  const data = parse(EnquiryAnswerSchema, input);
  return write(db, db.enquiries, 'enquiry', by, now, async () => {
    const before = await existing(db.enquiries, id, 'errors.investigation.enquiryNotFound');
    if (before.answer) throw new ValidationError(tm('errors.investigation.enquiryAlreadyAnswered'));
    if (data.answeredDate < before.sentDate)
      throw new ValidationError(tm('errors.investigation.answerBeforeSent'), 'answeredDate');
    const row: Enquiry = { ...before, answer: { ...data, recordedBy: actor, recordedAt: now.toISOString() } };
    return {
      row,
      action: 'enquiry-answer',
      changes: [
        { field: 'recipient', before: before.recipient, after: before.recipient },
        { field: 'answer', before: null, after: data.answer },
      ],
    };
  });
}

// ── Root cause and finding (on the case record itself, so through updateCase) ────────────────
/**
 * Records the finding with its rationale, the root-cause classification (kept in `rootCause`,
 * which the dashboard reads) and whether the issue is isolated or recurring.
 */
export async function recordRootCauseAndFinding(
  db: RedressDB,
  caseId: string,
  input: RootCauseFindingInput,
  rootCauses: readonly string[],
  by: ActingPerson,
  now = new Date(),
) {
  const data = parse(RootCauseFindingSchema, input);
  if (!rootCauses.includes(data.rootCause)) {
    throw new ValidationError(
      tm('errors.investigation.unknownRootCause', { rootCause: data.rootCause }),
      'rootCause',
    );
  }
  return updateCase(
    db,
    caseId,
    by,
    'finding',
    (c) => {
      if (c.open !== 1) throw new PermissionError(tm('errors.investigation.findingCaseClosed'));
      if (data.similarCaseIds.includes(caseId))
        throw new ValidationError(tm('errors.investigation.similarToItself'), 'similarCaseIds');
      return {
        finding: data.finding,
        rootCause: data.rootCause,
        findingDetail: {
          rationale: data.rationale,
          contributingFactors: data.contributingFactors,
          recurrence: data.recurrence,
          similarCaseIds: data.similarCaseIds,
        },
      };
    },
    { now },
  );
}

/**
 * Case ids for references typed by a person (e.g. "CMP-2026-000012"); unknown ones, and cases hidden
 * from them, are refused by name alike.
 */
export async function caseIdsForReferences(
  db: RedressDB,
  references: readonly string[],
  viewer: ActingPerson,
): Promise<string[]> {
  const refs = [...new Set(references.map((r) => r.trim().toUpperCase()).filter(Boolean))];
  const found = await Promise.all(refs.map((r) => caseByReference(db, r, viewer)));
  const missing = refs.filter((_r, i) => !found[i]);
  if (missing.length) {
    throw new ValidationError(
      tm('errors.investigation.unknownReferences', { references: missing.join(', ') }),
      'similarCaseIds',
    );
  }
  return found.map((c) => c!.id);
}
