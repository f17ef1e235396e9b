// Identity on a real throwaway PostgreSQL: promote a desk's accounts, sign in against the server as
// the desks' role, lockout counted on the server, and the password hashes out of the role's reach.
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsData, StoredAccount } from '../../../../../src-main/services/accounts/account-store';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import {
  addTeamAccount,
  checkTeamSession,
  listTeamAccounts,
  listTeamPeople,
  promoteAccounts,
  resetTeamPassword,
  signInToTeam,
  signOutOfTeam,
  TeamAccountRefusal,
  updateTeamAccount,
  setTeamSecurityPolicy,
} from '../../../../../src-main/services/team/team-accounts';
import { defaultSecurityPolicy } from '../../../../../src-shared/domain/accounts';
import { ValidationError } from '../../../../../src-shared/errors';
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

async function account(
  id: string,
  name: string,
  password: string,
  more: Partial<StoredAccount> = {},
): Promise<StoredAccount> {
  return storedAccount({ id, name, passwordHash: await hasher.hash(password), ...more });
}

const PASSWORDS = {
  siobhan: 'harbour lantern tidal ß',
  tomas: 'copper kettle morning',
  ines: 'quiet orchard ladder',
};

async function deskAccounts(): Promise<AccountsData> {
  return {
    policy: { ...defaultSecurityPolicy(), lockoutAttempts: 3, lockoutMinutes: 20 },
    accounts: [
      await account('u-siobhan', 'Siobhán Ní Bhriain', PASSWORDS.siobhan, { roles: ['officer'] }),
      await account('u-tomas', 'Tomás Øberg-Nakamura', PASSWORDS.tomas, {
        roles: ['manager', 'administrator'],
        approvalLimit: 2500,
      }),
      await account('u-ines', 'Inês  Duarte', PASSWORDS.ines, { roles: ['investigator'], disabled: true }),
    ],
  };
}

async function promoted(): Promise<void> {
  server = await team.newServer();
  app = new Client(team.cluster.config(team.cluster.app, server.database));
  await app.connect();
  expect(await promoteAccounts(app, await deskAccounts())).toBe(3);
}

const signIn = (name: string, password: string, deskId = 'desk-a') =>
  signInToTeam(app, { name, password, deskId });

describe('team accounts', { timeout: 30_000 }, () => {
  it('promotes a desk’s accounts, and signs in against the server with the same passwords', async () => {
    await promoted();
    const result = await signIn('  TOMAS Øberg nakamura', PASSWORDS.tomas);
    expect(result).toEqual({
      outcome: 'ok',
      session: {
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: expect.any(String),
        user: {
          id: 'u-tomas',
          name: 'Tomás Øberg-Nakamura',
          roles: ['manager', 'administrator'],
          approvalLimit: 2500,
        },
      },
    });
    // The server kept only the token's hash.
    const kept = await server.query<{ token_hash: string; desk_id: string }>(
      'SELECT token_hash, desk_id FROM sessions',
      [],
      team.cluster.owner,
    );
    expect(kept).toHaveLength(1);
    expect(kept[0]!.token_hash).not.toBe(result.outcome === 'ok' && result.session.token);
    expect(kept[0]!.desk_id).toBe('desk-a');
  });

  it('refuses a second promote once the server has accounts', async () => {
    await promoted();
    await expect(promoteAccounts(app, await deskAccounts())).rejects.toThrow(ValidationError);
    expect(await server.query('SELECT id FROM accounts', [], team.cluster.owner)).toHaveLength(3);
  });

  it('answers a wrong password and an unknown name alike, and a right one for a turned-off account as turned off', async () => {
    await promoted();
    expect(await signIn('Siobhán Ní Bhriain', 'harbour lantern tidal')).toEqual({ outcome: 'wrong' });
    expect(await signIn('Nobody Here', 'whatever it is')).toEqual({ outcome: 'wrong' });
    expect(await signIn('Inês  Duarte', PASSWORDS.ines)).toEqual({ outcome: 'disabled' });
    expect(await signIn('Inês  Duarte', 'not hers')).toEqual({ outcome: 'wrong' });
    // An unknown name still gets parameters and a salt, the same each time.
    const params = async (nameKey: string) =>
      (await app.query<{ params: string }>('SELECT params FROM redress_sign_in_params($1)', [nameKey]))
        .rows[0]!.params;
    expect(await params('nobody here')).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}$/);
    expect(await params('nobody here')).not.toBe(await params('somebody else'));
  });

  it('locks an account after the promoted policy’s number of wrong passwords, even the right one then', async () => {
    await promoted();
    expect(await signIn('Siobhán Ní Bhriain', 'guess one')).toEqual({ outcome: 'wrong' });
    expect(await signIn('Siobhán Ní Bhriain', 'guess two')).toEqual({ outcome: 'wrong' });
    const locked = await signIn('Siobhán Ní Bhriain', 'guess three');
    expect(locked.outcome).toBe('locked');
    const until = locked.outcome === 'locked' ? locked.until.getTime() : 0;
    expect(until - Date.now()).toBeGreaterThan(19 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(20 * 60_000);
    expect((await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan)).outcome).toBe('locked');
    // The lock runs out (moved back by the owner, as time would): the right password works again.
    await server.query(
      "UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = 'u-siobhan'",
      [],
      team.cluster.owner,
    );
    expect((await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan)).outcome).toBe('ok');
  });

  it('names the account of a claimed session only while it is open and the account is on', async () => {
    await promoted();
    const result = await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan);
    if (result.outcome !== 'ok') throw new Error('sign-in failed');
    const claim = async (token: string | null) => {
      await app.query('BEGIN');
      try {
        if (token !== null) await app.query("SELECT set_config('redress.session', $1, true)", [token]);
        return (await app.query<{ a: string | null }>('SELECT current_account() AS a')).rows[0]!.a;
      } finally {
        await app.query('COMMIT');
      }
    };
    expect(await claim(result.session.token)).toBe('u-siobhan');
    expect(await claim(null)).toBeNull();
    expect(await claim('f'.repeat(64))).toBeNull();
    // SET LOCAL lasts one transaction only.
    expect(await claim(null)).toBeNull();
    await server.query("UPDATE accounts SET disabled = true WHERE id = 'u-siobhan'", [], team.cluster.owner);
    expect(await claim(result.session.token)).toBeNull();
    await server.query("UPDATE accounts SET disabled = false WHERE id = 'u-siobhan'", [], team.cluster.owner);
    expect(await claim(result.session.token)).toBe('u-siobhan');
    await signOutOfTeam(app, result.session.token);
    expect(await claim(result.session.token)).toBeNull();
  });

  it('keeps password hashes, sessions and the lockout counters out of the desks’ role’s reach', async () => {
    await promoted();
    await expect(app.query('SELECT password_hash FROM accounts')).rejects.toThrow(/permission denied/);
    await expect(app.query('SELECT * FROM accounts')).rejects.toThrow(/permission denied/);
    await expect(app.query('SELECT * FROM sessions')).rejects.toThrow(/permission denied/);
    await expect(app.query('SELECT * FROM sign_in_secret')).rejects.toThrow(/permission denied/);
    await expect(
      app.query(
        "INSERT INTO sessions (token_hash, account_id, desk_id, expires_at) VALUES ($1, 'u-tomas', 'x', now() + interval '1 day')",
        ['a'.repeat(64)],
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(app.query("UPDATE accounts SET failed_attempts = 0 WHERE id = 'u-siobhan'")).rejects.toThrow(
      /permission denied/,
    );
    // What a picker needs is still there.
    const names = await app.query<{ name: string }>('SELECT id, name, disabled FROM accounts ORDER BY id');
    expect(names.rows.map((r) => r.name)).toEqual([
      'Inês  Duarte',
      'Siobhán Ní Bhriain',
      'Tomás Øberg-Nakamura',
    ]);
  });
});

describe('administrators manage accounts on the server', { timeout: 60_000 }, () => {
  const ZOE = { name: 'Zoë Ng-Ó Briain', password: 'willow compass evening' };

  /** Signs in and gives the session's token (the test fails if the server says no). */
  async function tokenOf(name: string, password: string, deskId = 'desk-a'): Promise<string> {
    const result = await signIn(name, password, deskId);
    if (result.outcome !== 'ok') throw new Error(`${name} could not sign in: ${result.outcome}`);
    return result.session.token;
  }

  /** Is the session still open, as the server names its account? */
  async function opens(token: string): Promise<boolean> {
    const rows = await server.query<{ a: string | null }>(
      "SELECT set_config('redress.session', $1, false), current_account() AS a",
      [token],
    );
    return rows[0]!.a !== null;
  }

  /** A call refused by the server, with its reason. */
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => 'accepted',
      (error: unknown) => (error instanceof TeamAccountRefusal ? error.reason : String(error)),
    );

  async function addZoe(admin: string) {
    return addTeamAccount(app, admin, {
      name: ZOE.name,
      roles: ['officer'],
      approvalLimit: null,
      passwordHash: await hasher.hash(ZOE.password),
    });
  }

  it('lists the office’s accounts for an administrator, dates and who added them included, never a hash', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    const accounts = await listTeamAccounts(app, admin);
    expect(accounts.map((a) => [a.name, a.roles, a.approvalLimit, a.disabled])).toEqual([
      ['Inês  Duarte', ['investigator'], null, true],
      ['Siobhán Ní Bhriain', ['officer'], null, false],
      ['Tomás Øberg-Nakamura', ['manager', 'administrator'], 2500, false],
    ]);
    // Promoted with the desk's dates.
    expect(accounts[1]).toMatchObject({
      createdAt: '2026-10-01T08:00:00.000Z',
      passwordChangedAt: '2026-10-01T08:00:00.000Z',
      createdBy: null,
      failedAttempts: 0,
      lockedUntil: null,
      version: 1,
    });
    expect(JSON.stringify(accounts)).not.toMatch(/scrypt/);
  });

  it('adds an officer, who then signs in at another desk', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    const zoe = await addZoe(admin);
    expect(zoe).toMatchObject({ name: ZOE.name, roles: ['officer'], createdBy: 'u-tomas', disabled: false });
    const elsewhere = await signIn('zoe ng o  briain', ZOE.password, 'desk-b');
    expect(elsewhere).toMatchObject({
      outcome: 'ok',
      session: { user: { id: zoe.id, name: ZOE.name, roles: ['officer'], approvalLimit: null } },
    });
    // Pickers on every desk see her, without a session.
    expect((await listTeamPeople(app)).map((p) => p.name)).toContain(ZOE.name);
  });

  it('collides names by their key, as a single desk does: accents, case and spacing do not tell people apart', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    await addZoe(admin);
    const again = addTeamAccount(app, admin, {
      name: '  ZOE ng-o   Briain ',
      roles: ['manager'],
      approvalLimit: 100,
      passwordHash: await hasher.hash('another long passphrase'),
    });
    expect(await refusal(again)).toBe('name-taken');
    // A turned-off account's name is not reused either; nor can someone be renamed onto it.
    expect(await refusal(updateTeamAccount(app, admin, { id: 'u-siobhan', name: 'Ines Duarte' }))).toBe(
      'name-taken',
    );
  });

  it('refuses a session without the administrator role, and no session at all, when called directly', async () => {
    await promoted();
    const officer = await tokenOf('Siobhán Ní Bhriain', PASSWORDS.siobhan);
    expect(await refusal(listTeamAccounts(app, officer))).toBe('not-administrator');
    // As the desks' role, straight to the SQL function: the server itself refuses.
    await app.query('BEGIN');
    await app.query("SELECT set_config('redress.session', $1, true)", [officer]);
    await expect(
      app.query(`SELECT redress_update_account('u-siobhan', NULL, '{"roles":["officer","administrator"]}')`),
    ).rejects.toMatchObject({ code: '42501', message: /Only an administrator/ });
    await app.query('ROLLBACK');
    await expect(
      app.query("SELECT redress_reset_password('u-tomas', '$scrypt$ln=4,r=8,p=1$c2FsdA$a2V5')"),
    ).rejects.toMatchObject({ code: 'RDA01' });
    const [roles] = await server.query<{ roles: string[] }>(
      "SELECT array_agg(role ORDER BY role) AS roles FROM account_roles WHERE account_id = 'u-siobhan'",
    );
    expect(roles!.roles).toEqual(['officer']);
  });

  it('changes roles and the approval limit, seen at the next sign-in; a stale version is refused', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    const [, siobhan] = await listTeamAccounts(app, admin);
    const { before, after } = await updateTeamAccount(app, admin, {
      id: 'u-siobhan',
      version: siobhan!.version,
      roles: ['officer', 'manager'],
      approvalLimit: 1250.5,
    });
    expect(before).toMatchObject({ roles: ['officer'], approvalLimit: null, version: 1 });
    expect(after).toMatchObject({ roles: ['officer', 'manager'], approvalLimit: 1250.5, version: 2 });
    expect(await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-b')).toMatchObject({
      session: { user: { roles: ['officer', 'manager'], approvalLimit: 1250.5 } },
    });
    // Another desk's screen still holds version 1.
    expect(
      await refusal(updateTeamAccount(app, admin, { id: 'u-siobhan', version: 1, approvalLimit: 10 })),
    ).toBe('changed-elsewhere');
    // A change that changes nothing leaves the version where it was.
    const same = await updateTeamAccount(app, admin, {
      id: 'u-siobhan',
      version: 2,
      roles: ['manager', 'officer'],
    });
    expect(same.after.version).toBe(2);
  });

  it('turning someone off ends their sessions and refuses their sign-in; turning them on does not revive them', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    const hers = [await tokenOf('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-b')];
    hers.push(await tokenOf('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-c'));
    await updateTeamAccount(app, admin, { id: 'u-siobhan', disabled: true });
    expect(await Promise.all(hers.map(opens))).toEqual([false, false]);
    expect(await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-b')).toEqual({ outcome: 'disabled' });
    await updateTeamAccount(app, admin, { id: 'u-siobhan', disabled: false });
    expect(await Promise.all(hers.map(opens))).toEqual([false, false]);
    expect((await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-b')).outcome).toBe('ok');
  });

  it('resets a forgotten password: the lockout ends, the person’s sessions end, and only the new one works', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    const old = await tokenOf('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-b');
    for (const guess of ['one', 'two', 'three']) await signIn('Siobhán Ní Bhriain', guess, 'desk-b');
    expect((await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan)).outcome).toBe('locked');
    const NEW = 'meadow lighthouse quarry';
    const account = await resetTeamPassword(app, admin, {
      id: 'u-siobhan',
      passwordHash: await hasher.hash(NEW),
    });
    expect(account).toMatchObject({ lockedUntil: null, failedAttempts: 0, version: 2 });
    expect(Date.parse(account.passwordChangedAt)).toBeGreaterThan(Date.parse('2026-11-01'));
    expect(await opens(old)).toBe(false);
    expect(await opens(admin)).toBe(true);
    expect((await signIn('Siobhán Ní Bhriain', PASSWORDS.siobhan)).outcome).toBe('wrong');
    expect((await signIn('Siobhán Ní Bhriain', NEW)).outcome).toBe('ok');
    expect(
      await refusal(resetTeamPassword(app, admin, { id: 'u-nobody', passwordHash: await hasher.hash(NEW) })),
    ).toBe('no-such-account');
  });

  it('keeps an active administrator and refuses self-disabling, even when the desk is bypassed', async () => {
    await promoted();
    const admin = await tokenOf('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    expect(await refusal(updateTeamAccount(app, admin, { id: 'u-tomas', disabled: true }))).toBe(
      'own-account',
    );
    expect(await refusal(updateTeamAccount(app, admin, { id: 'u-tomas', roles: ['manager'] }))).toBe(
      'last-administrator',
    );
    // A second administrator, then the first one steps down: fine. Now she is the last one.
    await updateTeamAccount(app, admin, { id: 'u-siobhan', roles: ['officer', 'administrator'] });
    const siobhan = await tokenOf('Siobhán Ní Bhriain', PASSWORDS.siobhan, 'desk-b');
    await updateTeamAccount(app, siobhan, { id: 'u-tomas', roles: ['manager'] });
    // Straight to SQL, as the desks' role under her session: turning herself off, or removing her role.
    for (const changes of ['{"disabled":true}', '{"roles":["officer"]}']) {
      await app.query('BEGIN');
      await app.query("SELECT set_config('redress.session', $1, true)", [siobhan]);
      await expect(
        app.query("SELECT redress_update_account('u-siobhan', NULL, $1)", [changes]),
      ).rejects.toMatchObject({ code: changes.includes('disabled') ? 'RDA04' : 'RDA03' });
      await app.query('ROLLBACK');
    }
    // Tomás is no longer an administrator: the server refuses him now.
    expect(await refusal(listTeamAccounts(app, admin))).toBe('not-administrator');
  });

  it('answers a desk’s check of its session: open with the account as it is now and the policy, ended, or turned off', async () => {
    await promoted();
    const token = async (name: string, password: string) => {
      const result = await signIn(name, password, 'desk-b');
      if (result.outcome !== 'ok') throw new Error(result.outcome);
      return result.session.token;
    };
    const admin = await token('Tomás Øberg-Nakamura', PASSWORDS.tomas);
    const siobhan = await token('Siobhán Ní Bhriain', PASSWORDS.siobhan);
    expect(await checkTeamSession(app, siobhan, 'u-siobhan')).toEqual({
      state: 'open',
      user: { id: 'u-siobhan', name: 'Siobhán Ní Bhriain', roles: ['officer'], approvalLimit: null },
      version: 1,
      policy: { ...defaultSecurityPolicy(), lockoutAttempts: 3, lockoutMinutes: 20 },
    });
    await updateTeamAccount(app, admin, {
      id: 'u-siobhan',
      roles: ['officer', 'manager'],
      approvalLimit: 750,
    });
    await setTeamSecurityPolicy(app, admin, { idleLockMinutes: 5 });
    expect(await checkTeamSession(app, siobhan, 'u-siobhan')).toMatchObject({
      state: 'open',
      user: { roles: ['officer', 'manager'], approvalLimit: 750 },
      version: 2,
      policy: { idleLockMinutes: 5 },
    });
    // A token that names another account is no session of this one.
    expect(await checkTeamSession(app, admin, 'u-siobhan')).toEqual({ state: 'ended' });
    await signOutOfTeam(app, siobhan);
    expect(await checkTeamSession(app, siobhan, 'u-siobhan')).toEqual({ state: 'ended' });
    const again = await token('Siobhán Ní Bhriain', PASSWORDS.siobhan);
    await updateTeamAccount(app, admin, { id: 'u-siobhan', disabled: true });
    expect(await checkTeamSession(app, again, 'u-siobhan')).toEqual({ state: 'disabled' });
    expect(await checkTeamSession(app, 'not-a-token', 'u-nobody')).toEqual({ state: 'ended' });
  });
});
