// The desks' side of the team server, in plain Node over `pg` (no Electron): push a batch of local
// changes, pull the server's changes since a seq, and listen for the server's "something changed".
//
// push: one transaction. It takes the head row (sync_head) FOR UPDATE, so pushes from all desks
// queue there and seqs are given gap-free, in one order. Each change is either
// - a replay (its idempotency key is already in `changes`): the earlier result, nothing applied;
// - applied: next seq, record version + 1, the change row, and for audit entries the next link of
//   the server's chain (and, for a disposal's entry, the case's history scrubbed: redress_erase_disposed);
// - refused as a conflict, or outright (a signed-off interview's content; src-shared/domain/team-sync.ts
//   decides): the server's value and version go back to the desk, nothing is written and no seq is used.
//   So is a change the account may not make: a write row-level security refuses (a restricted case),
//   or a disposal by someone who may not decide retention. One such change never holds up the rest.
// If anything else fails (or the server goes away) the whole push rolls back: the desk sends the same
// batch again with the same keys and each change is applied exactly once.
import { Client, Pool, type ClientConfig, type PoolClient, type PoolConfig } from 'pg';
import { chainAuditEntry, type AuditEntry } from '../../../src-shared/domain/audit';
import {
  afterValues,
  AuditPushSchema,
  FOLLOWS_REFUSED_CODE,
  mergeChange,
  MAX_PULL_PAGE,
  DISPOSED_CASE_CODE,
  DISPOSAL_REFUSED_CODE,
  RefusalFiguresSchema,
  RESTRICTED_CODE,
  type DisposedCase,
  type RefusalFigures,
  SyncBatchSchema,
  type ConflictReason,
  type FieldConflict,
  type RecordData,
  type SyncChange,
} from '../../../src-shared/domain/team-sync';
import {
  PermissionError,
  SessionError,
  ValidationError,
  validationErrorFromZod,
} from '../../../src-shared/errors';

/** The NOTIFY channel: its payload is the head seq after the push. */
export const CHANGES_CHANNEL = 'redress_changes';
/**
 * The NOTIFY channel of a change to an account or a session ended (migration 16): its payload is the
 * account's id, or `EVERY_ACCOUNT` when the office's security policy changed.
 */
export const ACCOUNTS_CHANNEL = 'redress_accounts';
export const EVERY_ACCOUNT = '*';

export interface PushApplied {
  status: 'applied';
  idempotencyKey: string;
  seq: number;
  /** The record's version after this change. */
  version: number;
  /** True when the key had been applied by an earlier push: nothing was applied this time. */
  replayed: boolean;
  /** A trail entry about a case already disposed of: linked, its payload erased (migration 15). */
  erasedForDisposal?: DisposedCase;
}

export interface PushConflict {
  status: 'conflict';
  idempotencyKey: string;
  kind: string;
  id: string;
  reason: ConflictReason;
  conflicts: FieldConflict[];
  /** The server's copy now (version 0 and null data when it has none). */
  serverVersion: number;
  serverData: RecordData | null;
}

/**
 * Refused by a rule the server keeps (migration 11: an approval the person may not make), or a later
 * change of the same push to a record whose change was refused: nothing of it was written.
 */
export interface PushRefused {
  status: 'refused';
  idempotencyKey: string;
  kind: string;
  id: string;
  /** permissions.ts's code (role, own-proposal, edited-proposal, over-limit) or the server's own. */
  code: string;
  /** Why, for the person (the server's words; the desk words an over-limit one from `figures`). */
  message: string;
  /** An over-limit refusal's currency, total and limit (migration 14), for the desk's locale. */
  figures?: RefusalFigures;
  /** A change to a case disposed of before it reached the server (migration 15). */
  disposed?: DisposedCase;
  /** Whom the change was pushed in the name of. */
  actor: SyncChange['actor'];
  /** The server's copy now (version 0 and null data when it has none). */
  serverVersion: number;
  serverData: RecordData | null;
}

export type PushOutcome = PushApplied | PushConflict | PushRefused;

export interface PushResult {
  /** One per change sent, in the same order. */
  results: PushOutcome[];
  /** The server's head seq after the push. */
  headSeq: number;
}

/** A pulled change's row: the change (`c`), its record now (`r`) and its audit entry (`a`). */
export interface PulledRow {
  seq: string;
  desk_id: string;
  kind: string;
  id: string;
  version: string;
  fields: SyncChange['fields'] | null;
  actor: SyncChange['actor'];
  at: Date;
  record_version: string | null;
  data: RecordData | null;
  restricted: boolean | null;
  audit_entry: AuditEntry | null;
}

/**
 * PulledRow's columns over changes `c`, records `r` and audit `a`. The fields only when nothing else
 * says what the change was (they repeat the record's data or the entry: half the bytes).
 */
export const PULLED_COLUMNS = `c.seq, c.desk_id, c.kind, c.id, c.version,
  CASE WHEN r.version IS NULL AND a.entry IS NULL THEN c.fields END AS fields,
  c.actor, c.at, r.version AS record_version, r.data, r.restricted, a.entry AS audit_entry`;

export function pulledChangeOf(row: PulledRow): PulledChange {
  return {
    seq: Number(row.seq),
    deskId: row.desk_id,
    kind: row.kind,
    id: row.id,
    version: Number(row.version),
    fields: row.fields ?? {},
    actor: row.actor,
    at: toIso(row.at),
    record:
      row.record_version === null
        ? null
        : { version: Number(row.record_version), data: row.data ?? {}, restricted: row.restricted === true },
    auditEntry: row.audit_entry,
  };
}

export interface PulledChange {
  seq: number;
  deskId: string;
  kind: string;
  id: string;
  /** The record's version this change produced. */
  version: number;
  /**
   * The change's fields, only for a change the page has neither the record nor the audit entry of
   * (a desk applies those, never the fields): `{}` otherwise, which halves a page's bytes.
   */
  fields: SyncChange['fields'];
  actor: SyncChange['actor'];
  at: string;
  /** The record as the server holds it now (it may be newer than this change); null for audit. */
  record: { version: number; data: RecordData; restricted: boolean } | null;
  /** For an audit change: the entry as linked into the server's chain. */
  auditEntry: AuditEntry | null;
}

export interface PullResult {
  changes: PulledChange[];
  /**
   * Where the next pull starts: the seq of the last change returned when the page is full; for a
   * shorter page, the head (never below `sinceSeq`), as the changes after the last one returned are
   * hidden from this account (row-level security).
   */
  lastSeq: number;
  /** The server's head seq: more to pull while lastSeq < headSeq. */
  headSeq: number;
}

export interface TeamSyncOptions {
  /** Test seam: runs inside the push transaction after the change at `index` was written. */
  afterWrite?: (index: number) => Promise<void> | void;
}

/**
 * The signed-in person's session token on the team server (team-accounts.ts), claimed for each
 * transaction: the server's row-level security then shows and lets write only what their account
 * may. Without one, no restricted record is seen or written.
 */
export type TeamSessionToken = string | null | undefined;

export interface TeamSync {
  push(deskId: string, changes: readonly unknown[], session?: TeamSessionToken): Promise<PushResult>;
  pull(sinceSeq: number, limit: number, session?: TeamSessionToken): Promise<PullResult>;
  /**
   * Pulls page after page from `sinceSeq` up to the head, handing each page to `apply` before the
   * next is asked for. `apply` stores the page and its lastSeq together, so after any failure the
   * desk resumes from what it stored. Resolves to the last seq applied.
   */
  catchUp(
    sinceSeq: number,
    pageSize: number,
    apply: (page: PullResult) => Promise<void>,
    session?: TeamSessionToken,
  ): Promise<number>;
  close(): Promise<void>;
}

/** Refused by the server's row-level security: a restricted case this account may not change. */
export const RESTRICTED_REFUSED =
  'The team server refused a change to a restricted case: only its assignee, its escalation owner and managers may change it.';

export const TEAM_SESSION_CLOSED =
  'Your session on the team server has ended: sign in again, and this desk syncs again.';

/**
 * A desk's session the server no longer takes (ended there, expired, or its account turned off).
 * Nothing may run under it: row-level security would answer as for nobody, so a pull would pass
 * over the restricted changes the person may see (and never fetch them again), a push would have
 * their restricted edits refused, and the hidden-cases answer would take their cases away.
 */
export class TeamSessionClosed extends SessionError {
  constructor() {
    super('SIGNED_OUT', TEAM_SESSION_CLOSED);
  }
}

/**
 * SET LOCAL redress.session for the transaction just begun (nothing when there is no session), and
 * makes sure the server still takes it: TeamSessionClosed when it does not.
 */
export async function claimSession(
  client: Pick<PoolClient, 'query'>,
  session: TeamSessionToken,
): Promise<void> {
  if (!session) return;
  // Two statements: within one, SQL does not promise the setting is made before the check reads it.
  await client.query("SELECT set_config('redress.session', $1, true)", [session]);
  const { rows } = await client.query<{ open: boolean }>('SELECT current_account() IS NOT NULL AS open');
  if (rows[0]?.open !== true) throw new TeamSessionClosed();
}

/** The records the server checks approvals of (migration 11): each written under a savepoint. */
const APPROVAL_GUARDED_KIND = 'resolutions';
/** SQLSTATE of a refusal by one of the app's rules on the server (migration 11's RD001). */
export const RULE_REFUSED_SQLSTATE = 'RD001';
/** A later change of a push to a record whose earlier change the server refused. */
export const FOLLOWS_REFUSED = 'Not sent: it follows a change to this proposal that the team server refused.';

/** Refused: a disposal pushed in the name of an account that may not decide retention. */
export const DISPOSAL_REFUSED =
  'The team server refused a disposal: only a manager signed in to the team server may dispose of cases.';

interface HeadRow {
  last_seq: string;
  audit_seq: string;
  audit_hash: string;
  latest_instant?: string;
}

const toIso = (at: Date | string) => (at instanceof Date ? at.toISOString() : new Date(at).toISOString());

/** A sync client over a pool of connections as the desks' role. */
export function createTeamSync(config: PoolConfig, options: TeamSyncOptions = {}): TeamSync {
  const pool = new Pool({ max: 4, ...config });
  // An idle connection cut by a server restart reports here; the next query opens a new one.
  pool.on('error', () => undefined);

  async function withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    // The server going away between two queries is reported as an event, not by a query: keep it
    // (the next query fails with it) rather than let it crash the process.
    let lost: Error | undefined;
    const onLost = (error: Error) => (lost = error);
    client.on('error', onLost);
    try {
      const value = await use(client);
      client.off('error', onLost);
      // The work is done; a connection lost just after is not handed out again.
      client.release(lost);
      return value;
    } catch (error) {
      client.off('error', onLost);
      // A connection that failed mid-transaction is not given to anyone else.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  async function push(
    deskId: string,
    input: readonly unknown[],
    session?: TeamSessionToken,
  ): Promise<PushResult> {
    if (typeof deskId !== 'string' || deskId.length === 0 || deskId.length > 200) {
      throw new ValidationError('The desk id is missing.', 'deskId');
    }
    const parsed = SyncBatchSchema.safeParse(input);
    if (!parsed.success) throw validationErrorFromZod(parsed.error, 'changes');
    const changes = parsed.data;
    return withClient(async (client) => {
      const attempt = async (guardEach: boolean) => {
        await client.query('BEGIN');
        try {
          await claimSession(client, session);
          const result = await pushIn(client, deskId, changes, guardEach);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      };
      try {
        return await attempt(false);
      } catch (error) {
        if (!isPermissionRefusal(error)) throw error;
      }
      // Row-level security refused a write. The batch is pushed again with each record written under a
      // savepoint, so that only the writes refused are refused (savepoints for every change of every
      // push would cost each one a subtransaction; refusals are rare).
      try {
        return await attempt(true);
      } catch (error) {
        if (isPermissionRefusal(error)) throw new PermissionError(RESTRICTED_REFUSED);
        throw error;
      }
    });
  }

  async function pushIn(
    client: PoolClient,
    deskId: string,
    changes: SyncChange[],
    guardEach: boolean,
  ): Promise<PushResult> {
    const head = (
      await client.query<HeadRow>(
        // The latest instant a bookkeeping field may hold: the server's clock, with five minutes'
        // grace for desks whose clocks differ a little (capping those would change every record a
        // desk pushes, and forms open on it would think another desk had changed it).
        `SELECT last_seq, audit_seq, audit_hash,
                to_char((now() + interval '5 minutes') AT TIME ZONE 'UTC',
                        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS latest_instant
           FROM sync_head FOR UPDATE`,
      )
    ).rows[0]!;
    // A disposal by someone who may not decide retention: its changes are refused, the rest go on.
    let mayDispose = true;
    if (changes.some(isDisposal)) {
      const may = await client.query<{ may: boolean }>('SELECT redress_may_decide_retention() AS may');
      mayDispose = may.rows[0]?.may === true;
      // A disposal's erasure may still write its case's records once the case is disposed of.
      if (mayDispose && changes.some((c) => c.erasure === true))
        await client.query("SELECT set_config('redress.erasure', 'on', true)");
    }
    const disposed = await disposedCasesOf(client, changes);
    let lastSeq = Number(head.last_seq);
    let auditHead = { seq: Number(head.audit_seq), hash: head.audit_hash };
    const startSeq = lastSeq;
    const results: PushOutcome[] = [];
    // Records of this push whose change was refused: what follows was built on it.
    const refused = new Set<string>();
    for (const [index, change] of changes.entries()) {
      // Through the server's function, not the table: row-level security would hide a change of a
      // case restricted from this person since, and the change would be taken as new (migration 18).
      const prior = await client.query<{
        seq: string;
        version: string;
        kind: string;
        id: string;
        erased: boolean;
      }>('SELECT seq, version, kind, id, erased FROM redress_change_by_key($1)', [change.idempotencyKey]);
      const earlier = prior.rows[0];
      if (earlier) {
        // A disposal since named an erased trail entry by its payload hash instead of its id.
        if (earlier.kind !== change.kind || (earlier.id !== change.id && !earlier.erased)) {
          throw new ValidationError(
            `The idempotency key ${change.idempotencyKey} was already used for another record.`,
            `changes.${index}.idempotencyKey`,
          );
        }
        results.push({
          status: 'applied',
          idempotencyKey: change.idempotencyKey,
          seq: Number(earlier.seq),
          version: Number(earlier.version),
          replayed: true,
        });
        continue;
      }

      const isAudit = change.kind === 'audit';
      const current = isAudit
        ? await auditRecord(client, change.id)
        : await client
            .query<{ version: string; data: RecordData }>(
              'SELECT version, data FROM records WHERE kind = $1 AND id = $2 FOR UPDATE',
              [change.kind, change.id],
            )
            .then(({ rows }) => (rows[0] ? { version: Number(rows[0].version), data: rows[0].data } : null));
      const refuse = (code: string, message: string, figures?: RefusalFigures, gone?: DisposedCase) =>
        results.push({
          status: 'refused',
          idempotencyKey: change.idempotencyKey,
          kind: change.kind,
          id: change.id,
          code,
          message,
          ...(figures ? { figures } : {}),
          ...(gone ? { disposed: gone } : {}),
          actor: change.actor,
          serverVersion: current?.version ?? 0,
          serverData: current?.data ?? null,
        });
      const recordKey = `${change.kind}/${change.id}`;
      if (refused.has(recordKey)) {
        refuse(FOLLOWS_REFUSED_CODE, FOLLOWS_REFUSED);
        continue;
      }
      if (!mayDispose && isDisposal(change)) {
        refused.add(recordKey);
        refuse(DISPOSAL_REFUSED_CODE, DISPOSAL_REFUSED);
        continue;
      }
      // A record of a case disposed of before this change arrived: nothing of it is kept (migration
      // 15; records_refuse_disposed refuses the write too). A disposal's own erasure goes on.
      const caseOfRecord = isAudit ? undefined : caseIdOf(change, current?.data);
      const gone = caseOfRecord === undefined ? undefined : disposed.get(caseOfRecord);
      if (gone && change.erasure !== true) {
        refused.add(recordKey);
        refuse(DISPOSED_CASE_CODE, disposedRefusal(gone), undefined, gone);
        continue;
      }
      const outcome = mergeChange(current, change, head.latest_instant);
      if (!outcome.ok && 'refusal' in outcome) {
        // Refused by the merge rule (a signed-off interview): nothing of it is written.
        refused.add(recordKey);
        refuse(outcome.refusal.code, outcome.refusal.message);
        continue;
      }
      if (!outcome.ok) {
        results.push({
          status: 'conflict',
          idempotencyKey: change.idempotencyKey,
          kind: change.kind,
          id: change.id,
          reason: outcome.reason,
          conflicts: outcome.conflicts,
          serverVersion: current?.version ?? 0,
          serverData: current?.data ?? null,
        });
        continue;
      }

      lastSeq += 1;
      const version = (current?.version ?? 0) + 1;
      const data = outcome.data;
      let erasedForDisposal: DisposedCase | undefined;
      const write = async (): Promise<void> => {
        await client.query(
          `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            lastSeq,
            deskId,
            change.idempotencyKey,
            change.kind,
            change.id,
            version,
            JSON.stringify(change.fields),
            JSON.stringify(change.actor),
            change.at,
          ],
        );
        if (isAudit) {
          const draft = AuditPushSchema.safeParse(afterValues(change));
          if (!draft.success) throw validationErrorFromZod(draft.error, `changes.${index}.fields`);
          const { salt, ...rest } = draft.data;
          const entry = chainAuditEntry(rest, auditHead, salt);
          await client.query(
            `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES ($1, $2, $3, $4, $5, $6)`,
            [entry.seq, entry.prevHash, entry.hash, JSON.stringify(entry), deskId, lastSeq],
          );
          auditHead = { seq: entry.seq, hash: entry.hash };
          // A disposal: the server scrubs the case's history as the desk did (migration 12), and
          // remembers the case (migration 15).
          if (entry.action.startsWith('dispose-')) {
            await client.query('SELECT redress_erase_disposed($1)', [lastSeq]);
            await client.query('SELECT redress_remember_disposal($1)', [lastSeq]);
            if (entry.caseId) {
              const known = await disposedCasesOf(client, [], [entry.caseId]);
              for (const [id, d] of known) disposed.set(id, d);
            }
          } else if (entry.caseId && disposed.has(entry.caseId)) {
            // About a case disposed of already: linked, but nothing personal kept (migration 15).
            const { rows } = await client.query<{ erased: boolean }>(
              'SELECT redress_erase_after_disposal($1) AS erased',
              [lastSeq],
            );
            if (rows[0]?.erased) erasedForDisposal = disposed.get(entry.caseId);
          }
        } else {
          await client.query(
            `INSERT INTO records (kind, id, version, data, restricted, updated_seq) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (kind, id) DO UPDATE
               SET version = EXCLUDED.version, data = EXCLUDED.data, restricted = EXCLUDED.restricted,
                   updated_seq = EXCLUDED.updated_seq`,
            [change.kind, change.id, version, JSON.stringify(data), data.restricted === true, lastSeq],
          );
        }
      };
      // A proposal's write may be refused by the server's approval rule, and (pushed again after a
      // refusal) any record's by row-level security: only that change is undone.
      const approval = change.kind === APPROVAL_GUARDED_KIND;
      const guarded = approval || (guardEach && !isAudit);
      if (guarded) await client.query('SAVEPOINT change_write');
      try {
        await write();
      } catch (error) {
        const e = error as { code?: string; detail?: string; hint?: string; message?: string };
        const byRule = approval && e.code === RULE_REFUSED_SQLSTATE;
        if (!guarded || (!byRule && !isPermissionRefusal(error))) throw error;
        await client.query('ROLLBACK TO SAVEPOINT change_write');
        lastSeq -= 1;
        refused.add(recordKey);
        if (byRule)
          refuse(
            e.detail ?? 'refused',
            e.message ?? 'The team server refused this change.',
            figuresOf(e.hint),
          );
        else refuse(RESTRICTED_CODE, RESTRICTED_REFUSED);
        continue;
      }
      if (guarded) await client.query('RELEASE SAVEPOINT change_write');
      results.push({
        status: 'applied',
        idempotencyKey: change.idempotencyKey,
        seq: lastSeq,
        version,
        replayed: false,
        ...(erasedForDisposal ? { erasedForDisposal } : {}),
      });
      await options.afterWrite?.(index);
    }

    if (lastSeq > startSeq) {
      await client.query('UPDATE sync_head SET last_seq = $1, audit_seq = $2, audit_hash = $3', [
        lastSeq,
        auditHead.seq,
        auditHead.hash,
      ]);
      // Delivered to listeners when (and only if) the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, String(lastSeq)]);
    }
    return { results, headSeq: lastSeq };
  }

  async function pull(sinceSeq: number, limit: number, session?: TeamSessionToken): Promise<PullResult> {
    if (!Number.isSafeInteger(sinceSeq) || sinceSeq < 0) {
      throw new ValidationError('The seq to pull from is a whole number, 0 or more.', 'sinceSeq');
    }
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PULL_PAGE) {
      throw new ValidationError(`A pull asks for 1 to ${MAX_PULL_PAGE} changes.`, 'limit');
    }
    return withClient(async (client) => {
      // One snapshot: the head and the page agree.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        await claimSession(client, session);
        const head = await client.query<{ last_seq: string }>('SELECT last_seq FROM sync_head');
        const { rows } = await client.query<PulledRow>(
          // The page of changes first (the primary key's order, the policy on each), then its records
          // and audit entries by key: a join over the whole table would let the planner merge-scan
          // the audit table from its start on every page.
          `SELECT ${PULLED_COLUMNS}
             FROM (SELECT seq, desk_id, kind, id, version, fields, actor, at
                     FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2) c
             LEFT JOIN records r ON r.kind = c.kind AND r.id = c.id
             LEFT JOIN audit a ON a.change_seq = c.seq AND a.change_seq > $1
            ORDER BY c.seq`,
          [sinceSeq, limit],
        );
        await client.query('COMMIT');
        const changes = rows.map(pulledChangeOf);
        const headSeq = Number(head.rows[0]!.last_seq);
        // A short page holds every change up to the head this account may see: only a push moves the
        // head, in the transaction that adds its changes, so this snapshot has every change up to it
        // and none past it. The rest are hidden from it (restricted), so the desk's place moves to the
        // head; left at the last change it saw, it would ask for them again, answered at once each
        // time, as long as the newest changes are ones it may not see.
        const lastSeq = rows.length < limit ? Math.max(sinceSeq, headSeq) : changes.at(-1)!.seq;
        return { changes, lastSeq, headSeq };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async function catchUp(
    sinceSeq: number,
    pageSize: number,
    apply: (page: PullResult) => Promise<void>,
    session?: TeamSessionToken,
  ): Promise<number> {
    let seq = sinceSeq;
    for (;;) {
      const page = await pull(seq, pageSize, session);
      // An empty page past the desk's place (the newest changes hidden from it) is applied too, for its lastSeq.
      if (page.lastSeq > seq) {
        await apply(page);
        seq = page.lastSeq;
      }
      if (page.changes.length === 0 || seq >= page.headSeq) return seq;
    }
  }

  return { push, pull, catchUp, close: () => pool.end() };
}

/** The case a record belongs to: a case is its own; another record's is its caseId. */
function caseIdOf(change: SyncChange, server: RecordData | undefined): string | undefined {
  if (change.kind === 'cases') return change.id;
  const id = server?.caseId ?? change.fields.caseId?.after;
  return typeof id === 'string' ? id : undefined;
}

/** The server's words for a change to a disposed case (the desk words it in its locale). */
const disposedRefusal = (d: DisposedCase) =>
  `This case was disposed of under the retention policy on ${d.at.slice(0, 10)}; this change was not kept.`;

/**
 * The disposed cases (migration 15) among those the changes belong to: a case's own id, the caseId
 * a change names, and the case of each record the server holds; plus `extra` ids.
 */
async function disposedCasesOf(
  client: PoolClient,
  changes: readonly SyncChange[],
  extra: readonly string[] = [],
): Promise<Map<string, DisposedCase>> {
  const named = new Set(extra);
  const kinds: string[] = [];
  const ids: string[] = [];
  for (const change of changes) {
    if (change.kind === 'audit') {
      const caseId = change.fields.caseId?.after;
      if (typeof caseId === 'string') named.add(caseId);
      continue;
    }
    const caseId = caseIdOf(change, undefined);
    if (caseId !== undefined) named.add(caseId);
    kinds.push(change.kind);
    ids.push(change.id);
  }
  const { rows } = await client.query<{
    case_id: string;
    disposal: string;
    record_id: string;
    disposed_at: string;
  }>(
    `SELECT d.case_id, d.disposal, d.record_id, d.disposed_at FROM disposed_cases d
      WHERE d.case_id = ANY($1::text[])
         OR d.case_id IN (SELECT r.case_id FROM records r
                            JOIN unnest($2::text[], $3::text[]) AS x(kind, id) ON r.kind = x.kind AND r.id = x.id)`,
    [[...named], kinds, ids],
  );
  return new Map(
    rows.map((r) => [
      r.case_id,
      { caseId: r.case_id, disposal: r.disposal, recordId: r.record_id, at: r.disposed_at },
    ]),
  );
}

/** The figures a refusal's HINT carries (migration 14: JSON), when it carries any. */
function figuresOf(hint: string | undefined): RefusalFigures | undefined {
  if (!hint) return undefined;
  try {
    const parsed = RefusalFiguresSchema.safeParse(JSON.parse(hint));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** insufficient_privilege: a row-level security policy refused a write. */
const isPermissionRefusal = (error: unknown): boolean => (error as { code?: string })?.code === '42501';

/** A disposal's change: a record it erased, or its own audit entry. */
const isDisposal = (change: SyncChange): boolean =>
  change.erasure === true ||
  (change.kind === 'audit' && String(change.fields.action?.after ?? '').startsWith('dispose-'));

/** An audit change's record is its change row: audit entries live in the audit table, not in records. */
async function auditRecord(client: PoolClient, id: string) {
  const { rows } = await client.query<{ version: string; fields: SyncChange['fields'] }>(
    "SELECT version, fields FROM changes WHERE kind = 'audit' AND id = $1",
    [id],
  );
  const row = rows[0];
  return row ? { version: Number(row.version), data: afterValues({ fields: row.fields }) } : null;
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * Calls `onChange(headSeq)` each time a push commits on the server (from any desk), and
 * `onAccount(accountId)` each time an account changes or a session ends there (migration 16;
 * `EVERY_ACCOUNT` for the security policy). A connection of its own; `onError` hears when it is lost
 * (the server went away): listen again when it is back.
 */
export async function listenForChanges(
  config: ClientConfig,
  onChange: (headSeq: number) => void,
  onError: (error: Error) => void = () => undefined,
  onAccount: (accountId: string) => void = () => undefined,
): Promise<ChangeListener> {
  const client = new Client(config);
  client.on('error', onError);
  client.on('notification', (message) => {
    if (message.channel === CHANGES_CHANNEL) onChange(Number(message.payload));
    else if (message.channel === ACCOUNTS_CHANNEL) onAccount(message.payload ?? EVERY_ACCOUNT);
  });
  await client.connect();
  await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${ACCOUNTS_CHANNEL}`);
  return { close: () => client.end() };
}
