// A case's history before a desk could see it. A desk pulls changes in seq order under row-level
// security, so a restricted case given to its person later (assigned to them, or opened to all)
// arrives with its next change only: its notes, interviews, evidence records and trail entries
// written before then were hidden when the desk pulled past them. The desk asks for them once
// (src-renderer/db/sync-replica.ts noteUnseenHistories, the runner's fillCaseHistories) and
// applies them as a pull.
import type { Pool } from 'pg';
import { readOnly } from './pool';
import { PULLED_COLUMNS, pulledChangeOf, type PulledChange, type PulledRow } from './sync';

/** The most changes one answer holds; the desk asks again after the last. */
export const CASE_HISTORY_PAGE = 2000;

/**
 * The changes of case `caseId` (the case, every record of it, its trail entries) with seqs after
 * `afterSeq` and up to `beforeSeq`, that the session's account may see, in seq order.
 */
export async function readCaseHistory(
  pool: Pool,
  input: { caseId: string; afterSeq: number; beforeSeq: number },
  session: string | null,
): Promise<{ changes: PulledChange[]; more: boolean }> {
  const rows = await readOnly(
    pool,
    session,
    async (client) =>
      (
        await client.query<PulledRow>(
          // By the indexes: the case's records (records_case_id), their changes (changes_record), and
          // the case's trail changes (changes_audit_case, migration 8).
          `WITH own AS (
             SELECT kind, id FROM records WHERE kind = 'cases' AND id = $1
             UNION ALL SELECT kind, id FROM records WHERE case_id = $1 AND kind <> 'cases'
           ), picked AS (
             SELECT ch.seq, ch.desk_id, ch.kind, ch.id, ch.version, ch.fields, ch.actor, ch.at
               FROM own JOIN changes ch ON ch.kind = own.kind AND ch.id = own.id
              WHERE ch.seq > $2 AND ch.seq <= $3
             UNION ALL
             SELECT seq, desk_id, kind, id, version, fields, actor, at FROM changes
              WHERE kind = 'audit' AND (fields->'caseId'->>'after') = $1 AND seq > $2 AND seq <= $3
             ORDER BY seq LIMIT $4
           )
           SELECT ${PULLED_COLUMNS}
             FROM picked c
             LEFT JOIN records r ON r.kind = c.kind AND r.id = c.id
             LEFT JOIN audit a ON a.change_seq = c.seq
            ORDER BY c.seq`,
          [input.caseId, input.afterSeq, input.beforeSeq, CASE_HISTORY_PAGE + 1],
        )
      ).rows,
  );
  const more = rows.length > CASE_HISTORY_PAGE;
  return { changes: rows.slice(0, CASE_HISTORY_PAGE).map(pulledChangeOf), more };
}
