// The communications log repository: every contact with the complainant, in or out, with its audit
// entry. A letter is stored with the exact text sent and the template version it started from; an
// outbound regulated letter stamps the case (communications.ts responseStamp) in the same transaction.
import Dexie from 'dexie';
import {
  checklistItemsDoneBy,
  CommunicationSchema,
  letterNotReady,
  letterTimeProblem,
  responseStamp,
  templatePlaceholders,
  type CommunicationInput,
  type CommunicationRecord,
} from '../../src-shared/domain/communications';
import { diffFields } from '../../src-shared/domain/diff';
import { personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { ValidationError, validationErrorFromZod } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import { stageOf } from '../../src-shared/domain/workflow';
import { setChecklistItem, transitionCase, transitionTables, updateCase, type CaseRules } from './cases';
import { caseToWrite } from './guard';
import type { RedressDB } from './schema';

export {
  COMM_CHANNELS,
  DIRECTIONS,
  LETTER_KINDS,
  CommunicationSchema,
  type CommunicationInput,
  type CommunicationRecord,
  type LetterKind,
} from '../../src-shared/domain/communications';

export interface RecordOptions {
  template?: CommunicationRecord['template'];
  /** Sending the acknowledgement can mark the case acknowledged (a workflow transition). */
  acknowledge?: { rules: CaseRules };
  now?: Date;
}

/** Stores one contact and its audit entry; optionally acknowledges the case in the same transaction. */
export async function recordCommunication(
  db: RedressDB,
  caseId: string,
  input: CommunicationInput,
  by: ActingPerson,
  options: RecordOptions = {},
): Promise<CommunicationRecord> {
  const parsed = CommunicationSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  // What the complainant was sent is on record: never a template's unfilled "[…]" (its own text's,
  // read from the template version the letter names; a merged value's brackets are the case's).
  if (parsed.data.direction === 'out' && options.template) {
    const { key, version } = options.template;
    const template = await db.templates.where('[key+version]').equals([key, version]).first();
    const placeholders = template ? templatePlaceholders(template.subject, template.body) : [];
    const notReady = letterNotReady(parsed.data.subject, parsed.data.body, placeholders);
    if (notReady) throw new ValidationError(notReady.message, 'body');
  }
  const now = options.now ?? new Date();
  return db.transaction('rw', [...transitionTables(db), db.communications], async () => {
    const c = await caseToWrite(db, caseId, by, 'communication.record');
    const wrongTime = letterTimeProblem(parsed.data, c.receivedAt, now);
    if (wrongTime) throw new ValidationError(wrongTime, 'at');
    const actor = personOf(by);
    const row: CommunicationRecord = {
      ...parsed.data,
      at: new Date(parsed.data.at).toISOString(),
      id: crypto.randomUUID(),
      caseId,
      template: options.template ?? null,
      recordedAt: now.toISOString(),
      recordedBy: actor,
    };
    await db.communications.add(row);
    await appendAudit(db, {
      at: row.recordedAt,
      actor,
      entity: 'communication',
      entityId: row.id,
      caseId,
      action: row.direction === 'out' ? 'communication-out' : 'communication-in',
      changes: diffFields({}, row as unknown as Record<string, unknown>, [
        'id',
        'caseId',
        'recordedAt',
        'recordedBy',
      ]),
    });
    // A regulated letter meets its deadline: the stamp is a case change with its own audit line.
    const stamp = responseStamp(c, row);
    if (Object.keys(stamp).length) await updateCase(db, caseId, by, 'response-sent', () => stamp, { now });
    // The case keeps when the complainant last heard from us, for the indexed "Update owed" view.
    if (row.direction === 'out' && row.at > c.informedAt)
      await db.cases.update(caseId, { informedAt: row.at });
    // The acknowledgement does what its checklist items say, so the next step is not refused.
    for (const item of checklistItemsDoneBy(row, stageOf(c.status), c.checklist))
      await setChecklistItem(db, caseId, item, true, by, now);
    if (options.acknowledge && c.status === 'received') {
      await transitionCase(db, caseId, 'acknowledged', by, options.acknowledge.rules, { now });
    }
    return row;
  });
}

/** The case's contacts, newest first. */
export function caseCommunications(db: RedressDB, caseId: string): Promise<CommunicationRecord[]> {
  return db.communications
    .where('[caseId+at]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .reverse()
    .toArray();
}
