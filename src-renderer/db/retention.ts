// Retention and erasure: the policy, the cases due for disposal, legal holds, disposal (delete or
// anonymise) and erasure requests. Each case is disposed of in one transaction of its own with its
// audit entry, its child rows and its share of the disposal record, so a long batch that stops
// halfway leaves every case either untouched or fully done, and the record saying which.
// The rules live in src-shared/domain/retention.ts; the audit format that lets a payload be
// erased while the chain still verifies is audit.ts's.
import Dexie, { type Table } from 'dexie';
import { eraseAuditPayload, type AuditDraft, type AuditEntry } from '../../src-shared/domain/audit';
import { forgetCaseDrafts } from '../components/form-draft';
import { toCaseFact } from '../../src-shared/analytics/facts';
import { REGIME_IDS, type CaseRecord, type CaseRegimeId } from '../../src-shared/domain/case';
import { personKeys } from '../../src-shared/domain/complainant-match';
import { diffFields } from '../../src-shared/domain/diff';
import { personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import {
  anonymiseCase,
  auditPayloadIsPersonal,
  canDispose,
  canErase,
  CASE_OWNED_TABLES,
  closedOnOrBefore,
  completePolicy,
  disposalDueAt,
  disposalState,
  DisposalReasonSchema,
  erasedPseudonym,
  LegalHoldReasonSchema,
  PERSONAL_FIELDS,
  RetentionPolicySchema,
  stripPersonal,
  type CaseOwnedTable,
  type ComplainantSearch,
  type DisposalMethod,
  type DisposalRecord,
  type RetentionCheck,
  type RetentionPolicy,
} from '../../src-shared/domain/retention';
import { NotFoundError, ValidationError, validationErrorFromZod } from '../../src-shared/errors';
import { decodeFacts, encodeFacts, SNAPSHOT_KEY } from '../analytics/snapshot';
import { tm } from '../i18n';
import { appendAudit, caseAuditTrail } from './audit-log';
import { storeRewrittenEntries } from './audit-store';
import { CASES_TOTAL_KEY, CASES_OPEN_KEY, statusCounterKey, updateCase } from './cases';
import { assertMay } from './guard';
import type { RedressDB } from './schema';
import {
  casesToDisposeAgain,
  type LedgerDisposal,
  type LedgerEntry,
} from '../../src-shared/domain/disposal-ledger';
import { officeDayOf } from '../../src-shared/domain/office-time';
import { LEDGER_BATCH } from '../../src-shared/ipc/channels/disposals';
import { disposingCases, TEAM_MODE_KEY, type SyncStateRow } from './sync-outbox';

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────
export async function getRetentionPolicy(db: RedressDB): Promise<RetentionPolicy> {
  const rows = await db.retentionPolicy.toArray();
  return completePolicy(Object.fromEntries(rows.map((r) => [r.regime, r.years])));
}

/** Changes how long cases are kept (managers, administrators), audited. */
export async function setRetentionPolicy(
  db: RedressDB,
  policy: RetentionPolicy,
  by: ActingPerson,
  now = new Date(),
): Promise<RetentionPolicy> {
  assertMay(by, 'retention.policy');
  const parsed = RetentionPolicySchema.safeParse(policy);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return db.transaction('rw', [db.retentionPolicy, db.audit, db.counters], async () => {
    const before = await getRetentionPolicy(db);
    const changes = diffFields(before, parsed.data);
    if (!changes.length) return before;
    await db.retentionPolicy.bulkPut(REGIME_IDS.map((regime) => ({ regime, years: parsed.data[regime] })));
    await appendAudit(db, {
      at: now.toISOString(),
      actor: personOf(by),
      entity: 'retention-policy',
      entityId: 'policy',
      caseId: null,
      action: 'retention-policy',
      changes,
    });
    return parsed.data;
  });
}

// ── The cases due ──────────────────────────────────────────────────────────────────────────────
export interface DueCase {
  id: string;
  reference: string;
  regime: CaseRegimeId;
  category: string;
  closedAt: string;
  dueAt: string;
  /** 'held': due, but a legal hold keeps it. */
  state: 'due' | 'held';
  holdReason: string | null;
}

export interface DuePage {
  rows: DueCase[];
  /** Pass back as `after` for the next page; null on the last. */
  next: [string, string] | null;
}

const DUE_INDEX = '[regime+retentionFrom+id]';

/**
 * Closed cases past their retention, oldest closure first, a page at a time, through the sparse
 * retention index: one bounded range per regime (its own cut-off), merged. Held cases are listed
 * as held, not due.
 */
export async function listDueCases(
  db: RedressDB,
  policy: RetentionPolicy,
  now: Date,
  page: { after?: [string, string] | null; limit?: number } = {},
): Promise<DuePage> {
  const limit = page.limit ?? 50;
  const after = page.after ?? null;
  const perRegime = await Promise.all(
    REGIME_IDS.map((regime) => {
      const lower = after ? [regime, after[0], after[1]] : [regime, Dexie.minKey, Dexie.minKey];
      const upper = [regime, closedOnOrBefore(regime, policy, now), Dexie.maxKey];
      if (after && after[0] > (upper[1] as string)) return Promise.resolve([] as CaseRecord[]);
      return db.cases
        .where(DUE_INDEX)
        .between(lower, upper, !after, true)
        .limit(limit + 1)
        .toArray();
    }),
  );
  const merged = perRegime
    .flat()
    .sort((a, b) => cmp(a.retentionFrom!, b.retentionFrom!) || cmp(a.id, b.id))
    .filter((c) => ['due', 'held'].includes(disposalState(c, policy, now)));
  const rows = merged.slice(0, limit).map((c): DueCase => ({
    id: c.id,
    reference: c.reference,
    regime: c.regime,
    category: c.category,
    closedAt: c.closedAt!,
    dueAt: disposalDueAt(c, policy)!,
    state: c.legalHold ? 'held' : 'due',
    holdReason: c.legalHold?.reason ?? null,
  }));
  const last = rows.at(-1);
  return { rows, next: merged.length > limit && last ? [last.closedAt, last.id] : null };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ── Legal hold ─────────────────────────────────────────────────────────────────────────────────
/** Places (reason given) or lifts a legal hold; audited, a manager's decision. */
export function setLegalHold(
  db: RedressDB,
  caseId: string,
  change: { hold: boolean; reason: string },
  by: ActingPerson,
  now = new Date(),
): Promise<CaseRecord> {
  const reason = LegalHoldReasonSchema.safeParse(change.reason);
  return updateCase(
    db,
    caseId,
    by,
    change.hold ? 'legal-hold' : 'legal-hold-lift',
    () => {
      if (!reason.success) throw validationErrorFromZod(reason.error);
      return {
        legalHold: change.hold ? { reason: reason.data, by: personOf(by), at: now.toISOString() } : null,
      };
    },
    { now, reason: reason.success ? reason.data : '' },
  );
}

// ── Disposal ───────────────────────────────────────────────────────────────────────────────────
/** Each case-owned table's [caseId+…] index: a case's rows by one range. */
const CASE_INDEX: Record<CaseOwnedTable, string> = {
  planItems: '[caseId+createdAt]',
  notes: '[caseId+createdAt]',
  interviews: '[caseId+createdAt]',
  evidence: '[caseId+addedAt]',
  enquiries: '[caseId+createdAt]',
  communications: '[caseId+at]',
  resolutions: '[caseId+createdAt]',
  consultations: '[caseId+askedAt]',
  actions: '[caseId+createdAt]',
  followUps: '[caseId+createdAt]',
};

const ownedTable = (db: RedressDB, name: CaseOwnedTable) =>
  db.table(name) as Table<{ caseId: string }, string>;
export const rowsOfCase = (db: RedressDB, name: CaseOwnedTable, caseId: string) =>
  ownedTable(db, name).where(CASE_INDEX[name]).between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);

/**
 * What the repository needs from main: removing evidence files no case uses any more, and sealing
 * the disposal ledger's lines (`disposals:record`). The app always gives `record`; tests that do
 * not look at the ledger leave it out.
 */
export interface EvidenceFiles {
  dispose(hashes: string[]): Promise<{ removed: number }>;
  record?(entries: LedgerEntry[]): Promise<unknown>;
}

/**
 * A ledger line waits in `syncState` under this prefix from the disposal's own transaction until
 * main has sealed it: a failure in between (main away, the disk full) loses none.
 */
const LEDGER_WAITING = 'disposal-ledger|';

/** Sends main the ledger lines waiting; returns how many. Throws, keeping them, when main fails. */
export async function flushDisposalLedger(db: RedressDB, files: EvidenceFiles): Promise<number> {
  if (!files.record) return 0;
  const rows = await db.syncState.where('key').startsWith(LEDGER_WAITING).toArray();
  for (let i = 0; i < rows.length; i += LEDGER_BATCH) {
    const batch = rows.slice(i, i + LEDGER_BATCH);
    try {
      await files.record(batch.flatMap((r) => (r.ledger ? [r.ledger] : [])));
    } catch (error) {
      throw new LedgerNotWrittenError(rows.length - i, error);
    }
    await db.syncState.bulkDelete(batch.map((r) => r.key));
  }
  return rows.length;
}

/**
 * The ledger lines waiting on this computer: a restore makes them again, hands them to main, and
 * puts them, as they are, in the restored database, where they go on waiting until main has them.
 */
export const waitingLedgerRows = (db: RedressDB): Promise<SyncStateRow[]> =>
  db.syncState.where('key').startsWith(LEDGER_WAITING).toArray();

/** How many ledger lines wait on this computer for main to seal them. */
export const waitingLedgerLines = (db: RedressDB): Promise<number> =>
  db.syncState.where('key').startsWith(LEDGER_WAITING).count();

/** The disposal ledger could not be written: the lines wait and go with the next disposal. */
export class LedgerNotWrittenError extends Error {
  constructor(
    readonly waiting: number,
    cause: unknown,
  ) {
    super(tm('errors.retention.ledgerNotWritten', { count: waiting, message: errorMessageOf(cause) }), {
      cause,
    });
    this.name = 'LedgerNotWrittenError';
  }
}

const errorMessageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface DisposalOutcome {
  record: DisposalRecord;
  /** Cases left as they were, and why (a hold placed meanwhile, a case not due). */
  skipped: { reference: string; message: string }[];
  /** Made in team mode: the outbox carries it to the team server (now, or when it is back). */
  team: boolean;
  /**
   * Ledger lines main could not take (its disk full, its key store away): they wait on this
   * computer (`waitingLedgerLines`) and go with the next disposal, or "Write them now".
   */
  ledgerWaiting: number;
}

interface DisposeOptions {
  method: DisposalMethod;
  reason: string;
  files: EvidenceFiles;
  now?: Date;
  /** Called after each case's transaction commits (search index, progress). */
  onCase?: (caseId: string, after: CaseRecord | null) => void | Promise<void>;
  /**
   * A disposal made again on a restored database (reapplyDisposals), repeating the one of this
   * id: the restore's permission covers it, and the ledger already holds it.
   */
  repeats?: string;
}

/**
 * Disposes of cases: deletes them (with every child row) or anonymises them, erasing the personal
 * payload of their audit entries, each case in a transaction of its own; then removes the evidence
 * files no remaining row refers to. `check` decides per case, against the case as stored.
 */
async function disposeEach(
  db: RedressDB,
  caseIds: readonly string[],
  by: ActingPerson,
  check: (c: CaseRecord) => RetentionCheck,
  opts: DisposeOptions,
): Promise<DisposalOutcome> {
  if (!opts.repeats) assertMay(by, 'retention.decide');
  const ledger = opts.repeats ? { dispose: opts.files.dispose } : opts.files;
  // Lines an earlier disposal could not hand main go first. Main failing never stops a disposal
  // (the lines wait on this computer, and the outcome says so); once it has failed, the rest of
  // the run does not ask again case by case, only once at the end.
  let ledgerDown = false;
  const flush = async () => {
    if (ledgerDown) return;
    await flushDisposalLedger(db, ledger).catch(() => void (ledgerDown = true));
  };
  await flush();
  const reason = DisposalReasonSchema.safeParse(opts.reason);
  if (!reason.success) throw validationErrorFromZod(reason.error, 'reason');
  if (!caseIds.length) throw new ValidationError(tm('errors.retention.noCases'));
  const now = opts.now ?? new Date();
  const at = now.toISOString();
  const record: DisposalRecord = {
    id: crypto.randomUUID(),
    at,
    by: personOf(by),
    method: opts.method,
    reason: reason.data,
    references: [],
    counts: { cases: 0, rows: 0, auditEntries: 0, files: 0 },
    ...(opts.method === 'delete' ? { deletedPerRegime: {} } : {}),
    finishedAt: null,
    ...(opts.repeats ? { repeats: opts.repeats } : {}),
  };
  await db.disposals.add(record);
  const skipped: DisposalOutcome['skipped'] = [];
  const hashes = new Set<string>();
  const done: { id: string; after: CaseRecord | null }[] = [];
  const tables = [
    db.cases,
    db.audit,
    db.auditPacks,
    db.counters,
    db.disposals,
    db.improvements,
    db.syncState,
    ...CASE_OWNED_TABLES.map((t) => db.table(t)),
  ];
  const placeholder = tm('retentionData.placeholder');
  for (const caseId of caseIds) {
    const result = await db.transaction('rw', tables, async (tx) => {
      // In team mode, what this transaction removes goes to the server without its old values.
      disposingCases(tx, ['cases', ...CASE_OWNED_TABLES]);
      const c = await db.cases.get(caseId);
      if (!c) return { done: false as const, reference: caseId, message: tm('errors.caseNotFound') };
      const allowed = check(c);
      if (!allowed.ok) return { done: false as const, reference: c.reference, message: allowed.message };
      const erased = await erasePayloads(db, c, record.id, at, opts.method === 'delete');
      let rows = 0;
      let after: CaseRecord | null = null;
      for (const name of CASE_OWNED_TABLES) {
        const collection = rowsOfCase(db, name, caseId);
        if (name === 'evidence')
          await collection.each((e) => void hashes.add((e as unknown as { sha256: string }).sha256));
        rows +=
          opts.method === 'delete'
            ? await collection.delete()
            : await collection.modify((row) => {
                Object.assign(row, stripPersonal(row, PERSONAL_FIELDS[name], placeholder));
              });
      }
      if (opts.method === 'delete') {
        await db.cases.delete(caseId);
        await db.improvements
          .where('caseIds')
          .equals(caseId)
          .modify((i) => void (i.caseIds = i.caseIds.filter((id) => id !== caseId)));
        await bumpDown(db, c);
      } else {
        after = anonymiseCase(c, {
          placeholder,
          pseudonym: opts.method === 'erasure' ? erasedPseudonym(record.id) : `anonymised ${c.id}`,
          mark: { at, recordId: record.id },
        });
        await db.cases.put(after);
      }
      await appendAudit(db, {
        at,
        actor: personOf(by),
        entity: 'case',
        entityId: caseId,
        caseId,
        action: `dispose-${opts.method}`,
        changes: [
          { field: 'disposal', before: null, after: record.id },
          { field: 'rows', before: null, after: rows },
        ],
        reason: reason.data,
        erases: erased.map((e) => e.seq),
        erasesPayloads: erased.flatMap((e) => (e.payloadHash ? [e.payloadHash] : [])),
      });
      const current = (await db.disposals.get(record.id))!;
      current.references.push(c.reference);
      current.counts.cases += 1;
      current.counts.rows += rows;
      current.counts.auditEntries += erased.length;
      if (current.deletedPerRegime)
        current.deletedPerRegime[c.regime] = (current.deletedPerRegime[c.regime] ?? 0) + 1;
      await db.disposals.put(current);
      if (ledger.record)
        await db.syncState.put({
          key: `${LEDGER_WAITING}${record.id}|${caseId}`,
          ledger: {
            kind: 'case',
            recordId: record.id,
            at,
            by: personOf(by),
            method: opts.method,
            caseId,
            reference: c.reference,
          },
        });
      return { done: true as const, after };
    });
    if (!result.done) {
      skipped.push({ reference: result.reference, message: result.message });
      continue;
    }
    done.push({ id: caseId, after: result.after });
    forgetCaseDrafts([caseId]);
    await flush();
    await opts.onCase?.(caseId, result.after);
  }
  await patchAnalyticsSnapshot(db, done);
  const files = await disposeUnusedFiles(db, [...hashes], ledger, record.id);
  const finished = await db.transaction('rw', db.disposals, async () => {
    const current = (await db.disposals.get(record.id))!;
    current.counts.files = files;
    current.finishedAt = new Date().toISOString();
    await db.disposals.put(current);
    return current;
  });
  const team = (await db.syncState.get(TEAM_MODE_KEY))?.on === true;
  ledgerDown = false;
  await flush();
  const ledgerWaiting = ledger.record ? await waitingLedgerLines(db) : 0;
  return { record: finished, skipped, team, ledgerWaiting };
}

/**
 * Erases the personal payload of a case's audit entries (all of them when the case is deleted;
 * those that held more than statistics when it is anonymised). Returns the entries erased, for the
 * disposal's own entry to name (by seq, and by commitment for the other team desks), which is what
 * lets the verifier accept them.
 */
async function erasePayloads(
  db: RedressDB,
  c: CaseRecord,
  recordId: string,
  at: string,
  all: boolean,
): Promise<AuditEntry[]> {
  const trail = await caseAuditTrail(db, c.id);
  const targets = trail.filter(
    (e) => !e.erased && (all ? e.changes.length || e.reason : auditPayloadIsPersonal(e)),
  );
  const erased: AuditEntry[] = targets.map((e) => eraseAuditPayload(e, { at, recordId }));
  await storeRewrittenEntries(db, erased);
  return erased;
}

/**
 * A disposal made on another team desk, pulled (sync-replica.ts): erases this desk's copies of the
 * audit entries it names by their commitment, as that desk erased its own. The disposal's entry,
 * linked after them, names them the same way, so this desk's chain still verifies. Returns how many.
 */
export async function erasePulledDisposal(db: RedressDB, disposal: AuditDraft): Promise<number> {
  // What was typed on the case at this desk goes too, as it did on the desk that disposed of it.
  if (disposal.caseId) forgetCaseDrafts([disposal.caseId]);
  const payloads = new Set(disposal.erasesPayloads ?? []);
  const recordId = disposal.changes.find((c) => c.field === 'disposal')?.after;
  if (!payloads.size || !disposal.caseId || typeof recordId !== 'string') return 0;
  const trail = await caseAuditTrail(db, disposal.caseId);
  const erased = trail
    .filter((e) => !e.erased && e.payloadHash !== undefined && payloads.has(e.payloadHash))
    .map((e) => eraseAuditPayload(e, { at: disposal.at, recordId }));
  await storeRewrittenEntries(db, erased);
  return erased.length;
}

/** A deleted case leaves the totals the dashboard and lists count. */
async function bumpDown(db: RedressDB, c: CaseRecord): Promise<void> {
  const keys = [CASES_TOTAL_KEY, statusCounterKey(c.status), ...(c.open ? [CASES_OPEN_KEY] : [])];
  const rows = await db.counters.bulkGet(keys);
  await db.counters.bulkPut(keys.map((key, i) => ({ key, value: Math.max(0, (rows[i]?.value ?? 1) - 1) })));
}

/**
 * The dashboard's saved projection drops deleted cases and takes anonymised ones as they are now
 * (a new complainant key, no product), so nothing of the person lingers in it until the analytics
 * worker next saves.
 */
async function patchAnalyticsSnapshot(db: RedressDB, done: { id: string; after: CaseRecord | null }[]) {
  if (!done.length) return;
  await db.transaction('rw', db.analyticsSnapshot, async () => {
    const row = await db.analyticsSnapshot.get(SNAPSHOT_KEY);
    if (!row?.columns) return;
    const changed = new Map(done.map((d) => [d.id, d.after]));
    const facts = decodeFacts(row.columns).flatMap((f) => {
      if (!changed.has(f.id)) return [f];
      const after = changed.get(f.id);
      return after ? [toCaseFact(after)] : [];
    });
    await db.analyticsSnapshot.put({ ...row, columns: encodeFacts(facts) });
  });
}

/**
 * Removes the files of `hashes` that no evidence row refers to any more; returns how many. The
 * ledger names them first, so a restore leaves them out.
 */
async function disposeUnusedFiles(
  db: RedressDB,
  hashes: string[],
  files: EvidenceFiles,
  recordId: string,
): Promise<number> {
  const candidates = hashes.filter(Boolean);
  if (!candidates.length) return 0;
  const stillUsed = new Set(await db.evidence.where('sha256').anyOf(candidates).keys());
  const unused = candidates.filter((h) => !stillUsed.has(h));
  if (!unused.length) return 0;
  if (files.record) {
    for (let i = 0; i < unused.length; i += LEDGER_FILES_PER_LINE)
      await db.syncState.put({
        key: `${LEDGER_WAITING}${recordId}|files-${i}`,
        ledger: { kind: 'files', recordId, files: unused.slice(i, i + LEDGER_FILES_PER_LINE) },
      });
  }
  return (await files.dispose(unused)).removed;
}
const LEDGER_FILES_PER_LINE = 1000;

/** Disposal after retention: each case must be due (and not held) as it is stored. */
export function disposeDueCases(
  db: RedressDB,
  caseIds: readonly string[],
  by: ActingPerson,
  policy: RetentionPolicy,
  opts: Omit<DisposeOptions, 'method'> & { method: 'delete' | 'anonymise' },
): Promise<DisposalOutcome> {
  const now = opts.now ?? new Date();
  return disposeEach(db, caseIds, by, (c) => canDispose(c, policy, now), { ...opts, now });
}

// ── Erasure requests ───────────────────────────────────────────────────────────────────────────
export interface ErasureCandidate {
  id: string;
  reference: string;
  name: string;
  receivedAt: string;
  status: CaseRecord['status'];
  /** Why it cannot be erased (a legal hold), or null. */
  blocked: string | null;
}

/**
 * The cases of one person, found by any detail given, by the same rule as the complainant record
 * and intake's repeat check (complainant-match.ts): the `personKeys` index, never a scan.
 */
export async function findComplainantCases(db: RedressDB, q: ComplainantSearch, by: ActingPerson) {
  assertMay(by, 'retention.decide');
  const keys = personKeys({
    name: q.name ?? '',
    email: q.email ?? '',
    phone: q.phone ?? '',
    accountRef: q.accountRef ?? '',
  });
  if (keys.length === 0) throw new ValidationError(tm('errors.retention.nothingToFind'), 'name');
  const found = await db.cases.where('personKeys').anyOf(keys).distinct().toArray();
  return found
    .filter((c) => !c.anonymised)
    .sort((a, b) => cmp(a.receivedAt, b.receivedAt))
    .map((c): ErasureCandidate => ({
      id: c.id,
      reference: c.reference,
      name: c.complainant.name,
      receivedAt: c.receivedAt,
      status: c.status,
      blocked: canErase(c).ok ? null : (canErase(c) as { message: string }).message,
    }));
}

/** Anonymises every case given (one person's), whatever its age; a held case is left and said so. */
export function eraseComplainant(
  db: RedressDB,
  caseIds: readonly string[],
  by: ActingPerson,
  opts: Omit<DisposeOptions, 'method'>,
): Promise<DisposalOutcome> {
  return disposeEach(db, caseIds, by, canErase, { ...opts, method: 'erasure' });
}

// ── After a restore ────────────────────────────────────────────────────────────────────────────
export interface Reapplied {
  /** Cases of the restored database disposed of again. */
  cases: number;
  /** Evidence files those disposals left unused: main does not put them back. */
  unusedFiles: string[];
  /** In team mode nothing is made again here: the desk's pull brings the server's disposals. */
  teamMode: boolean;
}

/**
 * Makes again, on a database just restored (not yet in use), the disposals this computer's ledger
 * holds: a backup older than a deletion or an erasure would otherwise bring the cases back. Each
 * is a disposal record of its own, by the person restoring, naming the one it repeats. A case the
 * backup does not hold is left, as is one it holds already anonymised (unless the disposal deleted
 * it) or one the backup's own copy of the disposal record names (the backup came after it).
 */
export async function reapplyDisposals(
  db: RedressDB,
  disposals: readonly LedgerDisposal[],
  by: ActingPerson,
  /** The office's time zone: the reason names the day of the disposal as the office saw it. */
  timeZone: string,
  onCase?: (done: number) => void,
): Promise<Reapplied> {
  if ((await db.syncState.get(TEAM_MODE_KEY))?.on === true)
    return { cases: 0, unusedFiles: [], teamMode: true };
  let cases = 0;
  const unused = new Set<string>();
  for (const d of disposals) {
    const found = await db.cases.bulkGet(d.cases.map((c) => c.id));
    const copies = [
      await db.disposals.get(d.recordId),
      ...(await db.disposals.filter((r) => r.repeats === d.recordId).toArray()),
    ];
    const ids = casesToDisposeAgain(d, found, new Set(copies.flatMap((r) => r?.references ?? [])));
    if (!ids.length) continue;
    await disposeEach(db, ids, by, () => ({ ok: true }), {
      method: d.method,
      reason: tm('retentionData.reapplied', {
        what: tm(`retentionData.reappliedWhat.${d.method}`),
        at: officeDayOf(d.at, timeZone),
        by: d.by.name,
        record: d.recordId.slice(0, 8),
      }),
      repeats: d.recordId,
      files: {
        dispose: async (hashes) => {
          for (const h of hashes) unused.add(h);
          return { removed: hashes.length };
        },
      },
      onCase: () => {
        cases += 1;
        onCase?.(cases);
      },
    });
  }
  return { cases, unusedFiles: [...unused], teamMode: false };
}

// ── Records ────────────────────────────────────────────────────────────────────────────────────
/** Disposal records, newest first, a page at a time. */
export async function listDisposals(
  db: RedressDB,
  page: { before?: [string, string] | null; limit?: number } = {},
): Promise<{ rows: DisposalRecord[]; next: [string, string] | null }> {
  const limit = page.limit ?? 20;
  const index = db.disposals.where('[at+id]');
  const rows = await (page.before ? index.below(page.before) : index.above([Dexie.minKey, Dexie.minKey]))
    .reverse()
    .limit(limit + 1)
    .toArray();
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown, next: rows.length > limit && last ? [last.at, last.id] : null };
}

export async function getDisposal(db: RedressDB, id: string): Promise<DisposalRecord> {
  const r = await db.disposals.get(id);
  if (!r) throw new NotFoundError(tm('errors.retention.recordNotFound'));
  return r;
}
