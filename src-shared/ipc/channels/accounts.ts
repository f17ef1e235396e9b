// Accounts and the signed-in session, both held by the main process. `auth:*` is the session
// (first-run setup, sign-in, the lock screen); `accounts:*` is the people of the office. Every
// input object is strict: an unknown key (a typo, or `__proto__`) is refused, not ignored.
import { z } from 'zod';
import {
  AccountNameSchema,
  AccountSchema,
  AccountSummarySchema,
  ApprovalLimitSchema,
  PasswordInputSchema,
  RolesSchema,
  SecurityEventSchema,
  SecurityPolicyFieldsSchema,
  SecurityPolicySchema,
  SessionUserSchema,
} from '../../domain/accounts';
import { NoInput, strictInput } from './input';

/**
 * Why the team server locked a desk: its person's account was turned off there (only an
 * administrator turning it on again lets them in), or their session ended there (signed out there,
 * a password reset or changed on another desk: their password opens a new one).
 */
export const TeamLockReasonSchema = z.enum(['account-turned-off', 'session-ended']);
export type TeamLockReason = z.output<typeof TeamLockReasonSchema>;

export const AuthStatusSchema = z.object({
  /** False until first-run setup has made the first administrator. */
  setUp: z.boolean(),
  /** Who is signed in; still set while the screen is locked, so the lock screen can say whose it is. */
  user: SessionUserSchema.nullable(),
  locked: z.boolean(),
  /** Why the desk is locked, when the team server ended the session or turned the account off. */
  lockedFor: TeamLockReasonSchema.optional(),
  policy: SecurityPolicySchema,
});
export type AuthStatus = z.output<typeof AuthStatusSchema>;

const AccountId = z.uuid({ error: 'There is no such account.' });

/** The name typed at sign-in: any text; one that matches no account gets the same answer as a wrong password. */
const SignInName = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(200, 'Use at most 200 characters.');

export const accountsChannels = {
  'auth:status': { input: NoInput, output: AuthStatusSchema },
  'auth:setup': {
    input: strictInput({
      name: AccountNameSchema,
      password: PasswordInputSchema,
      /** Roles beside administrator, for an office where the first person also handles cases. */
      roles: RolesSchema.optional(),
    }),
    output: AuthStatusSchema,
  },
  'auth:sign-in': {
    input: strictInput({ name: SignInName, password: PasswordInputSchema }),
    output: AuthStatusSchema,
  },
  'auth:sign-out': { input: NoInput, output: AuthStatusSchema },
  'auth:lock': { input: NoInput, output: AuthStatusSchema },
  'auth:unlock': { input: strictInput({ password: PasswordInputSchema }), output: AuthStatusSchema },
  'accounts:list': {
    input: NoInput,
    // Administrators see every detail; everyone else the names and roles a picker needs.
    output: z.discriminatedUnion('view', [
      z.object({ view: z.literal('full'), accounts: z.array(AccountSchema) }),
      z.object({ view: z.literal('summary'), accounts: z.array(AccountSummarySchema) }),
    ]),
  },
  'accounts:add': {
    input: strictInput({
      name: AccountNameSchema,
      roles: RolesSchema,
      password: PasswordInputSchema,
      approvalLimit: ApprovalLimitSchema.default(null),
    }),
    output: AccountSchema,
  },
  'accounts:update': {
    input: strictInput({
      id: AccountId,
      name: AccountNameSchema.optional(),
      roles: RolesSchema.optional(),
      approvalLimit: ApprovalLimitSchema.optional(),
      disabled: z.boolean({ error: 'Choose whether the account is turned off.' }).optional(),
      /** Team mode: the account's version the screen read (a change made meanwhile elsewhere is refused). */
      version: z.number().int().positive().optional(),
      /** Ends a lockout now instead of when it runs out. */
      unlock: z.literal(true, { error: 'Send unlock: true, or leave it out.' }).optional(),
    }),
    output: AccountSchema,
  },
  'accounts:reset-password': {
    input: strictInput({ id: AccountId, password: PasswordInputSchema }),
    output: AccountSchema,
  },
  'accounts:change-password': {
    input: strictInput({ current: PasswordInputSchema, next: PasswordInputSchema }),
    output: z.object({ changed: z.literal(true) }),
  },
  'accounts:set-policy': {
    input: strictInput(SecurityPolicyFieldsSchema.partial().shape),
    output: SecurityPolicySchema,
  },
  'accounts:security-log': {
    input: strictInput({
      offset: z.number().int('Use a whole number.').min(0, 'Use 0 or more.').max(10_000_000).default(0),
      limit: z
        .number()
        .int('Use a whole number.')
        .min(1, 'Use 1 or more.')
        .max(500, 'Use at most 500.')
        .default(100),
    }),
    output: z.object({
      entries: z.array(SecurityEventSchema),
      total: z.number().int().min(0),
      unreadable: z.number().int().min(0),
    }),
  },
} as const;

export type AccountsChannel = keyof typeof accountsChannels;
