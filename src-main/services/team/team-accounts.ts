// Identity on the team server (migration 4): sign-in, sign-out and promoting a single desk's
// accounts. The server keeps each account's scrypt hash (the same PHC string as accounts.json) and
// never gives it out: the desk asks for the hash's parameters and salt, derives the key from the
// password typed, and the server compares it with the one it keeps, counts failures towards the
// lockout and hands back a session token. The desk then claims that session in every transaction
// (`SET LOCAL redress.session`), and the server's row-level security answers for its account.
import { Client, type ClientBase, type ClientConfig, type Pool } from 'pg';
import {
  ACCOUNT_ROLES,
  AccountSchema,
  type Account,
  type AccountRole,
  type AccountSummary,
  SecurityPolicyFieldsSchema,
  type SecurityPolicy,
  type SessionUser,
} from '../../../src-shared/domain/accounts';
import { matchKey } from '../../../src-shared/domain/case';
import { ValidationError } from '../../../src-shared/errors';
import type { AccountsData } from '../accounts/account-store';
import { scryptKeyFor } from '../accounts/passwords';

type Queryable = Pick<ClientBase | Pool, 'query'>;

/** A working day: a session verified by the server lasts this long unless signed out. */
export const TEAM_SESSION_MINUTES = 12 * 60;

export interface TeamSession {
  /** Given once by the server; it keeps only its hash. */
  token: string;
  user: SessionUser;
  expiresAt: string;
}

export type TeamSignIn =
  | { outcome: 'ok'; session: TeamSession }
  /** Unknown name or wrong password (the server does not say which). */
  | { outcome: 'wrong' }
  | { outcome: 'locked'; until: Date }
  /** The password was right but the account is turned off. */
  | { outcome: 'disabled' };

interface SignInRow {
  outcome: 'ok' | 'wrong' | 'locked' | 'disabled';
  token: string | null;
  account_id: string | null;
  account_name: string | null;
  roles: string[] | null;
  approval_limit: string | null;
  expires_at: Date | null;
  locked_until: Date | null;
}

/** Checks a name and password against the server; on success the server opens a session. */
export async function signInToTeam(
  db: Queryable,
  input: { name: string; password: string; deskId: string; minutes?: number },
): Promise<TeamSignIn> {
  const params = (
    await db.query<{ params: string; key_bytes: number }>('SELECT * FROM redress_sign_in_params($1)', [
      matchKey(input.name),
    ])
  ).rows[0]!;
  // Parameters this desk would not accept count as a wrong key: the server's attempt counter still runs.
  const key = (await scryptKeyFor(input.password, params.params, params.key_bytes)) ?? '';
  const row = (
    await db.query<SignInRow>('SELECT * FROM redress_sign_in($1, $2, $3, $4)', [
      matchKey(input.name),
      key,
      input.deskId,
      input.minutes ?? TEAM_SESSION_MINUTES,
    ])
  ).rows[0]!;
  switch (row.outcome) {
    case 'ok':
      return {
        outcome: 'ok',
        session: {
          token: row.token!,
          expiresAt: row.expires_at!.toISOString(),
          user: {
            id: row.account_id!,
            name: row.account_name!,
            roles: ACCOUNT_ROLES.filter((role) => row.roles?.includes(role)),
            approvalLimit: row.approval_limit === null ? null : Number(row.approval_limit),
          },
        },
      };
    case 'locked':
      return { outcome: 'locked', until: row.locked_until! };
    default:
      return { outcome: row.outcome };
  }
}

export type TeamPasswordChange =
  | { outcome: 'ok' }
  | { outcome: 'wrong' }
  | { outcome: 'locked'; until: Date }
  /** The session is no longer valid on the server (ended, expired, account turned off). */
  | { outcome: 'signed-out' };

/**
 * The signed-in person changes their own password on the server (migration 9): the session names
 * the account; `current` is checked as at sign-in (a wrong one counts towards the lockout);
 * `nextHash` is the new password's PHC string, made by this desk's hasher. The account's other
 * sessions end.
 */
export async function changeTeamPassword(
  client: ClientBase,
  input: { token: string; name: string; current: string; nextHash: string },
): Promise<TeamPasswordChange> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('redress.session', $1, true)", [input.token]);
    const params = (
      await client.query<{ params: string; key_bytes: number }>('SELECT * FROM redress_sign_in_params($1)', [
        matchKey(input.name),
      ])
    ).rows[0]!;
    const key = (await scryptKeyFor(input.current, params.params, params.key_bytes)) ?? '';
    const row = (
      await client.query<{ outcome: TeamPasswordChange['outcome']; locked_until: Date | null }>(
        'SELECT * FROM redress_change_password($1, $2)',
        [key, input.nextHash],
      )
    ).rows[0]!;
    await client.query('COMMIT');
    return row.outcome === 'locked'
      ? { outcome: 'locked', until: row.locked_until! }
      : { outcome: row.outcome };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** An account as the team server keeps it: what the People screen shows, and its version there. */
export type TeamAccount = Account & { version: number };

/** Why the team server refused an administrator's change of accounts (migration 10's error codes). */
export type TeamAccountRefusalReason =
  | 'signed-out'
  | 'not-administrator'
  | 'changed-elsewhere'
  | 'last-administrator'
  | 'own-account'
  | 'no-such-account'
  | 'name-taken';

const REFUSALS: Record<string, TeamAccountRefusalReason> = {
  RDA01: 'signed-out',
  '42501': 'not-administrator',
  RDA02: 'changed-elsewhere',
  RDA03: 'last-administrator',
  RDA04: 'own-account',
  RDA05: 'no-such-account',
  '23505': 'name-taken',
};

/** The server said no; auth.ts words it for the person as a single desk would. */
export class TeamAccountRefusal extends Error {
  constructor(
    readonly reason: TeamAccountRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'TeamAccountRefusal';
  }
}

/** Runs `use` in one transaction under the person's session on the server (SET LOCAL redress.session). */
async function asSession<T>(client: ClientBase, token: string, use: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('redress.session', $1, true)", [token]);
    const value = await use();
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = REFUSALS[(error as { code?: string }).code ?? ''];
    throw reason ? new TeamAccountRefusal(reason, (error as Error).message) : error;
  }
}

const TeamAccountSchema = AccountSchema.required({ version: true });
const teamAccount = (raw: unknown): TeamAccount => TeamAccountSchema.parse(raw);

/** Every account, as an administrator's session sees them on the server (migration 10). */
export async function listTeamAccounts(client: ClientBase, token: string): Promise<TeamAccount[]> {
  const rows = await asSession(
    client,
    token,
    async () => (await client.query<{ list: unknown[] }>('SELECT redress_list_accounts() AS list')).rows,
  );
  return rows[0]!.list.map(teamAccount);
}

/** Who exists, with which roles, for pickers: the desks' role reads these columns without a session. */
export async function listTeamPeople(db: Queryable): Promise<AccountSummary[]> {
  const { rows } = await db.query<{ id: string; name: string; disabled: boolean; roles: string[] }>(
    `SELECT a.id, a.name, a.disabled,
            ARRAY(SELECT r.role FROM account_roles r WHERE r.account_id = a.id) AS roles
       FROM accounts a`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    disabled: row.disabled,
    roles: ACCOUNT_ROLES.filter((role) => row.roles.includes(role)),
  }));
}

export interface NewTeamAccount {
  name: string;
  roles: AccountRole[];
  approvalLimit: number | null;
  /** The initial password's PHC string, made by this desk's hasher. */
  passwordHash: string;
}

/** An administrator adds a person on the server; a name whose match key is taken is refused. */
export async function addTeamAccount(
  client: ClientBase,
  token: string,
  input: NewTeamAccount,
): Promise<TeamAccount> {
  const rows = await asSession(
    client,
    token,
    async () =>
      (
        await client.query<{ account: unknown }>(
          'SELECT redress_add_account($1, $2, $3, $4, $5) AS account',
          [input.name, matchKey(input.name), input.passwordHash, input.roles, input.approvalLimit],
        )
      ).rows,
  );
  return teamAccount(rows[0]!.account);
}

export interface TeamAccountUpdate {
  id: string;
  /** The version the administrator's screen read; the server refuses the change if it moved on. */
  version?: number;
  name?: string;
  roles?: AccountRole[];
  approvalLimit?: number | null;
  disabled?: boolean;
  unlock?: true;
}

/** An administrator changes an account on the server; the answer has it before and after. */
export async function updateTeamAccount(
  client: ClientBase,
  token: string,
  { id, version, ...changes }: TeamAccountUpdate,
): Promise<{ before: TeamAccount; after: TeamAccount }> {
  const sent = changes.name === undefined ? changes : { ...changes, nameKey: matchKey(changes.name) };
  const rows = await asSession(
    client,
    token,
    async () =>
      (
        await client.query<{ result: { before: unknown; after: unknown } }>(
          'SELECT redress_update_account($1, $2, $3) AS result',
          [id, version ?? null, JSON.stringify(sent)],
        )
      ).rows,
  );
  const { before, after } = rows[0]!.result;
  return { before: teamAccount(before), after: teamAccount(after) };
}

/** An administrator sets a new password (a PHC string made on the desk); the person's sessions end. */
export async function resetTeamPassword(
  client: ClientBase,
  token: string,
  input: { id: string; passwordHash: string },
): Promise<TeamAccount> {
  const rows = await asSession(
    client,
    token,
    async () =>
      (
        await client.query<{ account: unknown }>('SELECT redress_reset_password($1, $2) AS account', [
          input.id,
          input.passwordHash,
        ])
      ).rows,
  );
  return teamAccount(rows[0]!.account);
}

/** The office's security policy as the server keeps it (migration 13): any valid session reads it. */
export async function getTeamSecurityPolicy(client: ClientBase, token: string): Promise<SecurityPolicy> {
  const rows = await asSession(
    client,
    token,
    async () => (await client.query<{ policy: unknown }>('SELECT redress_security_policy() AS policy')).rows,
  );
  return SecurityPolicyFieldsSchema.parse(rows[0]!.policy);
}

/** An administrator sets some of the policy's settings on the server; the answer has it before and after. */
export async function setTeamSecurityPolicy(
  client: ClientBase,
  token: string,
  patch: Partial<SecurityPolicy>,
): Promise<{ before: SecurityPolicy; after: SecurityPolicy }> {
  const rows = await asSession(
    client,
    token,
    async () =>
      (
        await client.query<{ result: { before: unknown; after: unknown } }>(
          'SELECT redress_set_security_policy($1) AS result',
          [JSON.stringify(patch)],
        )
      ).rows,
  );
  const { before, after } = rows[0]!.result;
  return { before: SecurityPolicyFieldsSchema.parse(before), after: SecurityPolicyFieldsSchema.parse(after) };
}

/**
 * What the server says now of a session a desk holds (asked at each sync pass): still open, with the
 * account's facts as they are now and the office's policy; or ended (signed out elsewhere, expired, a
 * password reset or changed elsewhere); or its account turned off.
 */
export type TeamSessionCheck =
  | { state: 'open'; user: SessionUser; version: number; policy: SecurityPolicy }
  | { state: 'ended' }
  | { state: 'disabled' };

interface SessionCheckRow {
  current: string | null;
  name: string | null;
  disabled: boolean | null;
  approval_limit: string | null;
  version: string | null;
  roles: string[] | null;
  policy: unknown;
}

/**
 * One small query under the session (migrations 4 and 13; no server function of its own): whether
 * `current_account()` still names `accountId`, that account's name, roles, approval limit, version
 * and turned-off flag (columns the desks' role reads), and the policy when the session is open.
 */
export async function checkTeamSession(
  client: ClientBase,
  token: string,
  accountId: string,
): Promise<TeamSessionCheck> {
  const rows = await asSession(
    client,
    token,
    async () =>
      (
        await client.query<SessionCheckRow>(
          `SELECT s.current, a.name, a.disabled, a.approval_limit, a.version,
                  ARRAY(SELECT r.role FROM account_roles r WHERE r.account_id = a.id) AS roles,
                  CASE WHEN s.current = $1 THEN redress_security_policy() END AS policy
             FROM (SELECT current_account() AS current) s
             LEFT JOIN accounts a ON a.id = $1`,
          [accountId],
        )
      ).rows,
  );
  const row = rows[0]!;
  if (row.disabled) return { state: 'disabled' };
  if (row.current !== accountId || row.name === null) return { state: 'ended' };
  return {
    state: 'open',
    user: {
      id: accountId,
      name: row.name,
      roles: ACCOUNT_ROLES.filter((role) => row.roles?.includes(role)),
      approvalLimit: row.approval_limit === null ? null : Number(row.approval_limit),
    },
    version: Number(row.version),
    policy: SecurityPolicyFieldsSchema.parse(row.policy),
  };
}

/** Ends a session on the server (its token no longer names anyone). */
export async function signOutOfTeam(db: Queryable, token: string): Promise<void> {
  await db.query('SELECT redress_sign_out($1)', [token]);
}

/** A desk's accounts as promotion uploads them (hashes as they are). */
const promotedAccounts = (data: AccountsData) =>
  JSON.stringify(
    data.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      nameKey: matchKey(a.name),
      passwordHash: a.passwordHash,
      roles: a.roles,
      approvalLimit: a.approvalLimit,
      disabled: a.disabled,
      createdAt: a.createdAt,
      createdBy: a.createdBy,
      passwordChangedAt: a.passwordChangedAt,
    })),
  );

async function refusedWhenHeld<T>(upload: () => Promise<T>): Promise<T> {
  try {
    return await upload();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new ValidationError(
        'The team server already has accounts: only a desk joining an empty server can bring its accounts.',
      );
    }
    throw error;
  }
}

/**
 * Promote: uploads this desk's accounts (names, roles, hashes, approval limits, turned off or not)
 * and its lockout rule to a team server that has no accounts yet. Refused when it has some.
 */
export async function promoteAccounts(db: Queryable, data: AccountsData): Promise<number> {
  return refusedWhenHeld(async () => {
    const { rows } = await db.query<{ n: number }>('SELECT redress_promote_accounts($1, $2, $3) AS n', [
      promotedAccounts(data),
      data.policy.lockoutAttempts,
      data.policy.lockoutMinutes,
    ]);
    return rows[0]!.n;
  });
}

/**
 * Promote as `promoter` (migration 14): the accounts go up as with `promoteAccounts`, and the server
 * opens a session for the promoting administrator (one of them) on this desk, which the promotion's
 * pushes claim: the server keeps an approved proposal only under a session.
 */
export async function promoteAccountsAs(
  db: Queryable,
  data: AccountsData,
  promoter: { id: string; deskId: string; minutes?: number },
): Promise<{ accounts: number; token: string; expiresAt: string }> {
  return refusedWhenHeld(async () => {
    const { rows } = await db.query<{ promoted: number; token: string; expires_at: Date }>(
      'SELECT * FROM redress_promote_accounts($1, $2, $3, $4, $5, $6)',
      [
        promotedAccounts(data),
        data.policy.lockoutAttempts,
        data.policy.lockoutMinutes,
        promoter.id,
        promoter.deskId,
        promoter.minutes ?? TEAM_SESSION_MINUTES,
      ],
    );
    const row = rows[0]!;
    return { accounts: row.promoted, token: row.token, expiresAt: row.expires_at.toISOString() };
  });
}

/** What the desk's sign-in asks of the team server (auth.ts); null config: single-desk mode. */
export interface TeamAuthority {
  /** Is a team server configured on this desk? */
  active(): Promise<boolean>;
  /** The server's answer, or `away` when it cannot be reached (the detail is for the log only). */
  signIn(name: string, password: string): Promise<TeamSignIn | { outcome: 'away'; detail: string }>;
  /** Ends the session on the server; a server away lets it run out on its own. */
  signOut(token: string): Promise<void>;
  /** Changes the session's person's password on the server, or `away`. */
  changePassword(input: {
    token: string;
    name: string;
    current: string;
    nextHash: string;
  }): Promise<TeamPasswordChange | { outcome: 'away'; detail: string }>;
  /**
   * The office's accounts, kept on the server (migration 10): each call throws `TeamServerAway` when
   * the server cannot be reached, and `TeamAccountRefusal` when it says no.
   */
  accounts: {
    list(token: string): Promise<TeamAccount[]>;
    people(): Promise<AccountSummary[]>;
    add(token: string, input: NewTeamAccount): Promise<TeamAccount>;
    update(token: string, input: TeamAccountUpdate): Promise<{ before: TeamAccount; after: TeamAccount }>;
    resetPassword(token: string, input: { id: string; passwordHash: string }): Promise<TeamAccount>;
    /** The office's security policy (migration 13), read by any session. */
    policy(token: string): Promise<SecurityPolicy>;
    /** An administrator sets the office's security policy. */
    setPolicy(
      token: string,
      patch: Partial<SecurityPolicy>,
    ): Promise<{ before: SecurityPolicy; after: SecurityPolicy }>;
  };
}

/** The team server could not be reached (the detail is for the log only). */
export class TeamServerAway extends Error {
  constructor(readonly detail: string) {
    super(`The team server cannot be reached: ${detail}`);
    this.name = 'TeamServerAway';
  }
}

const CONNECT_TIMEOUT_MS = 8000;

/** The team authority over the saved connection (connection.ts `clientConfig`). */
export function createTeamAuthority(
  config: () => Promise<ClientConfig | null>,
  deskId: string,
): TeamAuthority {
  async function withServer<T>(use: (client: Client) => Promise<T>, configured?: () => void): Promise<T> {
    const saved = await config();
    if (!saved) throw new ValidationError('No team server is set up on this desk.');
    configured?.();
    const client = new Client({ ...saved, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await use(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** `use`'s answer, or `away` when the server cannot be reached (the detail is for the log). */
  async function orAway<T>(
    use: (client: Client) => Promise<T>,
  ): Promise<T | { outcome: 'away'; detail: string }> {
    let reached: 'settings' | 'connecting' | 'connected' = 'settings';
    try {
      return await withServer(
        async (client) => {
          reached = 'connected';
          return use(client);
        },
        () => (reached = 'connecting'),
      );
    } catch (error) {
      // Only a server that cannot be reached is "away". This desk's own connection settings that
      // cannot be used (team.json damaged, the saved password not unlockable here, the CA file
      // gone) say so in their own words, as does a server that answers wrongly.
      if (reached === 'settings' || (reached === 'connected' && !isConnectionLoss(error))) throw error;
      return { outcome: 'away', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** `use`'s answer; a server that cannot be reached throws `TeamServerAway`. */
  async function awayThrown<T>(use: (client: Client) => Promise<T>): Promise<T> {
    const answer = await orAway(async (client) => ({ value: await use(client) }));
    if ('outcome' in answer) throw new TeamServerAway(answer.detail);
    return answer.value;
  }

  return {
    // A damaged team.json still means team mode: the desk's own accounts do not take over.
    active: () =>
      config().then(
        (saved) => saved !== null,
        () => true,
      ),
    signIn: (name, password) => orAway((client) => signInToTeam(client, { name, password, deskId })),
    changePassword: (input) => orAway((client) => changeTeamPassword(client, input)),
    accounts: {
      list: (token) => awayThrown((client) => listTeamAccounts(client, token)),
      people: () => awayThrown((client) => listTeamPeople(client)),
      add: (token, input) => awayThrown((client) => addTeamAccount(client, token, input)),
      update: (token, input) => awayThrown((client) => updateTeamAccount(client, token, input)),
      resetPassword: (token, input) => awayThrown((client) => resetTeamPassword(client, token, input)),
      policy: (token) => awayThrown((client) => getTeamSecurityPolicy(client, token)),
      setPolicy: (token, patch) => awayThrown((client) => setTeamSecurityPolicy(client, token, patch)),
    },
    async signOut(token) {
      await withServer((client) => signOutOfTeam(client, token)).catch(() => undefined);
    },
  };
}

/** The connection went away mid-call (the server stopped, the network dropped). */
export const isConnectionLoss = (error: unknown): boolean => {
  const code = (error as { code?: string }).code ?? '';
  return (
    /^(08|57P0)/.test(code) ||
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    /Connection terminated/i.test((error as Error).message ?? '')
  );
};
