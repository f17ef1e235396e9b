// The desk's sign-in in team mode, against a real throwaway PostgreSQL: the server's accounts are the
// authority, the session keeps the server's token, and while the server is away nobody new signs in
// but the person already signed in can unlock the desk.
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEAM_SERVER_AWAY,
  TEAM_SERVER_AWAY_FOR_PASSWORD,
  WRONG_NAME_OR_PASSWORD,
} from '../../../../../src-main/services/accounts/auth';
import {
  createTeamAuthority,
  promoteAccounts,
  type TeamAuthority,
} from '../../../../../src-main/services/team/team-accounts';
import { defaultSecurityPolicy } from '../../../../../src-shared/domain/accounts';
import { PermissionError } from '../../../../../src-shared/errors';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import { ADMIN, authFor, removeDataDir, tempDataDir, TEST_SCRYPT } from './fixtures';

const team = useTeamCluster();
let server: TeamServer;
let dataDir: string;

beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterEach(async () => {
  await removeDataDir(dataDir);
});

const MANAGER = { id: 'u-tomas', name: 'Tomás Øberg-Nakamura', password: 'copper kettle morning tide' };

/** A team server holding the office's accounts, and a desk pointed at it (with no accounts of its own). */
async function teamDesk() {
  server = await team.newServer();
  const account = storedAccount({
    id: MANAGER.id,
    name: MANAGER.name,
    roles: ['manager'],
    approvalLimit: 5000,
    passwordHash: await createPasswordHasher({ insecureTestParams: TEST_SCRYPT }).hash(MANAGER.password),
  });
  const app = new Client(team.cluster.config(team.cluster.app, server.database));
  await app.connect();
  await promoteAccounts(app, { policy: defaultSecurityPolicy(), accounts: [account] });
  await app.end();
  const authority: TeamAuthority = createTeamAuthority(
    async () => team.cluster.config(team.cluster.app, server.database),
    'desk-reception',
  );
  return { ...authFor(dataDir, { team: authority }), team: authority };
}

/** The account the server names for a token, as the desks' role claiming it. */
async function accountOf(token: string | null): Promise<string | null> {
  const rows = await server.query<{ a: string | null }>(
    "SELECT set_config('redress.session', $1, false), current_account() AS a",
    [token ?? ''],
  );
  return rows[0]!.a;
}

describe('signing in in team mode', { timeout: 60_000 }, () => {
  it('is verified by the server: a person with no account on this desk signs in, and keeps the server’s token', async () => {
    const { auth } = await teamDesk();
    expect((await auth.status()).setUp).toBe(true);
    const status = await auth.signIn({ name: 'tomas øberg nakamura', password: MANAGER.password });
    expect(status.user).toEqual({
      id: MANAGER.id,
      name: MANAGER.name,
      roles: ['manager'],
      approvalLimit: 5000,
    });
    const token = auth.teamToken();
    expect(await accountOf(token)).toBe(MANAGER.id);
    // Signing out ends it on the server too.
    await auth.signOut();
    expect(auth.teamToken()).toBeNull();
    expect(await accountOf(token)).toBeNull();
  });

  it('refuses a wrong password as the server does, and setting the desk up on its own', async () => {
    const { auth, log } = await teamDesk();
    await expect(auth.signIn({ name: MANAGER.name, password: 'copper kettle evening' })).rejects.toThrow(
      new PermissionError(WRONG_NAME_OR_PASSWORD),
    );
    await expect(
      auth.setup({ name: ADMIN.name, password: ADMIN.password, roles: ['manager'] }),
    ).rejects.toThrow(/already set up/);
    const events = await log.page({ offset: 0, limit: 10 });
    expect(JSON.stringify(events.entries)).toMatch(/The team server refused the name or password/);
  });

  it('while the server is away, signs no one in, but unlocks the person already signed in', async () => {
    const { auth } = await teamDesk();
    await auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    await auth.lock();
    await team.cluster.stop('fast');
    await expect(auth.unlock({ password: 'not the password' })).rejects.toThrow(/not right/);
    expect((await auth.status()).locked).toBe(true);
    const unlocked = await auth.unlock({ password: MANAGER.password });
    expect(unlocked).toMatchObject({ locked: false, user: { id: MANAGER.id } });
    await auth.signOut();
    await expect(auth.signIn({ name: MANAGER.name, password: MANAGER.password })).rejects.toThrow(
      new PermissionError(TEAM_SERVER_AWAY),
    );
    await team.cluster.start();
    expect((await auth.signIn({ name: MANAGER.name, password: MANAGER.password })).user?.id).toBe(MANAGER.id);
  });

  it('ends a team session after the policy’s wrong passwords at the lock screen while the server is away', async () => {
    const { auth } = await teamDesk();
    await auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    await auth.lock();
    await team.cluster.stop('fast');
    const attempts = defaultSecurityPolicy().lockoutAttempts;
    for (let i = 1; i < attempts; i += 1) {
      await expect(auth.unlock({ password: `guess ${i}` })).rejects.toThrow(/not right/);
    }
    await expect(auth.unlock({ password: 'guess last' })).rejects.toThrow(/Sign in first/);
    expect((await auth.status()).user).toBeNull();
  });
});

describe('changing one’s password in team mode', { timeout: 60_000 }, () => {
  const NEXT = 'granite harbour lantern 42';

  it('changes it on the server: the new one signs in anywhere, the old one no longer, and other sessions end', async () => {
    const { auth } = await teamDesk();
    // The same person signed in at another desk, with the old password.
    const elsewhere = createTeamAuthority(
      async () => team.cluster.config(team.cluster.app, server.database),
      'desk-upstairs',
    );
    const other = await elsewhere.signIn(MANAGER.name, MANAGER.password);
    expect(other.outcome).toBe('ok');
    const otherToken = other.outcome === 'ok' ? other.session.token : '';
    await auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const token = auth.teamToken();

    await expect(auth.changePassword({ current: MANAGER.password, next: NEXT })).resolves.toEqual({
      changed: true,
    });
    expect(await accountOf(token)).toBe(MANAGER.id);
    expect(await accountOf(otherToken)).toBeNull();
    expect((await elsewhere.signIn(MANAGER.name, MANAGER.password)).outcome).toBe('wrong');
    expect((await elsewhere.signIn(MANAGER.name, NEXT)).outcome).toBe('ok');
    // While the server is away, unlocking this desk takes the new password.
    await auth.lock();
    await team.cluster.stop('fast');
    await expect(auth.unlock({ password: MANAGER.password })).rejects.toThrow(/not right/);
    await expect(auth.unlock({ password: NEXT })).resolves.toMatchObject({ locked: false });
  });

  it('refuses a wrong current password, counting it towards the server’s lockout, which signs the person out', async () => {
    const { auth } = await teamDesk();
    await auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const attempts = defaultSecurityPolicy().lockoutAttempts;
    for (let i = 1; i < attempts; i++)
      await expect(auth.changePassword({ current: `guess ${i}`, next: NEXT })).rejects.toMatchObject({
        code: 'VALIDATION',
        field: 'current',
        message: 'Your current password is not right.',
      });
    expect((await auth.status()).user?.id).toBe(MANAGER.id);
    await expect(auth.changePassword({ current: 'guess last', next: NEXT })).rejects.toThrow(/locked/i);
    expect((await auth.status()).user).toBeNull();
    const [row] = await server.query<{ locked: boolean }>(
      'SELECT locked_until > now() AS locked FROM accounts WHERE id = $1',
      [MANAGER.id],
      team.cluster.owner,
    );
    expect(row!.locked).toBe(true);
  });

  it('changes nothing while the server is away, and says so', async () => {
    const { auth } = await teamDesk();
    await auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    await team.cluster.stop('fast');
    await expect(auth.changePassword({ current: MANAGER.password, next: NEXT })).rejects.toThrow(
      TEAM_SERVER_AWAY_FOR_PASSWORD,
    );
    await team.cluster.start();
    const again = createTeamAuthority(
      async () => team.cluster.config(team.cluster.app, server.database),
      'x',
    );
    expect((await again.signIn(MANAGER.name, MANAGER.password)).outcome).toBe('ok');
  });
});
