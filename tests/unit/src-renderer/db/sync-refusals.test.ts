// An approval the team server refuses (migration 11), seen from the desks: two desks and one real
// throwaway PostgreSQL whose accounts say the manager may approve up to £500. The manager's desk still
// holds a higher limit (the administrator lowered it since), approves £750 offline, and pushes when
// back: the proposal is waiting for approval again on every desk, the trail says what was undone
// and why, and the refusal waits in the sync notices until the manager has read it.
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { createCase } from '../../../../src-renderer/db/cases';
import { decideApproval, saveProposal } from '../../../../src-renderer/db/resolution';
import { waitingConflicts } from '../../../../src-renderer/db/sync-conflicts';
import { syncNoticeCount, syncNotices } from '../../../../src-renderer/db/sync-notices';
import { dismissRefusal, refusedChanges } from '../../../../src-renderer/db/sync-replica';
import { createPasswordHasher } from '../../../../src-main/services/accounts/passwords';
import { promoteAccounts, signInToTeam } from '../../../../src-main/services/team/team-accounts';
import { defaultSecurityPolicy } from '../../../../src-shared/domain/accounts';
import type { ActingPerson } from '../../../../src-shared/domain/permissions';
import { DEFAULT_APPROVAL_RULES } from '../../../../src-shared/domain/resolution';
import { storedAccount, type TeamServer } from '../../../support/team-server';
import { useTeamCluster } from '../../../support/use-team-cluster';
import { TEST_SCRYPT } from '../../src-main/services/accounts/fixtures';
import { openTeamDesk } from '../features/team/team-desk';
import { intake, testRules } from './test-db';

const team = useTeamCluster();
let server: TeamServer;
const rules = testRules();
const PASSWORD = 'lantern harbour copper tide';

const officer: ActingPerson = {
  id: 'u-a',
  name: 'Aoife Ní Fhaoláin',
  roles: ['officer'],
  approvalLimit: null,
};
// What the manager's desk last knew: a limit of £1,000. The server now says £500.
const managerAsDeskKnows: ActingPerson = {
  id: 'u-b',
  name: 'Tomás Øberg-Nakamura',
  roles: ['manager'],
  approvalLimit: 1000,
};

/** The server holds the office's accounts; both people are signed in there (their tokens). */
async function officeOnServer(): Promise<{ officerToken: string; managerToken: string }> {
  server = await team.newServer();
  const hash = await createPasswordHasher({ insecureTestParams: TEST_SCRYPT }).hash(PASSWORD);
  const client = new Client(team.cluster.config(team.cluster.app, server.database));
  await client.connect();
  try {
    await promoteAccounts(client, {
      policy: defaultSecurityPolicy(),
      accounts: [
        storedAccount({ id: 'u-a', name: officer.name, roles: ['officer'], passwordHash: hash }),
        storedAccount({
          id: 'u-b',
          name: managerAsDeskKnows.name,
          roles: ['manager'],
          approvalLimit: 500,
          passwordHash: hash,
        }),
      ],
    });
    const token = async (name: string) => {
      const signed = await signInToTeam(client, { name, password: PASSWORD, deskId: `desk-${name}` });
      if (signed.outcome !== 'ok') throw new Error(`${name} could not sign in: ${signed.outcome}`);
      return signed.session.token;
    };
    return { officerToken: await token(officer.name), managerToken: await token(managerAsDeskKnows.name) };
  } finally {
    await client.end();
  }
}

describe('an approval the team server refuses', () => {
  it('a manager approves offline with a stale limit: back online, the proposal waits again, with the reason on every desk', async () => {
    const { officerToken, managerToken } = await officeOnServer();
    const a = await openTeamDesk(
      team,
      () => server,
      () => officer,
      { session: () => officerToken },
    );
    const b = await openTeamDesk(
      team,
      () => server,
      () => managerAsDeskKnows,
      { session: () => managerToken },
    );
    const logged = await createCase(a.db, intake('2026-12-01T09:15:00Z'), officer, rules);
    const proposal = await saveProposal(
      a.db,
      logged.id,
      {
        summary: 'Refund both duplicated direct debits and pay £150 for the distress.',
        remedies: [
          {
            type: 'refund',
            amount: 600,
            currency: 'GBP',
            rationale: 'Two debits of £300 — bank statement on file.',
          },
          { type: 'goodwill', amount: 150, currency: 'GBP', rationale: 'Overdraft fees and three calls.' },
        ],
        legal: false,
      },
      officer,
      DEFAULT_APPROVAL_RULES,
    );
    expect(proposal.state).toBe('awaiting-approval');
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });

    // Offline, the manager's desk approves: its own check passes with the limit it knows.
    b.online.value = false;
    const approved = await decideApproval(
      b.db,
      proposal.id,
      { outcome: 'approved', comment: '' },
      managerAsDeskKnows,
    );
    expect(approved.state).toBe('approved');
    expect((await b.sync()).online).toBe(false);
    b.online.value = true;
    expect(await b.sync()).toEqual({ online: true });

    // Nothing stays approved that the server refused, and nothing waits to be sent again.
    const onB = await b.db.resolutions.get(proposal.id);
    expect(onB).toMatchObject({ state: 'awaiting-approval', decision: null });
    expect(await b.db.outbox.count()).toBe(0);
    expect(await waitingConflicts(b.db)).toEqual([]);
    // What the manager sees: a sync notice with the server's reason, on the case's reference.
    expect(await syncNoticeCount(b.db)).toBe(1);
    const notices = await syncNotices(b.db, managerAsDeskKnows);
    expect(notices.refusedChanges).toEqual([
      expect.objectContaining({
        code: 'over-limit',
        // Worded on the desk from the server's figures, the money in the office's locale (en-GB).
        message:
          'This remedy (£750.00) is above your approval limit of £500.00; a manager with a higher limit must approve it.',
        records: [
          {
            kind: 'resolutions',
            recordId: proposal.id,
            caseId: logged.id,
            reference: logged.reference,
            what: 'approval',
            by: { id: 'u-b', name: managerAsDeskKnows.name },
            outcome: 'restored',
          },
        ],
      }),
    ]);
    // The trail keeps both: the approval made on the desk, and its undoing with the reason.
    const trailOnB = await caseAuditTrail(b.db, logged.id);
    const undone = trailOnB.find((e) => e.action === 'sync-change-refused');
    expect(trailOnB.map((e) => e.action)).toContain('approval-approved');
    expect(undone).toMatchObject({
      entity: 'resolution',
      entityId: proposal.id,
      reason: expect.stringMatching(/^The team server refused this desk’s change: This remedy \(£750\.00\)/),
    });
    expect(undone!.changes).toEqual(
      expect.arrayContaining([{ field: 'state', before: 'approved', after: 'awaiting-approval' }]),
    );
    expect((await verifyStoredAuditChain(b.db)).ok).toBe(true);

    // The officer's desk: the proposal still waits, and the trail says why it was not approved.
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.resolutions.get(proposal.id)).toMatchObject({
      state: 'awaiting-approval',
      decision: null,
    });
    expect((await caseAuditTrail(a.db, logged.id)).map((e) => e.action)).toContain('sync-change-refused');
    expect(await syncNoticeCount(a.db)).toBe(0);

    // Read: the notice goes; the trail keeps it.
    const [refusal] = await refusedChanges(b.db);
    await dismissRefusal(b.db, refusal!.key);
    expect(await syncNoticeCount(b.db)).toBe(0);
  }, 90_000);
});
