// A desk's trail checked against the team server's chain, on a real throwaway PostgreSQL: two desks
// that agree with the server pass; an entry rewritten on the server (by someone who bypasses its
// triggers) breaks the server's chain; one rewritten and the whole chain re-hashed after it holds as
// a chain but no longer says what the desks hold; a cut tail is told; a restricted case's entries
// are matched by key only; what waits in the outbox is counted, not failed.
import { describe, expect, it } from 'vitest';
import { relinkAuditEntry, type AuditEntry } from '../../../../../src-shared/domain/audit';
import { assignCase, createCase } from '../../../../../src-renderer/db/cases';
import { addNote } from '../../../../../src-renderer/db/investigation';
import { setCaseRestricted } from '../../../../../src-renderer/db/restricted';
import { checkTrailAgainstServer, TrailServerAway } from '../../../../../src-renderer/db/team-trail-check';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, testRules } from '../../db/test-db';
import { MANAGER, OFFICER, officerAndManager, openTeamDesk, type TestDesk } from './team-desk';

const team = useTeamCluster();
let server: TeamServer;
const rules = testRules();

const openDesk = (who: typeof OFFICER, token: string) =>
  openTeamDesk(
    team,
    () => server,
    () => who,
    { session: () => token },
  );

const check = (desk: TestDesk) => checkTrailAgainstServer(desk.db, (input) => desk.main.trailPage(input));

/** As the server's owner, with its triggers off: what someone with the server's password could do. */
async function asIntruder(sql: string, params: unknown[] = []) {
  const owner = team.cluster.owner;
  await server.query('ALTER TABLE audit DISABLE TRIGGER USER', [], owner);
  try {
    await server.query(sql, params, owner);
  } finally {
    await server.query('ALTER TABLE audit ENABLE TRIGGER USER', [], owner);
  }
}

const serverTrail = async () =>
  (
    await server.query<{ seq: string; entry: AuditEntry }>(
      'SELECT seq, entry FROM audit ORDER BY seq',
      [],
      team.cluster.owner,
    )
  ).map((r) => r.entry);

describe('a desk’s trail checked against the team server', { timeout: 120_000 }, () => {
  it('agrees, then finds a rewritten entry, a re-hashed chain and a cut tail', async () => {
    server = await team.newServer();
    const tokens = await officerAndManager(team, server);
    const a = await openDesk(OFFICER, tokens['u-officer']!);
    const b = await openDesk(MANAGER, tokens['u-manager']!);
    const complaint = await createCase(
      a.db,
      intake('2026-11-30T09:15:00Z', { description: 'Charged twice — “Direct Debit” of £1,250.00' }),
      OFFICER,
      rules,
    );
    await addNote(
      a.db,
      complaint.id,
      { text: 'Rang Mr Ó Súilleabháin; he’ll send the statement.', pinned: false },
      OFFICER,
    );
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const serverCount = (await serverTrail()).length;
    expect(serverCount).toBeGreaterThanOrEqual(2);

    for (const desk of [a, b]) {
      const result = await check(desk);
      expect(result).toMatchObject({
        ok: true,
        server: { count: serverCount, head: serverCount, broken: null },
        matched: serverCount,
        hidden: 0,
        differs: { count: 0 },
        lostOnServer: { count: 0 },
        missingHere: { count: 0 },
        waiting: 0,
        deskOnly: 0,
      });
    }

    // Written offline: it waits, and is no finding.
    a.online.value = false;
    await addNote(a.db, complaint.id, { text: 'Statement received by post.', pinned: false }, OFFICER);
    const offline = await check(a);
    expect(offline.ok).toBe(true);
    expect(offline.waiting).toBe(1);
    a.online.value = true;
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect((await check(a)).waiting).toBe(0);

    // An entry's date moved on the server, its hash left: the server's chain does not hold there.
    const trail = await serverTrail();
    const target = trail[1]!;
    await asIntruder(
      `UPDATE audit SET entry = jsonb_set(entry, '{at}', '"2026-01-01T00:00:00.000Z"') WHERE seq = $1`,
      [target.seq],
    );
    const rewritten = await check(b);
    expect(rewritten.ok).toBe(false);
    expect(rewritten.server.broken).toEqual({ seq: target.seq, problem: 'changed' });

    // The same, with every hash after it redone and the head moved: the chain holds, but the desks
    // hold what was written, and say which entry differs.
    const forged: AuditEntry[] = [];
    let prevHash = trail[0]!.hash;
    for (const entry of trail.slice(1)) {
      const { hash: _h, prevHash: _p, ...body } = entry;
      const relinked = relinkAuditEntry(
        entry.seq === target.seq ? { ...body, at: '2026-01-01T00:00:00.000Z' } : body,
        prevHash,
      );
      forged.push(relinked);
      prevHash = relinked.hash;
    }
    for (const entry of forged)
      await asIntruder('UPDATE audit SET entry = $2, hash = $3, prev_hash = $4 WHERE seq = $1', [
        entry.seq,
        JSON.stringify(entry),
        entry.hash,
        entry.prevHash,
      ]);
    await asIntruder('UPDATE sync_head SET audit_hash = $1', [prevHash]);
    for (const desk of [a, b]) {
      const result = await check(desk);
      expect(result.server.broken).toBeNull();
      expect(result.ok).toBe(false);
      expect(result.differs.count).toBe(1);
      expect(result.differs.first[0]).toMatchObject({ action: target.action, at: target.at });
      expect(result.matched).toBe(trail.length - 1);
    }

    // The newest entry deleted on the server: its chain is cut short of the head it keeps.
    await asIntruder('DELETE FROM audit WHERE seq = $1', [trail.length]);
    const cut = await check(a);
    expect(cut.server.broken).toEqual({ seq: trail.length, problem: 'short' });
    expect(cut.ok).toBe(false);
  });

  it('matches a restricted case’s entries by key only, and tells entries it pulled past but lacks', async () => {
    server = await team.newServer();
    const tokens = await officerAndManager(team, server);
    const officerDesk = await openDesk(OFFICER, tokens['u-officer']!);
    const managerDesk = await openDesk(MANAGER, tokens['u-manager']!);
    const complaint = await createCase(officerDesk.db, intake('2026-11-30T09:15:00Z'), OFFICER, rules);
    expect(await officerDesk.sync()).toEqual({ online: true });
    expect(await managerDesk.sync()).toEqual({ online: true });
    // The manager restricts it and takes it over: the officer may no longer see it on the server.
    await assignCase(managerDesk.db, complaint.id, MANAGER, MANAGER, { reason: 'Whistleblowing' });
    await setCaseRestricted(
      managerDesk.db,
      complaint.id,
      { restricted: true, reason: 'Complaint about a colleague' },
      MANAGER,
    );
    expect(await managerDesk.sync()).toEqual({ online: true });
    expect(await officerDesk.sync()).toEqual({ online: true });
    const result = await check(officerDesk);
    expect(result.ok).toBe(true);
    expect(result.hidden).toBeGreaterThanOrEqual(1);
    expect(result.differs.count).toBe(0);
    expect(result.lostOnServer.count).toBe(0);
    expect((await check(managerDesk)).matched).toBeGreaterThan(result.matched);

    // An entry of the manager's desk lost from its store (not from the chain it keeps: a pack row
    // or a row of the audit table removed behind the app's back) is one the server has and it lacks.
    const stored = await managerDesk.db.audit.orderBy('seq').last();
    expect(stored).toBeDefined();
    await managerDesk.db.audit.delete(stored!.seq);
    const lacking = await check(managerDesk);
    expect(lacking.missingHere.count).toBe(1);

    // The server away: said, not a result.
    managerDesk.online.value = false;
    await team.cluster.stop();
    try {
      await expect(check(managerDesk)).rejects.toBeInstanceOf(TrailServerAway);
    } finally {
      await team.cluster.start();
    }
  });
});
