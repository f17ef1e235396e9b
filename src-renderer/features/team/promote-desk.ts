// Promote (DESIGN.md, "Team mode"): a single desk becomes the first desk of a team. Main checks the
// server is empty and uploads the desk's accounts; then every synced table's rows go up in pages as
// new records through `team:push`, the path every desk uses, so the server applies its own rules
// (and links the trail into its chain in this desk's order, by its seq). Each
// page's place is stored with the versions the server gave, so a promotion cancelled or cut short
// resumes where it got to; a page sent but not stored goes again under the same keys (a replay).
import {
  MAX_PUSH_CHANGES,
  SYNCED_KINDS,
  fieldEdits,
  type RecordData,
} from '../../../src-shared/domain/team-sync';
import type { OutboxChange } from '../../../src-shared/ipc/channels/team-sync';
import type { Table } from 'dexie';
import type { SecurityPolicy } from '../../../src-shared/domain/accounts';
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { storedTrailPages } from '../../db/audit-store';
import type { RedressDB } from '../../db/schema';
import { createsRecord, type PromotionProgress } from '../../db/sync-outbox';
import { promotionProgress, storePromotedPage, storePromotionProgress } from '../../db/sync-replica';
import { sendEvidenceFile, type SyncTransport } from './sync-runner';

export interface PromoteTransport extends Pick<SyncTransport, 'push' | 'uploadEvidence'> {
  /** Main's check that the server is empty, and the accounts' upload (`team:promote-accounts`). */
  promoteAccounts(): Promise<{ accounts: number; policyNotCopied: SecurityPolicy | null }>;
}

export type PromoteOutcome =
  /** policyNotCopied: the desk's security policy, which did not reach the server (it keeps its defaults). */
  | { outcome: 'done'; sent: number; total: number; policyNotCopied: SecurityPolicy | null }
  | { outcome: 'cancelled'; sent: number; total: number }
  | { outcome: 'offline'; message: string; sent: number; total: number };

export interface PromoteOptions {
  /** Hears the records sent so far of all there are. */
  onProgress?: (sent: number, total: number) => void;
  /** Stops after the page in flight (the place is kept). */
  signal?: AbortSignal;
  /** Records per push (at most MAX_PUSH_CHANGES). */
  pageSize?: number;
}

/** A trail entry without a salt (written before format 2) was never a desk's to send. */
const sendable = (kind: string, row: RecordData) => kind !== 'audit' || typeof row.salt === 'string';

/**
 * The records of `ids` created since team mode came on: their creation waits in the outbox, which
 * sends it once the promotion is done (sync-runner.ts holds it until then). Sending them here too
 * would create them twice; a trail entry twice would be refused as append-only.
 */
async function createdInOutbox(db: RedressDB, kind: string, ids: readonly string[]): Promise<Set<string>> {
  const entries = await db.outbox
    .where('[kind+id]')
    .anyOf(ids.map((id) => [kind, id]))
    .toArray();
  return new Set(entries.filter(createsRecord).map((e) => e.id));
}

/** A page of a table's rows after the key `from` (null: from the start). */
async function tablePage(table: Table, from: string | number | null, pageSize: number) {
  const keys = (await (from === null ? table.toCollection() : table.where(':id').above(from))
    .limit(pageSize)
    .primaryKeys()) as (string | number)[];
  return { keys, rows: (await table.bulkGet(keys)) as (RecordData | undefined)[] };
}

/** A page of the trail after seq `from`, its rows and its packed entries alike (audit-store.ts). */
async function trailPage(db: RedressDB, from: string | number | null, pageSize: number) {
  const { value } = await storedTrailPages(db, pageSize, Number(from ?? 0)).next();
  const entries: AuditEntry[] = value ?? [];
  return {
    keys: entries.map((e) => e.seq) as (string | number)[],
    rows: entries as unknown as (RecordData | undefined)[],
  };
}

/** Trail entries with a salt stored in packs (a desk that joined a server before). */
async function packedSendable(db: RedressDB): Promise<number> {
  let n = 0;
  await db.auditPacks.each((pack) => {
    n += pack.entries.filter((e) => sendable('audit', e as unknown as RecordData)).length;
  });
  return n;
}

/** Records the promotion sends: every row of every synced table (trail entries with a salt). */
async function countRecords(db: RedressDB): Promise<number> {
  let total = 0;
  for (const kind of SYNCED_KINDS) {
    const table = db.table(kind);
    total +=
      kind === 'audit'
        ? (await table.filter((row: RecordData) => sendable(kind, row)).count()) + (await packedSendable(db))
        : await table.count();
  }
  return total;
}

/** The record as a change that creates it; its key names the record, so a resend is a replay. */
function creation(kind: string, row: RecordData, key: string | number): OutboxChange {
  const id = kind === 'audit' ? (row.salt as string) : String(key);
  // As the outbox sends a new record: every field (the server keeps of a trail entry its content).
  const fields = fieldEdits(null, row);
  const at = typeof row.at === 'string' ? row.at : new Date().toISOString();
  return { idempotencyKey: `promote|${kind}|${id}`, kind, id, baseVersion: 0, fields, at };
}

/**
 * Sends the files of a page of evidence records, each unless the server has it. The server being
 * away stops the promotion (its place is kept, the page goes again); a file refused (missing or
 * damaged on this desk) is noted for the sync notices' "Send again", and its record goes on.
 */
async function sendEvidenceFiles(
  db: RedressDB,
  transport: PromoteTransport,
  kind: string,
  changes: readonly OutboxChange[],
) {
  const upload = transport.uploadEvidence;
  if (kind !== 'evidence' || !upload) return null;
  const files = changes.flatMap((c) => {
    const sha256 = c.fields.sha256?.after;
    return typeof sha256 === 'string' ? [sha256] : [];
  });
  for (const sha256 of new Set(files)) {
    const answer = await sendEvidenceFile(db, upload, sha256);
    if (!answer.online) return answer;
  }
  return null;
}

/** Whether this desk started a promotion it has not finished. */
export async function promotionUnfinished(db: RedressDB): Promise<PromotionProgress | null> {
  const progress = await promotionProgress(db);
  return progress && !progress.done ? progress : null;
}

/** Promotes this desk (or resumes its promotion) until done, cancelled or the server goes away. */
export async function promoteDesk(
  db: RedressDB,
  transport: PromoteTransport,
  options: PromoteOptions = {},
): Promise<PromoteOutcome> {
  const pageSize = Math.min(options.pageSize ?? MAX_PUSH_CHANGES, MAX_PUSH_CHANGES);
  let progress: PromotionProgress = (await promotionProgress(db)) ?? {
    accountsDone: false,
    kindIndex: 0,
    lastKey: null,
    sent: 0,
    total: await countRecords(db),
    done: false,
  };
  await storePromotionProgress(db, progress);
  const report = (p: PromotionProgress) => options.onProgress?.(p.sent, p.total);
  report(progress);
  if (!progress.accountsDone) {
    const { policyNotCopied } = await transport.promoteAccounts();
    progress = { ...progress, accountsDone: true, ...(policyNotCopied ? { policyNotCopied } : {}) };
    await storePromotionProgress(db, progress);
  }
  while (!progress.done) {
    const { sent, total } = progress;
    if (options.signal?.aborted) return { outcome: 'cancelled', sent, total };
    const kind = SYNCED_KINDS[progress.kindIndex];
    if (!kind) {
      progress = { ...progress, done: true };
      await storePromotionProgress(db, progress);
      break;
    }
    const table = db.table(kind);
    const from = progress.lastKey;
    // The page's rows and the outbox read together: what the rows hold of the outbox's edits is
    // exactly the entries up to `coveredUpTo` (storePromotedPage drops those once applied).
    const read = [table, db.auditPacks, db.outbox];
    const { keys, rows, waiting, coveredUpTo } = await db.transaction('r', read, async () => {
      const { keys, rows } =
        kind === 'audit' ? await trailPage(db, from, pageSize) : await tablePage(table, from, pageSize);
      const ids = keys.map((key, i) => (kind === 'audit' ? String(rows[i]?.salt) : String(key)));
      const waiting = await createdInOutbox(db, kind, ids);
      return {
        keys,
        rows,
        waiting,
        coveredUpTo: ((await db.outbox.orderBy('seq').last())?.seq ?? 0) as number,
      };
    });
    if (!keys.length) {
      progress = { ...progress, kindIndex: progress.kindIndex + 1, lastKey: null };
      await storePromotionProgress(db, progress);
      continue;
    }
    const changes = keys.flatMap((key, i) => {
      const row = rows[i];
      if (!row || !sendable(kind, row)) return [];
      const change = creation(kind, row, key);
      return waiting.has(change.id) ? [] : [change];
    });
    const next: PromotionProgress = {
      ...progress,
      lastKey: keys[keys.length - 1]!,
      sent: sent + changes.length,
    };
    if (changes.length) {
      // An evidence record's file goes up before the record, as the outbox's do (sync-runner.ts):
      // other desks fetch it from the server when they first open it.
      const files = await sendEvidenceFiles(db, transport, kind, changes);
      if (files && !files.online) return { outcome: 'offline', message: files.message, sent, total };
      const answer = await transport.push(changes);
      if (!answer.online) return { outcome: 'offline', message: answer.message, sent, total };
      await storePromotedPage(db, changes, answer, next, coveredUpTo);
    } else {
      await storePromotionProgress(db, next);
    }
    progress = next;
    report(progress);
  }
  const policyNotCopied = progress.policyNotCopied ?? null;
  return { outcome: 'done', sent: progress.sent, total: progress.total, policyNotCopied };
}
