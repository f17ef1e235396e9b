// The desk's connection to the team server: kept in `<dataDir>/team.json` (written atomically; the
// password wrapped by the computer's key store, never in the clear), and tried on demand.
// No electron import: the Electron glue passes safeStorage as the key store, tests a fake one.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, DatabaseError, type ClientConfig } from 'pg';
import { z } from 'zod';
import { AppError, ConflictError, ValidationError } from '../../../src-shared/errors';
import {
  TeamConnectionSchema,
  type ConnectionFailure,
  type TeamConnection,
  type TeamConnectionProblem,
  type TeamSetUpResult,
  type TeamStatus,
  type TeamTestResult,
} from '../../../src-shared/ipc/channels/team';
import type { KeyStore } from '../backup/backup-key';
import { writeFileAtomic } from '../files/atomic-write';
import { migrate, schemaVersion, SCHEMA_VERSION, TeamSchemaError } from './migrate';
import { readTextIfPresent } from '../files/read-if-present';

export const TEAM_FILE = 'team.json';
const CONNECT_TIMEOUT_MS = 8000;

export const SAVED_PASSWORD_UNREADABLE =
  'The team server password saved on this computer can no longer be unlocked (the system’s key store changed, or the data folder came from another computer). Enter the password again: in Settings → Team server, or signed out, from the sign-in screen.';
export const TEAM_CONNECTION_WORKS =
  'The team connection saved on this desk can be used: sign in, and an administrator changes it in Settings → Team server.';
export const NO_TEAM_CONNECTION = 'No team server is set on this desk.';
export const ENTER_TEAM_DETAILS = 'This desk’s copy of the team server’s details is damaged: enter them all.';
export const NOT_A_TEAM_SERVER =
  'That database holds no Redress team server: check the details with IT (a server is set up once, from its first desk).';
export const KEEP_THE_SAVED_SERVER =
  'Only the password can be entered again here: the server saved on this desk is kept. An administrator changes the server in Settings → Team server.';
export const NO_KEY_STORE_FOR_PASSWORD =
  'This computer offers Redress no protected place to keep the password, so it cannot be saved here.';

const TeamFileSchema = TeamConnectionSchema.extend({
  /** The password wrapped by the key store, base64. */
  wrappedPassword: z.string().optional(),
});
type TeamFile = z.output<typeof TeamFileSchema>;

export interface TeamConnectionInput extends TeamConnection {
  password?: string;
}

export function createTeamConnection(dataDir: string, keyStore?: KeyStore) {
  const file = join(dataDir, TEAM_FILE);
  const keyStoreProblem = () => (keyStore ? keyStore.problem() : NO_KEY_STORE_FOR_PASSWORD);

  async function load(): Promise<TeamFile | null> {
    const text = await readTextIfPresent(file);
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = TeamFileSchema.safeParse(json);
    if (!parsed.success)
      throw new ValidationError('The team connection file (team.json) is damaged: set the connection again.');
    return parsed.data;
  }

  const statusOf = (saved: TeamFile | null): TeamStatus => {
    if (!saved) return { connection: null, hasPassword: false, keyStoreProblem: keyStoreProblem() };
    const { wrappedPassword, ...connection } = saved;
    return { connection, hasPassword: wrappedPassword !== undefined, keyStoreProblem: keyStoreProblem() };
  };

  async function savedPassword(saved: TeamFile | null): Promise<string | undefined> {
    if (!saved?.wrappedPassword || !keyStore || keyStore.problem()) return undefined;
    try {
      return keyStore.decrypt(Buffer.from(saved.wrappedPassword, 'base64')).toString('utf8');
    } catch (error) {
      // The system's key changed (a reset keyring, another Windows profile, a copied data folder).
      throw new AppError('VALIDATION', SAVED_PASSWORD_UNREADABLE, undefined, { cause: error });
    }
  }

  async function problem(): Promise<TeamConnectionProblem | null> {
    let saved: TeamFile | null;
    try {
      saved = await load();
    } catch (error) {
      if (error instanceof ValidationError) return 'damaged';
      throw error;
    }
    try {
      await savedPassword(saved);
    } catch {
      return 'password-unreadable';
    }
    return null;
  }

  return {
    async status(): Promise<TeamStatus> {
      return statusOf(await load());
    },

    async configure(input: TeamConnectionInput): Promise<TeamStatus> {
      const { password, ...connection } = input;
      // A damaged file is what this save mends: it is replaced (its password, unreadable, with it).
      const saved = await load().catch((error: unknown) => {
        if (error instanceof ValidationError) return null;
        throw error;
      });
      let wrappedPassword = saved?.wrappedPassword;
      if (password !== undefined) {
        const problem = keyStoreProblem();
        if (problem || !keyStore) throw new ValidationError(problem ?? NO_KEY_STORE_FOR_PASSWORD, 'password');
        wrappedPassword = keyStore.encrypt(Buffer.from(password, 'utf8')).toString('base64');
      }
      const next: TeamFile = { ...connection, ...(wrappedPassword ? { wrappedPassword } : {}) };
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      return statusOf(next);
    },

    /** The pg config for the saved connection (its password unwrapped), or null in single-desk mode. */
    async clientConfig(): Promise<ClientConfig | null> {
      const saved = await load();
      if (!saved) return null;
      return toClientConfig({ ...saved, password: await savedPassword(saved) });
    },

    /**
     * What keeps this desk's saved team connection from being used (the sign-in screen offers to
     * mend it, since nobody can sign in to reach Settings): null when nothing does.
     */
    problem,

    /**
     * Mends, from the sign-in screen, a connection nobody can sign in through: the password entered
     * again for the server saved here (its details cannot change here), or every detail when the
     * file is damaged. Kept only once the server accepts it and holds a Redress team database, so
     * nothing worse than before is saved; a working connection is changed in Settings alone.
     */
    async repair(input: { password: string; connection?: TeamConnection }): Promise<TeamStatus> {
      const found = await problem();
      if (!found) throw new ConflictError((await load()) ? TEAM_CONNECTION_WORKS : NO_TEAM_CONNECTION);
      let details: TeamConnection;
      if (found === 'password-unreadable') {
        if (input.connection) throw new ValidationError(KEEP_THE_SAVED_SERVER);
        const { wrappedPassword: _unreadable, ...saved } = (await load())!;
        details = saved;
      } else {
        if (!input.connection) throw new ValidationError(ENTER_TEAM_DETAILS);
        details = input.connection;
      }
      const tried = await this.test({ ...details, password: input.password });
      if (!tried.ok) throw new ValidationError(tried.message, tried.field);
      if (tried.schemaVersion === 0) throw new ValidationError(NOT_A_TEAM_SERVER, 'database');
      return this.configure({ ...details, password: input.password });
    },

    async test(input: TeamConnectionInput): Promise<TeamTestResult> {
      const password = input.password ?? (await savedPassword(await load()));
      let config: ClientConfig;
      try {
        config = await toClientConfig({ ...input, password });
      } catch (error) {
        return describeConnectionError(error);
      }
      const client = new Client({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const version = await client.query<{ server_version: string }>('SHOW server_version');
        return {
          ok: true,
          serverVersion: version.rows[0]!.server_version,
          schemaVersion: await schemaVersion(client),
          appSchemaVersion: SCHEMA_VERSION,
          tls: Boolean(config.ssl),
        };
      } catch (error) {
        return describeConnectionError(error);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

export type TeamConnectionService = ReturnType<typeof createTeamConnection>;

export interface TeamSetUpInput extends TeamConnection {
  ownerUser: string;
  ownerPassword: string;
}

/**
 * Creates or upgrades Redress's schema on the server (migrate.ts), connected as the database's
 * owner with the password typed for this alone (never kept); `user`, the desks' service account,
 * is granted what the desks may do. Each migration is its own transaction, so a failure keeps the
 * steps before it and setting up again goes on from there. Refusals name the field to fix.
 */
export async function setUpTeamServer(input: TeamSetUpInput): Promise<TeamSetUpResult> {
  const { ownerUser, ownerPassword, ...connection } = input;
  if (ownerUser === connection.user) throw new ValidationError(OWNER_IS_SERVICE_ACCOUNT, 'ownerUser');
  let config: ClientConfig;
  try {
    config = await toClientConfig({ ...connection, user: ownerUser, password: ownerPassword });
  } catch (error) {
    throw setUpRefusal(describeConnectionError(error));
  }
  const client = new Client({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
    } catch (error) {
      throw setUpRefusal(describeConnectionError(error));
    }
    const owner = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()',
    );
    // The desks' rules (row-level security, what the service account may write) do not bind the
    // database's owner: the account every desk signs in with must never be it.
    if (owner.rows[0]?.owner === connection.user) {
      throw new ValidationError(SERVICE_ACCOUNT_OWNS_DATABASE(connection.user));
    }
    const result = await migrate(client, { appRole: connection.user });
    return { from: result.from, to: result.to, applied: result.applied.length };
  } catch (error) {
    throw migrationRefusal(error, ownerUser, connection);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const OWNER_IS_SERVICE_ACCOUNT =
  "The database owner and the service account must be different users: the desks' account must not own the database.";
const SERVICE_ACCOUNT_OWNS_DATABASE = (user: string) =>
  `The service account ${user} owns this database, so the server's rules would not bind the desks. Ask whoever runs the server to give the database another owner, then set it up as that owner.`;

/** A connection failure while setting up, by the owner's fields where it is theirs. */
function setUpRefusal(failure: Extract<TeamTestResult, { ok: false }>): ValidationError {
  const field =
    failure.field === 'user' ? 'ownerUser' : failure.field === 'password' ? 'ownerPassword' : undefined;
  return new ValidationError(failure.message, field);
}

/** What a failed migration means for whoever sets the server up. */
function migrationRefusal(error: unknown, ownerUser: string, connection: TeamConnection): unknown {
  // A step that failed comes wrapped in migrate's TeamSchemaError, the server's reason as its cause.
  const reason = error instanceof TeamSchemaError ? error.cause : error;
  // Refusals of our own (and migrate's "the server is newer") already say what to do.
  if (!(reason instanceof DatabaseError)) return error;
  const code = reason.code;
  if (code === '42501') {
    return new ValidationError(
      `${ownerUser} may not create Redress's tables in the database ${connection.database}: set it up as the user that owns the database.`,
      'ownerUser',
    );
  }
  if (code === '42704') {
    return new ValidationError(
      `There is no user ${connection.user} on the server: ask whoever runs the server to create the service account first, then set up again.`,
    );
  }
  return new ValidationError(
    `${(error as Error).message} The server said: ${reason.message}. The steps before it are kept: fix the problem, then set up again.`,
  );
}

async function toClientConfig(c: TeamConnectionInput): Promise<ClientConfig> {
  let ca: string | undefined;
  if (c.caPath) {
    try {
      ca = await readFile(c.caPath, 'utf8');
    } catch (error) {
      throw Object.assign(new Error('CA file'), { caFile: (error as NodeJS.ErrnoException).code ?? 'EIO' });
    }
  }
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    ...(c.password !== undefined ? { password: c.password } : {}),
    // With the office's CA, TLS with the server's certificate checked against it; without, plain TCP.
    ...(ca ? { ssl: { ca, rejectUnauthorized: true } } : {}),
  };
}

type Failure = Extract<TeamTestResult, { ok: false }>;
const fail = (failure: ConnectionFailure, message: string, field?: Failure['field']): Failure =>
  field ? { ok: false, failure, message, field } : { ok: false, failure, message };

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

const WORK_WAITS =
  'Nothing is lost: this desk keeps its work and sends it once the server can take it. If this lasts, tell whoever looks after the server.';

/** The server reached but unable to take the work now, by PostgreSQL error code. */
const SERVER_PROBLEMS: Record<string, string> = {
  '53100': 'The team server has run out of disk space, so it could not keep what this desk sent.',
  '53200': 'The team server has run out of memory, so it could not do what this desk asked.',
  '53000': 'The team server is short of resources, so it could not do what this desk asked.',
  '53300': 'The team server has as many connections open as it allows.',
  '57P01': 'The team server is shutting down.',
  '57P02': 'The team server stopped after a crash.',
  '57P03': 'The team server is starting up or recovering, and does not accept work yet.',
};

/** What went wrong connecting, in words for whoever looks after the server, and the field to blame. */
export function describeConnectionError(error: unknown): Failure {
  const e = (error ?? {}) as { code?: string; message?: string; caFile?: string };
  const message = e.message ?? '';
  if (e.caFile) {
    return fail(
      'tls',
      e.caFile === 'ENOENT'
        ? 'The CA certificate file is not there: check the path.'
        : 'The CA certificate file could not be read: check the path and its permissions.',
      'caPath',
    );
  }
  switch (e.code) {
    case 'ECONNREFUSED':
      return fail(
        'refused',
        'The server refused the connection: check the address and port, and that PostgreSQL is running and accepts connections from this computer.',
        'port',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail('host', 'No server by that name was found: check the server name.', 'host');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return fail('timeout', 'The server did not answer: check the network and the server address.', 'host');
    case '28P01':
      return fail('password', 'The server refused the user name or password.', 'password');
    case '28000':
      return fail(
        'password',
        'The server does not let this user in from this computer (pg_hba.conf) or the user does not exist.',
        'user',
      );
    case '3D000':
      return fail('database', 'There is no database by that name on the server.', 'database');
  }
  // Class 53 (insufficient resources) and 57P (the server shutting down or starting): the details
  // are right, and nothing the desk sent was kept, so its work waits in its outbox.
  const serverProblem = e.code && SERVER_PROBLEMS[e.code];
  if (serverProblem) return fail('server', `${serverProblem} ${WORK_WAITS}`);
  if (e.code?.startsWith('53')) return fail('server', `${SERVER_PROBLEMS['53000']} ${WORK_WAITS}`);
  if (e.code && TLS_CODES.has(e.code)) {
    return fail(
      'tls',
      "The server's certificate is not trusted by the CA certificate given, or does not name this server.",
      'caPath',
    );
  }
  if (/does not support SSL/i.test(message)) {
    return fail(
      'tls',
      'The server does not accept TLS connections: ask for TLS to be turned on, or leave the CA certificate empty.',
      'caPath',
    );
  }
  if (/no pg_hba\.conf entry.*no encryption/i.test(message)) {
    return fail('tls', 'The server accepts only TLS connections: give the office CA certificate.', 'caPath');
  }
  if (/timeout/i.test(message)) {
    return fail(
      'timeout',
      'The server did not answer in time: check the network and the server address.',
      'host',
    );
  }
  if (/password/i.test(message) && /(SASL|client password must be a string)/i.test(message)) {
    return fail('password', 'The server asks for a password: enter it.', 'password');
  }
  return fail('other', 'Redress could not connect to the server. Check the details, then try again.');
}
