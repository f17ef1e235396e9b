// Implementation actions and the follow-up check. The latest satisfaction is kept on the case
// (record.satisfaction, through updateCase) so dashboards need not read this table.
import Dexie from 'dexie';
import { z } from 'zod';
import {
  ActionSchema,
  FollowUpResultSchema,
  type ActionInput,
  type ActionRecord,
  type FollowUpRecord,
  type FollowUpResultInput,
} from '../../src-shared/domain/follow-up';
import { diffFields } from '../../src-shared/domain/diff';
import { personOf, type ActingPerson, type Actor } from '../../src-shared/domain/permissions';
import { isSatisfied } from '../../src-shared/domain/resolution';
import { NotFoundError, ValidationError, validationErrorFromZod } from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit } from './audit-log';
import { hiddenRestrictedIds } from './case-visibility';
import { transitionCase, transitionTables, updateCase, type CaseRules } from './cases';
import { caseToWrite } from './guard';
import type { RedressDB } from './schema';

const ACTION_TABLES = (db: RedressDB) => [db.cases, db.actions, db.audit, db.counters];

export async function addAction(
  db: RedressDB,
  caseId: string,
  input: ActionInput,
  by: ActingPerson,
  now = new Date(),
): Promise<ActionRecord> {
  const parsed = ActionSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return db.transaction('rw', ACTION_TABLES(db), async () => {
    const c = await caseToWrite(db, caseId, by, 'case.edit');
    const actor = personOf(by);
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
  by: ActingPerson,
  now = new Date(),
): Promise<ActionRecord> {
  const note = outcome.trim();
  if (!note) throw new ValidationError(tm('errors.followUp.actionOutcomeMissing'), 'outcome');
  return db.transaction('rw', ACTION_TABLES(db), async () => {
    const row = await db.actions.get(id);
    if (!row) throw new NotFoundError(tm('errors.followUp.actionNotFound'));
    await caseToWrite(db, row.caseId, by, 'case.edit');
    const actor = personOf(by);
    if (row.done) throw new ValidationError(tm('errors.followUp.actionAlreadyDone'));
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
        by,
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

/**
 * A person's open actions, soonest due first (My work, reminders), but those on a restricted case
 * hidden from them (taken off it once it was restricted): not even its reference or the titles show.
 */
export async function openActionsFor(db: RedressDB, viewer: Actor, limit = 100): Promise<ActionRecord[]> {
  const hidden = await hiddenRestrictedIds(db, viewer);
  return db.actions
    .where('[ownerId+done+dueAt]')
    .between([viewer.id, 0, Dexie.minKey], [viewer.id, 0, Dexie.maxKey])
    .filter((a) => !hidden.has(a.caseId))
    .limit(limit)
    .toArray();
}

export async function scheduleFollowUp(
  db: RedressDB,
  caseId: string,
  dueAt: string,
  by: ActingPerson,
  now = new Date(),
): Promise<FollowUpRecord> {
  if (!z.iso.date().safeParse(dueAt).success)
    throw new ValidationError(tm('errors.followUp.dateMissing'), 'dueAt');
  return db.transaction('rw', [db.followUps, db.cases, db.audit, db.counters], async () => {
    await caseToWrite(db, caseId, by, 'case.edit');
    const actor = personOf(by);
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

/**
 * Records the follow-up check: the satisfaction goes on the case, "Follow up with the complainant"
 * is ticked, and the case closes or returns to Resolution proposed, all in one transaction.
 */
export async function recordFollowUp(
  db: RedressDB,
  caseId: string,
  input: FollowUpResultInput,
  by: ActingPerson,
  rules: CaseRules,
  now = new Date(),
): Promise<FollowUpRecord> {
  const parsed = FollowUpResultSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const v = parsed.data;
  const satisfied = isSatisfied(v);
  if ((v.next === 'adjust' || !satisfied) && !v.reason) {
    throw new ValidationError(
      tm(
        v.next === 'adjust'
          ? 'errors.followUp.adjustReasonMissing'
          : 'workflow.refusal.reasonToCloseUnsatisfied',
      ),
      'reason',
    );
  }
  const at = now.toISOString();
  return db.transaction('rw', [...transitionTables(db), db.followUps], async () => {
    const c = await caseToWrite(db, caseId, by, 'case.edit');
    const actor = personOf(by);
    if (c.status !== 'follow-up') throw new ValidationError(tm('errors.followUp.notStarted'));
    const current = await currentFollowUp(db, caseId);
    const result = { score: v.score, resolved: v.resolved, comments: v.comments, at, by: actor };
    const row: FollowUpRecord =
      current && !current.result
        ? { ...current, result }
        : { id: crypto.randomUUID(), caseId, createdAt: at, dueAt: rules.calendar.localDay(at), result };
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
      by,
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
    await transitionCase(db, caseId, v.next === 'close' ? 'closed' : 'resolution-proposed', by, rules, {
      now,
      ...(reason ? { reason } : {}),
    });
    return row;
  });
}
