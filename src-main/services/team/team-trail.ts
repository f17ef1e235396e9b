// The team server's audit chain, read a page at a time and checked link by link, so a desk can
// verify its replica against it (issue 17: "the audit chain is extended on the server in one order,
// and each desk verifies its replica against it"). The desk compares the entries with its own
// copies (src-renderer/db/team-trail-check.ts); main only reads and checks the server's side.
//
// The audit table is under row-level security (migration 19), but the chain must verify whole: the
// page comes from redress_trail_page, which gives every row's links and key but the entry only when
// this account may see it. An entry it may not see is checked by its links alone and goes back
// without its header digest: only its key, a salted commitment that says nothing of the payload, so
// the desk can tell it from one it lacks.
import type { Pool } from 'pg';
import {
  hashAuditEntry,
  hashAuditPayload,
  trailEntryKey,
  trailHeaderDigest,
  type AuditEntry,
  type AuditPayload,
} from '../../../src-shared/domain/audit';
import type { TeamTrailPageAnswer, TrailProblem } from '../../../src-shared/ipc/channels/team-desk';
import { readOnly } from './pool';

type TrailPage = Omit<Extract<TeamTrailPageAnswer, { online: true }>, 'online'>;

interface TrailRow {
  seq: string;
  prev_hash: string;
  hash: string;
  /** Null for an entry this account may not see. */
  entry: AuditEntry | null;
  change_seq: string;
  /** The entry's key (trailEntryKey), given for every row. */
  key: string;
  erased: boolean;
}

/**
 * Why `row` does not hold after `prev`, or null when it does. An entry this account may not see is
 * checked by its links only (its header is not given); the accounts that see it check the rest.
 */
export function trailRowProblem(row: TrailRow, prev: { seq: number; hash: string }): TrailProblem | null {
  const seq = Number(row.seq);
  if (seq !== prev.seq + 1) return 'missing';
  if (row.prev_hash !== prev.hash) return 'unlinked';
  if (!row.entry) return null;
  const { hash, ...body } = row.entry;
  if (row.entry.seq !== seq || row.entry.prevHash !== row.prev_hash || hash !== row.hash) return 'changed';
  if (hashAuditEntry(body) !== row.hash) return 'changed';
  const { payloadHash, erased, salt, changes, reason } = row.entry;
  if (payloadHash !== undefined && !erased) {
    if (salt === undefined || hashAuditPayload({ salt, changes, reason }) !== payloadHash) return 'changed';
  }
  return null;
}

/**
 * The chain's entries after `afterSeq` (up to `limit`), checked from `prevHash` on; a page that
 * reaches the end is also checked against the head the server keeps beside the chain.
 */
export async function readTrailPage(
  pool: Pool,
  input: { afterSeq: number; prevHash: string; limit: number },
  session: string | null,
): Promise<TrailPage> {
  // One snapshot: the head and the page agree.
  const { head, rows } = await readOnly(pool, session, async (client) => {
    const head = (
      await client.query<{ audit_seq: string; audit_hash: string }>(
        'SELECT audit_seq, audit_hash FROM sync_head',
      )
    ).rows[0]!;
    // The page by the primary key, each entry only when this account may see its change.
    const { rows } = await client.query<TrailRow>(
      'SELECT seq, prev_hash, hash, entry, change_seq, key, erased FROM redress_trail_page($1, $2)',
      [input.afterSeq, input.limit],
    );
    return { head, rows };
  });
  return checkPage(rows, input, { seq: Number(head.audit_seq), hash: head.audit_hash });
}

function checkPage(
  rows: readonly TrailRow[],
  input: { afterSeq: number; prevHash: string; limit: number },
  head: { seq: number; hash: string },
): TrailPage {
  let last = { seq: input.afterSeq, hash: input.prevHash };
  const entries: TrailPage['entries'] = [];
  for (const row of rows) {
    const problem = trailRowProblem(row, last);
    if (problem) return { entries, last, head, broken: { seq: last.seq + 1, problem } };
    let digest: string | null;
    try {
      digest = row.entry ? trailHeaderDigest(row.entry) : null;
    } catch {
      // Hashes that agree over an entry without the fields every entry has: written by hand.
      return { entries, last, head, broken: { seq: last.seq + 1, problem: 'changed' } };
    }
    if (row.entry && trailEntryKey(row.entry) !== row.key)
      return { entries, last, head, broken: { seq: last.seq + 1, problem: 'changed' } };
    entries.push({ key: row.key, digest, changeSeq: Number(row.change_seq), erased: row.erased });
    last = { seq: Number(row.seq), hash: row.hash };
  }
  // The end of the chain: it must be where the server's head says (a cut tail, a rewritten head).
  const atEnd = rows.length < input.limit;
  if (atEnd && (last.seq !== head.seq || last.hash !== head.hash))
    return { entries, last, head, broken: { seq: Math.min(last.seq, head.seq) + 1, problem: 'short' } };
  return { entries, last, head, broken: null };
}

/**
 * The payloads of a case's trail entries on the server, those not erased there and about changes
 * this account may see: a desk whose disposal of the case the server refused takes back the details
 * it erased (each checked against its commitment before it is kept).
 */
export async function readCaseTrailPayloads(
  pool: Pool,
  caseId: string,
  session: string | null,
): Promise<AuditPayload[]> {
  // The index of a case's audit changes (migration 8); the changes under their row-level policy.
  const rows = await readOnly(
    pool,
    session,
    async (client) =>
      (
        await client.query<{ entry: AuditEntry }>(
          `SELECT a.entry FROM changes c JOIN audit a ON a.change_seq = c.seq
            WHERE c.kind = 'audit' AND (c.fields->'caseId'->>'after') = $1 ORDER BY a.seq`,
          [caseId],
        )
      ).rows,
  );
  return rows.flatMap(({ entry }) =>
    entry.payloadHash && entry.salt && !entry.erased
      ? [
          {
            payloadHash: entry.payloadHash,
            salt: entry.salt,
            changes: entry.changes,
            ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
          },
        ]
      : [],
  );
}
