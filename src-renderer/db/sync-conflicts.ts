// Conflicts the team server refused (DESIGN.md, "Team mode": never silent). A change to a field
// another desk changed first waits here until the person chooses, field by field, to keep this
// desk's value or take the other desk's. The choice is one transaction: the record as the server
// holds it with the chosen values, one outbox entry for what must still reach the server, and an
// audit entry on the case holding both versions and the choice (which the outbox sends, so every
// desk's trail gets it).
import { canEditInterview, type InterviewRecord } from '../../src-shared/domain/investigation';
import type { Actor, CaseRecord } from '../../src-shared/domain/case';
import { fieldEdits, type RecordData } from '../../src-shared/domain/team-sync';
import { ValidationError } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import { DERIVED_FIELDS, withDerivedFields } from './cases';
import type { RedressDB } from './schema';
import { applyingServerChanges, versionKey, type OutboxEntry } from './sync-outbox';

import type { ConflictField, SyncConflict } from './sync-outbox';

export type { ConflictField, SyncConflict };

export type ConflictChoice = 'mine' | 'theirs';

/** The fields the person chooses between: a case's derived fields follow from the others. */
export function fieldsToChoose(conflict: Pick<SyncConflict, 'kind' | 'fields'>): ConflictField[] {
  return conflict.kind === 'cases'
    ? conflict.fields.filter((f) => !(DERIVED_FIELDS as readonly string[]).includes(f.field))
    : conflict.fields;
}

/** The conflicts waiting, oldest first. */
export async function waitingConflicts(db: RedressDB): Promise<SyncConflict[]> {
  return (await db.conflicts.toArray()).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The conflicts waiting, each with its case's reference (null when it has no case here). */
export async function waitingConflictsWithCases(
  db: RedressDB,
): Promise<{ conflict: SyncConflict; reference: string | null }[]> {
  const list = await waitingConflicts(db);
  const cases = await db.cases.bulkGet(list.map((c) => c.caseId ?? ''));
  return list.map((conflict, i) => ({ conflict, reference: cases[i]?.reference ?? null }));
}

/**
 * Settles a conflict with one choice per conflicting field (a field left out keeps this desk's
 * value). A signed-off interview on the server stays as it was agreed: keeping this desk's edit of
 * it is refused.
 */
export async function resolveConflict(
  db: RedressDB,
  conflictId: string,
  choices: Readonly<Record<string, ConflictChoice>>,
  actor: Actor,
  now: Date = new Date(),
): Promise<void> {
  const conflict = await db.conflicts.get(conflictId);
  if (!conflict) throw new ValidationError('This conflict was already settled.');
  const table = db.table(conflict.kind);
  await db.transaction(
    'rw',
    [table, db.audit, db.counters, db.conflicts, db.outbox, db.syncState],
    async (tx) => {
      // The record's own write is the server's copy plus the choice: the entry below says what to send.
      applyingServerChanges(tx, [conflict.kind]);
      const local = (await table.get(conflict.recordId)) as RecordData | undefined;
      const server = conflict.serverData ?? local ?? {};
      const chosen = (field: string): unknown => {
        const c = conflict.fields.find((f) => f.field === field);
        if (c) return choices[field] === 'theirs' ? c.theirs : c.mine;
        return conflict.change[field]!.after;
      };
      const keepsMine = conflict.fields.some((f) => choices[f.field] !== 'theirs');
      if (conflict.kind === 'interviews' && keepsMine) {
        const locked = canEditInterview(server as unknown as InterviewRecord);
        if (!locked.ok) throw new ValidationError(locked.message);
      }
      const chosenRecord: RecordData = { ...server };
      for (const field of Object.keys(conflict.change)) chosenRecord[field] = chosen(field) ?? null;
      // A case's derived fields (index keys, counters' inputs) follow from the fields chosen.
      const record =
        conflict.kind === 'cases'
          ? (withDerivedFields(chosenRecord as unknown as CaseRecord) as unknown as RecordData)
          : chosenRecord;
      const fields = fieldEdits(server, record);
      await table.put(record);
      await db.syncState.put({
        key: versionKey(conflict.kind, conflict.recordId),
        version: conflict.serverVersion,
      });
      if (Object.keys(fields).length) {
        const entry: OutboxEntry = {
          idempotencyKey: crypto.randomUUID(),
          kind: conflict.kind,
          id: conflict.recordId,
          baseVersion: conflict.serverVersion,
          fields,
          at: now.toISOString(),
          caseId: conflict.caseId,
        };
        await db.outbox.add(entry);
      }
      const shown = fieldsToChoose(conflict);
      const kept = shown.map(
        (f) =>
          `${f.field}: ${choices[f.field] === 'theirs' ? 'took the other desk’s value' : 'kept this desk’s value'}`,
      );
      await appendAudit(db, {
        at: now.toISOString(),
        actor,
        entity: conflict.kind,
        entityId: conflict.recordId,
        caseId: conflict.caseId,
        action: 'sync-conflict-resolved',
        // Both versions: before is the other desk's value, after is this desk's.
        changes: shown.map((f) => ({ field: f.field, before: f.theirs, after: f.mine })),
        reason: `Changed on two desks at once. ${kept.join('; ')}.`,
      });
      await db.conflicts.delete(conflict.id);
    },
  );
}
