// Promote against a real throwaway PostgreSQL: a single desk with cases, notes, evidence records and
// its trail goes up to an empty server; a second desk joins and sees the same cases and a trail
// that verifies, as does the server's chain. A server holding anything is refused, and a promotion
// cut short resumes without sending anything twice.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DIR } from '../../../../../src-main/services/evidence/evidence-store';
import type { AccountsData } from '../../../../../src-main/services/accounts/account-store';
import {
  createPromotion,
  PROMOTE_ADMIN_ONLY,
  SERVER_NOT_EMPTY,
} from '../../../../../src-main/services/team/team-promote';
import { defaultSecurityPolicy, type SessionUser } from '../../../../../src-shared/domain/accounts';
import { verifyAuditChain, type AuditEntry } from '../../../../../src-shared/domain/audit';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { lastStoredSeq, packEntries } from '../../../../../src-renderer/db/audit-store';
import { createCase, updateCase } from '../../../../../src-renderer/db/cases';
import { addEvidence, addNote } from '../../../../../src-renderer/db/investigation';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import type { ResolutionRecord } from '../../../../../src-shared/domain/resolution';
import { refusedEvidence, setTeamMode } from '../../../../../src-renderer/db/sync-replica';
import { promoteDesk, promotionUnfinished } from '../../../../../src-renderer/features/team/promote-desk';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, person, testRules } from '../../db/test-db';
import { openTeamDesk, type TestDesk as Desk } from './team-desk';

const siobhan = person('u-siobhan', 'Siobhán Ní Bhriain', 'manager', 'administrator');
const kwame = person('u-kwame', 'Kwame Mensah-Ødegård', 'officer', 'investigator');
const rules = testRules();
const team = useTeamCluster();
let server: TeamServer;

const sessionUser = (p: typeof siobhan): SessionUser => ({
  id: p.id,
  name: p.name,
  roles: ['manager', 'administrator'].filter((r) => p.roles.includes(r as never)) as SessionUser['roles'],
  approvalLimit: null,
});

/** The desk's own security policy: none of it the server's default. */
const DESK_POLICY = { minPasswordLength: 16, lockoutAttempts: 3, lockoutMinutes: 30, idleLockMinutes: 25 };

const deskAccounts = (): AccountsData => ({
  policy: { ...defaultSecurityPolicy(), ...DESK_POLICY },
  accounts: [
    storedAccount({
      id: siobhan.id,
      name: siobhan.name,
      roles: ['manager', 'administrator'],
      passwordHash: '$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    }),
  ],
});

/** The session the server opened for the promoting administrator (the desk's sign-in adopts it). */
let promoted: { token: string | null } = { token: null };

function promotionFor(user: SessionUser | null) {
  return createPromotion({
    config: async () => team.cluster.config(team.cluster.app, server.database),
    accounts: async () => deskAccounts(),
    user: () => user,
    deskId: async () => 'desk-promoting',
    adoptSession: async (session) => {
      promoted.token = session.token;
    },
  });
}

/** The single desk being promoted: its pushes claim the session the promotion opened. */
async function promotingDesk(): Promise<Desk> {
  promoted = { token: null };
  const session = promoted;
  return openTeamDesk(
    team,
    () => server,
    () => siobhan,
    { single: true, session: () => session.token },
  );
}

const transportOf = (desk: Desk, user: SessionUser | null = sessionUser(siobhan)) => ({
  push: desk.transport.push,
  uploadEvidence: desk.transport.uploadEvidence,
  promoteAccounts: () => promotionFor(user).promoteAccounts(),
});

/** A single desk's realistic, messy records: three cases, notes, an evidence record, edits. */
async function seed(db: RedressDB): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of ['Đặng Thị Hoa', 'Ngũgĩ wa Thiong’o', "Siobhán O'Brien-Ó Dálaigh"].entries()) {
    const at = `2026-11-2${i + 1}T09:1${i}:00Z`;
    const logged = await createCase(
      db,
      intake(at, { complainant: { name, email: `c${i}@example.org` } }),
      siobhan,
      rules,
      new Date(at),
    );
    ids.push(logged.id);
    await addNote(
      db,
      logged.id,
      { text: `Rang back #${i}: “charged twice” — wants refund`, pinned: i === 0 },
      siobhan,
    );
  }
  await addEvidence(
    db,
    ids[0]!,
    {
      name: 'statement – März.pdf',
      size: 48_213,
      type: 'application/pdf',
      sha256: 'a'.repeat(64),
      description: '',
    },
    siobhan,
  );
  await updateCase(db, ids[1]!, siobhan, 'finding', () => ({ rootCause: 'Direct debit ran twice' }));
  // A proposal approved on this desk before it joined a team (by Siobhán: Kwame proposed it).
  await db.resolutions.put(approvedProposal(ids[1]!));
  return ids;
}

function approvedProposal(caseId: string): ResolutionRecord {
  return {
    id: 'res-approved-before',
    caseId,
    caseReference: 'CMP-2026-0002',
    createdAt: '2026-11-24T10:00:00.000Z',
    createdBy: { id: kwame.id, name: kwame.name },
    proposedAt: null,
    response: null,
    summary: 'Refund the second direct debit (£1,240.50) and apologise — “we got this wrong”.',
    remedies: [
      {
        type: 'refund',
        amount: 1240.5,
        currency: 'GBP',
        rationale: 'Taken twice in März; statement attached.',
      },
    ],
    legal: false,
    similarKey: 'billing|duplicate payment',
    state: 'approved',
    approvalReasons: [{ rule: 'amount', total: { amount: 1240.5, currency: 'GBP' }, threshold: 500 }],
    requestedAt: '2026-11-24T10:00:00.000Z',
    decision: {
      outcome: 'approved',
      comment: '',
      by: { id: siobhan.id, name: siobhan.name },
      at: '2026-11-25T16:40:00.000Z',
    },
    updatedAt: '2026-11-25T16:40:00.000Z',
  } as ResolutionRecord;
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

async function serverChain(): Promise<ReturnType<typeof verifyAuditChain>> {
  const rows = await server.query<{ entry: AuditEntry }>('SELECT entry FROM audit ORDER BY seq');
  const [head] = await server.query<{ audit_seq: string; audit_hash: string }>(
    'SELECT audit_seq, audit_hash FROM sync_head',
  );
  return verifyAuditChain(
    rows.map((r) => r.entry),
    { seq: Number(head!.audit_seq), hash: head!.audit_hash },
  );
}

/** Desk B, Kwame's, joined to the server: it has pulled everything. */
async function joinedDesk(): Promise<Desk> {
  const b = await openTeamDesk(
    team,
    () => server,
    () => kwame,
  );
  expect(await b.sync()).toEqual({ online: true });
  return b;
}

/** A new empty server, and desk A: a single desk with seed()'s records, now in team mode. */
async function seededDeskInTeamMode() {
  server = await team.newServer();
  const a = await promotingDesk();
  const ids = await seed(a.db);
  await setTeamMode(a.db, true, a.deskId);
  return { a, ids };
}

describe('promoting a single desk to a team server', { timeout: 60_000 }, () => {
  // Packed: the trail as a desk that once joined another server holds it (audit-store.ts).
  it.each([['in rows', false] as const, ['packed', true] as const])(
    'uploads every record and the trail (%s); a desk that joins sees the same cases and a verifying chain',
    async (_, packed) => {
      const { a, ids } = await seededDeskInTeamMode();
      if (packed)
        await a.db.transaction('rw', [a.db.audit, a.db.auditPacks], async () => {
          const entries = await a.db.audit.orderBy('seq').toArray();
          await a.db.audit.clear();
          await a.db.auditPacks.bulkAdd(packEntries(entries));
        });
      const seen: [number, number][] = [];
      const outcome = await promoteDesk(a.db, transportOf(a), {
        pageSize: 4,
        onProgress: (sent, total) => seen.push([sent, total]),
      });
      const local = await lastStoredSeq(a.db);
      expect(local).toBeGreaterThan(4);
      const records = (
        await Promise.all(['cases', 'notes', 'evidence', 'resolutions'].map((t) => a.db.table(t).count()))
      ).reduce((x, y) => x + y);
      expect(outcome).toEqual({
        outcome: 'done',
        sent: records + local,
        total: records + local,
        policyNotCopied: null,
      });
      expect(seen[0]).toEqual([0, records + local]);
      expect(seen.at(-1)).toEqual([records + local, records + local]);
      expect(await promotionUnfinished(a.db)).toBeNull();
      expect(await server.query('SELECT id FROM accounts', [], team.cluster.owner)).toEqual([
        { id: siobhan.id },
      ]);
      // The whole security policy went up with the accounts, not only the lockout pair.
      expect(
        await server.query(
          `SELECT min_password_length AS "minPasswordLength", lockout_attempts AS "lockoutAttempts",
                lockout_minutes AS "lockoutMinutes", idle_lock_minutes AS "idleLockMinutes"
           FROM security_policy`,
          [],
          team.cluster.owner,
        ),
      ).toEqual([DESK_POLICY]);
      expect((await serverChain()).ok).toBe(true);
      expect(await server.query('SELECT count(*)::int AS n FROM audit')).toEqual([{ n: local }]);

      // The promoted desk syncs on as any desk does: nothing waits, and what comes back changes nothing.
      const before = byId(await a.db.cases.toArray());
      expect(await a.sync()).toEqual({ online: true });
      expect(byId(await a.db.cases.toArray())).toEqual(before);
      expect(await a.db.outbox.count()).toBe(0);

      const b = await joinedDesk();
      expect(byId(await b.db.cases.toArray())).toEqual(before);
      expect(byId(await b.db.notes.toArray())).toEqual(byId(await a.db.notes.toArray()));
      expect(byId(await b.db.evidence.toArray())).toEqual(byId(await a.db.evidence.toArray()));
      // The approval made before the team went up as history, under the promotion's session.
      expect(await b.db.resolutions.get('res-approved-before')).toMatchObject({
        state: 'approved',
        decision: { by: { id: siobhan.id } },
      });
      expect(promoted.token).toEqual(expect.any(String));
      for (const id of ids)
        expect((await caseAuditTrail(b.db, id)).map((e) => [e.action, e.actor.name])).toEqual(
          (await caseAuditTrail(a.db, id)).map((e) => [e.action, e.actor.name]),
        );
      expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true, count: local });
    },
  );

  it("sends each evidence record's file before the record; a file missing on the desk is noted and its record still goes up", async () => {
    server = await team.newServer();
    const a = await promotingDesk();
    const ids = await seed(a.db);
    // A real file in the desk's evidence store (seed()'s record names a file this desk does not have),
    // added while the desk worked alone: the promotion, not the outbox, sends it.
    const bytes = Buffer.from('Bank statement, März 2026: two debits of £1,240.50 — “duplicate”.\n');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(join(a.dataDir, EVIDENCE_DIR), { recursive: true });
    await writeFile(join(a.dataDir, EVIDENCE_DIR, sha256), bytes);
    const name = 'statement (scan).txt';
    await addEvidence(
      a.db,
      ids[2]!,
      { name, size: bytes.length, type: 'text/plain', sha256, description: '' },
      siobhan,
    );
    await setTeamMode(a.db, true, a.deskId);
    // The server away while the evidence page goes: the promotion stops there and keeps its place.
    const cut = {
      ...transportOf(a),
      uploadEvidence: async () => ({ online: false as const, message: 'The team server is away.' }),
    };
    const stopped = await promoteDesk(a.db, cut);
    expect(stopped).toMatchObject({ outcome: 'offline', message: 'The team server is away.' });
    expect(
      await server.query('SELECT count(*)::int AS n FROM records WHERE kind = $1', ['evidence']),
    ).toEqual([{ n: 0 }]);

    expect((await promoteDesk(a.db, transportOf(a))).outcome).toBe('done');
    expect(
      await server.query<{ sha256: string; size: number }>(
        'SELECT sha256, size::int AS size FROM evidence_files',
        [],
        team.cluster.owner,
      ),
    ).toEqual([{ sha256, size: bytes.length }]);
    expect(await refusedEvidence(a.db)).toEqual([
      { sha256: 'a'.repeat(64), message: 'This evidence file is not on this desk.' },
    ]);
    expect(
      await server.query('SELECT count(*)::int AS n FROM records WHERE kind = $1', ['evidence']),
    ).toEqual([{ n: 2 }]);
  });

  it('says when the security policy did not reach the server, even after the promotion is resumed', async () => {
    const { a } = await seededDeskInTeamMode();
    // IT set the server up without the right to set the policy: the accounts go up, the policy not.
    await server.query(
      `REVOKE EXECUTE ON FUNCTION redress_set_security_policy(jsonb) FROM "${team.cluster.app.user}"`,
      [],
      team.cluster.owner,
    );
    const stop = new AbortController();
    const first = await promoteDesk(a.db, transportOf(a), {
      pageSize: 2,
      signal: stop.signal,
      onProgress: (sent) => sent > 0 && stop.abort(),
    });
    expect(first.outcome).toBe('cancelled');
    const outcome = await promoteDesk(a.db, transportOf(a), { pageSize: 50 });
    expect(outcome).toMatchObject({ outcome: 'done', policyNotCopied: deskAccounts().policy });
    // The server kept its defaults; the accounts are there.
    expect(
      await server.query(
        'SELECT min_password_length AS "minPasswordLength", idle_lock_minutes AS "idleLockMinutes" FROM security_policy',
        [],
        team.cluster.owner,
      ),
    ).toEqual([{ minPasswordLength: 12, idleLockMinutes: 10 }]);
    expect(await server.query('SELECT id FROM accounts', [], team.cluster.owner)).toEqual([
      { id: siobhan.id },
    ]);
  });

  it('refuses a server that holds records or accounts, and anyone but an administrator', async () => {
    server = await team.newServer();
    const officer = { ...sessionUser(kwame), roles: ['officer' as const] };
    await expect(promotionFor(officer).promoteAccounts()).rejects.toThrow(PROMOTE_ADMIN_ONLY);

    // Another desk already wrote to this server: promotion is refused before anything goes up.
    const other = await openTeamDesk(
      team,
      () => server,
      () => kwame,
    );
    await createCase(other.db, intake('2026-11-30T09:15:00Z'), kwame, rules);
    expect(await other.sync()).toEqual({ online: true });
    const a = await promotingDesk();
    await seed(a.db);
    await expect(promoteDesk(a.db, transportOf(a))).rejects.toThrow(SERVER_NOT_EMPTY);
    expect(await server.query('SELECT id FROM accounts', [], team.cluster.owner)).toEqual([]);
    expect(await server.query('SELECT count(*)::int AS n FROM records')).toEqual([{ n: 1 }]);

    // A server with accounts only is refused the same way.
    server = await team.newServer();
    await promotionFor(sessionUser(siobhan)).promoteAccounts();
    await expect(promotionFor(sessionUser(siobhan)).promoteAccounts()).rejects.toThrow(SERVER_NOT_EMPTY);
  });

  it('resumes a promotion cancelled, and one cut off after a push it never heard back from, sending nothing twice', async () => {
    server = await team.newServer();
    const a = await promotingDesk();
    await seed(a.db);
    const stop = new AbortController();
    const first = await promoteDesk(a.db, transportOf(a), {
      pageSize: 3,
      signal: stop.signal,
      onProgress: (sent) => sent >= 3 && stop.abort(),
    });
    expect(first).toMatchObject({ outcome: 'cancelled', sent: 3 });
    expect(await promotionUnfinished(a.db)).toMatchObject({ sent: 3, accountsDone: true });

    // The server takes the next page, but the answer never reaches the desk (closed mid-push).
    let pushes = 0;
    const lost = {
      ...transportOf(a),
      push: async (changes: Parameters<Desk['transport']['push']>[0]) => {
        await a.transport.push(changes);
        pushes += 1;
        throw new Error('Redress closed before the answer came back');
      },
    };
    await expect(promoteDesk(a.db, lost, { pageSize: 3 })).rejects.toThrow(/closed/);
    expect(pushes).toBe(1);
    expect(await promotionUnfinished(a.db)).toMatchObject({ sent: 3 });

    const done = await promoteDesk(a.db, transportOf(a), { pageSize: 3 });
    expect(done.outcome).toBe('done');
    expect(done.sent).toBe(done.total);
    // Each record and trail entry once on the server, whatever was sent twice.
    const [changes] = await server.query<{ n: number; keys: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT (kind, id))::int AS keys FROM changes',
    );
    expect(changes).toEqual({ n: done.total, keys: done.total });
    expect((await serverChain()).ok).toBe(true);

    const b = await joinedDesk();
    expect(byId(await b.db.cases.toArray())).toEqual(byId(await a.db.cases.toArray()));
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true });
  });

  it('keeps every edit made in team mode before and while it runs: held, then merged without a conflict', async () => {
    const { a, ids } = await seededDeskInTeamMode();
    const rootCause = (id: string, value: string) =>
      updateCase(a.db, id, siobhan, 'finding', () => ({ rootCause: value }));
    // Before the promotion starts: one field edited twice, and a note added (a creation).
    await rootCause(ids[2]!, 'Standing order — “not sent”');
    await rootCause(ids[2]!, 'Standing order not sent by the bank');
    await addNote(a.db, ids[0]!, { text: 'Spoke to Zoë Ó Briain: wants £40 back', pinned: false }, siobhan);
    // Not promoted yet: a pass sends nothing (the server would get a partial case) and says why.
    const serverChanges = async () =>
      (await server.query<{ n: number }>('SELECT count(*)::int AS n FROM changes'))[0]!.n;
    expect(await a.sync()).toEqual({ online: true, held: 'unpromoted' });
    expect(await serverChanges()).toBe(0);

    let pushes = 0;
    let held: Awaited<ReturnType<Desk['sync']>> | undefined;
    let changesWhileHeld = -1;
    const racing = {
      ...transportOf(a),
      push: async (changes: Parameters<Desk['transport']['push']>[0]) => {
        const answer = await a.transport.push(changes);
        if (++pushes === 1) {
          // The first page (two cases) is on the server, its answer not yet stored: edit a case in
          // it and one not yet sent, each twice, add a note, and let the sync runner try a pass.
          const inFlight = changes.find((c) => c.kind === 'cases')!.id;
          const notYet = ids.find((id) => !changes.some((c) => c.id === id))!;
          for (const id of [inFlight, notYet]) {
            await rootCause(id, 'Fee charged in error');
            await rootCause(id, `Fee charged in error (${id === inFlight ? 'sent' : 'waiting'})`);
          }
          await addNote(a.db, notYet, { text: 'Rang back — «no answer»', pinned: false }, siobhan);
          changesWhileHeld = await serverChanges();
          held = await a.sync();
          expect(await serverChanges()).toBe(changesWhileHeld);
        }
        return answer;
      },
    };
    const outcome = await promoteDesk(a.db, racing, { pageSize: 2 });
    expect(outcome.outcome).toBe('done');
    expect(held).toEqual({ online: true, held: 'promotion' });
    expect(changesWhileHeld).toBe(2);
    expect(await a.db.outbox.count()).toBeGreaterThan(0);

    // The promotion done, the held edits go up and merge: no conflict, no refusal, nothing left.
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.outbox.count()).toBe(0);
    expect(await a.db.conflicts.count()).toBe(0);
    expect((await serverChain()).ok).toBe(true);

    const b = await joinedDesk();
    const mine = byId(await a.db.cases.toArray());
    expect(mine.map((c) => c.rootCause).filter((r) => r.startsWith('Fee charged in error ('))).toHaveLength(
      2,
    );
    expect(byId(await b.db.cases.toArray()).map((c) => [c.id, c.rootCause, c.updatedAt])).toEqual(
      mine.map((c) => [c.id, c.rootCause, c.updatedAt]),
    );
    expect(byId(await b.db.notes.toArray())).toEqual(byId(await a.db.notes.toArray()));
    expect(await b.db.notes.count()).toBe(5);
    for (const id of ids)
      expect((await caseAuditTrail(b.db, id)).map((e) => [e.action, e.actor.name])).toEqual(
        (await caseAuditTrail(a.db, id)).map((e) => [e.action, e.actor.name]),
      );
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true, count: await a.db.audit.count() });
  });
});
