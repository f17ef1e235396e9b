// The desk's replica of the team server (DESIGN.md, "Team mode"): what the server answered to a
// push, and the server's changes pulled, each written in one transaction with the sync state, so a
// desk stopped at any point resumes from what it stored. Writes made here are the server's, not
// this desk's: they are marked so the outbox does not send them back.
import type { Table } from 'dexie';
import {
  eraseAuditPayload,
  hashAuditPayload,
  hashAuditPayloads,
  trailEntryKey,
  type AuditDraft,
  type AuditEntry,
  type AuditPayload,
} from '../../src-shared/domain/audit';
import { mergePulledInterview, type InterviewRecord } from '../../src-shared/domain/investigation';
import {
  AuditPushSchema,
  DISPOSAL_REFUSED_CODE,
  DISPOSED_CASE_CODE,
  isDeletedRecord,
  LATEST_WINS_FIELDS,
  type DisposedCase,
  FOLLOWS_REFUSED_CODE,
  NOT_ON_SERVER,
  NOT_ON_SERVER_CODE,
  isSyncedKind,
  refusalMessage,
  sameValue,
  type OfficeWording,
  type RecordData,
} from '../../src-shared/domain/team-sync';
import type { PulledChangeOut, TeamPushAnswer } from '../../src-shared/ipc/channels/team-sync';
import type { CaseRecord } from '../../src-shared/domain/case';
import { defaultSettings } from '../../src-shared/domain/settings';
import {
  clashingReferenceLabel,
  referenceCounterKey,
  type DeskReferenceRange,
} from '../../src-shared/domain/reference';
import { appendAudits, caseAuditTrail } from './audit-log';
import { storeRewrittenEntries } from './audit-store';
import { bumpCounters, pulledCaseCounterDeltas } from './cases';
import { erasePulledDisposal } from './retention';
import { deferReturnFacts, rebuildReturnFacts } from './return-facts';
import { SYSTEM_ACTOR, type RedressDB } from './schema';
import type { SyncConflict } from './sync-conflicts';
import {
  applyingServerChanges,
  EVIDENCE_REFUSED_PREFIX,
  evidenceRefusedKey,
  JOIN_KEY,
  LAST_SEQ_KEY,
  LAST_SYNCED_KEY,
  REFERENCE_RANGES_KEY,
  referenceClashKey,
  PROMOTION_KEY,
  PUSH_REFUSED_PREFIX,
  createsRecord,
  refusedNoticeKey,
  TEAM_MODE_KEY,
  versionKey,
  type OutboxEntry,
  type PromotionProgress,
  type RefusedChanges,
  type RefusedRecord,
  type SyncStateRow,
} from './sync-outbox';

/** Whether the outbox records local writes (team mode), and this desk's id. */
export async function setTeamMode(db: RedressDB, on: boolean, deskId: string | null): Promise<void> {
  await db.syncState.put({ key: TEAM_MODE_KEY, on, ...(deskId ? { deskId } : {}) });
}

/** Whether this desk syncs with a team server (the outbox records its writes). */
export async function teamModeOn(db: RedressDB): Promise<boolean> {
  return (await db.syncState.get(TEAM_MODE_KEY))?.on === true;
}

export async function lastPulledSeq(db: RedressDB): Promise<number> {
  return (await db.syncState.get(LAST_SEQ_KEY))?.value ?? 0;
}

/** When this desk last finished a sync pass (ISO), or null if it never has. */
export async function lastSyncedAt(db: RedressDB): Promise<string | null> {
  return (await db.syncState.get(LAST_SYNCED_KEY))?.at ?? null;
}

export async function storeLastSyncedAt(db: RedressDB, at: string): Promise<void> {
  await db.syncState.put({ key: LAST_SYNCED_KEY, at });
}

/**
 * Stores the place of a pulled page that carried no change (the newest changes are hidden from this
 * desk: the server answers with its head). Only forward, and only when it moves, so a quiet desk
 * writes nothing.
 */
export async function storePulledSeq(db: RedressDB, seq: number): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    if (seq > (await lastPulledSeq(db))) await db.syncState.put({ key: LAST_SEQ_KEY, value: seq });
  });
}

/** The oldest outbox entries, at most `limit`, in the order they were written. */
export function outboxBatch(db: RedressDB, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/**
 * Stores the server's answer to a pushed batch: each applied entry leaves the outbox and its
 * record's version moves on; each refused one leaves it too and waits as a conflict for the
 * person's choice. A batch answered twice (a retry) ends the same. `office`: the office's locale and
 * time zone, for the money and dates in a refusal's words. `pass`: the sync pass the batch belongs
 * to: its refused changes join the pass's notice for the same reason (one notice per reason).
 * Returns the cases a refusal put back or removed here, for the search index to follow.
 */
export async function storePushAnswer(
  db: RedressDB,
  sent: readonly OutboxEntry[],
  answer: Extract<TeamPushAnswer, { online: true }>,
  now: Date = new Date(),
  office: OfficeWording = defaultSettings(),
  pass: string = now.toISOString(),
): Promise<{ applied: number; conflicts: number; cases: CaseRecord[]; deletedCases: string[] }> {
  let conflicts = 0;
  const refusedCases = new Set<string>();
  const refusals: Refusal[] = [];
  const refusedKinds = [
    ...new Set(
      answer.results.flatMap((r) =>
        r.status !== 'applied' && (r.status === 'refused' || notOnServer(r)) && refusedPutsBack(r.kind)
          ? [r.kind]
          : [],
      ),
    ),
  ];
  // Cases disposed of before this desk's changes to them reached the server (migration 15).
  const disposedCases = new Map<string, { disposed: DisposedCase; by: OutboxEntry['author'] | null }>();
  for (const [i, r] of answer.results.entries()) {
    const disposed =
      r.status === 'refused' ? r.disposed : r.status === 'applied' ? r.erasedForDisposal : undefined;
    if (disposed && !disposedCases.has(disposed.caseId))
      disposedCases.set(disposed.caseId, {
        disposed,
        by: r.status === 'refused' ? r.actor : (sent[i]?.author ?? null),
      });
  }
  const tables: Table[] = [db.outbox, db.syncState, db.conflicts];
  if (refusedKinds.length) tables.push(...refusedKinds.map((k) => db.table(k)));
  if (refusedKinds.length || disposedCases.size) tables.push(db.audit, db.auditPacks, db.counters);
  const disposalRefused = answer.results.some(
    (r) => r.status === 'refused' && r.code === DISPOSAL_REFUSED_CODE && r.kind === 'cases',
  );
  if (disposalRefused) tables.push(db.disposals);
  await db.transaction('rw', tables, async (tx) => {
    // Putting back the server's copy of a refused record is the server's write, not this desk's.
    if (refusedKinds.length) applyingServerChanges(tx, refusedKinds);
    for (const [i, result] of answer.results.entries()) {
      const entry = sent[i];
      if (!entry || entry.idempotencyKey !== result.idempotencyKey) continue;
      await db.outbox.delete(entry.seq!);
      if (result.status === 'applied') {
        await raiseVersion(db, entry.kind, entry.id, result.version);
        continue;
      }
      conflicts += 1;
      // Nothing to choose between: the server shows no copy. Told as a refusal, the desk's copy kept.
      if (result.status === 'conflict' && notOnServer(result)) {
        const refusal = await storeRefusal(
          db,
          entry,
          {
            ...result,
            code: NOT_ON_SERVER_CODE,
            message: NOT_ON_SERVER,
            actor: entry.author ?? SYSTEM_ACTOR,
          },
          now,
          office,
        );
        if (refusal) refusals.push(refusal);
        continue;
      }
      if (result.status === 'refused') {
        if (entry.kind === 'cases') refusedCases.add(entry.id);
        if (entry.kind === 'cases' && result.code === DISPOSAL_REFUSED_CODE) {
          await noteDisposalRefused(db, result.serverData);
          // The details its trail erased are on the server still: the runner takes them back.
          await db.syncState.put({ key: trailRestoreKey(entry.id), at: now.toISOString() });
        }
        const refusal = await storeRefusal(db, entry, result, now, office);
        if (refusal) refusals.push(refusal);
        continue;
      }
      const conflict: SyncConflict = {
        id: entry.idempotencyKey,
        kind: entry.kind,
        recordId: entry.id,
        caseId: entry.caseId,
        reason: result.reason,
        fields: result.conflicts.map((c) => ({ field: c.field, mine: c.yours.after, theirs: c.server })),
        change: entry.fields,
        serverVersion: result.serverVersion,
        serverData: result.serverData,
        at: now.toISOString(),
      };
      const earlier = await db.conflicts.where('[kind+recordId]').equals([entry.kind, entry.id]).first();
      await db.conflicts.put(earlier ? mergeConflicts(earlier, conflict) : conflict);
    }
    for (const { disposed, by } of disposedCases.values())
      await forgetDisposedCase(
        db,
        disposed,
        by,
        refusalMessage({ code: DISPOSED_CASE_CODE, message: '', disposed }, office),
        now,
      );
    await noteRefusals(db, pass, refusals, now);
  });
  for (const { disposed } of disposedCases.values()) refusedCases.add(disposed.caseId);
  const held = refusedCases.size ? await db.cases.bulkGet([...refusedCases]) : [];
  return {
    applied: answer.results.length - conflicts,
    conflicts,
    cases: held.filter((c): c is CaseRecord => c !== undefined),
    deletedCases: [...refusedCases].filter((_, i) => held[i] === undefined),
  };
}

/**
 * Whether a refused change's record goes back to the server's copy. Not a trail entry's (a refused
 * disposal's own): it stays in this desk's chain, which records what was done here, and the entries
 * saying what the refusal undid follow it.
 */
const refusedPutsBack = (kind: string) => isSyncedKind(kind) && kind !== 'audit';

/**
 * A case whose disposal the server refused, put back as the server holds it: the desk's disposal
 * record that names it says so (its counts stay: they are what was done on this desk).
 */
async function noteDisposalRefused(db: RedressDB, server: RecordData | null) {
  const reference = typeof server?.reference === 'string' ? server.reference : null;
  if (!reference) return;
  const records = await db.disposals.filter((d) => d.references.includes(reference)).toArray();
  for (const d of records) {
    if (d.refusedByServer?.includes(reference)) continue;
    await db.disposals.put({ ...d, refusedByServer: [...(d.refusedByServer ?? []), reference] });
  }
}

/** A case whose disposal the server refused, whose erased trail details wait to be taken back. */
export const trailRestoreKey = (caseId: string) => `trail-restore|${caseId}`;

/** The cases whose erased trail details wait to be taken back from the server, oldest first. */
export async function trailRestoresWaiting(db: RedressDB): Promise<string[]> {
  const rows = await db.syncState.where('key').startsWith(trailRestoreKey('')).toArray();
  return rows
    .sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? -1 : 1))
    .map((r) => r.key.slice(trailRestoreKey('').length));
}

/**
 * A case whose disposal the server refused: its trail entries this desk erased take back their
 * details from the server's copies (`payloads`), each only when it matches the commitment the
 * entry kept, so nothing but what was erased comes back and the chain verifies as before. One
 * entry records how many were restored. Returns that number.
 */
export async function restoreRefusedDisposalTrail(
  db: RedressDB,
  caseId: string,
  payloads: readonly AuditPayload[],
  now: Date = new Date(),
): Promise<number> {
  return db.transaction('rw', [db.audit, db.auditPacks, db.counters, db.syncState, db.outbox], async () => {
    const restored = await restoreErasedPayloads(
      db,
      caseId,
      payloads,
      now,
      'The team server refused the disposal of this case: the details this desk had erased from its trail were taken back from the server’s trail.',
    );
    await db.syncState.delete(trailRestoreKey(caseId));
    return restored;
  });
}

/**
 * In the caller's transaction: the case's trail entries this desk erased take back their details
 * from `payloads` (the server's), each only when it matches the commitment the entry kept, so
 * nothing but what was erased comes back and the chain verifies as before. One entry says how many,
 * and `why`. Returns that number.
 */
async function restoreErasedPayloads(
  db: RedressDB,
  caseId: string,
  payloads: readonly AuditPayload[],
  now: Date,
  why: string,
): Promise<number> {
  const held = new Map(payloads.map((p) => [p.payloadHash, p]));
  const restored: AuditEntry[] = [];
  for (const entry of await caseAuditTrail(db, caseId)) {
    const payload = entry.erased && entry.payloadHash ? held.get(entry.payloadHash) : undefined;
    if (!payload || hashAuditPayload(payload) !== entry.payloadHash) continue;
    const { erased: _erased, ...header } = entry;
    restored.push({
      ...header,
      changes: payload.changes,
      salt: payload.salt,
      ...(payload.reason !== undefined ? { reason: payload.reason } : {}),
    });
  }
  await storeRewrittenEntries(db, restored);
  if (restored.length)
    await appendAudits(db, [
      {
        at: now.toISOString(),
        actor: SYSTEM_ACTOR,
        entity: 'case',
        entityId: caseId,
        caseId,
        action: 'trail-details-restored',
        changes: [{ field: 'restoredEntries', before: null, after: restored.length }],
        reason: why,
      },
    ]);
  return restored.length;
}

/** A refused change, for its pass's notice: the reason and the record. */
export interface Refusal {
  code: string;
  message: string;
  record: RefusedRecord;
}

/**
 * The pass's refused changes join its notices, one per reason (code and words), each listing its
 * records once: a pass sends the outbox in several batches, and the person reads one notice.
 */
export async function noteRefusals(db: RedressDB, pass: string, refusals: readonly Refusal[], now: Date) {
  const notices = new Map<string, RefusedChanges>();
  for (const { code, message, record } of refusals) {
    const key = refusedNoticeKey(pass, code, message);
    let notice = notices.get(key) ?? (await db.syncState.get(key))?.refused;
    notice ??= { code, message, at: now.toISOString(), records: [] };
    const listed = notice.records.some((r) => r.kind === record.kind && r.recordId === record.recordId);
    notices.set(key, listed ? notice : { ...notice, records: [...notice.records, record] });
  }
  if (notices.size) await db.syncState.bulkPut([...notices].map(([key, refused]) => ({ key, refused })));
}

type PushAnswerResult = Extract<TeamPushAnswer, { online: true }>['results'][number];
type PushRefusedAnswer = Extract<PushAnswerResult, { status: 'refused' }>;

/** A conflict over a record the server has no copy of that this account may see. */
const notOnServer = (r: PushAnswerResult): boolean =>
  r.status === 'conflict' && r.reason === 'unknown-version' && r.serverData === null;

/**
 * A change the server refused by one of its rules (migration 11: an approval the person may not
 * make). Nothing of it stands: the record goes back to the server's copy (a refused approval is
 * waiting for approval again), and this desk's later changes to it, built on the refused one, leave
 * the outbox with it. Nothing is lost either: the trail gets an entry saying what was undone and
 * why (sent to every desk), and the refusal is returned for the pass's notice (`noteRefusals`),
 * which waits in the sync notices until the person has read it.
 */
async function storeRefusal(
  db: RedressDB,
  entry: OutboxEntry,
  result: Omit<PushRefusedAnswer, 'status'>,
  now: Date,
  office: OfficeWording,
): Promise<Refusal | null> {
  const at = now.toISOString();
  const message = refusalMessage(result, office);
  await db.outbox.where('[kind+id]').equals([entry.kind, entry.id]).delete();
  // A later change of the same push, refused with the first: that one put the record back already.
  if (result.code === FOLLOWS_REFUSED_CODE || !refusedPutsBack(entry.kind)) return null;
  const table = db.table(entry.kind);
  const local = (await table.get(entry.id)) as RecordData | undefined;
  const server = result.serverData;
  const disposedOf = result.code === DISPOSED_CASE_CODE;
  let holds: RecordData | undefined = local;
  if (server && !(disposedOf && isDeletedRecord(server))) {
    await table.put(server);
    await db.syncState.put({ key: versionKey(entry.kind, entry.id), version: result.serverVersion });
    holds = server;
  } else if (disposedOf) {
    // The server never kept it (or deleted it with its case): nothing of it stays here either.
    await table.delete(entry.id);
    await db.syncState.delete(versionKey(entry.kind, entry.id));
    holds = undefined;
  }
  // A case put back or removed leaves the totals, the open count and its status's count as a pull would.
  if (entry.kind === 'cases' && holds !== local) {
    const moved = pulledCaseCounterDeltas(local as CaseRecord | undefined, holds as CaseRecord | undefined);
    if (Object.keys(moved).length) await bumpCounters(db, moved);
  }
  const by = result.actor;
  const refusal: Refusal = {
    code: result.code,
    message,
    record: {
      kind: entry.kind,
      recordId: entry.id,
      caseId: entry.caseId,
      by,
      outcome: holds !== local ? (holds ? 'restored' : 'removed') : local && !server ? 'kept' : null,
    },
  };
  // The case's trail is taken care of once for the answer (forgetDisposedCase): no values here.
  if (disposedOf) return refusal;
  // What this desk had and what it holds now, field by field.
  const fields = [...new Set([...Object.keys(local ?? {}), ...Object.keys(server ?? {})])].filter(
    (f) => f !== 'updatedAt' && server && !sameValue(local?.[f], server[f]),
  );
  await appendAudits(db, [
    {
      at,
      actor: by,
      entity: entry.kind === 'resolutions' ? 'resolution' : entry.kind,
      entityId: entry.id,
      caseId: entry.caseId,
      action: 'sync-change-refused',
      changes: fields.map((f) => ({ field: f, before: local?.[f] ?? null, after: server?.[f] ?? null })),
      reason: `The team server refused this desk’s change: ${message}`,
    },
  ]);
  return refusal;
}

/** Whether a trail entry is one a disposal leaves whole: the retention's own, or a note without values. */
const keptByDisposal = (e: AuditEntry) =>
  e.erased !== undefined ||
  e.payloadHash === undefined ||
  e.action.startsWith('dispose-') ||
  (e.action === 'sync-change-refused' && e.changes.length === 0);

/**
 * A case disposed of (on another desk) before this desk's changes to it reached the server, which
 * kept none of them, and erased what trail entries of it arrived (migration 15). This desk erases its
 * copies of the case's entries that still hold a payload, as the server did, and adds one entry
 * naming them by their commitment (so its chain still verifies), without any value: only why.
 */
async function forgetDisposedCase(
  db: RedressDB,
  disposed: DisposedCase,
  by: OutboxEntry['author'] | null,
  reason: string,
  now: Date,
): Promise<void> {
  const trail = await caseAuditTrail(db, disposed.caseId);
  const erased = trail
    .filter((e) => !keptByDisposal(e))
    .map((e) => eraseAuditPayload(e, { at: disposed.at, recordId: disposed.recordId }));
  await storeRewrittenEntries(db, erased);
  await appendAudits(db, [
    {
      at: now.toISOString(),
      actor: by ?? { id: 'team-server', name: 'Team server' },
      entity: 'case',
      entityId: disposed.caseId,
      caseId: disposed.caseId,
      action: 'sync-change-refused',
      changes: [],
      reason,
      erasesPayloads: erased.flatMap((e) => (e.payloadHash ? [e.payloadHash] : [])),
    },
  ]);
}

/**
 * The notices of changes the team server refused (one per pass and reason), newest first, until
 * the person has read them. A refusal kept before they were grouped is a notice of its own.
 */
export async function refusedChanges(db: RedressDB): Promise<(RefusedChanges & { key: string })[]> {
  const rows = await db.syncState.where('key').startsWith(PUSH_REFUSED_PREFIX).toArray();
  return rows
    .flatMap((r): (RefusedChanges & { key: string })[] => {
      if (r.refused) return [{ ...r.refused, key: r.key }];
      if (!r.refusal) return [];
      const { code, message, at, by, kind, recordId, caseId } = r.refusal;
      return [{ key: r.key, code, message, at, records: [{ kind, recordId, caseId, by, outcome: null }] }];
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The person has read a refusal: it leaves the notices (the trail keeps it). */
export async function dismissRefusal(db: RedressDB, key: string): Promise<void> {
  if (key.startsWith(PUSH_REFUSED_PREFIX)) await db.syncState.delete(key);
}

/**
 * A later refused change to a record that already waits for a choice joins that choice: one
 * question per record, with this desk's newest values and the server's newest copy.
 */
function mergeConflicts(earlier: SyncConflict, later: SyncConflict): SyncConflict {
  const fields = new Map(
    earlier.fields.map((f) => [
      f.field,
      f.field in later.change ? { ...f, mine: later.change[f.field]!.after } : f,
    ]),
  );
  for (const f of later.fields) fields.set(f.field, f);
  const theirs = (field: string) => (later.serverData ? (later.serverData[field] ?? null) : undefined);
  return {
    ...later,
    id: earlier.id,
    at: earlier.at,
    fields: [...fields.values()].map((f) => ({ ...f, theirs: theirs(f.field) ?? f.theirs })),
    change: { ...earlier.change, ...later.change },
  };
}

/**
 * Why this desk may send and pull nothing yet, or null when it may: its promotion has not finished
 * ('promotion'), or none was started while the outbox edits a record the server cannot have
 * ('unpromoted': the desk never pulled, and the record was neither created in the outbox nor given
 * a version by the server, so it is this desk's own from before team mode). Sending such an edit
 * would leave a partial record on the server, and a promotion would then refuse a server not empty.
 */
export async function syncHeldFor(db: RedressDB): Promise<'promotion' | 'unpromoted' | null> {
  const promotion = await promotionProgress(db);
  if (promotion) return promotion.done ? null : 'promotion';
  if ((await lastPulledSeq(db)) > 0) return null;
  const created = new Set<string>();
  const edited = new Set<string>();
  await db.outbox.orderBy('seq').each((entry) => {
    const key = versionKey(entry.kind, entry.id);
    if (createsRecord(entry)) created.add(key);
    else if (entry.baseVersion === 0 && !created.has(key)) edited.add(key);
  });
  if (!edited.size) return null;
  const versions = await db.syncState.bulkGet([...edited]);
  return versions.some((row) => row?.version === undefined) ? 'unpromoted' : null;
}

/** How far a promotion of this desk got, or null when none was started. */
export async function promotionProgress(db: RedressDB): Promise<PromotionProgress | null> {
  return (await db.syncState.get(PROMOTION_KEY))?.promotion ?? null;
}

/**
 * Stores a page of promoted records in one transaction: the versions the server gave them and the
 * promotion's new place, so a promotion stopped after the push resumes after this page (and one
 * stopped before stores nothing: the page goes again under the same keys, a replay).
 * Edits made in team mode before the page was read (outbox entries up to `coveredUpTo`) went up
 * inside the records, so they leave the outbox; later ones wait there and merge on the server. A
 * replayed record keeps them all: what its first sending held is not known here.
 */
export async function storePromotedPage(
  db: RedressDB,
  sent: readonly { kind: string; id: string; idempotencyKey: string }[],
  answer: Extract<TeamPushAnswer, { online: true }>,
  progress: PromotionProgress,
  coveredUpTo = 0,
): Promise<void> {
  await db.transaction('rw', [db.syncState, db.outbox], async () => {
    for (const [i, result] of answer.results.entries()) {
      const change = sent[i];
      if (!change || change.idempotencyKey !== result.idempotencyKey) continue;
      if (result.status !== 'applied')
        throw new Error(
          result.status === 'refused'
            ? `The team server refused ${change.kind} ${change.id}: ${result.message}`
            : `The team server refused ${change.kind} ${change.id} (${result.reason}): it is not empty.`,
        );
      await raiseVersion(db, change.kind, change.id, result.version);
      if (!result.replayed && change.kind !== 'audit')
        await db.outbox
          .where('[kind+id]')
          .equals([change.kind, change.id])
          .and((entry) => entry.seq! <= coveredUpTo)
          .delete();
    }
    await db.syncState.put({ key: PROMOTION_KEY, promotion: progress });
  });
}

export async function storePromotionProgress(db: RedressDB, progress: PromotionProgress): Promise<void> {
  await db.syncState.put({ key: PROMOTION_KEY, promotion: progress });
}

async function raiseVersion(db: RedressDB, kind: string, id: string, version: number) {
  const key = versionKey(kind, id);
  const known = (await db.syncState.get(key))?.version ?? 0;
  if (version > known) await db.syncState.put({ key, version });
}

/** The tables a pulled page may write: every synced table the desk has, the trail's head and the sync state. */
function replicaTables(db: RedressDB) {
  const synced = db.tables.filter((t) => isSyncedKind(t.name));
  return [...synced, db.auditPacks, db.counters, db.outbox, db.syncState, db.conflicts];
}

/**
 * Applies one pulled page in one transaction, the last seq with it. Each record is stored as the
 * server holds it now (this desk's own changes too: the server's copy has every desk's merged in),
 * except a record this desk still has changes for (in the outbox, or a conflict waiting), which is
 * left as it is: the push decides, and a later pull brings the merged copy. Another desk's trail entries are
 * linked onto this desk's chain (with their salt), once each. A case's counters move with it; the
 * cases written are returned, for the search index to follow.
 *
 * A join pulls a million changes, so the page is written in bulk: every change carries its record's
 * current copy, so a record changed several times in the page is written once, at its first change,
 * and each table is read with one bulkGet and written with one bulkPut (and bulkDelete). What the
 * desk ends up holding is what applying the changes one by one gives (tests/unit/src-renderer/db/sync-replica.test.ts).
 */
export async function applyPulledPage(
  db: RedressDB,
  page: { changes: readonly PulledChangeOut[]; lastSeq: number },
  ownDeskId: string,
  { join = false }: { join?: boolean } = {},
): Promise<AppliedChanges> {
  const trail = await preparedTrail(page.changes);
  return db.transaction('rw', replicaTables(db), async (tx) => {
    applyingServerChanges(tx);
    if (join) {
      // The return facts are built once at the join's end (finishJoin); the mark, stored with the
      // page, makes a desk stopped before then build them when its next pass ends.
      deferReturnFacts(tx);
      await db.syncState.put({ key: JOIN_KEY, on: true });
    }
    await noteUnseenHistories(db, page.changes);
    const done = await applyChanges(db, page.changes, trail, ownDeskId, join);
    await db.syncState.put({ key: LAST_SEQ_KEY, value: page.lastSeq });
    return done;
  });
}

interface AppliedChanges {
  applied: number;
  skipped: number;
  cases: CaseRecord[];
  deletedCases: string[];
}

/** A pulled trail entry as the desk appends it: its draft, salt and payload commitment. */
interface PreparedEntry {
  draft: AuditDraft;
  salt: string;
  payloadHash: string;
}

/**
 * The page's trail entries parsed, and their payload commitments computed natively, all at once,
 * before the page's transaction begins: a page holds thousands in a join, and hashing them inside
 * it (Dexie.waitFor) let Chromium commit the transaction early (PrematureCommitError, seen in the
 * team bench's join). By seq; a change that is not a valid entry is absent.
 */
async function preparedTrail(changes: readonly PulledChangeOut[]): Promise<Map<number, PreparedEntry>> {
  const parsed = changes.flatMap((change) => {
    const entry = change.kind === 'audit' ? auditDraftOf(change) : null;
    return entry ? [{ seq: change.seq, ...entry }] : [];
  });
  const hashes = await hashAuditPayloads(
    parsed.map(({ draft, salt }) => ({ salt, changes: draft.changes, reason: draft.reason })),
  );
  return new Map(parsed.map(({ seq, draft, salt }, i) => [seq, { draft, salt, payloadHash: hashes[i]! }]));
}

/** Changes applied in the caller's transaction: other desks' trail entries, then the records, each once. */
async function applyChanges(
  db: RedressDB,
  changes: readonly PulledChangeOut[],
  prepared: ReadonlyMap<number, PreparedEntry>,
  ownDeskId: string,
  join: boolean,
): Promise<AppliedChanges> {
  const trail = await newTrailEntries(db, changes, prepared, ownDeskId);
  await refreshWaitingConflicts(db, changes);
  const records = await pulledRecords(db, changes);
  const written = await writeRecords(db, records.groups);
  // A disposal made on another desk: this desk erases its copies of the entries it names.
  for (const draft of trail.drafts)
    if (draft.action.startsWith('dispose-')) await erasePulledDisposal(db, draft);
  // A join's entries (a million for a large office) are stored packed; they are the server's, so
  // the outbox, which packs do not pass through, has nothing to send of them.
  if (trail.drafts.length)
    await appendAudits(db, trail.drafts, trail.salts, { packed: join, payloadHashes: trail.payloadHashes });
  return {
    applied: trail.drafts.length + records.applied,
    skipped: trail.skipped + records.skipped,
    cases: written.cases,
    deletedCases: written.deletedCases,
  };
}

/** A case whose history before this desk could see it waits to be fetched (fillCaseHistories). */
const CASE_HISTORY_PREFIX = 'case-history|';

/**
 * Cases a page shows this desk for the first time after their first change: a restricted case
 * given to this account (assigned to it, or opened) after the desk pulled past its earlier changes,
 * which row-level security hid then. Each is noted with the seq its history runs up to.
 */
async function noteUnseenHistories(db: RedressDB, changes: readonly PulledChangeOut[]): Promise<void> {
  const first = new Map<string, PulledChangeOut>();
  for (const c of changes) if (c.kind === 'cases' && !first.has(c.id)) first.set(c.id, c);
  const later = [...first.values()].filter(
    (c) => c.version > 1 && c.record && !isDeletedRecord(c.record.data),
  );
  if (!later.length) return;
  const held = await db.cases.bulkGet(later.map((c) => c.id));
  const rows = later.flatMap((c, i) =>
    held[i] ? [] : [{ key: CASE_HISTORY_PREFIX + c.id, history: { afterSeq: 0, beforeSeq: c.seq - 1 } }],
  );
  if (rows.length) await db.syncState.bulkPut(rows);
}

/** The cases whose earlier history waits to be fetched, and how far each has got. */
export async function caseHistoriesWaiting(
  db: RedressDB,
): Promise<{ caseId: string; afterSeq: number; beforeSeq: number }[]> {
  const rows = await db.syncState.where('key').startsWith(CASE_HISTORY_PREFIX).toArray();
  return rows.flatMap((r) =>
    r.history ? [{ caseId: r.key.slice(CASE_HISTORY_PREFIX.length), ...r.history }] : [],
  );
}

/**
 * A page of a case's earlier history (team:case-history) applied as a pull is, in one transaction
 * with where it got to (`afterSeq`; done: the wait is over). The desk's place in the server's
 * changes does not move: these are behind it.
 */
export async function applyCaseHistoryPage(
  db: RedressDB,
  caseId: string,
  page: { changes: readonly PulledChangeOut[]; afterSeq: number; done: boolean },
  ownDeskId: string,
  now: Date = new Date(),
): Promise<AppliedChanges> {
  const trail = await preparedTrail(page.changes);
  return db.transaction('rw', replicaTables(db), async (tx) => {
    applyingServerChanges(tx);
    const key = CASE_HISTORY_PREFIX + caseId;
    const waiting = await db.syncState.get(key);
    if (!waiting?.history) return { applied: 0, skipped: 0, cases: [], deletedCases: [] };
    // Trail entries this desk holds already (pulled before the case was hidden from it, then
    // erased when it left) are not added twice: they take back what was erased.
    const held = new Set((await caseAuditTrail(db, caseId)).map(trailEntryKey));
    const payloads: AuditPayload[] = [];
    const fresh = page.changes.filter((c) => {
      const entry = trail.get(c.seq);
      if (!entry || !held.has(entry.payloadHash)) return true;
      const { draft, salt, payloadHash } = entry;
      payloads.push({
        payloadHash,
        salt,
        changes: draft.changes,
        ...(draft.reason !== undefined ? { reason: draft.reason } : {}),
      });
      return false;
    });
    const done = await applyChanges(db, fresh, trail, ownDeskId, false);
    await restoreErasedPayloads(
      db,
      caseId,
      payloads,
      now,
      'This case was given to this desk’s person again: the details this desk had erased from its trail when the case was restricted to others were taken back from the server’s trail.',
    );
    if (page.done) await db.syncState.delete(key);
    else await db.syncState.put({ key, history: { ...waiting.history, afterSeq: page.afterSeq } });
    return done;
  });
}

/** Whether a join's pages were applied without their return facts and search index (finishJoin not done). */
export async function joinUnderway(db: RedressDB): Promise<boolean> {
  return (await db.syncState.get(JOIN_KEY))?.on === true;
}

/**
 * Ends a join: every case's return facts and packs are built anew (`onProgress`: cases done of
 * total); then `afterFacts` (the runner's: the search index rebuilt), and only then the join's mark
 * is removed, so a desk stopped in between does it all again at its next pass.
 */
export async function finishJoin(
  db: RedressDB,
  onProgress: (done: number, total: number) => void,
  afterFacts?: () => Promise<void>,
): Promise<void> {
  await rebuildReturnFacts(db, onProgress);
  await afterFacts?.();
  await db.syncState.delete(JOIN_KEY);
}

/**
 * Other desks' trail entries of a page, as drafts for this desk's chain, each once. The server
 * creates an entry once (a second creation is refused as append-only) and a page is stored with
 * its last seq, so no entry comes twice from the server; an entry this desk itself pushed carries
 * a version mark (storePushAnswer) and is skipped, should it come back under another desk id.
 */
async function newTrailEntries(
  db: RedressDB,
  changes: readonly PulledChangeOut[],
  prepared: ReadonlyMap<number, PreparedEntry>,
  ownDeskId: string,
) {
  const others = changes.filter((c) => c.kind === 'audit' && c.deskId !== ownDeskId);
  const keys = others.map((c) => versionKey(c.kind, c.id));
  const marksExist =
    others.length > 0 &&
    (await db.syncState.where('key').startsWith(versionKey('audit', '')).first()) !== undefined;
  const known = new Set(
    marksExist ? (await db.syncState.bulkGet(keys)).flatMap((row) => (row ? [row.key] : [])) : [],
  );
  const drafts: AuditDraft[] = [];
  const salts: string[] = [];
  const payloadHashes: string[] = [];
  let skipped = 0;
  for (const [i, change] of others.entries()) {
    const entry = prepared.get(change.seq);
    if (!entry || known.has(keys[i]!)) {
      skipped += 1;
      continue;
    }
    known.add(keys[i]!);
    drafts.push(entry.draft);
    salts.push(entry.salt);
    payloadHashes.push(entry.payloadHash);
  }
  return { drafts, salts, payloadHashes, skipped };
}

/**
 * A record with a conflict waiting is left as it is by the pull (pulledRecords), so the conflict
 * keeps the server's copy instead: each newer copy pulled replaces the one it was refused against,
 * with the other desk's values as they are now. Settling it then starts from the server's newest
 * copy, not from one another desk (or this desk's own other pushes) have since moved on from.
 */
async function refreshWaitingConflicts(db: RedressDB, changes: readonly PulledChangeOut[]): Promise<void> {
  if ((await db.conflicts.count()) === 0) return;
  const newest = new Map<string, { version: number; data: RecordData }>();
  for (const change of changes) {
    if (change.kind === 'audit' || !change.record) continue;
    const key = `${change.kind}|${change.id}`;
    const known = newest.get(key);
    if (!known || known.version < change.record.version) newest.set(key, change.record);
  }
  if (newest.size === 0) return;
  for (const conflict of await db.conflicts.toArray()) {
    const pulled = newest.get(`${conflict.kind}|${conflict.recordId}`);
    if (!pulled || pulled.version <= conflict.serverVersion) continue;
    const fields = conflict.fields.map((f) => ({ ...f, theirs: pulled.data[f.field] ?? null }));
    // A field of the refused change another desk has changed since is a clash too: settled, its
    // `before` would be the server's value now, and the server would take it without a word.
    for (const [field, edit] of Object.entries(conflict.change)) {
      if (fields.some((f) => f.field === field) || (LATEST_WINS_FIELDS as readonly string[]).includes(field))
        continue;
      const theirs = pulled.data[field] ?? null;
      if (!sameValue(theirs, edit.before) && !sameValue(theirs, edit.after))
        fields.push({ field, mine: edit.after ?? null, theirs });
    }
    await db.conflicts.put({ ...conflict, serverVersion: pulled.version, serverData: pulled.data, fields });
  }
}

/** A record a page changed: its final copy (every change carries the record's current one). */
interface PulledRecord {
  kind: string;
  id: string;
  data: RecordData;
  version: number;
}

/**
 * The page's records to write, each once, in the order of their first change: those this desk
 * still has changes for (outbox, waiting conflict) and those the server sent no copy of are left.
 */
async function pulledRecords(db: RedressDB, changes: readonly PulledChangeOut[]) {
  // A desk with nothing waiting to go (a desk joining, most pulls) has no record to leave alone.
  const anyPending = (await db.outbox.count()) + (await db.conflicts.count()) > 0;
  const pending = new Set<string>();
  if (anyPending) {
    const waiting = [
      ...((await db.outbox.orderBy('[kind+id]').keys()) as unknown as [string, string][]),
      ...((await db.conflicts.orderBy('[kind+recordId]').keys()) as unknown as [string, string][]),
    ];
    for (const [kind, id] of waiting) pending.add(`${kind}|${id}`);
  }
  const groups = new Map<string, PulledRecord>();
  let applied = 0;
  let skipped = 0;
  for (const change of changes) {
    // Trail entries are newTrailEntries' (this desk's own are in its chain already).
    if (change.kind === 'audit') continue;
    const key = `${change.kind}|${change.id}`;
    if (!isSyncedKind(change.kind) || pending.has(key) || !change.record) {
      skipped += 1;
      continue;
    }
    applied += 1;
    const known = groups.get(key);
    if (known && known.version >= change.record.version) continue;
    groups.set(key, {
      kind: change.kind,
      id: change.id,
      data: change.record.data,
      version: change.record.version,
    });
  }
  return { groups: [...groups.values()], applied, skipped };
}

/** Writes the records, table by table, in bulk; moves the case counters and the versions. */
async function writeRecords(db: RedressDB, records: readonly PulledRecord[]) {
  const byKind = new Map<string, PulledRecord[]>();
  for (const r of records) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
  const cases: CaseRecord[] = [];
  const deletedCases: string[] = [];
  for (const [kind, group] of byKind) {
    const table = db.table(kind);
    const locals = (await table.bulkGet(group.map((r) => r.id))) as (RecordData | undefined)[];
    const clashes = kind === 'cases' ? await referenceClashCheck(db, group) : null;
    const puts: RecordData[] = [];
    const deletes: string[] = [];
    const deltas: Record<string, number> = {};
    for (const [i, r] of group.entries()) {
      const local = locals[i];
      let stored: RecordData | undefined;
      if (isDeletedRecord(r.data)) {
        deletes.push(r.id);
        clashes?.gone(local as CaseRecord | undefined);
      } else {
        const incoming = { ...r.data, id: r.id } as RecordData;
        stored = clashes
          ? clashes.place(incoming as unknown as CaseRecord, local as CaseRecord | undefined)
          : kind === 'interviews' && local
            ? (mergePulledInterview(
                local as unknown as InterviewRecord,
                incoming as unknown as InterviewRecord,
              ) as unknown as RecordData)
            : incoming;
        puts.push(stored);
      }
      if (kind === 'cases') {
        const moved = pulledCaseCounterDeltas(
          local as CaseRecord | undefined,
          stored as CaseRecord | undefined,
        );
        for (const [key, delta] of Object.entries(moved)) deltas[key] = (deltas[key] ?? 0) + delta;
        if (stored) cases.push(stored as unknown as CaseRecord);
      }
    }
    if (deletes.length) await table.bulkDelete(deletes);
    if (kind === 'cases') deletedCases.push(...deletes);
    if (puts.length) await table.bulkPut(puts);
    if (clashes) await clashes.store();
    if (Object.keys(deltas).length) await bumpCounters(db, deltas);
  }
  await raiseVersions(db, records);
  return { cases, deletedCases };
}

/** Moves each record's known server version up to the one pulled (never down). */
async function raiseVersions(
  db: RedressDB,
  records: readonly { kind: string; id: string; version: number }[],
) {
  const keys = records.map((r) => versionKey(r.kind, r.id));
  const known = await db.syncState.bulkGet(keys);
  const raised = records.flatMap((r, i) =>
    r.version > (known[i]?.version ?? 0) ? [{ key: keys[i]!, version: r.version }] : [],
  );
  if (raised.length) await db.syncState.bulkPut(raised);
}

/**
 * Pulled cases whose reference another local case already has (both desks numbered cases before
 * team mode) are kept beside it under a marked reference (reference.ts), noted in the sync state,
 * so the pull goes on and neither case is lost. The holders are read once for the page; `place`
 * takes the cases in order, as if each were written before the next is looked at.
 */
async function referenceClashCheck(db: RedressDB, group: readonly PulledRecord[]) {
  const references = [...new Set(group.map((r) => (r.data as { reference?: unknown }).reference))].filter(
    (ref): ref is string => typeof ref === 'string',
  );
  const holders = new Map<string, string[]>();
  const hold = (reference: string, id: string) => {
    const ids = holders.get(reference) ?? [];
    if (!ids.includes(id)) holders.set(reference, [...ids, id].sort());
  };
  const release = (reference: string, id: string) =>
    holders.set(
      reference,
      (holders.get(reference) ?? []).filter((held) => held !== id),
    );
  for (const c of await db.cases.where('reference').anyOf(references).toArray()) hold(c.reference, c.id);
  const noted = new Set(
    (await db.syncState.where('key').startsWith(referenceClashKey('')).primaryKeys()) as string[],
  );
  const forget: string[] = [];
  const note: SyncStateRow[] = [];
  return {
    /** A case deleted: its reference is free again. */
    gone(local: CaseRecord | undefined) {
      if (local) release(local.reference, local.id);
    },
    place(incoming: CaseRecord, local: CaseRecord | undefined): RecordData {
      if (local) release(local.reference, local.id);
      const holder = holders.get(incoming.reference)?.[0];
      const key = referenceClashKey(incoming.id);
      let stored = incoming;
      if (!holder || holder === incoming.id) {
        if (noted.delete(key)) forget.push(key);
      } else {
        noted.add(key);
        note.push({ key, reference: incoming.reference });
        stored = { ...incoming, reference: clashingReferenceLabel(incoming.reference, incoming.id) };
      }
      hold(stored.reference, stored.id);
      return stored as unknown as RecordData;
    },
    async store() {
      if (forget.length) await db.syncState.bulkDelete(forget);
      if (note.length) await db.syncState.bulkPut(note);
    },
  };
}

/** Another desk's trail entry as a draft for this desk's chain (its seq and links are this desk's). */
function auditDraftOf(change: PulledChangeOut): { draft: AuditDraft; salt: string } | null {
  const parsed = AuditPushSchema.safeParse(change.auditEntry ?? {});
  if (!parsed.success) return null;
  // `erases` names seqs of the other desk's chain, which mean nothing here.
  const { salt, erases: _erases, ...draft } = parsed.data;
  return { draft: { ...draft, caseId: draft.caseId ?? null }, salt };
}

/** The pulled cases shown under a marked reference, with the reference the server holds. */
export async function referenceClashes(db: RedressDB): Promise<{ caseId: string; reference: string }[]> {
  const rows = await db.syncState.where('key').startsWith(referenceClashKey('')).toArray();
  return rows.map((r) => ({
    caseId: r.key.slice(referenceClashKey('').length),
    reference: r.reference ?? '',
  }));
}

/** The reference ranges this desk holds, and the highest of `year`'s numbers it made alone. */
export async function heldReferences(
  db: RedressDB,
  year: number,
): Promise<{ ranges: DeskReferenceRange[]; usedAlone: number }> {
  const [held, counter] = await Promise.all([
    db.syncState.get(REFERENCE_RANGES_KEY),
    db.counters.get(referenceCounterKey(year)),
  ]);
  return { ranges: held?.ranges ?? [], usedAlone: counter?.value ?? 0 };
}

/** Keeps a range the server gave this desk, after the ones it holds. */
export async function storeReferenceRange(
  db: RedressDB,
  range: { year: number; first: number; last: number },
): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    const held = (await db.syncState.get(REFERENCE_RANGES_KEY))?.ranges ?? [];
    if (held.some((r) => r.year === range.year && r.last === range.last)) return;
    const ranges = [...held, { year: range.year, next: range.first, last: range.last }];
    await db.syncState.put({ key: REFERENCE_RANGES_KEY, ranges });
  });
}

/** Notes (or, once the server took it, forgets) that the server refused an evidence file. */
export async function noteEvidenceRefused(db: RedressDB, sha256: string, message: string | null) {
  if (message === null) await db.syncState.delete(evidenceRefusedKey(sha256));
  else await db.syncState.put({ key: evidenceRefusedKey(sha256), message });
}

/** The evidence files the server refused, each with why. */
export async function refusedEvidence(db: RedressDB): Promise<{ sha256: string; message: string }[]> {
  const rows = await db.syncState.where('key').startsWith(EVIDENCE_REFUSED_PREFIX).toArray();
  return rows.map((r) => ({ sha256: r.key.slice(EVIDENCE_REFUSED_PREFIX.length), message: r.message ?? '' }));
}
