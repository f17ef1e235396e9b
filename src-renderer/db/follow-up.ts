// Implementation actions and the follow-up check. The latest satisfaction is kept on the case
// (record.satisfaction, through updateCase) so dashboards need not read this table.
import Dexie from 'dexie';
import { z } from 'zod';
import type { Actor, CaseSatisfaction } from '../../src-shared/domain/case';
import { diffFields } from '../../src-shared/domain/diff';
import { ActionDoneSchema, FollowUpDateSchema, isSatisfied } from '../../src-shared/domain/resolution';
import { NotFoundError, ValidationError, validationErrorFromZod } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import { transitionCase, updateCase, type CaseRules } from './cases';
import type { RedressDB } from './schema';

export const ActionSchema = z.object({
  title: z.string().trim().min(1, 'Say what must be done.').max(500, 'Use at most 500 characters.'),
  owner: z.object({ id: z.string().min(1), name: z.string() }, { error: 'Choose who will do it.' }),
  dueAt: z.iso.date({ error: 'Enter the due date.' }),
});
export type ActionInput = z.input<typeof ActionSchema>;

export interface ActionRecord {
  id: string;
  caseId: string;
  caseReference: string;
  title: string;
  owner: Actor;
  /** owner.id, flat for the [ownerId+done+dueAt] index ("My work"). */
  ownerId: string;
  /** A calendar day, YYYY-MM-DD. */
  dueAt: string;
  /** 0 while open, 1 once done: IndexedDB cannot index booleans. */
  done: 0 | 1;
  doneAt: string | null;
  outcome: string;
  createdAt: string;
  createdBy: Actor;
}

export interface FollowUpRecord {
  id: string;
  caseId: string;
  createdAt: string;
  /** The day the officer plans to check back (YYYY-MM-DD). */
  dueAt: string;
  /** Filled in when the check is recorded. */
  result: {
    score: CaseSatisfaction['score'];
    resolved: boolean;
    comments: string;
    at: string;
    by: Actor;
  } | null;
}

const ACTION_TABLES = (db: RedressDB) => [db.cases, db.actions, db.audit, db.counters];

export async function addAction(
  db: RedressDB,
  caseId: string,
  input: ActionInput,
  actor: Actor,
  now = new Date(),
): Promise<ActionRecord> {
  const parsed = ActionSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return db.transaction('rw', ACTION_TABLES(db), async () => {
    const c = await db.cases.get(caseId);
    if (!c) throw new NotFoundError('This case no longer exists.');
    const row: ActionRecord = {
      id: crypto.randomUUID(),
      caseId,
      caseReference: c.reference,
      title: parsed.data.title,
      owner: parsed.data.owner,
      ownerId: parsed.data.owner.id,
      dueAt: parsed.data.dueAt,
      done: 0,
      doneAt: null,
      outcome: '',
      createdAt: now.toISOString(),
      createdBy: actor,
    };
    await db.actions.add(row);
    await appendAudit(db, {
      at: row.createdAt,
      actor,
      entity: 'action',
      entityId: row.id,
      caseId,
      action: 'action-add',
      changes: diffFields({}, { title: row.title, owner: row.owner.name, dueAt: row.dueAt }),
    });
    return row;
  });
}

/**
 * Marks an action done with its outcome. When it was the case's last open action, "Carry out the
 * remedy" is ticked on the checklist: the work it names is done.
 */
export async function completeAction(
  db: RedressDB,
  id: string,
  outcome: string,
  actor: Actor,
  now = new Date(),
): Promise<ActionRecord> {
  const parsed = ActionDoneSchema.safeParse({ outcome });
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const note = parsed.data.outcome;
  return db.transaction('rw', ACTION_TABLES(db), async () => {
    const row = await db.actions.get(id);
    if (!row) throw new NotFoundError('This action no longer exists.');
    if (row.done) throw new ValidationError('This action is already done.');
    const next: ActionRecord = { ...row, done: 1, doneAt: now.toISOString(), outcome: note };
    await db.actions.put(next);
    await appendAudit(db, {
      at: next.doneAt!,
      actor,
      entity: 'action',
      entityId: id,
      caseId: row.caseId,
      action: 'action-done',
      changes: [
        { field: 'title', before: row.title, after: row.title },
        { field: 'outcome', before: null, after: note },
      ],
    });
    const open = (await caseActions(db, row.caseId)).filter((a) => !a.done);
    if (open.length === 0) {
      await updateCase(
        db,
        row.caseId,
        actor,
        'checklist-tick',
        (c) =>
          c.checklist['carry-out-remedy']
            ? {}
            : { checklist: { ...c.checklist, 'carry-out-remedy': { by: actor, at: next.doneAt! } } },
        { now },
      );
    }
    return next;
  });
}

export function caseActions(db: RedressDB, caseId: string): Promise<ActionRecord[]> {
  return db.actions
    .where('[caseId+createdAt]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .toArray();
}

/** An officer's open actions, soonest due first (for "My work"). */
export function openActionsFor(db: RedressDB, ownerId: string, limit = 100): Promise<ActionRecord[]> {
  return db.actions
    .where('[ownerId+done+dueAt]')
    .between([ownerId, 0, Dexie.minKey], [ownerId, 0, Dexie.maxKey])
    .limit(limit)
    .toArray();
}

export async function scheduleFollowUp(
  db: RedressDB,
  caseId: string,
  dueAt: string,
  actor: Actor,
  now = new Date(),
): Promise<FollowUpRecord> {
  const parsed = FollowUpDateSchema.safeParse({ dueAt });
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return db.transaction('rw', [db.followUps, db.audit, db.counters], async () => {
    const current = await currentFollowUp(db, caseId);
    const at = now.toISOString();
    const row: FollowUpRecord =
      current && !current.result
        ? { ...current, dueAt }
        : { id: crypto.randomUUID(), caseId, createdAt: at, dueAt, result: null };
    await db.followUps.put(row);
    await appendAudit(db, {
      at,
      actor,
      entity: 'follow-up',
      entityId: row.id,
      caseId,
      action: 'follow-up-scheduled',
      changes: [{ field: 'dueAt', before: current && !current.result ? current.dueAt : null, after: dueAt }],
    });
    return row;
  });
}

export async function currentFollowUp(db: RedressDB, caseId: string): Promise<FollowUpRecord | null> {
  return (
    (await db.followUps
      .where('[caseId+createdAt]')
      .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
      .last()) ?? null
  );
}

export const FollowUpResultSchema = z.object({
  score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
    error: 'Choose a score from 1 to 5.',
  }),
  resolved: z.boolean({ error: 'Say whether the complainant feels it is resolved.' }),
  comments: z.string().trim().max(5000, 'Use at most 5,000 characters.'),
  /** What happens next: close the case, or adjust (reopen) the resolution. */
  next: z.enum(['close', 'adjust']),
  /** Required when closing a dissatisfied case, or adjusting: recorded as the transition's reason. */
  reason: z.string().trim().max(2000, 'Use at most 2,000 characters.'),
});
export type FollowUpResultInput = z.input<typeof FollowUpResultSchema>;

/**
 * Records the follow-up check: the satisfaction goes on the case, "Follow up with the complainant"
 * is ticked, and the case closes or returns to Resolution proposed, all in one transaction.
 */
export async function recordFollowUp(
  db: RedressDB,
  caseId: string,
  input: FollowUpResultInput,
  actor: Actor,
  rules: CaseRules,
  now = new Date(),
): Promise<FollowUpRecord> {
  const parsed = FollowUpResultSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const v = parsed.data;
  const satisfied = isSatisfied(v);
  if ((v.next === 'adjust' || !satisfied) && !v.reason) {
    throw new ValidationError(
      v.next === 'adjust'
        ? 'Say what must change in the resolution.'
        : 'Give the reason for closing although the complainant is not satisfied.',
      'reason',
    );
  }
  const at = now.toISOString();
  return db.transaction('rw', [db.cases, db.followUps, db.audit, db.counters], async () => {
    const c = await db.cases.get(caseId);
    if (!c) throw new NotFoundError('This case no longer exists.');
    if (c.status !== 'follow-up')
      throw new ValidationError('Start the follow-up (Next step) before recording it.');
    const current = await currentFollowUp(db, caseId);
    const result = { score: v.score, resolved: v.resolved, comments: v.comments, at, by: actor };
    const row: FollowUpRecord =
      current && !current.result
        ? { ...current, result }
        : { id: crypto.randomUUID(), caseId, createdAt: at, dueAt: at.slice(0, 10), result };
    await db.followUps.put(row);
    await appendAudit(db, {
      at,
      actor,
      entity: 'follow-up',
      entityId: row.id,
      caseId,
      action: 'follow-up-recorded',
      changes: diffFields({}, { score: v.score, resolved: v.resolved, comments: v.comments || null }),
    });
    await updateCase(
      db,
      caseId,
      actor,
      'satisfaction',
      (cur) => ({
        satisfaction: { score: v.score, resolved: v.resolved, at },
        checklist: cur.checklist['follow-up-complainant']
          ? cur.checklist
          : { ...cur.checklist, 'follow-up-complainant': { by: actor, at } },
      }),
      { now },
    );
    const reason = v.reason || undefined;
    await transitionCase(db, caseId, v.next === 'close' ? 'closed' : 'resolution-proposed', actor, rules, {
      now,
      ...(reason ? { reason } : {}),
    });
    return row;
  });
}
