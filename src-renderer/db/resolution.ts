// Resolution proposals, their approval, the complainant's response, and consultations. Workflow
// moves go through transitionCase / setEscalation (the workflow's guards decide), in the same
// transaction as the proposal change and its audit entry.
import Dexie from 'dexie';
import type { Actor, CaseRecord } from '../../src-shared/domain/case';
import { diffFields } from '../../src-shared/domain/diff';
import type { AuditDraft } from '../../src-shared/domain/audit';
import {
  approvalReasons,
  canGoToComplainant,
  ConsultationSchema,
  fairnessSummary,
  proposalSubject,
  ProposalSchema,
  similarKey,
  type ApprovalDecision,
  type ApprovalRules,
  type ComplainantResponse,
  type ConsultationInput,
  type ConsultationRecord,
  type ProposalInput,
  type ProposalState,
  type ResolutionRecord,
} from '../../src-shared/domain/resolution';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  validationErrorFromZod,
} from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import { caseViewFilter } from './case-visibility';
import { tm } from '../i18n';
import { setEscalation, transitionCase, transitionTables, type CaseRules } from './cases';
import type { RedressDB } from './schema';
import { personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { caseToWrite } from './guard';

// Who edited is already the audit entry's actor.
const AUDIT_IGNORE = [
  'id',
  'caseId',
  'caseReference',
  'createdAt',
  'createdBy',
  'editedBy',
  'updatedAt',
  'similarKey',
];

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

const TABLES = transitionTables;

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
  by: ActingPerson,
  rules: ApprovalRules,
  now = new Date(),
): Promise<ResolutionRecord> {
  const parsed = ProposalSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const at = now.toISOString();
  return db.transaction('rw', TABLES(db), async () => {
    const c = await caseToWrite(db, caseId, by, 'proposal.write');
    const actor = personOf(by);
    if (c.open !== 1) throw new ValidationError(tm('errors.resolution.caseClosed'));
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
      // Whoever changes a proposal shares its authorship: they may not approve it either.
      const editedBy = (current.editedBy ?? []).filter((a) => a.id !== actor.id);
      const next = { ...current, ...fields, editedBy: [...editedBy, { id: actor.id, name: actor.name }] };
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
  if (!r) throw new NotFoundError(tm('errors.resolution.proposalNotFound'));
  return r;
}

/**
 * A manager approves, rejects or asks for changes, with a comment (required unless approving). Nobody
 * approves a proposal they wrote or edited, nor one paying more than their approval limit.
 */
export async function decideApproval(
  db: RedressDB,
  id: string,
  decision: { outcome: ApprovalDecision; comment: string },
  by: ActingPerson,
  now = new Date(),
  locale?: string,
): Promise<ResolutionRecord> {
  const comment = decision.comment.trim();
  return db.transaction('rw', TABLES(db), async () => {
    const r = await load(db, id);
    // Rejecting or asking for changes commits no money, so only an approval needs another
    // manager's eyes and a high enough limit.
    const approving = decision.outcome === 'approved';
    await caseToWrite(
      db,
      r.caseId,
      by,
      'proposal.approve',
      approving ? { proposal: proposalSubject(r), locale } : {},
    );
    const actor = personOf(by);
    if (!approving && !comment) {
      throw new ValidationError(tm('errors.resolution.decisionCommentMissing'), 'comment');
    }
    if (r.state !== 'awaiting-approval') throw new ConflictError(tm('errors.resolution.notAwaitingApproval'));
    const at = now.toISOString();
    const next: ResolutionRecord = {
      ...r,
      state: decision.outcome,
      decision: { outcome: decision.outcome, comment, by: actor, at },
      updatedAt: at,
    };
    await db.resolutions.put(next);
    await audit(db, r, next, actor, `approval-${decision.outcome}`, comment || undefined);
    return next;
  });
}

/** Puts the (approved) proposal to the complainant: the case moves to Resolution proposed. */
export async function proposeToComplainant(
  db: RedressDB,
  id: string,
  by: ActingPerson,
  rules: CaseRules,
  now = new Date(),
): Promise<ResolutionRecord> {
  return db.transaction('rw', TABLES(db), async () => {
    const r = await load(db, id);
    const c = await caseToWrite(db, r.caseId, by, 'proposal.write');
    const actor = personOf(by);
    if (!canGoToComplainant(r.state)) {
      throw new ValidationError(
        tm(
          r.state === 'awaiting-approval'
            ? 'errors.resolution.approvalNeeded'
            : 'errors.resolution.revisionNeeded',
        ),
      );
    }
    if (r.proposedAt) throw new ConflictError(tm('errors.resolution.alreadyProposed'));
    if (c.status !== 'resolution-proposed')
      await transitionCase(db, r.caseId, 'resolution-proposed', by, rules, { now });
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
  by: ActingPerson,
  rules: CaseRules,
  now = new Date(),
): Promise<ResolutionRecord> {
  const note = response.note.trim();
  if (response.outcome === 'rejected' && !note)
    throw new ValidationError(tm('errors.resolution.rejectionReasonMissing'), 'note');
  return db.transaction('rw', TABLES(db), async () => {
    const r = await load(db, id);
    await caseToWrite(db, r.caseId, by, 'proposal.write');
    const actor = personOf(by);
    if (!r.proposedAt) throw new ValidationError(tm('errors.resolution.notYetProposed'));
    if (r.response && r.response.outcome !== 'no-reply')
      throw new ConflictError(tm('errors.resolution.answerAlreadyRecorded'));
    if (response.outcome !== 'no-reply') {
      const to = response.outcome === 'accepted' ? 'resolution-accepted' : 'resolution-rejected';
      await transitionCase(db, r.caseId, to, by, rules, { now, ...(note ? { reason: note } : {}) });
    }
    if (response.outcome === 'rejected' && response.escalateTo) {
      await setEscalation(
        db,
        r.caseId,
        { escalated: true, reason: note, owner: response.escalateTo },
        by,
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

/**
 * What other cases with the same category and root cause received (their newest proposals), among
 * the cases `viewer` may see: a restricted case's remedy is not shown to others.
 */
export async function similarRemedies(db: RedressDB, c: CaseRecord, viewer: ActingPerson, limit = 500) {
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
  const sees = await caseViewFilter(db, viewer);
  if (sees === 'nothing') return fairnessSummary([]);
  let shown = [...newest.values()];
  if (sees) {
    const cases = await db.cases.bulkGet(shown.map((r) => r.caseId));
    shown = shown.filter((_, i) => !!cases[i] && sees(cases[i]));
  }
  return fairnessSummary(shown);
}

export async function addConsultation(
  db: RedressDB,
  caseId: string,
  input: ConsultationInput,
  by: ActingPerson,
): Promise<ConsultationRecord> {
  const parsed = ConsultationSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const actor = personOf(by);
  const row: ConsultationRecord = {
    ...parsed.data,
    askedAt: new Date(parsed.data.askedAt).toISOString(),
    id: crypto.randomUUID(),
    caseId,
    answer: '',
    answeredAt: null,
    recordedBy: actor,
  };
  await db.transaction('rw', [db.consultations, db.cases, db.audit, db.counters], async () => {
    await caseToWrite(db, caseId, by, 'proposal.write');
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
  by: ActingPerson,
  now = new Date(),
): Promise<ConsultationRecord> {
  const text = answer.trim();
  if (!text) throw new ValidationError(tm('errors.resolution.consultationAnswerMissing'), 'answer');
  return db.transaction('rw', [db.consultations, db.cases, db.audit, db.counters], async () => {
    const row = await db.consultations.get(id);
    if (!row) throw new NotFoundError(tm('errors.resolution.consultationNotFound'));
    await caseToWrite(db, row.caseId, by, 'proposal.write');
    const actor = personOf(by);
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
