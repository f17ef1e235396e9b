// A desk in team mode follows the server while its person is signed in (issue 17): at each sync
// pass main asks the server about the session it holds. Two desks' main processes (auth services)
// and desk B's case database, on a real throwaway PostgreSQL: an administrator on desk A takes a
// role away, turns the person off or resets their password, and desk B follows at its next pass.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_DISABLED, TEAM_SERVER_AWAY } from '../../../../../src-main/services/accounts/auth';
import { TEAM_SESSION_CLOSED } from '../../../../../src-main/services/team/sync';
import { createCase } from '../../../../../src-renderer/db/cases';
import { decideApproval, saveProposal } from '../../../../../src-renderer/db/resolution';
import { lastPulledSeq } from '../../../../../src-renderer/db/sync-replica';
import {
  startSyncRunner,
  type SyncRunner,
  type SyncTransport,
} from '../../../../../src-renderer/features/team/sync-runner';
import { personRef } from '../../../../../src-shared/domain/accounts';
import type { ActingPerson } from '../../../../../src-shared/domain/permissions';
import { DEFAULT_APPROVAL_RULES } from '../../../../../src-shared/domain/resolution';
import { MAX_WAIT_MS, type TeamWaitAnswer } from '../../../../../src-shared/ipc/channels/team-sync';
import { PermissionError, SessionError } from '../../../../../src-shared/errors';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import {
  removeDataDir,
  teamDeskAuth,
  teamServerWith,
  tempDataDir,
} from '../../../src-main/services/accounts/fixtures';
import { intake, testRules } from '../../db/test-db';
import { openTeamDesk } from './team-desk';

const team = useTeamCluster();
let server: TeamServer;

const TEAM_ADMIN = { id: 'u-aoife', name: 'Aoife Ní Fhaoláin', password: 'harbour lantern tidal ß' };
const MANAGER = { id: 'u-tomas', name: 'Tomás Øberg-Nakamura', password: 'copper kettle morning tide' };
const ZOE = { name: 'Zoë Ng-Ó Briain', password: 'willow compass evening' };

type Desk = ReturnType<typeof teamDeskAuth>;

/** A server with an administrator and a manager; desk A with the administrator signed in, desk B with no one. */
async function office(): Promise<{ a: Desk; b: Desk }> {
  server = await teamServerWith(team, [
    { ...TEAM_ADMIN, roles: ['administrator'] },
    { ...MANAGER, roles: ['manager'], approvalLimit: 5000 },
  ]);
  const desk = async (deskId: string) => {
    const dir = await tempDataDir();
    team.later(() => removeDataDir(dir));
    return teamDeskAuth(team, server, dir, deskId);
  };
  const [a, b] = [await desk('desk-a'), await desk('desk-b')];
  await a.auth.signIn({ name: TEAM_ADMIN.name, password: TEAM_ADMIN.password });
  return { a, b };
}

/** Desk B's case database and sync, with main's session (b.auth) following the server at each pass. */
async function followingDesk(b: Desk) {
  const moved = { count: 0 };
  const desk = await openTeamDesk(
    team,
    () => server,
    () => personRef(b.auth.sessionState()!.user),
    {
      session: () => b.auth.teamToken(),
      follower: { held: b.auth.teamSessionHeld, follow: b.auth.followTeamSession },
      onSessionMoved: () => (moved.count += 1),
    },
  );
  return { desk, moved };
}

describe('a signed-in team desk follows the server', { timeout: 90_000 }, () => {
  it('a signed-in desk follows the server at its next pass: a manager whose role was removed can no longer approve there', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const zoe = await a.auth.add({
      name: ZOE.name,
      roles: ['officer'],
      password: ZOE.password,
      approvalLimit: null,
    });
    const { desk, moved } = await followingDesk(b);
    const officer = { id: zoe.id, name: zoe.name, roles: zoe.roles, approvalLimit: null };
    const logged = await createCase(desk.db, intake('2026-12-03T10:05:00Z'), officer, testRules());
    const proposal = await saveProposal(
      desk.db,
      logged.id,
      {
        summary: 'Refund the duplicated standing order and £75 for the bank’s charges.',
        remedies: [
          { type: 'refund', amount: 620.5, currency: 'GBP', rationale: 'Paid twice on 1 December.' },
          { type: 'goodwill', amount: 75, currency: 'GBP', rationale: 'Unpaid item fees, two letters.' },
        ],
        legal: false,
      },
      officer,
      DEFAULT_APPROVAL_RULES,
    );
    expect(proposal.state).toBe('awaiting-approval');
    expect(await desk.sync()).toEqual({ online: true });
    expect(moved.count).toBe(0);
    const asSignedIn = (): ActingPerson => b.auth.sessionState()!.user;
    expect(asSignedIn().roles).toEqual(['manager']);

    // Desk A's administrator takes the manager role away, and tightens the idle lock.
    const stale = asSignedIn();
    await a.auth.update({ id: MANAGER.id, roles: ['officer', 'investigator'], approvalLimit: null });
    await a.auth.setPolicy({ idleLockMinutes: 4 });
    expect(asSignedIn().roles).toEqual(['manager']);
    expect(await desk.sync()).toEqual({ online: true });
    expect(moved.count).toBe(1);
    expect(await b.auth.status()).toMatchObject({
      locked: false,
      user: { id: MANAGER.id, roles: ['officer', 'investigator'], approvalLimit: null },
      policy: { idleLockMinutes: 4 },
    });
    await expect(
      decideApproval(desk.db, proposal.id, { outcome: 'approved', comment: '' }, asSignedIn()),
    ).rejects.toThrow(PermissionError);
    // Only an administrator's session reaches the administrators' channels: B's main knows at once.
    await expect(b.auth.list()).resolves.toMatchObject({ view: 'summary' });
    // A pass with nothing new on the server changes nothing.
    expect(await desk.sync()).toEqual({ online: true });
    expect(moved.count).toBe(1);

    // The server refuses regardless: a desk that had not followed approves, and its push is refused.
    await decideApproval(desk.db, proposal.id, { outcome: 'approved', comment: '' }, stale);
    expect(await desk.sync()).toEqual({ online: true });
    expect((await desk.db.resolutions.get(proposal.id))!.state).toBe('awaiting-approval');
  });

  it('a desk whose person is turned off locks at its next pass, saying so, and only the server may open it', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const { desk, moved } = await followingDesk(b);
    expect(await desk.sync()).toEqual({ online: true });

    await a.auth.update({ id: MANAGER.id, disabled: true });
    // Nothing is pushed or pulled under the ended session: the desk says so, and locks.
    expect(await desk.sync()).toEqual({ online: false, message: TEAM_SESSION_CLOSED, session: 'locked' });
    expect(moved.count).toBe(1);
    // Locked, not signed out: the screens (and anything half typed) stay beneath the lock screen.
    expect(await b.auth.status()).toMatchObject({
      locked: true,
      lockedFor: 'account-turned-off',
      user: { id: MANAGER.id },
    });
    await expect(b.auth.list()).rejects.toThrow(SessionError);
    expect((await b.log.page({ offset: 0, limit: 1 })).entries[0]).toMatchObject({
      event: 'lock',
      detail: 'The team server says the account is turned off.',
    });
    // The next pass says nothing new.
    expect(await desk.sync()).toEqual({ online: false, message: TEAM_SESSION_CLOSED });
    expect(moved.count).toBe(1);
    // With the server away, this desk's copy of the password no longer opens it.
    await team.cluster.stop('fast');
    try {
      await expect(b.auth.unlock({ password: MANAGER.password })).rejects.toThrow(
        new PermissionError(TEAM_SERVER_AWAY),
      );
    } finally {
      await team.cluster.start();
    }
    // The server refuses the turned-off account: the session ends, as at sign-in.
    await expect(b.auth.unlock({ password: MANAGER.password })).rejects.toThrow(
      new PermissionError(ACCOUNT_DISABLED),
    );
    expect((await b.auth.status()).user).toBeNull();
  });

  it('a session ended on the server (a password reset) locks the desk, and the new password opens it again', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const { desk } = await followingDesk(b);
    const NEW_PASSWORD = 'saffron ledger quietly 7';
    await a.auth.resetPassword({ id: MANAGER.id, password: NEW_PASSWORD });
    expect(await desk.sync()).toEqual({ online: false, message: TEAM_SESSION_CLOSED, session: 'locked' });
    expect(await b.auth.status()).toMatchObject({ locked: true, lockedFor: 'session-ended' });
    await expect(b.auth.unlock({ password: MANAGER.password })).rejects.toThrow(/not right/);
    const unlocked = await b.auth.unlock({ password: NEW_PASSWORD });
    expect(unlocked).toMatchObject({ locked: false, user: { id: MANAGER.id, roles: ['manager'] } });
    expect(unlocked.lockedFor).toBeUndefined();
    expect(await desk.sync()).toEqual({ online: true });
    expect((await b.auth.status()).locked).toBe(false);
  });

  describe('a change to the account wakes a desk waiting for the server (migration 16)', () => {
    /** A wait ended under a session the server no longer takes, by either of the two ways. */
    function expectEndedEitherWay(answer: TeamWaitAnswer) {
      expect(answer).toEqual(
        answer.online
          ? { online: true, headSeq: null, session: 'locked' }
          : {
              online: false,
              message: TEAM_SESSION_CLOSED,
              ...('session' in answer ? { session: 'locked' } : {}),
            },
      );
    }

    /** Desk B's LISTEN opened (a wait that ends at once), then B waits as its runner does. */
    async function waitingDesk(b: Desk) {
      const { desk, moved } = await followingDesk(b);
      expect(await desk.sync()).toEqual({ online: true });
      const since = await lastPulledSeq(desk.db);
      expect(await desk.main.waitForChanges(since, 0)).toEqual({ online: true, headSeq: null });
      return { desk, moved, waiting: () => desk.main.waitForChanges(since, MAX_WAIT_MS) };
    }

    it('turned off: the wait ends with the desk locked, not at its timeout', async () => {
      const { a, b } = await office();
      await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
      const { waiting } = await waitingDesk(b);
      const answer = waiting();
      await a.auth.update({ id: MANAGER.id, disabled: true });
      // Nothing was pushed: the head did not move, and the answer says why the wait ended: the news
      // of the account, or the wait's own look at the server under the ended session (whichever
      // comes first on a busy machine).
      expectEndedEitherWay(await answer);
      expect(await b.auth.status()).toMatchObject({ locked: true });
      expect(['account-turned-off', 'session-ended']).toContain((await b.auth.status()).lockedFor);

      // Turned on again: its session stays ended, so the desk waits on nothing under it (a wait would
      // answer as for nobody); asked, it follows the server, and its lock screen now asks for the password.
      await a.auth.update({ id: MANAGER.id, disabled: false });
      // Ended by the news of the account (heard before the wait began), or by the wait's own look
      // at the server under the ended session: either way the desk followed, and nothing ran under it.
      expectEndedEitherWay(await waiting());
      expect(await b.auth.status()).toMatchObject({ locked: true, lockedFor: 'session-ended' });
      expect(await b.auth.unlock({ password: MANAGER.password })).toMatchObject({
        locked: false,
        user: { id: MANAGER.id },
      });
    });

    it('roles taken away, or the office’s policy changed: the waiting desk follows at once', async () => {
      const { a, b } = await office();
      await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
      const { waiting } = await waitingDesk(b);
      let answer = waiting();
      // Someone else's account is not this desk's business: its wait goes on to the next change.
      await a.auth.update({ id: TEAM_ADMIN.id, approvalLimit: 250 });
      await a.auth.update({ id: MANAGER.id, roles: ['officer'] });
      expect(await answer).toEqual({ online: true, headSeq: null, session: 'changed' });
      expect(await b.auth.status()).toMatchObject({
        locked: false,
        user: { id: MANAGER.id, roles: ['officer'] },
      });
      answer = waiting();
      await a.auth.setPolicy({ idleLockMinutes: 3 });
      expect(await answer).toEqual({ online: true, headSeq: null, session: 'changed' });
      expect((await b.auth.status()).policy).toMatchObject({ idleLockMinutes: 3 });
    });

    it('the sync runner hears a wait ended by the account change, before any further pass', async () => {
      const { a, b } = await office();
      await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
      const { desk } = await waitingDesk(b);
      let pulls = 0;
      const transport: SyncTransport = {
        ...desk.transport,
        pull: (since, limit) => {
          pulls += 1;
          return desk.transport.pull(since, limit);
        },
      };
      let runner: SyncRunner | undefined;
      let passed: () => void;
      const firstPass = new Promise<void>((resolve) => (passed = resolve));
      const heard = new Promise<number>((resolve) => {
        runner = startSyncRunner(desk.db, transport, {
          waitMs: MAX_WAIT_MS,
          onStatus: (status) => {
            if (status.mode === 'team' && status.phase === 'online') passed();
          },
          // The pulls made by then: the first pass's only, which found the session as it was.
          onSessionMoved: () => resolve(pulls),
        });
      });
      team.later(() => runner?.stop());
      await firstPass;
      await a.auth.update({ id: MANAGER.id, disabled: true });
      expect(await heard).toBe(1);
      expect(await b.auth.status()).toMatchObject({ locked: true, lockedFor: 'account-turned-off' });
    });
  });
});
