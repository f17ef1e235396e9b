// A restricted case given to an officer after their desk pulled past its history, on a real
// throwaway PostgreSQL: row-level security hid its notes, evidence records and trail entries when
// the desk pulled them, so the case would arrive bare. The desk notices the case's first change it
// sees is not its first, fetches the rest (team:case-history), and then agrees with the server.
import { describe, expect, it } from 'vitest';
import { assignCase, createCase } from '../../../../../src-renderer/db/cases';
import { setCaseRestricted } from '../../../../../src-renderer/db/restricted';
import { addEvidence, addNote } from '../../../../../src-renderer/db/investigation';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { caseHistoriesWaiting } from '../../../../../src-renderer/db/sync-replica';
import { checkTrailAgainstServer } from '../../../../../src-renderer/db/team-trail-check';
import { syncOnce } from '../../../../../src-renderer/features/team/sync-runner';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, testRules } from '../../db/test-db';
import { MANAGER, OFFICER, officerAndManagerDesks } from './team-desk';

const team = useTeamCluster();
const rules = testRules();

describe('a restricted case given to someone later', { timeout: 90_000 }, () => {
  it('reaches their desk with the history it had before, once, and the server away only delays it', async () => {
    const { manager: a, officer: b } = await officerAndManagerDesks(team);

    // The manager keeps a complaint about a colleague to themselves while they look into it.
    const logged = await createCase(
      a.db,
      intake('2026-11-30T09:15:00Z', { description: 'The cashier — “Zoë” — kept my change (£20)' }),
      MANAGER,
      rules,
    );
    await assignCase(a.db, logged.id, MANAGER, MANAGER);
    await setCaseRestricted(a.db, logged.id, { restricted: true, reason: 'About a colleague' }, MANAGER);
    await addNote(a.db, logged.id, { text: 'Spoke to the branch; CCTV requested.', pinned: false }, MANAGER);
    await addEvidence(
      a.db,
      logged.id,
      {
        name: 'till report 30-11.pdf',
        size: 10,
        type: 'application/pdf',
        sha256: 'a'.repeat(64),
        description: 'Till report',
      },
      MANAGER,
    );
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(logged.id)).toBeUndefined();

    // Then the manager gives it to the officer.
    await assignCase(a.db, logged.id, OFFICER, MANAGER, { reason: 'Officer to handle the apology' });
    expect(await a.sync()).toEqual({ online: true });

    // The server is away when the officer's desk asks for the rest: the case is there, bare, and
    // the desk still knows to ask.
    const away = { ...b.transport, caseHistory: async () => ({ online: false as const, message: 'Away.' }) };
    expect(await syncOnce(b.db, away, b.deskId)).toEqual({ online: false, message: 'Away.' });
    expect(await b.db.cases.get(logged.id)).toMatchObject({ assignee: { id: OFFICER.id } });
    expect(await b.db.notes.where('caseId').equals(logged.id).count()).toBe(0);
    expect(await caseHistoriesWaiting(b.db)).toEqual([
      expect.objectContaining({ caseId: logged.id, afterSeq: 0 }),
    ]);

    // Back: the next pass brings the note, the evidence record and the trail entries before.
    expect(await b.sync()).toEqual({ online: true });
    expect(await caseHistoriesWaiting(b.db)).toEqual([]);
    const notes = await b.db.notes.where('caseId').equals(logged.id).toArray();
    expect(notes.map((n) => n.text)).toEqual(['Spoke to the branch; CCTV requested.']);
    expect((await b.db.evidence.toArray()).map((e) => e.name)).toEqual(['till report 30-11.pdf']);
    expect(await b.db.cases.get(logged.id)).toMatchObject({ restricted: true, assignee: { id: OFFICER.id } });
    const actions = (await caseAuditTrail(b.db, logged.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'restrict', 'note-add', 'evidence-add']));
    // Each once, and the desk's chain and the server's agree, with nothing pulled past and missing.
    expect(new Set(actions.filter((x) => x !== 'assign')).size).toBe(
      actions.filter((x) => x !== 'assign').length,
    );
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true });
    const check = await checkTrailAgainstServer(b.db, (input) => b.main.trailPage(input));
    expect(check).toMatchObject({ ok: true, server: { broken: null }, missingHere: { count: 0 } });

    // Nothing is asked again, and the manager's desk is as it was.
    const before = (await caseAuditTrail(b.db, logged.id)).length;
    expect(await b.sync()).toEqual({ online: true });
    expect((await caseAuditTrail(b.db, logged.id)).length).toBe(before);
    expect(await a.db.notes.where('caseId').equals(logged.id).count()).toBe(1);
  });

  it('a case the desk saw from its start asks for nothing', async () => {
    const { manager: a, officer: b } = await officerAndManagerDesks(team);
    const open = await createCase(a.db, intake('2026-11-30T10:00:00Z'), MANAGER, rules);
    await addNote(a.db, open.id, { text: 'Called back.', pinned: false }, MANAGER);
    await assignCase(a.db, open.id, MANAGER, MANAGER, { reason: 'Manager takes it' });
    expect(await a.sync()).toEqual({ online: true });
    let asked = 0;
    const counting = {
      ...b.transport,
      caseHistory: (caseId: string, after: number, before: number) => {
        asked += 1;
        return b.transport.caseHistory!(caseId, after, before);
      },
    };
    expect(await syncOnce(b.db, counting, b.deskId)).toEqual({ online: true });
    expect(asked).toBe(0);
    expect(await b.db.notes.where('caseId').equals(open.id).count()).toBe(1);
  });

  it('a case taken from a desk and given back takes back what its trail said, each entry once', async () => {
    const { manager: a, officer: b } = await officerAndManagerDesks(team);
    const logged = await createCase(
      b.db,
      intake('2026-11-30T09:15:00Z', { description: 'Refused a refund — “not our policy”' }),
      OFFICER,
      rules,
    );
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    // Taken from the officer: their desk removes the case and erases what its trail said.
    await setCaseRestricted(a.db, logged.id, { restricted: true, reason: 'About a colleague' }, MANAGER);
    await assignCase(a.db, logged.id, MANAGER, MANAGER, { reason: 'Staff matter' });
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(logged.id)).toBeUndefined();
    const created = (await caseAuditTrail(b.db, logged.id)).find((e) => e.action === 'create')!;
    expect(created.erased).toBeDefined();

    // Meanwhile a note; then given back.
    await addNote(
      a.db,
      logged.id,
      { text: 'Branch confirms the policy was misread.', pinned: false },
      MANAGER,
    );
    await assignCase(a.db, logged.id, OFFICER, MANAGER, { reason: 'Officer to reply' });
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });

    expect(await b.db.cases.get(logged.id)).toMatchObject({ assignee: { id: OFFICER.id } });
    expect((await b.db.notes.where('caseId').equals(logged.id).toArray()).map((n) => n.text)).toEqual([
      'Branch confirms the policy was misread.',
    ]);
    const trail = await caseAuditTrail(b.db, logged.id);
    const keys = trail.map((e) => e.payloadHash ?? e.hash);
    expect(new Set(keys).size).toBe(keys.length);
    const again = trail.find((e) => e.seq === created.seq)!;
    expect(again.erased).toBeUndefined();
    expect(JSON.stringify(again.changes)).toContain('not our policy');
    expect(trail.at(-1)).toMatchObject({ action: 'trail-details-restored' });
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true });
    expect(await checkTrailAgainstServer(b.db, (input) => b.main.trailPage(input))).toMatchObject({
      ok: true,
      missingHere: { count: 0 },
    });
  });
});
