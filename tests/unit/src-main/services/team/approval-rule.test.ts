// The approval rule on the team server (migration 11), on a real throwaway PostgreSQL: the SQL rule
// agrees with permissions.ts on a table of proposals × people, both asked directly and through real
// pushes; a refused approval is answered for that change alone (nothing written, no seq used), and
// the server checks who approves, what the record names, and an approved proposal's later edits;
// history uploaded by a promotion is not refused.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import {
  FOLLOWS_REFUSED,
  TeamSessionClosed,
  type TeamSync,
} from '../../../../../src-main/services/team/sync';
import { promoteAccounts, signInToTeam } from '../../../../../src-main/services/team/team-accounts';
import { defaultSecurityPolicy, type AccountRole } from '../../../../../src-shared/domain/accounts';
import { may } from '../../../../../src-shared/domain/permissions';
import {
  proposalSubject,
  type Remedy,
  type ResolutionRecord,
} from '../../../../../src-shared/domain/resolution';
import type { SyncChange } from '../../../../../src-shared/domain/team-sync';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { TEST_SCRYPT } from '../accounts/fixtures';

const team = useTeamCluster();
let server: TeamServer;
let app: Client;

afterEach(async () => {
  await app?.end();
});

const hasher = createPasswordHasher({ insecureTestParams: TEST_SCRYPT });
const PASSWORD = 'lantern harbour copper tide';

/** The office: roles and approval limits (null: none) as the server holds them. */
const PEOPLE: Record<string, { name: string; roles: AccountRole[]; approvalLimit: number | null }> = {
  'u-officer': { name: 'Aoife Ní Fhaoláin', roles: ['officer'], approvalLimit: null },
  'u-head': { name: 'Tomás Øberg-Nakamura', roles: ['manager'], approvalLimit: null },
  'u-team-lead': { name: 'Đặng Thị Hoa', roles: ['manager'], approvalLimit: 500 },
  'u-deputy': { name: 'Kwame Mensah-Bonsu', roles: ['manager', 'administrator'], approvalLimit: 1000 },
  'u-admin': { name: 'Zoë Adeyemi', roles: ['administrator'], approvalLimit: null },
  'u-investigator': { name: 'Li Wei', roles: ['investigator'], approvalLimit: 10_000 },
};

async function office(): Promise<void> {
  server = await team.newServer();
  app = new Client(team.cluster.config(team.cluster.app, server.database));
  await app.connect();
  const hash = await hasher.hash(PASSWORD);
  const accounts = Object.entries(PEOPLE).map(([id, { name, roles, approvalLimit }]) =>
    storedAccount({ id, name, roles, approvalLimit, passwordHash: hash }),
  );
  await promoteAccounts(app, { policy: defaultSecurityPolicy(), accounts });
}

const tokens = new Map<string, string>();
async function tokenOf(id: string): Promise<string> {
  const result = await signInToTeam(app, {
    name: PEOPLE[id]!.name,
    password: PASSWORD,
    deskId: `desk-${id}`,
  });
  if (result.outcome !== 'ok') throw new Error(`${id} could not sign in: ${result.outcome}`);
  tokens.set(id, result.session.token);
  return result.session.token;
}

const actorOf = (id: string) => ({ id, name: PEOPLE[id]?.name ?? id });
const AT = '2026-12-02T14:05:00.000Z';

const remedy = (type: Remedy['type'], amount: number | null, currency = ''): Remedy => ({
  type,
  amount,
  currency,
  rationale: 'Charged twice for the same month — statement attached.',
});

/** A proposal waiting for approval, as a desk stores it. */
function proposal(
  id: string,
  facts: { createdBy: string; editedBy?: string[]; remedies: Remedy[] },
): ResolutionRecord {
  return {
    id,
    caseId: 'case-1',
    caseReference: 'CMP-2026-0417',
    createdAt: '2026-12-01T09:00:00.000Z',
    createdBy: actorOf(facts.createdBy),
    ...(facts.editedBy ? { editedBy: facts.editedBy.map(actorOf) } : {}),
    proposedAt: null,
    response: null,
    summary: 'Refund the duplicated direct debit and apologise for the delay.',
    remedies: facts.remedies,
    legal: false,
    similarKey: 'billing|duplicate payment',
    state: 'awaiting-approval',
    approvalReasons: [{ rule: 'amount', total: { amount: 600, currency: 'GBP' }, threshold: 500 }],
    requestedAt: '2026-12-01T09:00:00.000Z',
    decision: null,
    updatedAt: '2026-12-01T09:00:00.000Z',
  } as ResolutionRecord;
}

/** The desk's change that approves `p` in `by`'s name. */
const approvalFields = (p: ResolutionRecord, by: string): SyncChange['fields'] => ({
  state: { before: p.state, after: 'approved' },
  decision: { before: null, after: { outcome: 'approved', comment: '', by: actorOf(by), at: AT } },
  updatedAt: { before: p.updatedAt, after: AT },
});

const created = (data: object): SyncChange['fields'] =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { before: null, after: v as unknown }]));

function change(
  kind: string,
  id: string,
  baseVersion: number,
  fields: SyncChange['fields'],
  by: string,
  key = `${by}:${randomUUID()}`,
): SyncChange {
  return { idempotencyKey: key, kind, id, baseVersion, fields, actor: actorOf(by), at: AT };
}

/** Proposals that exercise each part of the rule (the approvers are the table's people). */
const PROPOSALS: { name: string; facts: Parameters<typeof proposal>[1] }[] = [
  { name: 'an apology only', facts: { createdBy: 'u-officer', remedies: [remedy('apology', null)] } },
  { name: 'GBP 499.99', facts: { createdBy: 'u-officer', remedies: [remedy('refund', 499.99, 'GBP')] } },
  { name: 'GBP 500 exactly', facts: { createdBy: 'u-officer', remedies: [remedy('refund', 500, 'GBP')] } },
  {
    name: 'GBP 300 + 200.01 (summed)',
    facts: {
      createdBy: 'u-officer',
      remedies: [remedy('refund', 300, 'GBP'), remedy('goodwill', 200.01, 'GBP')],
    },
  },
  {
    name: 'GBP 400 and EUR 450 (never added)',
    facts: { createdBy: 'u-officer', remedies: [remedy('refund', 400, 'GBP'), remedy('credit', 450, 'EUR')] },
  },
  {
    name: 'GBP 400 and EUR 600',
    facts: { createdBy: 'u-officer', remedies: [remedy('refund', 400, 'GBP'), remedy('credit', 600, 'EUR')] },
  },
  {
    name: 'GBP 0.1 + 0.2 + 999.7 (float sums)',
    facts: {
      createdBy: 'u-officer',
      remedies: [
        remedy('refund', 0.1, 'GBP'),
        remedy('refund', 0.2, 'GBP'),
        remedy('goodwill', 999.7, 'GBP'),
      ],
    },
  },
  { name: 'GBP 12,500', facts: { createdBy: 'u-officer', remedies: [remedy('goodwill', 12_500, 'GBP')] } },
  {
    name: 'a repair (no money) beside GBP 50',
    facts: { createdBy: 'u-officer', remedies: [remedy('repair', null), remedy('refund', 50, 'GBP')] },
  },
  { name: 'proposed by the head', facts: { createdBy: 'u-head', remedies: [remedy('refund', 50, 'GBP')] } },
  {
    name: 'edited by the team lead and the deputy',
    facts: {
      createdBy: 'u-officer',
      editedBy: ['u-team-lead', 'u-deputy'],
      remedies: [remedy('refund', 50, 'GBP')],
    },
  },
];

describe('the approval rule in SQL agrees with permissions.ts', () => {
  it(
    'on every proposal × person, asked directly and through a real push of the approval',
    { timeout: 120_000 },
    async () => {
      await office();
      const people = Object.keys(PEOPLE);
      for (const id of people) await tokenOf(id);
      const desk = server.sync();
      const rows: { who: string; proposal: string; ts: string; sql: string; pushed: string }[] = [];
      for (const [n, { name, facts }] of PROPOSALS.entries())
        for (const who of people) {
          const p = proposal(`res-${n}-${who}`, facts);
          const ts = may(
            { id: who, roles: PEOPLE[who]!.roles, approvalLimit: PEOPLE[who]!.approvalLimit },
            'proposal.approve',
            { proposal: proposalSubject(p) },
          );
          const sql = (
            await app.query<{ code: string | null }>('SELECT code FROM redress_approval_refusal($1, $2)', [
              who,
              JSON.stringify(p),
            ])
          ).rows[0]!.code;
          // The proposal reaches the server as its author's desk wrote it, then the approval is pushed.
          await desk.push(
            'desk-o',
            [change('resolutions', p.id, 0, created(p), facts.createdBy)],
            tokens.get(facts.createdBy),
          );
          const answer = await desk.push(
            `desk-${who}`,
            [change('resolutions', p.id, 1, approvalFields(p, who), who)],
            tokens.get(who),
          );
          const outcome = answer.results[0]!;
          rows.push({
            who,
            proposal: name,
            ts: ts.ok ? 'ok' : ts.code,
            sql: sql ?? 'ok',
            pushed:
              outcome.status === 'refused' ? outcome.code : outcome.status === 'applied' ? 'ok' : 'conflict',
          });
        }
      expect(rows.filter((r) => r.sql !== r.ts || r.pushed !== r.ts)).toEqual([]);
      // The table is not trivial: every refusal occurs, and approvals too.
      expect(new Set(rows.map((r) => r.ts))).toEqual(
        new Set(['ok', 'role', 'own-proposal', 'edited-proposal', 'over-limit']),
      );
      const lead = (proposal: string) =>
        rows.find((r) => r.who === 'u-team-lead' && r.proposal === proposal)?.ts;
      expect([
        lead('GBP 500 exactly'),
        lead('GBP 300 + 200.01 (summed)'),
        lead('GBP 400 and EUR 450 (never added)'),
      ]).toEqual(['ok', 'over-limit', 'ok']);
    },
  );
});

describe('an approval pushed to the team server', { timeout: 60_000 }, () => {
  /** A proposal of `amount` GBP by the officer, on the server, waiting for approval. */
  async function waiting(
    desk: TeamSync,
    amount: number,
    id = `res-${randomUUID()}`,
  ): Promise<ResolutionRecord> {
    const p = proposal(id, { createdBy: 'u-officer', remedies: [remedy('refund', amount, 'GBP')] });
    await desk.push(
      'desk-o',
      [change('resolutions', p.id, 0, created(p), 'u-officer')],
      await tokenOf('u-officer'),
    );
    return p;
  }
  const serverCopy = async (id: string) =>
    (
      await server.query<{ version: string; state: string }>(
        "SELECT version, data->>'state' AS state FROM records WHERE kind = 'resolutions' AND id = $1",
        [id],
        team.cluster.owner,
      )
    )[0];

  it('over the limit: that change alone is refused with the reason, nothing of it is kept, no seq used', async () => {
    await office();
    const desk = server.sync();
    const p = await waiting(desk, 750);
    const lead = await tokenOf('u-team-lead');
    const before = await desk.pull(0, 100, lead);
    const note = created({
      caseId: 'case-1',
      text: 'Called the complainant back.',
      author: actorOf('u-team-lead'),
    });
    const answer = await desk.push(
      'desk-l',
      [
        change('resolutions', p.id, 1, approvalFields(p, 'u-team-lead'), 'u-team-lead'),
        change('resolutions', p.id, 1, { proposedAt: { before: null, after: AT } }, 'u-team-lead'),
        change('notes', 'note-1', 0, note, 'u-team-lead'),
      ],
      lead,
    );
    expect(answer.results.map((r) => r.status)).toEqual(['refused', 'refused', 'applied']);
    expect(answer.results[0]).toMatchObject({
      code: 'over-limit',
      message: expect.stringMatching(/GBP 750\.00\) is above your approval limit of GBP 500\.00/),
      // The figures, for the desk to word in the office's locale.
      figures: { currency: 'GBP', amount: 750, limit: 500 },
      serverVersion: 1,
      serverData: expect.objectContaining({ state: 'awaiting-approval' }),
    });
    // What followed the refused approval on that desk is not applied on top of the unapproved copy.
    expect(answer.results[1]).toMatchObject({ code: 'follows-refused', message: FOLLOWS_REFUSED });
    expect(await serverCopy(p.id)).toEqual({ version: '1', state: 'awaiting-approval' });
    // The note took the next seq: none was lost to the refused changes.
    expect(answer.headSeq).toBe(before.headSeq + 1);
    expect(answer.results[2]).toMatchObject({ seq: before.headSeq + 1 });
    // A manager whose limit covers it approves the same proposal.
    const deputy = await desk.push(
      'desk-d',
      [change('resolutions', p.id, 1, approvalFields(p, 'u-deputy'), 'u-deputy')],
      await tokenOf('u-deputy'),
    );
    expect(deputy.results[0]).toMatchObject({ status: 'applied', version: 2 });
  });

  it('checks the session’s account: no session, an ended one, or an approval in someone else’s name is refused', async () => {
    await office();
    const desk = server.sync();
    const p = await waiting(desk, 100);
    const approve = (by: string) => [change('resolutions', p.id, 1, approvalFields(p, by), by)];
    expect((await desk.push('desk-x', approve('u-head'))).results[0]).toMatchObject({
      status: 'refused',
      code: 'signed-out',
    });
    // A session the server does not take (ended, expired, or no one's): nothing is pushed under it.
    await expect(desk.push('desk-x', approve('u-head'), 'f'.repeat(64))).rejects.toThrow(TeamSessionClosed);
    // A team lead's session pushing the head's name as approver.
    expect(
      (await desk.push('desk-x', approve('u-head'), await tokenOf('u-team-lead'))).results[0],
    ).toMatchObject({
      code: 'not-the-approver',
    });
    expect(await serverCopy(p.id)).toEqual({ version: '1', state: 'awaiting-approval' });
  });

  it('an approved proposal keeps its remedies: a tampered desk raising them is refused; sending it on is not', async () => {
    await office();
    const desk = server.sync();
    const p = await waiting(desk, 400);
    const lead = await tokenOf('u-team-lead');
    expect(
      (
        await desk.push(
          'desk-l',
          [change('resolutions', p.id, 1, approvalFields(p, 'u-team-lead'), 'u-team-lead')],
          lead,
        )
      ).results[0],
    ).toMatchObject({ status: 'applied' });
    const officer = await tokenOf('u-officer');
    const raised = await desk.push(
      'desk-o',
      [
        change(
          'resolutions',
          p.id,
          2,
          { remedies: { before: p.remedies, after: [remedy('refund', 4000, 'GBP')] } },
          'u-officer',
        ),
      ],
      officer,
    );
    expect(raised.results[0]).toMatchObject({ status: 'refused', code: 'not-the-approver' });
    // The officer puts the approved proposal to the complainant: no approval is made, nothing to check.
    const sent = await desk.push(
      'desk-o',
      [change('resolutions', p.id, 2, { proposedAt: { before: null, after: AT } }, 'u-officer')],
      officer,
    );
    expect(sent.results[0]).toMatchObject({ status: 'applied', version: 3 });
  });

  it('history from a promotion goes up approved; an approved proposal created under a person’s session is checked', async () => {
    await office();
    const desk = server.sync();
    const approvedBefore = {
      ...proposal('res-history', { createdBy: 'u-officer', remedies: [remedy('goodwill', 9000, 'GBP')] }),
      state: 'approved',
      decision: {
        outcome: 'approved',
        comment: '',
        by: actorOf('u-team-lead'),
        at: '2025-03-01T10:00:00.000Z',
      },
    };
    // Without a session (a desk, or anyone holding the service account), an approved proposal is
    // not kept, even under a promote| key: nobody was checked for it.
    const unsigned = await desk.push('desk-p', [
      change(
        'resolutions',
        'res-history',
        0,
        created(approvedBefore),
        'u-admin',
        'promote|resolutions|res-history',
      ),
    ]);
    expect(unsigned.results[0]).toMatchObject({
      status: 'refused',
      code: 'no-session',
      message: expect.stringMatching(/sent without a session, so it was not kept/),
    });
    expect(await serverCopy('res-history')).toBeUndefined();
    // A promotion sends the desk's records under the session the promotion opened for its
    // administrator (or, resumed after a restart, the one they sign in with), with its promote| keys.
    const resumed = await desk.push(
      'desk-p',
      [
        change(
          'resolutions',
          'res-history-2',
          0,
          created({ ...approvedBefore, id: 'res-history-2' }),
          'u-admin',
          'promote|resolutions|res-history-2',
        ),
      ],
      await tokenOf('u-admin'),
    );
    expect(resumed.results[0]).toMatchObject({ status: 'applied' });
    // An officer's desk creating an approved proposal outright, even under a promote| key, is checked.
    const officer = await tokenOf('u-officer');
    const forged = await desk.push(
      'desk-o',
      [
        change('resolutions', 'res-forged', 0, created({ ...approvedBefore, id: 'res-forged' }), 'u-officer'),
        change(
          'resolutions',
          'res-forged-2',
          0,
          created({ ...approvedBefore, id: 'res-forged-2' }),
          'u-officer',
          'promote|resolutions|res-forged-2',
        ),
      ],
      officer,
    );
    expect(forged.results.map((r) => (r.status === 'refused' ? r.code : r.status))).toEqual([
      'not-the-approver',
      'not-the-approver',
    ]);
    expect(await serverCopy('res-forged')).toBeUndefined();
  });
});
