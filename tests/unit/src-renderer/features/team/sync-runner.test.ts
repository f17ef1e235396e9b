// Two desks (two case databases, two main-side desk syncs with their own data folders) and one real
// throwaway PostgreSQL: what one desk writes reaches the other, edits of different fields merge, a
// desk that was cut off keeps its changes and converges when the server is back, and the same field
// edited on both desks waits for a choice that ends in both trails.
import { describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { CASES_TOTAL_KEY, createCase, updateCase } from '../../../../../src-renderer/db/cases';
import { addNote } from '../../../../../src-renderer/db/investigation';
import { resolveConflict, waitingConflicts } from '../../../../../src-renderer/db/sync-conflicts';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, person, testRules } from '../../db/test-db';
import { openTeamDesk } from './team-desk';

const aoife = person('u-a', 'Aoife Ní Fhaoláin', 'officer', 'investigator');
const tomas = person('u-b', 'Tomás Øberg-Nakamura', 'officer', 'manager');
const rules = testRules();

const team = useTeamCluster();
let server: TeamServer;

const openDesk = (who: typeof aoife) =>
  openTeamDesk(
    team,
    () => server,
    () => who,
  );

describe('two desks on one team server', () => {
  it('a case and its note logged on one desk reach the other with its trail, and edits of different fields merge', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const logged = await createCase(
      a.db,
      intake('2026-11-30T09:15:00Z', { complainant: { name: 'Đặng Thị Hoa', email: 'hoa@example.vn' } }),
      aoife,
      rules,
      new Date('2026-11-30T09:15:00Z'),
    );
    await addNote(
      a.db,
      logged.id,
      { text: 'Rang back: “charged twice” — wants refund', pinned: false },
      aoife,
    );
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.outbox.count()).toBe(0);

    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(logged.id)).toEqual(await a.db.cases.get(logged.id));
    expect((await b.db.notes.toArray()).map((n) => n.text)).toEqual([
      'Rang back: “charged twice” — wants refund',
    ]);
    expect((await b.db.counters.get(CASES_TOTAL_KEY))?.value).toBe(1);
    // Desk A's trail entries are links of desk B's own chain now, which still verifies.
    expect((await caseAuditTrail(b.db, logged.id)).map((e) => e.action)).toEqual(
      (await caseAuditTrail(a.db, logged.id)).map((e) => e.action),
    );
    expect((await verifyStoredAuditChain(b.db)).ok).toBe(true);
    // Nothing pulled goes back out.
    expect(await b.db.outbox.count()).toBe(0);

    await updateCase(b.db, logged.id, tomas, 'finding', () => ({ rootCause: 'Direct debit ran twice' }));
    await updateCase(a.db, logged.id, aoife, 'sla-pause', (c) => ({
      slaPauses: [
        ...c.slaPauses,
        { from: '2026-12-01T10:00:00.000Z', to: null, reason: 'Waiting for bank statement' },
      ],
    }));
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const [onA, onB] = [await a.db.cases.get(logged.id), await b.db.cases.get(logged.id)];
    expect(onA!.rootCause).toBe('Direct debit ran twice');
    expect(onB!.slaPauses).toHaveLength(1);
    expect(await waitingConflicts(a.db)).toEqual([]);
    expect(await waitingConflicts(b.db)).toEqual([]);
  }, 60_000);

  it('the same field edited on both desks waits for a choice, and the choice ends in both trails', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const logged = await createCase(a.db, intake('2026-11-30T09:15:00Z'), aoife, rules);
    await a.sync();
    await b.sync();
    await updateCase(a.db, logged.id, aoife, 'finding', () => ({ rootCause: 'Billing run error' }));
    await updateCase(b.db, logged.id, tomas, 'finding', () => ({
      rootCause: 'Staff keyed the amount twice',
    }));
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });

    const [conflict] = await waitingConflicts(b.db);
    expect(conflict!.fields).toEqual([
      { field: 'rootCause', mine: 'Staff keyed the amount twice', theirs: 'Billing run error' },
    ]);
    // Until the choice, desk B keeps its own value and a pull does not overwrite it.
    expect(await b.sync()).toEqual({ online: true });
    expect((await b.db.cases.get(logged.id))!.rootCause).toBe('Staff keyed the amount twice');

    await resolveConflict(b.db, conflict!.id, { rootCause: 'mine' }, tomas);
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    expect((await a.db.cases.get(logged.id))!.rootCause).toBe('Staff keyed the amount twice');
    expect(await a.db.cases.get(logged.id)).toEqual(await b.db.cases.get(logged.id));
    for (const desk of [a, b]) {
      const choice = (await caseAuditTrail(desk.db, logged.id)).find(
        (e) => e.action === 'sync-conflict-resolved',
      );
      expect(choice).toMatchObject({
        actor: { name: 'Tomás Øberg-Nakamura' },
        changes: [{ field: 'rootCause', before: 'Billing run error', after: 'Staff keyed the amount twice' }],
        reason: 'Changed on two desks at once. rootCause: kept this desk’s value.',
      });
      expect((await verifyStoredAuditChain(desk.db)).ok).toBe(true);
    }
  }, 60_000);

  it('a desk cut off from the server keeps its changes, says so, and converges when the server is back', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const logged = await createCase(a.db, intake('2026-11-30T09:15:00Z'), aoife, rules);
    await a.sync();
    await b.sync();
    await team.cluster.stop('immediate');
    try {
      await updateCase(b.db, logged.id, tomas, 'finding', () => ({
        rootCause: 'Written with the server away',
      }));
      const pass = await b.sync();
      expect(pass.online).toBe(false);
      expect(pass).toMatchObject({ message: expect.stringMatching(/server/i) });
      expect(await b.db.outbox.count()).toBeGreaterThan(0);
      expect((await b.main.waitForChanges(0, 1000)).online).toBe(false);
    } finally {
      await team.cluster.start();
    }
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.outbox.count()).toBe(0);
    expect(await a.sync()).toEqual({ online: true });
    expect((await a.db.cases.get(logged.id))!.rootCause).toBe('Written with the server away');
  }, 60_000);

  it('wakes a waiting desk when another desk pushes', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const waiting = b.main.waitForChanges(0, 20_000);
    await createCase(a.db, intake('2026-11-30T09:15:00Z'), aoife, rules);
    await a.sync();
    expect(await waiting).toMatchObject({ online: true, headSeq: expect.any(Number) });
    expect(await b.main.waitForChanges(1000, 10)).toEqual({ online: true, headSeq: null });
  }, 60_000);
});
