// Cases this desk holds that its person may no longer see on the team server (migration 17): a
// manager restricted them to others, or took them from this account, after this desk pulled them.
// Row-level security hides the change that did it with the rest of the case's changes, so without
// this the desk would keep showing the case as it was. The runner asks main after each pull
// (`team:hidden-cases`, ids and seqs only) and this removes the desk's copies: the case and every
// record of it, out of the counters, the return facts (their middleware follows the delete) and the
// search index (the runner's onCasesDeleted); its evidence files leave main's store once the server
// holds them (main sends any it lacks first: the runner's dropEvidenceCopies). The trail keeps its entries (the chain
// must verify) with their details erased, and one desk-only entry names them and says why; the sync
// notices tell the person.
import { HIDDEN_CASE, HIDDEN_CASE_CODE } from '../../src-shared/domain/team-sync';
import { CASE_OWNED_TABLES } from '../../src-shared/domain/retention';
import Dexie from 'dexie';
import { eraseAuditPayload } from '../../src-shared/domain/audit';
import { appendAudits, caseAuditTrail } from './audit-log';
import { storeRewrittenEntries } from './audit-store';
import { bumpCounters, pulledCaseCounterDeltas } from './cases';
import { rowsOfCase } from './retention';
import { type RedressDB } from './schema';
import { noteEvidenceRefused, noteRefusals, refusedChanges, type Refusal } from './sync-replica';
import { applyingServerChanges, versionKey } from './sync-outbox';

/** Where this desk's question about hidden cases got to (a change seq on the server). */
export const HIDDEN_CHECK_KEY = 'hidden-cases-after';

/** An evidence file of a removed case whose copy on this desk waits to be dropped (dropEvidenceCopies). */
const EVIDENCE_DROP_PREFIX = 'evidence-drop|';

/** Of `hashes`, those no evidence record on this desk names. */
async function unnamedFiles(db: RedressDB, hashes: readonly string[]): Promise<string[]> {
  const named = new Set((await db.evidence.where('sha256').anyOf(hashes).toArray()).map((e) => e.sha256));
  return hashes.filter((h) => !named.has(h));
}

/**
 * The evidence files of removed cases whose copies on this desk wait to be dropped, that no record
 * on the desk names now, but not a copy kept until the server takes it (evidenceCopiesKept). A file
 * that a case pulled again meanwhile names once more stays on the desk, and is no longer waited on.
 */
export async function evidenceCopiesToDrop(db: RedressDB): Promise<string[]> {
  const rows = await db.syncState.where('key').startsWith(EVIDENCE_DROP_PREFIX).toArray();
  const waiting = rows.map((r) => ({
    sha256: r.key.slice(EVIDENCE_DROP_PREFIX.length),
    kept: r.keptUntilSent,
  }));
  const unnamed = new Set(
    await unnamedFiles(
      db,
      waiting.map((w) => w.sha256),
    ),
  );
  const namedAgain = waiting.filter((w) => !unnamed.has(w.sha256)).map((w) => w.sha256);
  await evidenceCopiesDropped(db, namedAgain);
  return waiting.filter((w) => unnamed.has(w.sha256) && !w.kept).map((w) => w.sha256);
}

/** The copies main dropped: nothing more to do for them. */
export async function evidenceCopiesDropped(db: RedressDB, hashes: readonly string[]): Promise<void> {
  await db.syncState.bulkDelete(hashes.map((h) => EVIDENCE_DROP_PREFIX + h));
}

/**
 * Copies main kept because the server refused them as damaged and holds none: this desk's may be
 * the team's only copy, so it stays, and the sync notices say so (the refused evidence, with why),
 * until the file is mended and sent again (evidenceCopySent).
 */
export async function evidenceCopiesKept(
  db: RedressDB,
  kept: readonly { sha256: string; message: string }[],
): Promise<void> {
  if (!kept.length) return;
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.bulkPut(
      kept.map((k) => ({ key: EVIDENCE_DROP_PREFIX + k.sha256, keptUntilSent: true })),
    );
    for (const { sha256, message } of kept) await noteEvidenceRefused(db, sha256, message);
  });
}

/** The server took a file: a removed case's copy kept for it waits to be dropped again. */
export async function evidenceCopySent(db: RedressDB, sha256: string): Promise<void> {
  // update, not put: a file no removed case left behind has no row, and gets none.
  await db.syncState.update(EVIDENCE_DROP_PREFIX + sha256, { keptUntilSent: false });
}

/** How many copies wait to be dropped (not those kept until sent): a rise wakes the sync runner. */
export async function evidenceDropsWaiting(db: RedressDB): Promise<number> {
  const rows = await db.syncState.where('key').startsWith(EVIDENCE_DROP_PREFIX).toArray();
  return rows.filter((r) => !r.keptUntilSent).length;
}

/** Of `hashes`, the files this desk keeps only because the server refused them (evidenceCopiesKept). */
export async function keptEvidenceCopies(db: RedressDB, hashes: readonly string[]): Promise<Set<string>> {
  const rows = await db.syncState.bulkGet(hashes.map((h) => EVIDENCE_DROP_PREFIX + h));
  return new Set(rows.flatMap((r) => (r?.keptUntilSent ? [r.key.slice(EVIDENCE_DROP_PREFIX.length)] : [])));
}

const TEAM_SERVER = { id: 'team-server', name: 'Team server' };

export async function hiddenCheckedUpTo(db: RedressDB): Promise<number> {
  return (await db.syncState.get(HIDDEN_CHECK_KEY))?.value ?? 0;
}

/**
 * Removes the cases of `hidden` this desk holds, but not one with changes still waiting to go or a
 * conflict waiting (the push's refusal handles those first), nor one whose refused work the desk
 * kept, until its notice is read. Moves the question's place past
 * everything handled, never past a case left for later. Returns the cases removed.
 */
export async function removeHiddenCases(
  db: RedressDB,
  hidden: readonly { caseId: string; seq: number }[],
  after: number,
  now: Date = new Date(),
): Promise<string[]> {
  const tables = [
    db.cases,
    db.counters,
    db.syncState,
    db.outbox,
    db.conflicts,
    db.audit,
    db.auditPacks,
    ...CASE_OWNED_TABLES.map((t) => db.table(t)),
  ];
  return db.transaction('rw', tables, async (tx) => {
    // The server's doing, not this desk's: nothing of it goes to the outbox (the trail entry too:
    // the server would refuse an entry about a case this account may not see).
    applyingServerChanges(tx);
    // Left for now: a case with changes waiting to go or a conflict waiting, and one holding work of
    // this desk the server refused and the desk kept (the notice says "kept on this desk only"),
    // until the person has read that notice.
    const waiting = new Set([
      ...(await db.outbox.toArray()).map((e) => e.caseId),
      ...(await db.conflicts.toArray()).map((c) => c.caseId),
      ...(await refusedChanges(db)).flatMap((n) =>
        n.records.flatMap((r) => (r.outcome === 'kept' && r.caseId ? [r.caseId] : [])),
      ),
    ]);
    const removed: string[] = [];
    const refusals: Refusal[] = [];
    /** Their evidence files: this desk's copies go too, once the server holds them. */
    const files = new Set<string>();
    let place = hidden.reduce((most, h) => Math.max(most, h.seq), after);
    for (const { caseId, seq } of hidden) {
      if (waiting.has(caseId)) {
        place = Math.min(place, seq - 1);
        continue;
      }
      const local = await db.cases.get(caseId);
      if (!local) continue;
      const evidence = db.evidence
        .where('[caseId+addedAt]')
        .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]);
      for (const e of await evidence.toArray()) files.add(e.sha256);
      for (const name of CASE_OWNED_TABLES) {
        const ids = (await rowsOfCase(db, name, caseId).primaryKeys()) as string[];
        await db.table(name).bulkDelete(ids);
        await db.syncState.bulkDelete(ids.map((id) => versionKey(name, id)));
      }
      await db.cases.delete(caseId);
      await db.syncState.delete(versionKey('cases', caseId));
      await bumpCounters(db, pulledCaseCounterDeltas(local, undefined));
      // What the trail says of the case goes with it: the person may no longer see it. Its entries
      // stay (headers and commitments, so the chain verifies) and the entry below names them.
      const erased = (await caseAuditTrail(db, caseId))
        .filter((e) => !e.erased && e.payloadHash !== undefined && (e.changes.length || e.reason))
        .map((e) => eraseAuditPayload(e, { at: now.toISOString(), recordId: `hidden-${caseId}` }));
      await storeRewrittenEntries(db, erased);
      await appendAudits(db, [
        {
          at: now.toISOString(),
          actor: TEAM_SERVER,
          entity: 'case',
          entityId: caseId,
          caseId,
          action: 'case-hidden-removed',
          changes: [],
          reason: HIDDEN_CASE,
          ...(erased.length ? { erases: erased.map((e) => e.seq) } : {}),
        },
      ]);
      removed.push(caseId);
      refusals.push({
        code: HIDDEN_CASE_CODE,
        message: HIDDEN_CASE,
        record: {
          kind: 'cases',
          recordId: caseId,
          caseId,
          by: TEAM_SERVER,
          outcome: 'hidden',
          reference: local.reference,
        },
      });
    }
    await noteRefusals(db, now.toISOString(), refusals, now);
    const unnamed = await unnamedFiles(db, [...files]);
    await db.syncState.bulkPut(unnamed.map((h) => ({ key: EVIDENCE_DROP_PREFIX + h })));
    await db.syncState.put({ key: HIDDEN_CHECK_KEY, value: place });
    return removed;
  });
}
