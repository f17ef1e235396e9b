// The reminders of one person (reminders.ts has the rules): their open cases and the open cases
// escalated to them, those cases' enquiries, and their own implementation actions.
import Dexie from 'dexie';
import type { CaseRecord } from '../../src-shared/domain/case';
import { seesCase } from '../../src-shared/domain/case-visibility';
import { caseSubject, type Actor } from '../../src-shared/domain/permissions';
import {
  actionReminders,
  caseReminders,
  enquiryReminders,
  sortReminders,
  type Reminder,
  type ReminderClock,
} from '../../src-shared/domain/reminders';
import { openActionsFor } from './follow-up';
import type { RedressDB } from './schema';

/** The open cases escalated to this person that they may see, by reference. */
export async function escalatedTo(db: RedressDB, viewer: Actor): Promise<CaseRecord[]> {
  const rows = await db.cases.where('escalationOwnerId').equals(viewer.id).toArray();
  return rows
    .filter((c) => c.open === 1 && seesCase(viewer, caseSubject(c)))
    .sort((a, b) => a.reference.localeCompare(b.reference));
}

/** Everything that needs this person now, overdue first. */
export async function remindersFor(db: RedressDB, viewer: Actor, clock: ReminderClock): Promise<Reminder[]> {
  const [mine, escalated, actions] = await Promise.all([
    db.cases
      .where('[assigneeId+open+nextDueAt+id]')
      // Dexie.maxKey is one array object, which IndexedDB refuses twice in a key: a fresh one each.
      .between([viewer.id, 1, Dexie.minKey, Dexie.minKey], [viewer.id, 1, [[]], [[]]])
      .toArray(),
    escalatedTo(db, viewer),
    openActionsFor(db, viewer),
  ]);
  const cases = new Map<string, CaseRecord>();
  for (const c of [...mine, ...escalated]) cases.set(c.id, c);
  // A case at a time through its index: an officer's few hundred cases, never the whole table.
  const enquiries = (
    await Promise.all(
      [...cases.keys()].map((id) =>
        db.enquiries
          .where('[caseId+createdAt]')
          .between([id, Dexie.minKey], [id, Dexie.maxKey])
          .filter((q) => !q.answer)
          .toArray(),
      ),
    )
  ).flat();
  const caseInfo = new Map(
    [...cases.values()].map((c) => [c.id, { reference: c.reference, escalated: c.assigneeId !== viewer.id }]),
  );
  return sortReminders([
    ...[...cases.values()].flatMap((c) => caseReminders(c, viewer.id, clock)),
    ...enquiryReminders(enquiries, caseInfo, clock.today),
    ...actionReminders(actions, clock.today),
  ]);
}
