// Accounts: who may sign in to Redress, with which roles, and the office's rules for passwords,
// lockout and the idle lock. The main process keeps the accounts and the session; these are the
// pure rules both processes share (the sign-in screens ask the same questions before they call).
import { z } from 'zod';
import { matchKey } from './case';
import { instantToOfficeTime } from './office-time';

export const ACCOUNT_ROLES = ['officer', 'investigator', 'manager', 'administrator'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Longest password accepted: long enough for any passphrase, short enough to hash quickly. */
export const PASSWORD_MAX_LENGTH = 1024;
/** Largest personal approval limit, the same ceiling as the office's approval threshold. */
export const APPROVAL_LIMIT_MAX = 10_000_000;

// A name is shown in every list and written in the security log: no control characters (NUL, line
// breaks), and at least one letter or digit so that it has a match key to be unique by.
const CONTROL = /\p{Cc}/u;

export const AccountNameSchema = z
  .string({ error: 'Enter the person’s name.' })
  .trim()
  .min(1, 'Enter the person’s name.')
  .max(200, 'Use at most 200 characters.')
  .refine((name) => !CONTROL.test(name), 'Use letters, digits, spaces and punctuation only.')
  .refine((name) => matchKey(name) !== '', 'Use at least one letter or digit.');

/** One or more roles, each once, in the order of ACCOUNT_ROLES. */
export const RolesSchema = z
  .array(z.enum(ACCOUNT_ROLES, { error: 'Choose a role from the list.' }), { error: 'Choose the roles.' })
  .min(1, 'Give the person at least one role.')
  .max(ACCOUNT_ROLES.length, 'Choose each role once.')
  .refine((roles) => new Set(roles).size === roles.length, 'Choose each role once.')
  .transform((roles) => ACCOUNT_ROLES.filter((role) => roles.includes(role)));

/**
 * The most this person may approve, in the office's currency; null: no personal limit (who may
 * approve at all is the manager role's; see permissions.ts).
 */
export const ApprovalLimitSchema = z
  .number({ error: 'Enter an amount in figures, or none.' })
  .min(0, 'Use 0 or more.')
  .max(APPROVAL_LIMIT_MAX, `Use at most ${APPROVAL_LIMIT_MAX.toLocaleString('en')}.`)
  .nullable();

/**
 * A password as typed. Only its bounds are checked here: whether it is good enough to keep
 * depends on the office's policy and the person's name (`passwordProblem`).
 */
export const PasswordInputSchema = z
  .string({ error: 'Enter the password.' })
  .min(1, 'Enter the password.')
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

const policyFields = {
  /** Shortest new password. NIST SP 800-63B: length and a blocklist, no composition rules. */
  minPasswordLength: z
    .number({ error: 'Enter a number of characters.' })
    .int('Use a whole number.')
    .min(8, 'Use 8 or more: shorter passwords are guessed too easily.')
    .max(128, 'Use at most 128.'),
  /** Failed sign-ins in a row that lock an account. */
  lockoutAttempts: z
    .number({ error: 'Enter a number of attempts.' })
    .int('Use a whole number.')
    .min(1, 'Use 1 or more.')
    .max(100, 'Use at most 100.'),
  /** How long a locked account stays locked. */
  lockoutMinutes: z
    .number({ error: 'Enter a number of minutes.' })
    .int('Use a whole number.')
    .min(1, 'Use 1 or more.')
    .max(1440, 'Use at most 1440 (a day).'),
  /** Minutes without use before the screen locks. */
  idleLockMinutes: z
    .number({ error: 'Enter a number of minutes.' })
    .int('Use a whole number.')
    .min(1, 'Use 1 or more.')
    .max(480, 'Use at most 480.'),
};

export const DEFAULT_SECURITY_POLICY = {
  minPasswordLength: 12,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  idleLockMinutes: 10,
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const SecurityPolicyFieldsSchema = z.object(policyFields);
// A policy stored by an older version lacks newer fields: the defaults fill them in.
export const SecurityPolicySchema = z.preprocess(
  (raw) => (isRecord(raw) ? { ...DEFAULT_SECURITY_POLICY, ...raw } : raw),
  SecurityPolicyFieldsSchema,
);
export type SecurityPolicy = z.output<typeof SecurityPolicySchema>;

export const defaultSecurityPolicy = (): SecurityPolicy => ({ ...DEFAULT_SECURITY_POLICY });

/** The signed-in person as every handler and screen sees them. */
export const SessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ACCOUNT_ROLES)),
  approvalLimit: z.number().nullable(),
});
export type SessionUser = z.output<typeof SessionUserSchema>;

/** An account as an administrator sees it (never its password hash). */
export const AccountSchema = z.object({
  id: z.string().min(1),
  name: AccountNameSchema,
  roles: z.array(z.enum(ACCOUNT_ROLES)).min(1),
  disabled: z.boolean(),
  approvalLimit: ApprovalLimitSchema,
  createdAt: z.iso.datetime(),
  /** The administrator who added the account; null for the one made at first-run setup. */
  createdBy: z.string().nullable(),
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.iso.datetime().nullable(),
  passwordChangedAt: z.iso.datetime(),
  /**
   * Team mode: the account's version on the team server, sent back with a change so that one made
   * meanwhile on another desk is not overwritten. A single desk's accounts have none.
   */
  version: z.number().int().positive().optional(),
});
export type Account = z.output<typeof AccountSchema>;

/** What a picker needs: who exists, with which roles. */
export const AccountSummarySchema = AccountSchema.pick({ id: true, name: true, roles: true, disabled: true });
export type AccountSummary = z.output<typeof AccountSummarySchema>;

export const isAdministrator = (person: { roles: readonly AccountRole[] }): boolean =>
  person.roles.includes('administrator');

export const toSessionUser = (account: Account): SessionUser => ({
  id: account.id,
  name: account.name,
  roles: [...account.roles],
  approvalLimit: account.approvalLimit,
});

export const toAccountSummary = (account: Account): AccountSummary => ({
  id: account.id,
  name: account.name,
  roles: [...account.roles],
  disabled: account.disabled,
});

/** The account with this name, ignoring case, accents and spacing ("José  Díaz" is "jose diaz"). */
export function findAccountByName<A extends Pick<Account, 'name'>>(
  accounts: readonly A[],
  name: string,
): A | undefined {
  const key = matchKey(name);
  return key === '' ? undefined : accounts.find((a) => matchKey(a.name) === key);
}

/** True when another account (disabled ones too: a name is never reused) already has this name. */
export function accountNameTaken(
  accounts: readonly Pick<Account, 'id' | 'name'>[],
  name: string,
  exceptId?: string,
): boolean {
  const found = findAccountByName(
    accounts.filter((a) => a.id !== exceptId),
    name,
  );
  return found !== undefined;
}

/** An administrator may not turn off their own account: another administrator has to. */
export const turnsOffOwnAccount = (actorId: string, change: { id: string; disabled?: boolean }): boolean =>
  change.disabled === true && change.id === actorId;

/** True when at least one enabled administrator could still sign in. */
export const hasActiveAdministrator = (accounts: readonly Pick<Account, 'roles' | 'disabled'>[]): boolean =>
  accounts.some((a) => !a.disabled && isAdministrator(a));

// ---- Lockout ----

type LockState = Pick<Account, 'failedAttempts' | 'lockedUntil'>;

/** The instant until which the account is locked, or null when it may try now. */
export function lockedUntil(account: LockState, now: Date): Date | null {
  if (!account.lockedUntil) return null;
  const until = new Date(account.lockedUntil);
  return until.getTime() > now.getTime() ? until : null;
}

/**
 * The lock state after one more failed sign-in. Reaching the limit locks the account for the
 * policy's minutes and starts the count again, so that after the lock the person has the full
 * number of tries.
 */
export function afterFailedSignIn(
  account: LockState,
  policy: Pick<SecurityPolicy, 'lockoutAttempts' | 'lockoutMinutes'>,
  now: Date,
): LockState & { lockedOut: boolean } {
  // A lock that has run out starts the count afresh.
  const lockRanOut = account.lockedUntil !== null && lockedUntil(account, now) === null;
  const failedAttempts = (lockRanOut ? 0 : account.failedAttempts) + 1;
  if (failedAttempts >= policy.lockoutAttempts) {
    const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
    return { failedAttempts: 0, lockedUntil: until.toISOString(), lockedOut: true };
  }
  return { failedAttempts, lockedUntil: null, lockedOut: false };
}

export const afterSuccessfulSignIn = (): LockState => ({ failedAttempts: 0, lockedUntil: null });

/**
 * When a locked account may try again, on the office's clocks: "14:05" today, "2026-12-02 00:10"
 * on another day. Rounded up to the minute, so that trying at the minute shown works.
 */
export function tryAgainAfter(until: Date, now: Date, timeZone: string): string {
  const minute = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const wall = instantToOfficeTime(minute, timeZone);
  const sameDay = wall.slice(0, 10) === instantToOfficeTime(now, timeZone).slice(0, 10);
  return sameDay ? wall.slice(11, 16) : wall.replace('T', ' ');
}

// ---- Passwords ----

/**
 * Passwords are compared as Unicode NFKC (NIST SP 800-63B 5.1.1.2), so "ﬁ" and "fi", or a
 * full-width digit and its ASCII twin, are the same character whichever keyboard typed them.
 */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Length as a person counts it: characters, not UTF-16 code units. */
const characterCount = (text: string): number => [...text].length;

// The most common passwords in published breach corpora, and the words people dress up with digits
// and symbols ("Password2024!"). Compared without case; for the words, without what is not a letter.
const COMMON_PASSWORDS = new Set([
  '123456',
  '123456789',
  '12345678',
  '1234567890',
  '12345678910',
  '123123123123',
  '111111111111',
  '000000000000',
  '123321123321',
  '1q2w3e4r5t6y',
  '1q2w3e4r5t6y7u8i',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'zaq12wsxcde3',
  'qwertyuiop',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyuiopasdfghjkl',
  'asdfghjkl123',
  "asdfghjkl;'",
  'zxcvbnm123456',
  'qazwsxedcrfv',
  'q1w2e3r4t5y6',
  'a1b2c3d4e5f6',
  'abc123abc123',
  'aa123456789',
  'password1234',
  'password12345',
  'password123456',
  'p@ssw0rd1234',
  'passw0rd1234',
  'iloveyou1234',
  'iloveyou123456',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'trustno1trustno1',
  'correcthorsebatterystaple',
  'correct horse battery staple',
]);

const COMMON_WORDS = new Set([
  'password',
  'passwort',
  'motdepasse',
  'contrasena',
  'passw',
  'pass',
  'pw',
  'pwd',
  'qwerty',
  'qwertz',
  'azerty',
  'qwertyuiop',
  'asdfghjkl',
  'asdf',
  'zxcvbnm',
  'qaz',
  'wsx',
  'qazwsx',
  'abc',
  'abcd',
  'letmein',
  'welcome',
  'admin',
  'administrator',
  'root',
  'user',
  'guest',
  'login',
  'master',
  'secret',
  'changeme',
  'default',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'soccer',
  'sunshine',
  'princess',
  'shadow',
  'superman',
  'batman',
  'starwars',
  'whatever',
  'freedom',
  'trustno',
  'hello',
  'helloworld',
  'summer',
  'winter',
  'spring',
  'autumn',
  'january',
  'december',
  'redress',
  'complaint',
  'complaints',
  'office',
  'bank',
]);

/**
 * True for a short piece said again and again ("aaaaaaaaaaaa", "abcabcabcabc", "passpasspass") or
 * a run of consecutive characters ("123456789012", "zyxwvu…").
 */
function isRepetitiveOrSequential(password: string): boolean {
  if (/^(.{1,4})\1+$/su.test(password)) return true;
  const codes = [...password.toLowerCase()].map((c) => c.codePointAt(0)!);
  if (codes.length < 2) return true;
  const step = codes[1]! - codes[0]!;
  if (Math.abs(step) > 1) return false;
  for (let i = 1; i < codes.length; i++) {
    const d = codes[i]! - codes[i - 1]!;
    // Digits wrap ("…7890123", "…2109876"): 0 after 9 counts as the next one, 9 after 0 as the one before.
    const wraps =
      (step === 1 && codes[i - 1] === 0x39 && codes[i] === 0x30) ||
      (step === -1 && codes[i - 1] === 0x30 && codes[i] === 0x39);
    if (d !== step && !wraps) return false;
  }
  return true;
}

const lettersOnly = (text: string): string => matchKey(text).replace(/[^\p{L}]/gu, '');

/**
 * Why this new password will not do, or null when it is fine: too short or too long, the person's
 * own name (with or without digits and symbols around it), a common password, or a run of one
 * character or of consecutive ones.
 */
export function passwordProblem(
  password: string,
  context: { name: string; policy: Pick<SecurityPolicy, 'minPasswordLength'> },
): string | null {
  const normalized = normalizePassword(password);
  const length = characterCount(normalized);
  if (length < context.policy.minPasswordLength) {
    return `Use at least ${context.policy.minPasswordLength} characters: a few words you will remember make a good password.`;
  }
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (CONTROL.test(normalized)) return 'Use letters, digits, spaces and punctuation only.';
  const nameLetters = lettersOnly(context.name);
  const passwordLetters = lettersOnly(normalized);
  if (
    matchKey(normalized) === matchKey(context.name) ||
    (nameLetters.length > 0 && passwordLetters === nameLetters)
  ) {
    return 'Choose a password that is not your name.';
  }
  if (
    COMMON_PASSWORDS.has(normalized.toLowerCase()) ||
    COMMON_WORDS.has(passwordLetters) ||
    isRepetitiveOrSequential(normalized)
  ) {
    return 'That password is too common or too easy to guess: choose a few words of your own.';
  }
  return null;
}

// ---- The security log ----

export const SECURITY_EVENTS = [
  'setup',
  'sign-in',
  'sign-in-failed',
  'locked-out',
  'lock',
  'unlock',
  'unlock-failed',
  'sign-out',
  'account-added',
  'renamed',
  'roles-changed',
  'approval-limit-changed',
  'disabled',
  'enabled',
  'unlocked-by-administrator',
  'password-reset',
  'password-changed',
  'policy-changed',
  'audit-rewrite-refused',
  'database-started-empty',
  'bundle-sender-trusted',
  'bundle-sender-revoked',
  'team-connection-mended',
  'disposal-ledger-set-aside',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENTS)[number];

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.output<typeof PersonRefSchema>;

/** One line of `<dataDir>/security-log.jsonl`. */
export const SecurityEventSchema = z.object({
  time: z.iso.datetime(),
  event: z.enum(SECURITY_EVENTS),
  /** Who did it; null when nobody was signed in (a failed sign-in, first-run setup). */
  actor: PersonRefSchema.nullable(),
  /** Whose account it concerns; null when none is known (a sign-in under a name no one has). */
  subject: PersonRefSchema.nullable(),
  /** What changed, in words (e.g. "officer → officer, manager"). */
  detail: z.string().max(2000).optional(),
});
export type SecurityEvent = z.output<typeof SecurityEventSchema>;

export const personRef = (person: { id: string; name: string }): PersonRef => ({
  id: person.id,
  name: person.name,
});
