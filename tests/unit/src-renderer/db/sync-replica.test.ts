// A desk joining applies each pulled page in bulk (sync-replica.ts): each record once, one bulkGet and
// one bulkPut per table. It must end holding exactly what applying the same changes one at a time
// gives: the same cases and notes, the same trail (verifying), the same search results, return facts,
// counters and sync state. Two desks join one real throwaway server: one pulls pages of 1, the
// other whole pages, including a case edited several times and a case restricted mid-stream.
import { afterEach, describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { storedTrailPages } from '../../../../src-renderer/db/audit-store';
import { createCases, updateCase } from '../../../../src-renderer/db/cases';
import { addNote } from '../../../../src-renderer/db/investigation';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { REFERENCE_RANGES_KEY, TEAM_MODE_KEY, versionKey } from '../../../../src-renderer/db/sync-outbox';
import { syncOnce } from '../../../../src-renderer/features/team/sync-runner';
import { caseToSearchDoc } from '../../../../src-renderer/search/search-doc';
import { SearchService } from '../../../../src-renderer/search/search-service';
import { createTeamSync } from '../../../../src-main/services/team/sync';
import type { AuditEntry } from '../../../../src-shared/domain/audit';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import type { TeamServer } from '../../../support/team-server';
import { useTeamCluster } from '../../../support/use-team-cluster';
import { openTeamDesk, type TestDesk } from '../features/team/team-desk';
import { intake, MANAGER, person, testRules } from './test-db';

const siobhan = person('u-m', 'Siobhán Ó Briain', 'officer', 'manager');
const rules = testRules();
const team = useTeamCluster();
let server: TeamServer;
const services: SearchService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

const openDesk = () =>
  openTeamDesk(
    team,
    () => server,
    () => siobhan,
  );

/** Joins with pulls of `pageSize`, feeding the pulled cases to a search index as the shell does. */
async function join(desk: TestDesk, pageSize?: number) {
  const search = new SearchService(desk.db, { persistDelayMs: 10, onError: () => undefined });
  services.push(search);
  const indexed: Promise<void>[] = [];
  let pages = 0;
  const pass = await syncOnce(desk.db, desk.transport, desk.deskId, {
    pageSize,
    onCases: (cases: CaseRecord[]) => indexed.push(search.upsert(cases.map((c) => caseToSearchDoc(c)))),
    onPulled: () => (pages += 1),
  });
  await Promise.all(indexed);
  return { pass, pages, search };
}

/**
 * Joins as a new desk far behind does (every pass a join: pages of `pageSize`, the return facts and
 * then the search index built once at the end); `stopAfterPages` cuts the pass there (a desk closed
 * mid-join), and a second pass finishes it.
 */
async function joinAsNewDesk(desk: TestDesk, pageSize: number, stopAfterPages?: number) {
  const search = new SearchService(desk.db, { persistDelayMs: 10, onError: () => undefined });
  services.push(search);
  const stages: string[] = [];
  const heardCases: CaseRecord[] = [];
  let pages = 0;
  const cut = new Error('The desk was closed.');
  const pass = () =>
    syncOnce(desk.db, desk.transport, desk.deskId, {
      pageSize,
      joinAfter: 0,
      onCases: (cases) => heardCases.push(...cases),
      onJoined: async (onProgress) => {
        stages.push('search');
        await search.rebuild(({ done, total }) => onProgress(done, total));
      },
      onPulled: (progress) => {
        if (progress.stage) {
          if (stages.at(-1) !== progress.stage) stages.push(progress.stage);
        } else if ((pages += 1) === stopAfterPages) throw cut;
      },
    });
  if (stopAfterPages !== undefined) await expect(pass()).rejects.toBe(cut);
  return { pass: await pass(), stages, heardCases, search };
}

/** Everything a desk holds that a pull writes, the desk's own id and reference range aside. */
async function storedTrail(db: RedressDB): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const page of storedTrailPages(db, 4)) entries.push(...page);
  return entries;
}

async function held(db: RedressDB) {
  const byKey = <T extends { id?: string; key?: string }>(rows: T[]) =>
    [...rows].sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));
  return {
    cases: byKey(await db.cases.toArray()),
    notes: byKey(await db.notes.toArray()),
    // The whole trail, wherever its entries are stored (rows, or a join's packs).
    audit: await storedTrail(db),
    returnFacts: byKey(await db.returnFacts.toArray()),
    returnFactPacks: byKey(await db.returnFactPacks.toArray()).map((p) => ({
      key: p.key,
      facts: [...p.facts].sort((a, b) => a.id.localeCompare(b.id)),
    })),
    counters: byKey(await db.counters.toArray()),
    syncState: byKey(
      (await db.syncState.toArray()).filter((r) => r.key !== TEAM_MODE_KEY && r.key !== REFERENCE_RANGES_KEY),
    ),
  };
}

describe('a join applied in bulk', () => {
  it('ends holding what the same changes applied one at a time give', async () => {
    server = await team.newServer();
    const a = await openDesk();
    const at = new Date('2026-11-30T09:15:00Z');
    const names = ['Đặng Thị Hoa', 'Nguyễn Văn An', "Seán O'Connor-Ní Bhriain", 'Zoë Ølstad', 'Ama Mensah'];
    const created = await createCases(
      a.db,
      names.map((name, i) => ({
        input: intake('2026-11-30T09:15:00Z', {
          complainant: { name, email: `complainant.${i}@example.org` },
          ...(i === 0 ? { description: 'Charged twice for the same direct debit — wants a refund' } : {}),
        }),
      })),
      siobhan,
      rules,
      at,
    );
    const logged = created.flatMap((c) => (c.ok ? [c.record] : []));
    expect(logged).toHaveLength(names.length);
    const [first, second, third] = logged.map((c) => c.id);
    // One case edited several times (every change lands in the same page of a join).
    await updateCase(a.db, first!, siobhan, 'finding', () => ({ rootCause: 'Direct debit ran twice' }));
    await addNote(
      a.db,
      first!,
      { text: 'Rang back: “charged twice”, bank statement to follow', pinned: false },
      siobhan,
    );
    await updateCase(a.db, first!, siobhan, 'finding', () => ({
      rootCause: 'Direct debit ran twice (mandate duplicated)',
    }));
    await updateCase(a.db, second!, siobhan, 'finding', () => ({
      rootCause: 'Letter sent to an old address',
    }));
    await updateCase(a.db, third!, siobhan, 'finding', () => ({ rootCause: 'Conduct of a team leader' }));
    await updateCase(a.db, first!, siobhan, 'finding', () => ({
      rootCause: 'Direct debit ran twice (mandate duplicated at the bank)',
    }));
    expect(await a.sync()).toEqual({ online: true });
    // A manager's desk restricts a case after all that (as the server's owner here: the desks in
    // this test have no server session, so they see and pull only unrestricted cases).
    const version = (await a.db.syncState.get(versionKey('cases', third!)))?.version ?? 0;
    const owner = createTeamSync(team.cluster.config(team.cluster.owner, server.database));
    team.later(() => owner.close());
    const restricted = await owner.push('desk-of-a-manager', [
      {
        idempotencyKey: 'restrict-third-case',
        kind: 'cases',
        id: third!,
        baseVersion: version,
        fields: { restricted: { before: false, after: true } },
        actor: { id: siobhan.id, name: siobhan.name },
        at: '2026-12-01T10:00:00.000Z',
      },
    ]);
    expect(restricted.results.map((r) => r.status)).toEqual(['applied']);

    const [oneByOne, bulk] = [await openDesk(), await openDesk()];
    const slow = await join(oneByOne, 1);
    const fast = await join(bulk);
    expect(slow.pass).toEqual({ online: true });
    expect(fast.pass).toEqual({ online: true });
    expect(fast.pages).toBe(1);
    expect(slow.pages).toBeGreaterThan(15);

    const [one, many] = [await held(oneByOne.db), await held(bulk.db)];
    expect(many.cases.length).toBeGreaterThanOrEqual(4);
    expect(many.cases.find((c) => c.id === first)?.rootCause).toBe(
      'Direct debit ran twice (mandate duplicated at the bank)',
    );
    expect(many.audit.length).toBeGreaterThan(5);
    expect(many).toEqual(one);
    expect((await verifyStoredAuditChain(bulk.db)).ok).toBe(true);
    expect((await verifyStoredAuditChain(oneByOne.db)).ok).toBe(true);
    for (const query of ['direct debit', 'Đặng', 'Mensah', logged[4]!.reference]) {
      const hits = async (search: SearchService) =>
        (await search.search(query, MANAGER, 50)).map((h) => h.id);
      expect(await hits(fast.search)).toEqual(await hits(slow.search));
    }
    expect((await fast.search.search('direct debit', MANAGER, 50)).map((h) => h.id)).toContain(first);

    // A desk joining far behind: pages of 3, no facts or search per page, both built at the end;
    // and one closed after its second page, which finishes at its next pass.
    const [joiner, cutShort] = [await openDesk(), await openDesk()];
    const joined = await joinAsNewDesk(joiner, 3);
    const resumed = await joinAsNewDesk(cutShort, 3, 2);
    for (const [desk, run] of [
      [joiner, joined],
      [cutShort, resumed],
    ] as const) {
      expect(run.pass).toEqual({ online: true });
      expect(run.heardCases).toEqual([]);
      expect(run.stages).toEqual(['returns', 'search']);
      expect(await held(desk.db)).toEqual(one);
      // A join stores its trail packed (one row per AUDIT_PACK_SIZE entries), and reads it as rows.
      expect(await desk.db.audit.count()).toBe(0);
      expect(await desk.db.auditPacks.count()).toBeGreaterThan(0);
      expect(await caseAuditTrail(desk.db, first!)).toEqual(await caseAuditTrail(oneByOne.db, first!));
      expect((await caseAuditTrail(desk.db, first!)).length).toBeGreaterThan(3);
      expect((await verifyStoredAuditChain(desk.db)).ok).toBe(true);
      for (const query of ['direct debit', 'Đặng', 'Mensah', logged[4]!.reference]) {
        const hits = async (search: SearchService) =>
          (await search.search(query, MANAGER, 50)).map((h) => h.id);
        expect(await hits(run.search)).toEqual(await hits(slow.search));
      }
    }
  }, 120_000);
});
