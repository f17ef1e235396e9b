import Dexie from 'dexie';
// Case repository: every write runs in one transaction with its audit entry and counters.
import { NewCaseSchema, type Actor, type CaseRecord, type NewCaseInput } from '../../src-shared/domain/case';
import { formatReference, referenceCounterKey } from '../../src-shared/domain/reference';
import { INITIAL_STATUS } from '../../src-shared/domain/workflow';
import { validationErrorFromZod } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import type { RedressDB } from './schema';

export const CASES_TOTAL_KEY = 'cases:total';

export async function createCase(db: RedressDB, input: NewCaseInput, actor: Actor, now = new Date()): Promise<CaseRecord> {
  const parsed = NewCaseSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const data = parsed.data;
  const at = now.toISOString();

  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    // The reference is allocated inside the transaction, so a failed save never burns or reuses one.
    const year = now.getFullYear();
    const counterKey = referenceCounterKey(year);
    const sequence = ((await db.counters.get(counterKey))?.value ?? 0) + 1;
    await db.counters.put({ key: counterKey, value: sequence });

    const record: CaseRecord = {
      id: crypto.randomUUID(),
      reference: formatReference(year, sequence),
      status: INITIAL_STATUS,
      complainant: { name: data.complainant.name },
      channel: data.channel,
      description: data.description,
      receivedAt: at,
      createdAt: at,
      createdBy: actor,
      updatedAt: at,
    };
    await db.cases.add(record);

    const total = ((await db.counters.get(CASES_TOTAL_KEY))?.value ?? 0) + 1;
    await db.counters.put({ key: CASES_TOTAL_KEY, value: total });

    await appendAudit(db, {
      at,
      actor,
      entity: 'case',
      entityId: record.id,
      caseId: record.id,
      action: 'create',
      changes: [
        { field: 'reference', before: null, after: record.reference },
        { field: 'status', before: null, after: record.status },
        { field: 'complainant.name', before: null, after: record.complainant.name },
        { field: 'channel', before: null, after: record.channel },
        { field: 'description', before: null, after: record.description },
      ],
    });
    return record;
  });
}

export const NEWEST_PAGE_SIZE = 50;

/**
 * A page of cases, newest received first. Keyset paging: pass the last row of the previous page
 * to get the next one ([receivedAt+id] keeps cases received in the same instant apart).
 */
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
