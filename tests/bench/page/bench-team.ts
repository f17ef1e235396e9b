// Team mode in the bench page: the shape of what a desk really pushes (a case logged, a note and an
// edit, taken from the outbox the repositories fill), and the renderer's side of a desk's first
// pull: pulled pages applied into IndexedDB with src-renderer/db/sync-replica.ts as a join (the
// runner's `syncOnce` far behind the server), then the join's end (return facts, search index).
import { createCase, updateCase, type CaseRules } from '../../../src-renderer/db/cases';
import { addNote } from '../../../src-renderer/db/investigation';
import { lastStoredSeq } from '../../../src-renderer/db/audit-store';
import { RedressDB } from '../../../src-renderer/db/schema';
import { applyPulledPage, finishJoin, setTeamMode } from '../../../src-renderer/db/sync-replica';
import { SearchService } from '../../../src-renderer/search/search-service';
import { generateDemoCases } from '../../../src-shared/demo/generate';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { OutboxChange, PulledChangeOut } from '../../../src-shared/ipc/channels/team-sync';

const OFFICER: ActingPerson = { id: 'bench-officer', name: 'Siobhán Ó Briain', roles: ['manager'] };

/** What one desk's outbox holds after logging a case, noting a call and recording a finding. */
export async function teamSample(rules: CaseRules, now: string): Promise<OutboxChange[]> {
  const db = new RedressDB(`redress-bench-team-sample-${Date.now()}`);
  try {
    await setTeamMode(db, true, 'bench-sample-desk');
    const [demo] = [...generateDemoCases({ count: 1, seed: 17, now, taxonomy: rules.taxonomy, months: 1 })];
    const logged = await createCase(db, { ...demo!.input, restricted: false }, OFFICER, rules, new Date(now));
    await addNote(
      db,
      logged.id,
      { text: 'Rang back: “charged twice” — wants a refund', pinned: false },
      OFFICER,
    );
    await updateCase(db, logged.id, OFFICER, 'finding', () => ({ rootCause: 'Direct debit ran twice' }));
    const entries = await db.outbox.orderBy('seq').toArray();
    return entries.map(({ seq: _seq, caseId: _caseId, ...change }) => change);
  } finally {
    db.close();
    await db.delete();
  }
}

const REPLICA = 'redress-bench-team-replica';
let replica: RedressDB | null = null;

/** A new, empty replica database in team mode (the desk that joins). */
export async function teamReplicaReset(deskId: string): Promise<void> {
  replica?.close();
  await new RedressDB(REPLICA).delete();
  replica = new RedressDB(REPLICA);
  await setTeamMode(replica, true, deskId);
}

/** Applies pulled pages one by one, as the runner does in a join; the milliseconds each took. */
export async function teamApply(options: {
  pages: { changes: PulledChangeOut[]; lastSeq: number }[];
  deskId: string;
}): Promise<number[]> {
  if (!replica) throw new Error('teamReplicaReset first.');
  const times: number[] = [];
  for (const page of options.pages) {
    const began = performance.now();
    await applyPulledPage(replica, page, options.deskId, { join: true });
    times.push(performance.now() - began);
  }
  return times;
}

/**
 * The join's end, as the runner does it: every case's return facts and packs, then the search index
 * built whole (here in the page, over the replica; the app builds it in its worker) and saved.
 */
export async function teamFinishJoin(): Promise<{ returnsMs: number; searchMs: number }> {
  if (!replica) throw new Error('teamReplicaReset first.');
  const search = new SearchService(replica, { onError: () => undefined });
  const began = performance.now();
  let factsDone = began;
  try {
    await finishJoin(
      replica,
      () => undefined,
      async () => {
        factsDone = performance.now();
        await search.rebuild();
        await search.flush();
      },
    );
  } finally {
    search.dispose();
  }
  return { returnsMs: factsDone - began, searchMs: performance.now() - factsDone };
}

/** What the replica holds now. */
export async function teamReplicaCounts(): Promise<{ cases: number; audit: number }> {
  if (!replica) return { cases: 0, audit: 0 };
  // Trail entries wherever stored (a join's are packed: audit-store.ts).
  return { cases: await replica.cases.count(), audit: await lastStoredSeq(replica) };
}
