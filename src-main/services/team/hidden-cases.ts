// The cases a desk holds that its person may no longer see (migration 17): restricted to others, or
// taken from them, after the desk pulled them. Row-level security hides the change that did it with
// the rest of the case's changes, so the desk asks by seq and removes its copies
// (src-renderer/db/sync-replica.ts removeHiddenCases).
import type { Pool } from 'pg';
import { readOnly } from './pool';

export interface HiddenCase {
  caseId: string;
  /** The seq of the change after which it is hidden (the desk's place for the next question). */
  seq: number;
}

export async function readHiddenCases(
  pool: Pool,
  afterSeq: number,
  session: string | null,
): Promise<HiddenCase[]> {
  const rows = await readOnly(
    pool,
    session,
    async (client) =>
      (
        await client.query<{ case_id: string; seq: string }>(
          'SELECT case_id, seq FROM redress_cases_hidden_since($1)',
          [afterSeq],
        )
      ).rows,
  );
  return rows.map((r) => ({ caseId: r.case_id, seq: Number(r.seq) }));
}
