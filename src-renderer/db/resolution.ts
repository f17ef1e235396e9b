// Resolution proposals, their approval, the complainant's response, and consultations. Workflow
// moves go through transitionCase / setEscalation (the workflow machine decides), in the same
// transaction as the proposal change and its audit entry.
import Dexie from 'dexie';
import { z } from 'zod';
import type { Actor, CaseRecord } from '../../src-shared/domain/case';
import type { CaseStatus } from '../../src-shared/domain/workflow';
import { diffFields } from '../../src-shared/domain/diff';
import type { AuditDraft } from '../../src-shared/domain/audit';
import {
  ApprovalDecisionSchema,
  approvalReasons,
  canGoToComplainant,
  ComplainantResponseSchema,
  ConsultationAnswerSchema,
  fairnessSummary,
  ProposalSchema,
  similarKey,
  type ApprovalDecision,
  type ApprovalReason,
  type ApprovalRules,
  type ComplainantResponse,
  type ProposalInput,
  type ProposalState,
  type Remedy,
} from '../../src-shared/domain/resolution';
import type { Role } from '../../src-shared/domain/users';
import {
  ConflictError,
  NotFoundError,
  PermissionError,
  ValidationError,
  validationErrorFromZod,
} from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import { setEscalation, transitionCase, type CaseRules } from './cases';
import type { RedressDB } from './schema';

export interface Decision {
  outcome: ApprovalDecision;
  comment: string;
  by: Actor;
  at: string;
}

export interface ResolutionRecord {
  id: string;
  caseId: string;
  caseReference: string;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  summary: string;
  remedies: Remedy[];
  legal: boolean;
  /** Category and root cause at proposal time, for the fairness aid. */
  similarKey: string;
  state: ProposalState;
  approvalReasons: ApprovalReason[];
  requestedAt: string | null;
  decision: Decision | null;
  /** When the proposal was put to the complainant. */
  proposedAt: string | null;
  response: { outcome: ComplainantResponse; note: string; at: string; by: Actor } | null;
}

const AUDIT_IGNORE = ['id', 'caseId', 'caseReference', 'createdAt', 'createdBy', 'updatedAt', 'similarKey'];

/** The audit entry of a change to a proposal (also used by the demo data, which writes in bulk). */
export function resolutionAuditDraft(
  before: ResolutionRecord | null,
  after: ResolutionRecord,
  actor: Actor,
  action: string,
  reason?: string,
): AuditDraft {
  return {
    at: after.updatedAt,
    actor,
    entity: 'resolution',
    entityId: after.id,
    caseId: after.caseId,
    action,
    changes: diffFields(
      (before ?? {}) as unknown as Record<string, unknown>,
      after as unknown as Record<string, unknown>,
      AUDIT_IGNORE,
    ),
    ...(reason ? { reason } : {}),
  };
}

async function audit(
  db: RedressDB,
  before: ResolutionRecord | null,
  after: ResolutionRecord,
  actor: Actor,
  action: string,
  reason?: string,
) {
  await appendAudit(db, resolutionAuditDraft(before, after, actor, action, reason));
}

const TABLES = (db: RedressDB) => [db.cases, db.resolutions, db.audit, db.counters];

/** The case's current proposal (the newest), or null. */
export async function currentResolution(db: RedressDB, caseId: string): Promise<ResolutionRecord | null> {
  return (
    (await db.resolutions
      .where('[caseId+createdAt]')
      .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
      .last()) ?? null
  );
}

export function caseResolutions(db: RedressDB, caseId: string): Promise<ResolutionRecord[]> {
  return db.resolutions
    .where('[caseId+createdAt]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .reverse()
    .toArray();
}

/** Can this proposal still be edited in place? Once put to the complainant or decided, a change is a new proposal. */
const editable = (r: ResolutionRecord) =>
  r.proposedAt === null &&
  (r.state === 'draft' || r.state === 'awaiting-approval' || r.state === 'approval-not-needed');

/**
 * Saves the proposal. It needs a manager's approval when the office's rules say so: then it waits
 * for a decision; otherwise it may go to the complainant at once.
 */
export async function saveProposal(
  db: RedressDB,
  caseId: string,
  input: ProposalInput,
  actor: Actor,
  rules: ApprovalRules,
  now = new Date(),
): Promise<ResolutionRecord> {
  const parsed = ProposalSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const at = now.toISOString();
  return db.transaction('rw', TABLES(db), async () => {
    const c = await db.cases.get(caseId);
    if (!c) throw new NotFoundError('This case no longer exists.');
    if (c.open !== 1) throw new ValidationError('This case is closed. Reopen it to propose a resolution.');
    const current = await currentResolution(db, caseId);
    const reasons = approvalReasons(parsed.data, c.severity, rules);
    const fields = {
      ...parsed.data,
      similarKey: similarKey(c.category, c.rootCause),
      state: (reasons.length ? 'awaiting-approval' : 'approval-not-needed') as ProposalState,
      approvalReasons: reasons,
      requestedAt: reasons.length ? at : null,
      decision: null,
      updatedAt: at,
    };
    if (current && editable(current)) {
      const next = { ...current, ...fields };
      await db.resolutions.put(next);
      await audit(db, current, next, actor, 'proposal-update');
      return next;
    }
    const row: ResolutionRecord = {
      id: crypto.randomUUID(),
      caseId,
      caseReference: c.reference,
      createdAt: at,
      createdBy: actor,
      proposedAt: null,
      response: null,
      ...fields,
    };
    await db.resolutions.add(row);
    await audit(db, null, row, actor, 'proposal-create');
    return row;
  });
}

async function load(db: RedressDB, id: string): Promise<ResolutionRecord> {
  const r = await db.resolutions.get(id);
  if (!r) throw new NotFoundError('This proposal no longer exists.');
  return r;
}

/** A manager approves, rejects or asks for changes, with a comment (required unless approving). */
export async function decideApproval(
  db: RedressDB,
  id: string,
  decision: { outcome: ApprovalDecision; comment: string },
  actor: Actor & { role: Role },
  now = new Date(),
): Promise<ResolutionRecord> {
  if (actor.role !== 'manager')
    throw new PermissionError('Only a manager can decide on a resolution that needs approval.');
  const parsed = ApprovalDecisionSchema.safeParse(decision);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { comment } = parsed.data;
  return db.transaction('rw', TABLES(db), async () => {
    const r = await load(db, id);
    if (r.state !== 'awaiting-approval')
      throw new ConflictError('This proposal is not waiting for approval any more.');
    const at = now.toISOString();
    const next: ResolutionRecord = {
      ...r,
      state: decision.outcome,
      decision: { outcome: decision.outcome, comment, by: { id: actor.id, name: actor.name }, at },
      updatedAt: at,
    };
    await db.resolutions.put(next);
    await audit(
      db,
      r,
      next,
      { id: actor.id, name: actor.name },
      `approval-${decision.outcome}`,
      comment || undefined,
    );
    return next;
  });
}

/** Puts the (approved) proposal to the complainant: the case moves to Resolution proposed. */
export async function proposeToComplainant(
  db: RedressDB,
  id: string,
  actor: Actor,
  rules: CaseRules,
  now = new Date(),
): Promise<ResolutionRecord> {
  return db.transaction('rw', TABLES(db), async () => {
    const r = await load(db, id);
    if (!canGoToComplainant(r.state)) {
      throw new ValidationError(
        r.state === 'awaiting-approval'
          ? 'A manager must approve this proposal before it goes to the complainant.'
          : 'Revise this proposal before it goes to the complainant.',
      );
    }
    if (r.proposedAt) throw new ConflictError('This proposal has already been put to the complainant.');
    const c = (await db.cases.get(r.caseId)) as CaseRecord;
    if (c.status !== 'resolution-proposed')
      await transitionCase(db, r.caseId, 'resolution-proposed', actor, rules, { now });
    const next = { ...r, proposedAt: now.toISOString(), updatedAt: now.toISOString() };
    await db.resolutions.put(next);
    await audit(db, r, next, actor, 'proposal-sent');
    return next;
  });
}

/**
 * Records the complainant's answer. Accepted → Resolution accepted; rejected → Resolution rejected
 * (and escalated when an owner is named); no reply → noted, the case waits.
 */
export async function recordResponse(
  db: RedressDB,
  id: string,
  response: { outcome: ComplainantResponse; note: string; escalateTo?: Actor | null },
  actor: Actor,
  rules: CaseRules,
  now = new Date(),
): Promise<ResolutionRecord> {
  const parsed = ComplainantResponseSchema.safeParse(response);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const { note } = parsed.data;
  return db.transaction('rw', TABLES(db), async () => {
    const r = await load(db, id);
    if (!r.proposedAt) throw new ValidationError('Put the proposal to the complainant first.');
    if (r.response && r.response.outcome !== 'no-reply')
      throw new ConflictError('The complainant’s answer is already recorded.');
    if (response.outcome !== 'no-reply') {
      const to = response.outcome === 'accepted' ? 'resolution-accepted' : 'resolution-rejected';
      await transitionCase(db, r.caseId, to, actor, rules, { now, ...(note ? { reason: note } : {}) });
    }
    if (response.outcome === 'rejected' && response.escalateTo) {
      await setEscalation(
        db,
        r.caseId,
        { escalated: true, reason: note, owner: response.escalateTo },
        actor,
        now,
      );
    }
    const at = now.toISOString();
    const next: ResolutionRecord = {
      ...r,
      response: { outcome: response.outcome, note, at, by: actor },
      updatedAt: at,
    };
    await db.resolutions.put(next);
    await audit(db, r, next, actor, `response-${response.outcome}`, note || undefined);
    return next;
  });
}

/** Proposals waiting for a manager, oldest request first. */
export function awaitingApproval(db: RedressDB, limit = 100): Promise<ResolutionRecord[]> {
  return db.resolutions
    .where('[state+updatedAt]')
    .between(['awaiting-approval', Dexie.minKey], ['awaiting-approval', Dexie.maxKey])
    .limit(limit)
    .toArray();
}

/** What other cases with the same category and root cause received (their newest proposals). */
export async function similarRemedies(db: RedressDB, c: CaseRecord, limit = 500) {
  const rows = await db.resolutions
    .where('similarKey')
    .equals(similarKey(c.category, c.rootCause))
    .limit(limit)
    .toArray();
  const newest = new Map<string, ResolutionRecord>();
  for (const r of rows) {
    if (r.caseId === c.id || r.state === 'rejected') continue;
    if ((newest.get(r.caseId)?.createdAt ?? '') < r.createdAt) newest.set(r.caseId, r);
  }
  return fairnessSummary([...newest.values()]);
}

export const CONSULTEES = ['legal', 'compliance', 'senior-management', 'other'] as const;

export const ConsultationSchema = z.object({
  with: z.enum(CONSULTEES, { error: 'Choose who was consulted.' }),
  person: z.string().trim().min(1, 'Enter who was asked.').max(200, 'Use at most 200 characters.'),
  question: z.string().trim().min(1, 'Enter what was asked.').max(5000, 'Use at most 5,000 characters.'),
  askedAt: z.iso.datetime({ offset: true, error: 'Enter when they were asked.' }),
});
export type ConsultationInput = z.input<typeof ConsultationSchema>;

export interface ConsultationRecord extends z.output<typeof ConsultationSchema> {
  id: string;
  caseId: string;
  answer: string;
  answeredAt: string | null;
  recordedBy: Actor;
}

export async function addConsultation(
  db: RedressDB,
  caseId: string,
  input: ConsultationInput,
  actor: Actor,
): Promise<ConsultationRecord> {
  const parsed = ConsultationSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const row: ConsultationRecord = {
    ...parsed.data,
    askedAt: new Date(parsed.data.askedAt).toISOString(),
    id: crypto.randomUUID(),
    caseId,
    answer: '',
    answeredAt: null,
    recordedBy: actor,
  };
  await db.transaction('rw', [db.consultations, db.audit, db.counters], async () => {
    await db.consultations.add(row);
    await appendAudit(db, {
      at: new Date().toISOString(),
      actor,
      entity: 'consultation',
      entityId: row.id,
      caseId,
      action: 'consultation-ask',
      changes: diffFields({}, row as unknown as Record<string, unknown>, [
        'id',
        'caseId',
        'recordedBy',
        'answer',
        'answeredAt',
      ]),
    });
  });
  return row;
}

export async function answerConsultation(
  db: RedressDB,
  id: string,
  answer: string,
  actor: Actor,
  now = new Date(),
): Promise<ConsultationRecord> {
  const parsed = ConsultationAnswerSchema.safeParse({ answer });
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const text = parsed.data.answer;
  return db.transaction('rw', [db.consultations, db.audit, db.counters], async () => {
    const row = await db.consultations.get(id);
    if (!row) throw new NotFoundError('This consultation no longer exists.');
    const next = { ...row, answer: text, answeredAt: now.toISOString() };
    await db.consultations.put(next);
    await appendAudit(db, {
      at: next.answeredAt,
      actor,
      entity: 'consultation',
      entityId: id,
      caseId: row.caseId,
      action: 'consultation-answer',
      changes: [{ field: 'answer', before: row.answer || null, after: text }],
    });
    return next;
  });
}

export function caseConsultations(db: RedressDB, caseId: string): Promise<ConsultationRecord[]> {
  return db.consultations
    .where('[caseId+askedAt]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .toArray();
}

/**
 * A workflow move made from the case's Next step panel. Moves into Resolution proposed or accepted
 * are refused while the current proposal still waits for (or was refused) a manager's approval, so
 * the approval rules cannot be stepped around by the generic workflow buttons.
 */
export async function transitionRespectingApproval(
  db: RedressDB,
  caseId: string,
  to: CaseStatus,
  actor: Actor,
  rules: CaseRules,
  options: { reason?: string; now?: Date } = {},
): Promise<CaseRecord> {
  return db.transaction('rw', TABLES(db), async () => {
    if (to === 'resolution-proposed' || to === 'resolution-accepted') {
      const r = await currentResolution(db, caseId);
      if (r && !canGoToComplainant(r.state)) {
        throw new ValidationError(
          r.state === 'awaiting-approval'
            ? 'A manager must approve the proposed resolution first (see the Resolution tab).'
            : 'The proposed resolution must be revised and approved first (see the Resolution tab).',
        );
      }
    }
    return transitionCase(db, caseId, to, actor, rules, options);
  });
}
