// What this case database is and holds, as main's census asks it: a generation id made when the
// database is first used (so another, empty database is told apart from this one), the number of
// cases and the newest audit seq.
import { AUDIT_HEAD_KEY } from './audit-log';
import { lastStoredSeq } from './audit-store';
import { countCases } from './cases';
import type { RedressDB } from './schema';

/** Counter row holding the database's generation id (a key-value row: no schema change). */
export const GENERATION_KEY = 'database:generation';

export interface DatabaseCensus {
  generation: string;
  cases: number;
  auditSeq: number;
}

/** The database's generation id, made and stored on first use. */
export async function ensureGeneration(db: RedressDB, now = new Date()): Promise<string> {
  return db.transaction('rw', db.counters, async () => {
    const row = await db.counters.get(GENERATION_KEY);
    if (row?.id) return row.id;
    const id = crypto.randomUUID();
    await db.counters.put({ key: GENERATION_KEY, value: now.getTime(), id });
    return id;
  });
}

/**
 * The newest audit seq: the newest entry's, or the head row's if that is higher. Either alone can
 * be tampered with (a deleted head row, a cut tail); the audit check says which.
 */
export async function newestAuditSeq(db: RedressDB): Promise<number> {
  const [last, head] = await Promise.all([lastStoredSeq(db), db.counters.get(AUDIT_HEAD_KEY)]);
  return Math.max(last, head?.value ?? 0);
}

export async function databaseCensus(db: RedressDB): Promise<DatabaseCensus> {
  const generation = await ensureGeneration(db);
  const [cases, auditSeq] = await Promise.all([countCases(db), newestAuditSeq(db)]);
  return { generation, cases, auditSeq };
}
