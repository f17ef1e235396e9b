// Identity on a real throwaway PostgreSQL: promote a desk's accounts, sign in against the server as
// the desks' role, lockout counted on the server, and the password hashes out of the role's reach.
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountsData, StoredAccount } from '../../../../../src-main/services/accounts/account-store';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import {
  promoteAccounts,
  signInToTeam,
  signOutOfTeam,
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
