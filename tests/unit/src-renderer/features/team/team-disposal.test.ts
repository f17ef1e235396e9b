// Retention and erasure in team mode, on two desks and a real throwaway PostgreSQL: a person's data
// erased on one desk leaves the server and the other desk too. Nothing personal travels with the
// disposal; the server scrubs the case's history (its changes' values and the trail's payloads); the
// other desk erases its copies and its chain still verifies; a desk joining later never receives it.
import { describe, expect, it, vi } from 'vitest';
import { DISPOSAL_REFUSED } from '../../../../../src-main/services/team/sync';
import { DISPOSAL_REFUSED_CODE } from '../../../../../src-shared/domain/team-sync';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import {
  CASES_OPEN_KEY,
  CASES_TOTAL_KEY,
  createCase,
  statusCounterKey,
  transitionCase,
} from '../../../../../src-renderer/db/cases';
import { addNote } from '../../../../../src-renderer/db/investigation';
import {
  disposeDueCases,
  eraseComplainant,
  getRetentionPolicy,
} from '../../../../../src-renderer/db/retention';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { syncNoticeCount, syncNotices } from '../../../../../src-renderer/db/sync-notices';
import { syncOnce } from '../../../../../src-renderer/features/team/sync-runner';
import {
  formDraftKey,
  keepFormDraft,
  loadFormDraft,
} from '../../../../../src-renderer/components/form-draft';
import { memoryStorage } from '../../memory-storage';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, testRules } from '../../db/test-db';
import { MANAGER, OFFICER, officerAndManager, openTeamDesk, type TestDesk } from './team-desk';

const team = useTeamCluster();
let server: TeamServer;
const rules = testRules();

const officer = OFFICER;
const manager = MANAGER;

// What must be nowhere once the person's data is erased.
const NAME = 'Żaneta Brzęczyszczykiewicz-Ørsted';
const EMAIL = 'zaneta.b.orsted@example.pl';
const ADDRESS = '7 Rue de l’Église, 69002 Lyon';
const PLANTED = [NAME, 'Brzęczyszczykiewicz', EMAIL, ADDRESS, 'Église'];

/** A server whose accounts are the officer and the manager; a session token for each. */
async function office(): Promise<Record<string, string>> {
  server = await team.newServer();
  return officerAndManager(team, server);
}

const openDesk = (who: typeof officer, token: string | null) =>
  openTeamDesk(
    team,
    () => server,
    () => who,
    { session: () => token },
  );

/** Every row of every table of a desk's database, as one text. */
async function everything(db: RedressDB): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => JSON.stringify(await t.toArray())));
  return tables.join('\n');
}

/** Everything the server keeps of records, changes and the trail, read as the owner. */
async function serverHistory(): Promise<string> {
  const rows = await server.query<{ text: string }>(
    `SELECT data::text AS text FROM records
     UNION ALL SELECT id || ' ' || fields::text FROM changes
     UNION ALL SELECT entry::text FROM audit`,
    [],
    team.cluster.owner,
  );
  return rows.map((r) => r.text).join('\n');
}

const planted = (text: string) => PLANTED.filter((p) => text.includes(p));

/** A desk's case counters as stored, and as its cases say they are (counters at 0 left out). */
async function caseCounters(db: RedressDB) {
  const cases = await db.cases.toArray();
  const counted: Record<string, number> = {
    [CASES_TOTAL_KEY]: cases.length,
    [CASES_OPEN_KEY]: cases.filter((c) => c.open).length,
  };
  for (const c of cases) counted[statusCounterKey(c.status)] = (counted[statusCounterKey(c.status)] ?? 0) + 1;
  const nonZero = (rows: [string, number][]) => Object.fromEntries(rows.filter(([, n]) => n !== 0));
  const stored = (await db.counters.toArray()).filter((r) => r.key.startsWith('cases:'));
  return {
    stored: nonZero(stored.map((r) => [r.key, r.value])),
    counted: nonZero(Object.entries(counted)),
  };
}

/** Desk B (the officer) logs the planted person's case with a note; both desks have it. */
async function sharedCase(tokens: Record<string, string>) {
  const a = await openDesk(manager, tokens['u-manager']!);
  const b = await openDesk(officer, tokens['u-officer']!);
  const logged = await createCase(
    b.db,
    intake('2026-10-02T09:15:00Z', {
      complainant: { name: NAME, email: EMAIL, address: ADDRESS },
      description: `${NAME} says the fee was taken twice.`,
    }),
    officer,
    rules,
    new Date('2026-10-02T09:15:00Z'),
  );
  await addNote(b.db, logged.id, { text: `Rang ${NAME} back at ${ADDRESS}`, pinned: false }, officer);
  await transitionCase(b.db, logged.id, 'withdrawn', officer, rules, {
    reason: `${NAME} withdrew by phone`,
    now: new Date('2026-10-20T11:00:00Z'),
  });
  expect(await b.sync()).toEqual({ online: true });
  expect(await a.sync()).toEqual({ online: true });
  expect(planted(await everything(a.db))).toEqual(PLANTED);
  expect(planted(await serverHistory())).toEqual(PLANTED);
  return { a, b, logged };
}

const files = { dispose: () => Promise.resolve({ removed: 0 }) };

async function erase(desk: TestDesk, caseId: string) {
  return eraseComplainant(desk.db, [caseId], manager, {
    reason: 'Erasure request under UK GDPR Art. 17, identity checked',
    files,
  });
}

describe('retention and erasure carried to the team server and the other desks', () => {
  it('an erasure on one desk sends nothing personal, and leaves the person nowhere on the server or the other desk', async () => {
    const tokens = await office();
    const { a, b, logged } = await sharedCase(tokens);

    const outcome = await erase(a, logged.id);
    expect(outcome).toMatchObject({ record: { counts: { cases: 1 } }, team: true });
    // What waits to go carries none of it, not even as the values it replaced.
    const waiting = await a.db.outbox.toArray();
    expect(waiting.length).toBeGreaterThan(0);
    expect(planted(JSON.stringify(waiting))).toEqual([]);

    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.outbox.count()).toBe(0);
    expect(planted(await serverHistory())).toEqual([]);
    // The server's trail: the erased entries carry the mark, and their salts are gone with them.
    const erased = await server.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit WHERE entry ? 'erased' AND NOT entry ? 'salt'`,
      [],
      team.cluster.owner,
    );
    expect(Number(erased[0]!.n)).toBeGreaterThan(0);

    // A note typed on desk B and not saved: B's pull of the erasure forgets it too.
    vi.stubGlobal('localStorage', memoryStorage());
    const draftOnB = formDraftKey(officer.id, logged.id, 'note');
    keepFormDraft(draftOnB, { typed: { text: `Write to ${NAME} at ${ADDRESS}` }, base: null });
    expect(await b.sync()).toEqual({ online: true });
    expect(planted(await everything(b.db))).toEqual([]);
    expect(loadFormDraft(draftOnB)).toBeNull();
    expect((await b.db.cases.get(logged.id))!.anonymised).toBeTruthy();
    expect((await caseAuditTrail(b.db, logged.id)).at(-1)!.action).toBe('dispose-erasure');
    for (const desk of [a, b]) expect(await verifyStoredAuditChain(desk.db)).toMatchObject({ ok: true });
    expect(planted(await everything(a.db))).toEqual([]);

    // A desk joining now receives the case as it is, and nothing of the person.
    const c = await openDesk(manager, tokens['u-manager']!);
    expect(await c.sync()).toEqual({ online: true });
    expect(await c.db.cases.get(logged.id)).toBeDefined();
    expect(planted(await everything(c.db))).toEqual([]);
    expect(await verifyStoredAuditChain(c.db)).toMatchObject({ ok: true });
  }, 90_000);

  it('a case deleted after its retention on one desk is deleted on the other, with nothing of it left on the server', async () => {
    const tokens = await office();
    const { a, b, logged } = await sharedCase(tokens);
    const policy = await getRetentionPolicy(a.db);
    const outcome = await disposeDueCases(a.db, [logged.id], manager, policy, {
      method: 'delete',
      reason: 'Retention period ended',
      files,
      now: new Date('2040-01-01T00:00:00Z'),
    });
    expect(outcome.record.counts.cases).toBe(1);
    expect(planted(JSON.stringify(await a.db.outbox.toArray()))).toEqual([]);
    expect(await a.sync()).toEqual({ online: true });
    expect(planted(await serverHistory())).toEqual([]);

    const deleted: string[][] = [];
    expect(
      await syncOnce(b.db, b.transport, b.deskId, { onCasesDeleted: (ids) => deleted.push(ids) }),
    ).toEqual({
      online: true,
    });
    // The search index hears it, to forget the case.
    expect(deleted).toEqual([[logged.id]]);
    expect(await b.db.cases.get(logged.id)).toBeUndefined();
    expect(await b.db.notes.count()).toBe(0);
    expect(planted(await everything(b.db))).toEqual([]);
    for (const desk of [a, b]) expect(await verifyStoredAuditChain(desk.db)).toMatchObject({ ok: true });
  }, 90_000);

  it('a note added offline to a case another desk disposes of is kept nowhere, and its desk is told', async () => {
    const tokens = await office();
    const { a, b, logged } = await sharedCase(tokens);
    // Desk B is offline; its officer reopens the case and adds a note naming someone new, not
    // knowing that desk A erases the case meanwhile.
    b.online.value = false;
    const LATE = ['Grzegorz Łęczycki-Fjørtoft', 'Łęczycki', '+44 7700 900461'];
    await transitionCase(b.db, logged.id, 'reopened', officer, rules, {
      reason: `${LATE[0]} rang: his sister wants it looked at again`,
    });
    await addNote(
      b.db,
      logged.id,
      { text: `Spoke to ${LATE[0]} (her brother, ${LATE[2]}) about the refund`, pinned: false },
      officer,
    );
    expect((await b.sync()).online).toBe(false);
    expect(await erase(a, logged.id)).toMatchObject({ record: { counts: { cases: 1 } } });
    expect(await a.sync()).toEqual({ online: true });

    // B comes back: the server keeps nothing of the note (its record is refused, its trail entry
    // linked with its payload erased), and B removes it too.
    b.online.value = true;
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    const late = (text: string) => LATE.filter((p) => text.includes(p));
    expect(late(await serverHistory())).toEqual([]);
    expect(planted(await serverHistory())).toEqual([]);
    expect(late(await everything(b.db))).toEqual([]);
    expect(planted(await everything(b.db))).toEqual([]);
    expect(late(await everything(a.db))).toEqual([]);
    expect(await b.db.outbox.count()).toBe(0);
    expect(await b.db.notes.where('caseId').equals(logged.id).count()).toBe(
      await a.db.notes.where('caseId').equals(logged.id).count(),
    );
    // The server remembers the disposal.
    expect(
      await server.query('SELECT case_id, disposal FROM disposed_cases', [], team.cluster.owner),
    ).toEqual([{ case_id: logged.id, disposal: 'dispose-erasure' }]);

    // B's officer is told once, in the office's words, of both changes and what became of them:
    // the reopened case is put back as the server has it, the note removed.
    expect(await syncNoticeCount(b.db)).toBe(1);
    const notices = await syncNotices(b.db, officer);
    expect(notices.refusedChanges).toEqual([
      expect.objectContaining({
        code: 'disposed-case',
        message: expect.stringMatching(
          /^This case was disposed of under the retention policy on \d{1,2} [A-Z][a-z]+ \d{4}; your change was not kept/,
        ),
        records: [
          expect.objectContaining({
            kind: 'cases',
            caseId: logged.id,
            by: { id: officer.id, name: officer.name },
            outcome: 'restored',
          }),
          expect.objectContaining({
            kind: 'notes',
            caseId: logged.id,
            by: { id: officer.id, name: officer.name },
            outcome: 'removed',
          }),
        ],
      }),
    ]);
    const told = (await caseAuditTrail(b.db, logged.id)).filter((e) => e.action === 'sync-change-refused');
    expect(told.length).toBeGreaterThan(0);
    // The reopening was undone: the case is withdrawn again, and B's counters say so.
    expect((await b.db.cases.get(logged.id))!.status).toBe('withdrawn');
    const onB = await caseCounters(b.db);
    expect(onB.stored).toEqual(onB.counted);
    expect(onB.counted).toMatchObject({ [statusCounterKey('withdrawn')]: 1 });
    for (const desk of [a, b]) expect(await verifyStoredAuditChain(desk.db)).toMatchObject({ ok: true });
  }, 120_000);

  it('a case reopened offline while another desk deletes it after its retention: removed on its desk, and out of its counters', async () => {
    const tokens = await office();
    const { a, b, logged } = await sharedCase(tokens);
    b.online.value = false;
    await transitionCase(b.db, logged.id, 'reopened', officer, rules, {
      reason: 'The complainant rang again about the second charge',
    });
    expect(await caseCounters(b.db)).toMatchObject({
      stored: { [CASES_TOTAL_KEY]: 1, [CASES_OPEN_KEY]: 1, [statusCounterKey('reopened')]: 1 },
    });
    const policy = await getRetentionPolicy(a.db);
    await disposeDueCases(a.db, [logged.id], manager, policy, {
      method: 'delete',
      reason: 'Retention period ended',
      files,
      now: new Date('2040-01-01T00:00:00Z'),
    });
    expect(await a.sync()).toEqual({ online: true });

    b.online.value = true;
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(logged.id)).toBeUndefined();
    // The dashboard and the lists count no case that is not there.
    expect(await caseCounters(b.db)).toEqual({ stored: {}, counted: {} });
    expect(await b.sync()).toEqual({ online: true });
    expect(await caseCounters(b.db)).toEqual({ stored: {}, counted: {} });
    expect(await caseCounters(a.db)).toEqual({ stored: {}, counted: {} });
  }, 90_000);

  it('the server refuses a disposal pushed in the name of an account that may not decide retention: the case comes back, the desk’s other work goes on', async () => {
    const tokens = await office();
    // The manager's disposal, made offline on the officer's desk and pushed under the officer's
    // session (the officer signed in there before it synced).
    const { b, logged } = await sharedCase(tokens);
    const noteCount = await b.db.notes.where('caseId').equals(logged.id).count();
    await erase(b, logged.id);
    expect(await b.db.cases.get(logged.id)).toMatchObject({ anonymised: expect.anything() });
    const later = await createCase(
      b.db,
      intake('2026-10-21T10:00:00Z', { description: 'Standing order cancelled without notice' }),
      officer,
      rules,
    );

    // The pass goes through (before: the whole push was refused, and the desk stayed "offline").
    expect(await b.sync()).toEqual({ online: true });
    // Only the entry saying the trail's erased details came back waits (the next pass sends it).
    expect((await b.db.outbox.toArray()).map((e) => e.kind)).toEqual(['audit']);
    // Nothing of the disposal reached the server, and the officer's later case did.
    expect(planted(await serverHistory())).toEqual(PLANTED);
    expect(
      await server.query('SELECT count(*)::int AS n FROM disposed_cases', [], team.cluster.owner),
    ).toEqual([{ n: 0 }]);
    const onServer = await server.query<{ id: string }>(
      "SELECT id FROM records WHERE kind = 'cases' ORDER BY id",
      [],
      team.cluster.owner,
    );
    expect(onServer.map((r) => r.id).sort()).toEqual([logged.id, later.id].sort());

    // The desk holds the case as the server does again: the complainant, the notes, the status.
    const back = await b.db.cases.get(logged.id);
    expect(back).toMatchObject({ complainant: { name: NAME, email: EMAIL }, status: 'withdrawn' });
    expect(back?.anonymised).toBeFalsy();
    expect(await b.db.notes.where('caseId').equals(logged.id).count()).toBe(noteCount);
    const counters = await caseCounters(b.db);
    expect(counters.stored).toEqual(counters.counted);
    // The desk's disposal record keeps what was done here, and says the server refused it.
    expect(await b.db.disposals.toArray()).toEqual([
      expect.objectContaining({ references: [logged.reference], refusedByServer: [logged.reference] }),
    ]);

    // The officer is told why, once, with the case put back.
    expect(await syncNoticeCount(b.db)).toBe(1);
    const notices = await syncNotices(b.db, officer);
    expect(notices.refusedChanges).toEqual([
      expect.objectContaining({
        code: DISPOSAL_REFUSED_CODE,
        message: DISPOSAL_REFUSED,
        records: expect.arrayContaining([
          expect.objectContaining({ kind: 'cases', caseId: logged.id, outcome: 'restored' }),
        ]),
      }),
    ]);
    // The trail says what the refusal undid, after the disposal's own entry, and still verifies.
    const trail = await caseAuditTrail(b.db, logged.id);
    const disposedAt = trail.findIndex((e) => e.action === 'dispose-erasure');
    const undone = trail.findIndex((e) => e.action === 'sync-change-refused' && e.entity === 'cases');
    expect(disposedAt).toBeGreaterThanOrEqual(0);
    expect(undone).toBeGreaterThan(disposedAt);
    // The details the disposal erased from the case's earlier entries came back from the server's
    // trail (each matching the commitment it kept), and one entry says so; the chain verifies.
    const before = trail.slice(0, disposedAt);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((e) => e.erased)).toEqual([]);
    expect(JSON.stringify(before)).toContain(NAME);
    const restored = trail.find((e) => e.action === 'trail-details-restored');
    expect(restored?.changes).toEqual([
      { field: 'restoredEntries', before: null, after: expect.any(Number) as number },
    ]);
    expect(await b.db.syncState.where('key').startsWith('trail-restore|').count()).toBe(0);
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true });
    // The next pass sends that entry, and has nothing left to refuse.
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.outbox.count()).toBe(0);
    expect(await syncNoticeCount(b.db)).toBe(1);
  }, 90_000);
});
