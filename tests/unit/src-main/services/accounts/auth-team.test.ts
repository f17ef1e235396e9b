// The desk's sign-in in team mode, against a real throwaway PostgreSQL: the server's accounts are the
// authority, the session keeps the server's token, and while the server is away nobody new signs in
// but the person already signed in can unlock the desk.
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_CHANGED_ELSEWHERE,
  ACCOUNT_DISABLED,
  NAME_TAKEN,
  NEEDS_AN_ADMINISTRATOR,
  TEAM_SERVER_AWAY,
  TEAM_SERVER_AWAY_FOR_ACCOUNTS,
  TEAM_SERVER_AWAY_FOR_PASSWORD,
  TEAM_SERVER_AWAY_FOR_PEOPLE,
  TURN_OFF_OWN_ACCOUNT,
  WRONG_NAME_OR_PASSWORD,
} from '../../../../../src-main/services/accounts/auth';
import {
  createTeamAuthority,
  promoteAccounts,
  type TeamAuthority,
} from '../../../../../src-main/services/team/team-accounts';
import { createPromotion } from '../../../../../src-main/services/team/team-promote';
import { defaultSecurityPolicy } from '../../../../../src-shared/domain/accounts';
import { PermissionError } from '../../../../../src-shared/errors';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import {
  ADMIN,
  authFor,
  removeDataDir,
  teamDeskAuth,
  teamServerWith,
  tempDataDir,
  TEST_SCRYPT,
} from './fixtures';

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

describe('administrators managing accounts in team mode', { timeout: 90_000 }, () => {
  const TEAM_ADMIN = { id: 'u-aoife', name: 'Aoife Ní Fhaoláin', password: 'harbour lantern tidal ß' };
  const ZOE = { name: 'Zoë Ng-Ó Briain', password: 'willow compass evening' };

  /** A server with an administrator and the manager, and two desks on it (neither has accounts of its own). */
  async function office() {
    server = await teamServerWith(team, [
      { ...TEAM_ADMIN, roles: ['administrator'] },
      { ...MANAGER, roles: ['manager'], approvalLimit: 5000 },
    ]);
    const desk = async (deskId: string, dir: string) => teamDeskAuth(team, server, dir, deskId);
    const otherDir = await tempDataDir();
    team.later(() => removeDataDir(otherDir));
    const a = await desk('desk-a', dataDir);
    const b = await desk('desk-b', otherDir);
    await a.auth.signIn({ name: TEAM_ADMIN.name, password: TEAM_ADMIN.password });
    return { a, b };
  }

  it('lists the server’s accounts, adds an officer who signs in at another desk, and logs it on this desk', async () => {
    const { a, b } = await office();
    const listed = await a.auth.list();
    expect(listed.view).toBe('full');
    expect(listed.accounts.map((p) => p.name)).toEqual([TEAM_ADMIN.name, MANAGER.name]);
    // This desk's accounts.json is not the office's: it stays empty.
    expect((await a.store.read()).accounts).toEqual([]);

    const zoe = await a.auth.add({
      name: ZOE.name,
      roles: ['officer'],
      password: ZOE.password,
      approvalLimit: null,
    });
    expect(zoe).toMatchObject({ name: ZOE.name, roles: ['officer'], createdBy: TEAM_ADMIN.id, version: 1 });
    const signedIn = await b.auth.signIn({ name: 'zoe ng-o briain', password: ZOE.password });
    expect(signedIn.user).toEqual({ id: zoe.id, name: ZOE.name, roles: ['officer'], approvalLimit: null });
    // An officer's desk lists the people as a picker needs them, from the server.
    const summary = await b.auth.list();
    expect(summary).toEqual({
      view: 'summary',
      accounts: [
        { id: TEAM_ADMIN.id, name: TEAM_ADMIN.name, roles: ['administrator'], disabled: false },
        { id: MANAGER.id, name: MANAGER.name, roles: ['manager'], disabled: false },
        { id: zoe.id, name: ZOE.name, roles: ['officer'], disabled: false },
      ],
    });
    const log = await a.log.page({ offset: 0, limit: 10 });
    expect(log.entries[0]).toMatchObject({
      event: 'account-added',
      actor: { id: TEAM_ADMIN.id },
      subject: { id: zoe.id, name: ZOE.name },
    });
  });

  it('refuses as a single desk does: a name taken, the last administrator, one’s own account, a change made elsewhere', async () => {
    const { a } = await office();
    await a.auth.add({ name: ZOE.name, roles: ['officer'], password: ZOE.password, approvalLimit: null });
    await expect(
      a.auth.add({
        name: 'ZOE  ng o briain',
        roles: ['manager'],
        password: 'different long passphrase',
        approvalLimit: 10,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', field: 'name', message: NAME_TAKEN });
    await expect(a.auth.update({ id: TEAM_ADMIN.id, roles: ['manager'] })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'roles',
      message: NEEDS_AN_ADMINISTRATOR,
    });
    await expect(a.auth.update({ id: TEAM_ADMIN.id, disabled: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'disabled',
      message: TURN_OFF_OWN_ACCOUNT,
    });
    // Two screens read the manager at version 1; the first save wins, the second is told.
    await a.auth.update({ id: MANAGER.id, version: 1, approvalLimit: 7500 });
    await expect(
      a.auth.update({ id: MANAGER.id, version: 1, roles: ['manager', 'officer'] }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: ACCOUNT_CHANGED_ELSEWHERE,
    });
    const manager = (await a.auth.list()).accounts.find((p) => p.id === MANAGER.id);
    expect(manager).toMatchObject({ roles: ['manager'], approvalLimit: 7500, version: 2 });
    const log = await a.log.page({ offset: 0, limit: 10 });
    expect(log.entries[0]).toMatchObject({ event: 'approval-limit-changed', detail: '5000 → 7500' });
  });

  it('turning someone off signs them out on their desk and refuses their next sign-in; roles change at the next sign-in', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const token = b.auth.teamToken();
    await a.auth.update({ id: MANAGER.id, roles: ['manager', 'officer'], approvalLimit: 900 });
    expect((await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password })).user).toMatchObject({
      roles: ['officer', 'manager'],
      approvalLimit: 900,
    });
    const changed = await a.auth.update({ id: MANAGER.id, disabled: true });
    expect(changed.disabled).toBe(true);
    expect(await accountOf(token)).toBeNull();
    expect(await accountOf(b.auth.teamToken())).toBeNull();
    await b.auth.signOut();
    await expect(b.auth.signIn({ name: MANAGER.name, password: MANAGER.password })).rejects.toThrow(
      new PermissionError(ACCOUNT_DISABLED),
    );
    const log = await a.log.page({ offset: 0, limit: 10 });
    expect(log.entries.map((e) => e.event).slice(0, 3)).toEqual([
      'disabled',
      'approval-limit-changed',
      'roles-changed',
    ]);
  });

  it('resets a forgotten password: the old one and its sessions end, the new one signs in', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const NEW = 'meadow lighthouse quarry';
    await expect(
      a.auth.resetPassword({ id: MANAGER.id, password: 'tomás øberg nakamura' }),
    ).rejects.toMatchObject({
      field: 'password',
      message: 'Choose a password that is not your name.',
    });
    await a.auth.resetPassword({ id: MANAGER.id, password: NEW });
    expect(await accountOf(b.auth.teamToken())).toBeNull();
    await b.auth.signOut();
    await expect(b.auth.signIn({ name: MANAGER.name, password: MANAGER.password })).rejects.toThrow(
      WRONG_NAME_OR_PASSWORD,
    );
    expect((await b.auth.signIn({ name: MANAGER.name, password: NEW })).user?.id).toBe(MANAGER.id);
    // The administrator is still signed in on desk A.
    expect(await accountOf(a.auth.teamToken())).toBe(TEAM_ADMIN.id);
  });

  it('with the server away changes nothing and says so; pickers keep the people last listed', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    const before = await b.auth.list();
    await team.cluster.stop('fast');
    await expect(
      a.auth.add({ name: ZOE.name, roles: ['officer'], password: ZOE.password, approvalLimit: null }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: TEAM_SERVER_AWAY_FOR_ACCOUNTS });
    await expect(a.auth.update({ id: MANAGER.id, disabled: true })).rejects.toThrow(
      TEAM_SERVER_AWAY_FOR_ACCOUNTS,
    );
    await expect(
      a.auth.resetPassword({ id: MANAGER.id, password: 'meadow lighthouse quarry' }),
    ).rejects.toThrow(TEAM_SERVER_AWAY_FOR_ACCOUNTS);
    await expect(a.auth.list()).rejects.toThrow(TEAM_SERVER_AWAY_FOR_PEOPLE);
    expect(await b.auth.list()).toEqual(before);
    await team.cluster.start();
    const after = await a.auth.list();
    expect(after.accounts.map((p) => [p.name, p.disabled])).toEqual([
      [TEAM_ADMIN.name, false],
      [MANAGER.name, false],
    ]);
    expect((await a.log.page({ offset: 0, limit: 10 })).entries.map((e) => e.event)).not.toContain(
      'account-added',
    );
  });

  it('an administrator sets the office’s security policy on the server: another desk’s next sign-in uses it', async () => {
    const { a, b } = await office();
    const set = await a.auth.setPolicy({ lockoutAttempts: 3, minPasswordLength: 16, idleLockMinutes: 25 });
    expect(set).toEqual({
      minPasswordLength: 16,
      lockoutAttempts: 3,
      lockoutMinutes: 15,
      idleLockMinutes: 25,
    });
    expect((await a.auth.status()).policy).toEqual(set);
    // The desk's own accounts.json is not the office's policy: it stays as it was.
    expect((await a.store.read()).policy).toEqual(defaultSecurityPolicy());
    expect((await a.log.page({ offset: 0, limit: 10 })).entries[0]).toMatchObject({
      event: 'policy-changed',
      actor: { id: TEAM_ADMIN.id },
      detail:
        'Shortest password (characters): 12 → 16; Failed sign-ins before an account locks: 5 → 3; Minutes without use before the screen locks: 10 → 25 (team server)',
    });

    // Desk B reads it at sign-in: the Security settings and the idle lock follow it.
    const signedIn = await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    expect(signedIn.policy).toEqual(set);
    // A new password shorter than the office's minimum is refused on the desk, beside the field.
    await expect(
      b.auth.changePassword({ current: MANAGER.password, next: 'pebble quay fog' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'next',
      message: expect.stringMatching(/at least 16/),
    });
    await b.auth.signOut();
    // The server locks the account at the office's third wrong password, not the desk's fifth.
    for (const guess of ['copper kettle', 'Copper kettle morning']) {
      await expect(b.auth.signIn({ name: MANAGER.name, password: guess })).rejects.toThrow(
        WRONG_NAME_OR_PASSWORD,
      );
    }
    await expect(
      b.auth.signIn({ name: MANAGER.name, password: 'copper kettle morning tid' }),
    ).rejects.toThrow(/locked/);
    await expect(b.auth.signIn({ name: MANAGER.name, password: MANAGER.password })).rejects.toThrow(/locked/);
  });

  it('only an administrator’s session may set the policy on the server; with the server away nothing changes', async () => {
    const { a, b } = await office();
    await b.auth.signIn({ name: MANAGER.name, password: MANAGER.password });
    // The desk refuses a manager first; the server function refuses them too, called directly.
    await expect(b.auth.setPolicy({ lockoutAttempts: 1 })).rejects.toMatchObject({ code: 'PERMISSION' });
    await expect(
      server.query(
        `SELECT set_config('redress.session', $1, false), redress_set_security_policy('{"lockoutAttempts":1}')`,
        [b.auth.teamToken()],
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // Any signed-in session reads it.
    const [read] = await server.query<{ policy: unknown }>(
      `SELECT set_config('redress.session', $1, false), redress_security_policy() AS policy`,
      [b.auth.teamToken()],
    );
    expect(read!.policy).toEqual(defaultSecurityPolicy());
    // Bounds are checked on the desk before anything is sent.
    await expect(a.auth.setPolicy({ lockoutAttempts: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'lockoutAttempts',
    });

    await team.cluster.stop('fast');
    await expect(a.auth.setPolicy({ lockoutAttempts: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: TEAM_SERVER_AWAY_FOR_ACCOUNTS,
    });
    // The last policy read stays in force on the desk.
    expect((await a.auth.status()).policy).toEqual(defaultSecurityPolicy());
    await team.cluster.start();
    const [after] = await server.query<{ attempts: number }>(
      'SELECT lockout_attempts AS attempts FROM security_policy',
      [],
      team.cluster.owner,
    );
    expect(after!.attempts).toBe(defaultSecurityPolicy().lockoutAttempts);
    expect((await a.log.page({ offset: 0, limit: 10 })).entries.map((e) => e.event)).not.toContain(
      'policy-changed',
    );
  });

  it('a single desk keeps its own accounts: nothing goes to a server', async () => {
    const { auth, store } = authFor(dataDir);
    await auth.setup({ name: ADMIN.name, password: ADMIN.password });
    const added = await auth.add({
      name: ZOE.name,
      roles: ['officer'],
      password: ZOE.password,
      approvalLimit: null,
    });
    expect(added.version).toBeUndefined();
    expect((await store.read()).accounts.map((p) => p.name)).toEqual([ADMIN.name, ZOE.name]);
  });
});

describe('promoting a single desk', { timeout: 60_000 }, () => {
  it('signs its administrator in to the team server: the desk’s session takes the session the promotion opened', async () => {
    server = await team.newServer();
    // A single desk (no server saved yet) whose administrator is signed in.
    let saved = false;
    const config = async () => (saved ? team.cluster.config(team.cluster.app, server.database) : null);
    const authority = createTeamAuthority(config, 'desk-first');
    const { auth, log, store } = authFor(dataDir, { team: authority });
    await auth.setup({ name: ADMIN.name, password: ADMIN.password, roles: ['manager'] });
    const admin = (await auth.signIn({ name: ADMIN.name, password: ADMIN.password })).user!;
    expect(auth.teamToken()).toBeNull();

    // The connection is saved and the desk promoted.
    saved = true;
    const promotion = createPromotion({
      config,
      accounts: () => store.read(),
      user: () => auth.sessionState()?.user ?? null,
      deskId: async () => 'desk-first',
      adoptSession: (session) => auth.adoptPromotionSession(session),
    });
    expect(await promotion.promoteAccounts()).toEqual({ accounts: 1, policyNotCopied: null });
    expect(await accountOf(auth.teamToken())).toBe(admin.id);
    const events = await log.page({ offset: 0, limit: 10 });
    expect(JSON.stringify(events.entries)).toMatch(/Promoted this desk: signed in to the team server/);

    // With the server away, the same password unlocks the desk (the hash promotion uploaded).
    await auth.lock();
    await team.cluster.stop('fast');
    try {
      expect(await auth.unlock({ password: ADMIN.password })).toMatchObject({ locked: false });
    } finally {
      await team.cluster.start();
    }
  });
});
