// Team mode's connection to the office's PostgreSQL server (DESIGN.md, "Team mode").
//
// - `team:status`: whether this desk is set up for a team server, and where (never the password).
// - `team:configure`: saves the connection; the password is wrapped by the computer's key store
//   (Electron safeStorage) before it is written. Leaving the password out keeps the saved one.
// - `team:test-connection`: connects once with the given details (the saved password when none is
//   given) and answers with the server's version, or what went wrong in words an IT person can act on.
// - `team:set-up-server`: an administrator creates (or upgrades) Redress's tables on the server with
//   the database owner's account, typed once and never saved; the service account is granted what
//   the desks may do.
// - `team:connection-problem`, `team:repair-connection`: before anyone signs in, the sign-in screen
//   says when the saved connection cannot be used (team.json damaged, the saved password no longer
//   unlockable here) and mends it: nobody could otherwise sign in to reach Settings.
// - `team:promote-accounts`: an administrator promotes this single desk to an empty server; main
//   refuses a server holding records or accounts, then uploads the desk's accounts and security
//   policy (`policyNotCopied`: the policy, when it did not go up) (the records follow through
//   `team:push`).
import { z } from 'zod';
import { SecurityPolicyFieldsSchema } from '../../domain/accounts';
import { NoInput, strictInput } from './input';

const connectionShape = {
  host: z
    .string({ error: 'Enter the server name or address.' })
    .trim()
    .min(1, 'Enter the server name or address.')
    .max(255, 'The server name is too long (at most 255 characters).')
    .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'A server name is letters, digits, dots and dashes (or an IP address).'),
  port: z
    .number({ error: 'Enter the port: a number from 1 to 65535 (usually 5432).' })
    .int('Enter the port: a number from 1 to 65535 (usually 5432).')
    .min(1, 'Enter the port: a number from 1 to 65535 (usually 5432).')
    .max(65535, 'Enter the port: a number from 1 to 65535 (usually 5432).'),
  database: z
    .string({ error: 'Enter the database name.' })
    .trim()
    .min(1, 'Enter the database name.')
    .max(63, 'A database name is at most 63 characters.'),
  user: z
    .string({ error: "Enter the service account's user name." })
    .trim()
    .min(1, "Enter the service account's user name.")
    .max(63, 'A user name is at most 63 characters.'),
  /** The office's CA certificate (PEM): with it the connection uses TLS and checks the server. */
  caPath: z.string().trim().max(4096, 'The path is too long.').optional(),
};

const Password = z.string().max(1024, 'The password is too long (at most 1,024 characters).');

export const TeamConnectionSchema = z.object(connectionShape);
/** What the Settings → Team form sends: the connection and, optionally, a new password. */
export const TeamConnectionInputSchema = z.object({ ...connectionShape, password: Password.optional() });
export type TeamConnection = z.output<typeof TeamConnectionSchema>;

export const TeamStatusSchema = z.object({
  /** null: single-desk mode (the default). */
  connection: TeamConnectionSchema.nullable(),
  hasPassword: z.boolean(),
  /** Why no password can be kept on this computer (no key store), or null. */
  keyStoreProblem: z.string().nullable(),
});
export type TeamStatus = z.output<typeof TeamStatusSchema>;

export const CONNECTION_FAILURES = [
  'refused',
  'host',
  'password',
  'database',
  'tls',
  'timeout',
  /** Reached, but it cannot do the work now: out of disk space or memory, full of connections, restarting. */
  'server',
  'other',
] as const;
export type ConnectionFailure = (typeof CONNECTION_FAILURES)[number];

export const TeamTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** As the server reports it, e.g. "15.8 (Debian 15.8-0+deb12u1)". */
    serverVersion: z.string(),
    /** The Redress schema version on the server (0: not set up yet). */
    schemaVersion: z.number().int(),
    /** The schema version this Redress sets up: a server below it needs setting up (or upgrading). */
    appSchemaVersion: z.number().int(),
    tls: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    failure: z.enum(CONNECTION_FAILURES),
    message: z.string(),
    /** The form field to show the message by. */
    field: z.enum(['host', 'port', 'database', 'user', 'password', 'caPath']).optional(),
  }),
]);
export type TeamTestResult = z.output<typeof TeamTestResultSchema>;

const ownerUser = z
  .string({ error: "Enter the database owner's user name." })
  .trim()
  .min(1, "Enter the database owner's user name.")
  .max(63, 'A user name is at most 63 characters.');

const ownerPassword = Password.min(1, "Enter the database owner's password.");

/** Setting up the server: where (the connection, its service account named) and as whom (the owner). */
export const TeamSetUpInputSchema = z.object({ ...connectionShape, ownerUser, ownerPassword });

export const TeamSetUpResultSchema = z.object({
  /** The server's schema version before, and after. */
  from: z.number().int(),
  to: z.number().int(),
  /** How many migrations this set-up applied (0: the server was already up to date). */
  applied: z.number().int(),
});
export type TeamSetUpResult = z.output<typeof TeamSetUpResultSchema>;

/** Why this desk's saved team connection cannot be used (nobody can sign in through it). */
export const TEAM_CONNECTION_PROBLEMS = ['damaged', 'password-unreadable'] as const;
export type TeamConnectionProblem = (typeof TEAM_CONNECTION_PROBLEMS)[number];

const repairShape = {
  password: Password.min(1, 'Enter the service account’s password.'),
  /** Every detail again (team.json damaged); left out, the saved server is kept (its password only). */
  connection: z.object(connectionShape).strict().optional(),
};
/** The sign-in screen's form to mend the connection checks what main checks. */
export const TeamRepairInputSchema = z.object(repairShape);

export const teamChannels = {
  'team:status': { input: NoInput, output: TeamStatusSchema },
  'team:configure': {
    input: strictInput({ ...connectionShape, password: Password.optional() }),
    output: TeamStatusSchema,
  },
  'team:test-connection': {
    input: strictInput({ ...connectionShape, password: Password.optional() }),
    output: TeamTestResultSchema,
  },
  /** Creates or upgrades the server's schema as the database owner (administrators only). */
  'team:set-up-server': {
    input: strictInput({ ...connectionShape, ownerUser, ownerPassword }),
    output: TeamSetUpResultSchema,
  },
  /** Before sign-in too: what keeps the saved connection from being used, or null. */
  'team:connection-problem': {
    input: NoInput,
    output: z.object({ problem: z.enum(TEAM_CONNECTION_PROBLEMS).nullable() }),
  },
  /**
   * Before sign-in too: the service account's password again (password-unreadable), or every detail
   * (damaged); refused while the connection works, and kept only once the server accepts it.
   */
  'team:repair-connection': {
    input: strictInput(repairShape),
    output: TeamStatusSchema,
  },
  /** Promote, first step (administrators only): refused unless the server is empty; then the desk's accounts go up. */
  'team:promote-accounts': {
    input: NoInput,
    output: z.object({ accounts: z.number().int(), policyNotCopied: SecurityPolicyFieldsSchema.nullable() }),
  },
} as const;

export type TeamChannel = keyof typeof teamChannels;
