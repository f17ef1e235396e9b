// Team mode's outbox (DESIGN.md, "Team mode"): every local write to a synced table adds, in the same
// transaction, one outbox entry per record it changed, naming the record, the version the desk had
// of it and each top-level field's value before and after. No repository knows about it: a Dexie
// DBCore middleware (as dexie-cloud's mutation tracking does) widens each read-write transaction
// over a synced table to the outbox and the sync state, reads the rows a write replaces before it
// writes them, and adds the entries. A rolled-back transaction leaves no entry.
//
// - It records only while the desk is in team mode (the flag in `syncState`, set when the sync
//   runner starts against a configured server).
// - Writes that apply what was pulled from the server (or a conflict's choice, which writes its own
//   entry) are marked with `applyingServerChanges` and not recorded.
// - Writes a disposal makes (retention.ts, marked with `disposingCases`) record no `before` value
//   (erasureEdits): the personal data being removed does not travel to the server once more.
// - Append-only kinds record only their creation; the audit trail's entries go by their salt (the
//   server links them into its own chain and gives them to the other desks).
import type { LedgerEntry } from '../../src-shared/domain/disposal-ledger';
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
  Transaction,
} from 'dexie';
import {
  erasureEdits,
  fieldEdits,
  isAppendOnly,
  isSyncedKind,
  type ConflictReason,
  type FieldEdit,
  type RecordData,
} from '../../src-shared/domain/team-sync';
import type { SecurityPolicy } from '../../src-shared/domain/accounts';
import type { DeskReferenceRange } from '../../src-shared/domain/reference';

export const OUTBOX = 'outbox';
export const SYNC_STATE = 'syncState';
export const CONFLICTS = 'conflicts';

/** One local change waiting to be pushed, in the order it was written (seq). */
export interface OutboxEntry {
  seq?: number;
  idempotencyKey: string;
  kind: string;
  id: string;
  baseVersion: number;
  fields: Record<string, FieldEdit>;
  at: string;
  /** The case it belongs to, so the status can say which cases wait. */
  caseId: string | null;
  /** Who was signed in at this desk when it was written (main keeps it if the server knows them). */
  author?: { id: string; name: string };
  /** Written by a disposal: no `before` values, and it stands over other desks' edits (erasureEdits). */
  erasure?: true;
}

/** Whether an outbox entry creates its record (an edit never sends the unchanged `id`; the trail is only ever added). */
export const createsRecord = (entry: Pick<OutboxEntry, 'kind' | 'fields'>): boolean =>
  entry.kind === 'audit' || (entry.fields.id !== undefined && entry.fields.id.before == null);

/** Rows of `syncState`: the team-mode flag, the last seq pulled, and each record's server version. */
export interface SyncStateRow {
  key: string;
  on?: boolean;
  /** The desk's id, as main reports it (to know its own changes when they come back in a pull). */
  deskId?: string;
  value?: number;
  version?: number;
  /** The reference ranges the server gave this desk (REFERENCE_RANGES_KEY). */
  ranges?: DeskReferenceRange[];
  /** An evidence file the server refused (`evidenceRefusedKey`): why, in words to show. */
  message?: string;
  /**
   * A removed case's evidence file waiting to leave this desk (hidden-cases.ts): its copy stays, as
   * the server refused it as damaged and holds none, until it is mended and sent again.
   */
  keptUntilSent?: boolean;
  /** A disposal ledger line waiting for main to seal it (retention.ts, `flushDisposalLedger`). */
  ledger?: LedgerEntry;
  /** A pulled case shown under a marked reference (`referenceClashKey`): the server's reference. */
  reference?: string;
  /** How far promoting this desk to a team server got (`promote-desk.ts`). */
  promotion?: PromotionProgress;
  /**
   * The changes the team server refused in one pass for one reason (`refusedNoticeKey`), for the
   * person to see as one notice.
   */
  refused?: RefusedChanges;
  /** One refused change, as desks kept them (under push-refused|kind|id) before they were grouped by pass. */
  refusal?: RefusedChange;
  /** When the last sync pass finished (LAST_SYNCED_KEY, ISO instant). */
  at?: string;
  /** How far the catch-up of this desk's evidence files has got (sync-runner.ts sendHeldEvidence). */
  heldEvidence?: { after: string | null; done: boolean };
  /**
   * A case shown to this desk after it pulled past its earlier changes: how far fetching them has
   * got (sync-replica.ts caseHistoriesWaiting): after `afterSeq`, up to `beforeSeq`.
   */
  history?: { afterSeq: number; beforeSeq: number };
}

/**
 * The changes the team server refused in one sync pass for one reason (its code and words): the
 * desk put back the server's copy of each record (or removed it, when the server holds none) and
 * keeps this until the person has read it.
 */
export interface RefusedChanges {
  code: string;
  /** The reason, in the office's words. */
  message: string;
  /** When the first of them was refused. */
  at: string;
  records: RefusedRecord[];
}

/** A record whose change was refused, and what the desk did with its copy. */
export interface RefusedRecord {
  kind: string;
  recordId: string;
  caseId: string | null;
  /** Who made the change on this desk. */
  by: { id: string; name: string } | null;
  /**
   * restored: the server's copy put back; removed: the server holds none, so neither does the desk;
   * kept: the server holds none (or hides it from this account), and the desk keeps its own copy.
   * hidden: the case was restricted to others (or taken from this account) since this desk pulled
   * it, and the desk removed its copy.
   */
  outcome: 'restored' | 'removed' | 'kept' | 'hidden' | null;
  /**
   * A hidden case's reference as this desk held it when it removed the case: the notice names the
   * case the person had open, which is no longer on the desk to look up.
   */
  reference?: string;
}

/**
 * A change the team server refused by a rule it keeps (an approval the person may not make): the
 * desk put the server's copy back and keeps this until the person has read it. (One record per
 * notice: how desks kept refusals before `RefusedChanges`.)
 */
export interface RefusedChange {
  kind: string;
  recordId: string;
  caseId: string | null;
  /** permissions.ts's code (own-proposal, over-limit…) or the server's (signed-out, follows-refused). */
  code: string;
  /** The server's words. */
  message: string;
  /** Who made the change on this desk, when it was refused. */
  by: { id: string; name: string } | null;
  at: string;
}

/** Promotion's place, kept so a promotion stopped (cancelled, closed) resumes where it got to. */
export interface PromotionProgress {
  /** The desk's accounts are on the server (main refuses a second upload). */
  accountsDone: boolean;
  /** The desk's security policy, when it did not go up with them (the server keeps its defaults). */
  policyNotCopied?: SecurityPolicy;
  /** Index into SYNCED_KINDS of the table being sent. */
  kindIndex: number;
  /** The primary key of the last row sent from that table (null: none yet). */
  lastKey: string | number | null;
  /** Records sent so far, and how many there were when the promotion started. */
  sent: number;
  total: number;
  done: boolean;
}

export const TEAM_MODE_KEY = 'team-mode';
export const LAST_SEQ_KEY = 'last-seq';
/** The last sync pass that pushed and pulled everything: kept so a restarted desk can still say when. */
export const LAST_SYNCED_KEY = 'last-synced';
export const REFERENCE_RANGES_KEY = 'reference-ranges';
export const EVIDENCE_REFUSED_PREFIX = 'evidence-refused|';
export const evidenceRefusedKey = (sha256: string) => `${EVIDENCE_REFUSED_PREFIX}${sha256}`;
export const referenceClashKey = (caseId: string) => `reference-clash|${caseId}`;
export const PROMOTION_KEY = 'promotion';
export const PUSH_REFUSED_PREFIX = 'push-refused|';
/** The notice of the changes refused in sync pass `pass` for one reason (`RefusedChanges`). */
export const refusedNoticeKey = (pass: string, code: string, message: string) =>
  `${PUSH_REFUSED_PREFIX}${pass}|${code}|${message}`;
/** A join under way (sync-replica.ts, `applyPulledPage`'s `join`): its return facts and search index are built at its end. */
export const JOIN_KEY = 'join';
export const versionKey = (kind: string, id: string) => `v|${kind}|${id}`;

/** Marked transactions (by their IndexedDB transaction): true skips every table, a set only those. */
const applying = new WeakMap<object, true | ReadonlySet<string>>();
/** Read-write transactions this middleware widened, with the team-mode flag read once in each. */
const tracked = new WeakMap<object, { teamMode?: Promise<boolean> }>();

/**
 * Marks the running transaction as applying the server's changes: its writes (to `tables`, or to
 * every table) go into no outbox. Call it first thing inside `db.transaction(...)`.
 */
export function applyingServerChanges(tx: Transaction, tables?: readonly string[]): void {
  applying.set(tx.idbtrans, tables ? new Set(tables) : true);
}

/** Transactions disposing of cases (by their IndexedDB transaction): the tables whose writes erase. */
const erasing = new WeakMap<object, ReadonlySet<string>>();

/**
 * Marks the running transaction as a disposal's: its writes to `tables` go into the outbox as
 * erasures (erasureEdits, no personal `before` value). Call it first thing inside `db.transaction(...)`.
 */
export function disposingCases(tx: Transaction, tables: readonly string[]): void {
  erasing.set(tx.idbtrans, new Set(tables));
}

/** The person signed in at this desk, named on each outbox entry written (setOutboxAuthor). */
let author: { id: string; name: string } | null = null;

/** Who is signed in at this desk now: the outbox entries written from now on name them. */
export function setOutboxAuthor(person: { id: string; name: string } | null): void {
  author = person ? { id: person.id, name: person.name } : null;
}

const recordId = (key: unknown): string => (typeof key === 'string' ? key : JSON.stringify(key));

export function outboxMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'TeamOutbox',
    create(down: DBCore): DBCore {
      const names = new Set(down.schema.tables.map((t) => t.name));
      // Before the version with an outbox (old schemas in migration tests) there is nothing to do.
      if (!names.has(OUTBOX) || !names.has(SYNC_STATE)) return down;
      const synced = new Set<string>([...names].filter(isSyncedKind));
      const outbox = down.table(OUTBOX);
      const state = down.table(SYNC_STATE);

      const teamModeOn = (trans: DBCoreTransaction): Promise<boolean> => {
        const t = tracked.get(trans)!;
        t.teamMode ??= state
          .get({ trans, key: TEAM_MODE_KEY })
          .then((row: SyncStateRow | undefined) => row?.on === true);
        return t.teamMode;
      };

      function trackedTable(table: DBCoreTable): DBCoreTable {
        const kind = table.name;
        const primaryKey = table.schema.primaryKey;
        const appendOnly = isAppendOnly(kind);
        const keysOf = async (req: DBCoreMutateRequest): Promise<unknown[]> => {
          if (req.type === 'deleteRange') {
            const found = await table.query({
              trans: req.trans,
              values: false,
              query: { index: primaryKey, range: req.range },
            });
            return found.result;
          }
          if (req.type === 'delete' || req.keys) return req.keys!;
          return req.values.map((value) => primaryKey.extractKey!(value));
        };

        return {
          ...table,
          async mutate(req) {
            const trans = req.trans;
            const skip = applying.get(trans);
            if (!tracked.has(trans) || skip === true || skip?.has(kind)) return table.mutate(req);
            if (!(await teamModeOn(trans))) return table.mutate(req);
            // An append-only record is only ever created: its later rewrites (erasure) stay local.
            if (appendOnly && req.type !== 'add') return table.mutate(req);
            const keys = await keysOf(req);
            const before: (RecordData | undefined)[] = appendOnly
              ? keys.map(() => undefined)
              : await table.getMany({ trans, keys });
            const result = await table.mutate(
              req.type === 'deleteRange' ? { type: 'delete', trans, keys } : req,
            );
            const values = req.type === 'add' || req.type === 'put' ? req.values : [];
            const ids = keys.map((key, i) =>
              kind === 'audit' ? (values[i] as { salt?: string }).salt : recordId(key),
            );
            const versions: (SyncStateRow | undefined)[] = await state.getMany({
              trans,
              keys: ids.map((id) => versionKey(kind, id ?? '')),
            });
            const at = new Date().toISOString();
            const erasure = erasing.get(trans)?.has(kind) === true;
            const entries: OutboxEntry[] = [];
            keys.forEach((_key, i) => {
              const id = ids[i];
              // A failed row wrote nothing; a format-1 audit entry (no salt) was never this desk's to send.
              if (result.failures[i] || !id) return;
              const after = (values[i] as RecordData | undefined) ?? null;
              const fields = (erasure ? erasureEdits : fieldEdits)(before[i] ?? null, after);
              if (Object.keys(fields).length === 0) return;
              const caseId =
                kind === 'cases' ? id : ((after ?? before[i])?.caseId as string | null | undefined);
              entries.push({
                idempotencyKey: crypto.randomUUID(),
                kind,
                id,
                baseVersion: versions[i]?.version ?? 0,
                fields,
                at,
                caseId: caseId ?? null,
                ...(author ? { author } : {}),
                ...(erasure ? { erasure: true as const } : {}),
              });
            });
            if (entries.length) await outbox.mutate({ type: 'add', trans, values: entries });
            return result;
          },
        };
      }

      return {
        ...down,
        transaction(stores, mode, options) {
          const widen = mode === 'readwrite' && stores.some((s) => synced.has(s));
          const tx = down.transaction(
            widen ? [...new Set([...stores, OUTBOX, SYNC_STATE])] : stores,
            mode,
            options,
          );
          if (widen) tracked.set(tx, {});
          return tx;
        },
        table(name) {
          const table = down.table(name);
          return synced.has(name) ? trackedTable(table) : table;
        },
      };
    },
  };
}

// A change the server refused, waiting for the person's choice (sync-conflicts.ts settles it). Kept
// here, below the repositories, so the schema can name it without an import cycle.
export interface ConflictField {
  field: string;
  /** This desk's value. */
  mine: unknown;
  /** The value the server holds (another desk's). */
  theirs: unknown;
}

export interface SyncConflict {
  /** The refused change's idempotency key. */
  id: string;
  kind: string;
  recordId: string;
  caseId: string | null;
  reason: ConflictReason;
  /** The fields both desks changed. */
  fields: ConflictField[];
  /** Every field of the refused change (the others did not conflict, but were not applied either). */
  change: Record<string, FieldEdit>;
  serverVersion: number;
  serverData: RecordData | null;
  at: string;
}
