// Who is signed in, and everything that changes an account. The main process holds the one session
// of this desk; the renderer only ever learns `{ id, name, roles, approvalLimit }`. Every method
// that acts for someone checks the session itself, so no caller can skip the check, and every
// security event lands in the security log before the method answers.
import { randomUUID } from 'node:crypto';
import {
  ACCOUNT_ROLES,
  accountNameTaken,
  afterFailedSignIn,
  afterSuccessfulSignIn,
  findAccountByName,
  hasActiveAdministrator,
  isAdministrator,
  lockedUntil,
  normalizePassword,
  passwordProblem,
  personRef,
  toAccountSummary,
  toSessionUser,
  tryAgainAfter,
  turnsOffOwnAccount,
  type Account,
  type AccountSummary,
  type AccountRole,
  type PersonRef,
  type SecurityEventKind,
  SecurityPolicyFieldsSchema,
  type SecurityPolicy,
  type SessionUser,
} from '../../../src-shared/domain/accounts';
import {
  ConflictError,
  NotFoundError,
  PermissionError,
  SessionError,
  ValidationError,
  validationErrorFromZod,
} from '../../../src-shared/errors';
import type { AuthStatus, TeamLockReason } from '../../../src-shared/ipc/channels/accounts';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/ipc/contract';
import { withoutHash, type AccountStore, type AccountsData, type StoredAccount } from './account-store';
import {
  TeamAccountRefusal,
  TeamServerAway,
  type TeamAccountRefusalReason,
  type TeamAuthority,
  type TeamSessionCheck,
} from '../team/team-accounts';
import type { SessionMoved } from '../team/desk-sync';
import { t } from '../../i18n';
import type { PasswordHasher } from './passwords';
import type { SecurityLog } from './security-log';

export const WRONG_NAME_OR_PASSWORD = 'The name or password is not right.';
export const lockedOutMessage = (time: string): string =>
  `This account is locked after too many failed sign-ins. Try again after ${time}, or ask an administrator to unlock it.`;
export const ACCOUNT_DISABLED =
  'This account has been turned off. Ask an administrator if you need it again.';
export const SIGN_IN_FIRST = 'Sign in first.';
export const SCREEN_LOCKED = 'Redress is locked: enter your password to go on.';
export const ALREADY_SET_UP = 'Redress is already set up: ask an administrator to add you.';
export const NAME_TAKEN =
  'Someone already has that name (perhaps on a turned-off account): add an initial or another detail to tell them apart.';
export const NEEDS_AN_ADMINISTRATOR =
  'Redress needs at least one administrator who can sign in: make someone else an administrator first.';

export const TEAM_SERVER_AWAY =
  'The team server cannot be reached, and signing in needs it. Check the network, or ask whoever looks after the server; a desk already signed in can still be unlocked.';

export const TEAM_SERVER_AWAY_FOR_PASSWORD =
  'The team server cannot be reached, and your password is kept there: nothing was changed. Try again when it is back.';

export const TEAM_SERVER_AWAY_FOR_ACCOUNTS =
  'The team server cannot be reached, and the office’s accounts are kept there: nothing was changed. Try again when it is back.';

export const TEAM_SERVER_AWAY_FOR_PEOPLE =
  'The team server cannot be reached, and the office’s accounts are kept there: try again when it is back.';

export const ACCOUNT_CHANGED_ELSEWHERE =
  'This account was changed on another desk while you had it open: close this, open it again to see that change, then make yours.';

export const TURN_OFF_OWN_ACCOUNT = 'You cannot turn off your own account: ask another administrator.';

export const signedOut = (): SessionError => new SessionError('SIGNED_OUT', SIGN_IN_FIRST);

/** The session as the access rules see it. */
export interface SessionState {
  user: SessionUser;
  locked: boolean;
}

export interface AuthServiceOptions {
  store: AccountStore;
  log: SecurityLog;
  hasher: PasswordHasher;
  /** The clock; tests pass a fake one. */
  now?: () => Date;
  /** The office's time zone, for the time a locked account may try again. */
  timeZone?: () => Promise<string>;
  /**
   * Team mode: the server is the authority for sign-in (team-accounts.ts). Without it, or while no
   * team server is set up, the accounts in the data folder are.
   */
  team?: TeamAuthority;
}

/**
 * A session the team server verified. While the server is away, only this session's own person can
 * unlock the desk, checked against a hash of the password the server accepted (kept in memory, never
 * written), and only until the server's session expires; no one new signs in without the server.
 */
interface TeamHold {
  token: string;
  expiresAt: Date;
  unlockHash: string;
  failedUnlocks: number;
  /**
   * The server said this session is over (ended there, or its account turned off): the desk is
   * locked for this reason (the lock screen words it), and only the server may unlock it again.
   */
  endedOnServer?: TeamLockReason;
}

/** What checking a password against an account came to (inside the store's queue). */
type Check =
  | { kind: 'ok' }
  | { kind: 'wrong'; failedAttempts: number }
  | { kind: 'locked-out'; until: Date }
  | { kind: 'locked'; until: Date };

const describeRoles = (roles: readonly AccountRole[]): string => roles.join(', ');
const describeLimit = (limit: number | null): string => (limit === null ? 'none' : String(limit));

/** The security log's events for one change of an account (single desk and team server alike). */
function accountChangeEvents(
  before: Account,
  after: Account,
  unlocked: boolean,
): { event: SecurityEventKind; detail?: string }[] {
  const events: { event: SecurityEventKind; detail?: string }[] = [];
  if (after.name !== before.name) events.push({ event: 'renamed', detail: `${before.name} → ${after.name}` });
  if (describeRoles(after.roles) !== describeRoles(before.roles)) {
    events.push({
      event: 'roles-changed',
      detail: `${describeRoles(before.roles)} → ${describeRoles(after.roles)}`,
    });
  }
  if (after.approvalLimit !== before.approvalLimit) {
    events.push({
      event: 'approval-limit-changed',
      detail: `${describeLimit(before.approvalLimit)} → ${describeLimit(after.approvalLimit)}`,
    });
  }
  if (after.disabled !== before.disabled) events.push({ event: after.disabled ? 'disabled' : 'enabled' });
  if (unlocked) events.push({ event: 'unlocked-by-administrator' });
  return events;
}

/** Did this change end a lockout (or a count of failed sign-ins) that was there before it? */
const endsLockout = (input: { unlock?: true }, before: Pick<Account, 'lockedUntil' | 'failedAttempts'>) =>
  input.unlock === true && (before.lockedUntil !== null || before.failedAttempts > 0);

/**
 * The security log's detail for a change of the policy: each setting that moved, before → after,
 * named as the Security settings card labels it.
 */
const policyChanges = (before: SecurityPolicy, after: SecurityPolicy): string[] =>
  (Object.keys(after) as (keyof SecurityPolicy)[])
    .filter((key) => before[key] !== after[key])
    .map((key) => `${t(`securityPolicy.${key}`)}: ${before[key]} → ${after[key]}`);

export function createAuthService(options: AuthServiceOptions) {
  const { store, log, hasher } = options;
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? (async () => 'UTC');
  let session: { accountId: string; user: SessionUser; locked: boolean; team?: TeamHold } | null = null;
  const isTeamMode = async (): Promise<boolean> => (options.team ? options.team.active() : false);
  /** The office's security policy as the team server gave it last (migration 13); null: not read yet. */
  let teamPolicy: SecurityPolicy | null = null;

  /** The rules in force: in team mode the server's (the last read while it is away), else this desk's. */
  async function currentPolicy(): Promise<SecurityPolicy> {
    if (teamPolicy && (await isTeamMode())) return { ...teamPolicy };
    return (await store.read()).policy;
  }

  /** Reads the server's policy under a session; a server away or refusing keeps the last one read. */
  async function refreshTeamPolicy(token: string): Promise<void> {
    try {
      if (options.team) teamPolicy = await options.team.accounts.policy(token);
    } catch (error) {
      // Sign-in and unlock go on with the last policy read (or this desk's until one is); a server
      // away is expected, anything else is a fault to see.
      if (!(error instanceof TeamServerAway))
        console.error('[redress] the team server’s security policy could not be read:', error);
    }
  }

  // ---- Helpers ----

  async function record(
    event: SecurityEventKind,
    at: Date,
    actor: PersonRef | null,
    subject: PersonRef | null,
    detail?: string,
  ): Promise<void> {
    await log.append({ time: at.toISOString(), event, actor, subject, ...(detail ? { detail } : {}) });
  }

  /** A store change; afterwards the session follows what became of its account. */
  async function mutate<T>(change: (draft: AccountsData) => T | Promise<T>): Promise<T> {
    let after: AccountsData | undefined;
    const result = await store.update(async (draft) => {
      const value = await change(draft);
      after = draft;
      return value;
    });
    // A team session's account lives on the server, not in this file.
    if (after && session && !session.team) {
      const account = after.accounts.find((a) => a.id === session!.accountId);
      session =
        account && !account.disabled ? { ...session, user: toSessionUser(withoutHash(account)) } : null;
    }
    return result;
  }

  /**
   * Checks a password against an account inside the store's queue, so concurrent attempts are
   * counted one after another: a locked account is refused without checking, a wrong password
   * counts towards the lockout, a right one clears the count and upgrades an old hash.
   */
  async function checkPassword(
    account: StoredAccount,
    password: string,
    policy: SecurityPolicy,
    at: Date,
  ): Promise<Check> {
    const until = lockedUntil(account, at);
    if (until) return { kind: 'locked', until };
    const { valid, needsRehash } = await hasher.verify(password, account.passwordHash);
    if (!valid) {
      const next = afterFailedSignIn(account, policy, at);
      account.failedAttempts = next.failedAttempts;
      account.lockedUntil = next.lockedUntil;
      return next.lockedOut
        ? { kind: 'locked-out', until: new Date(next.lockedUntil!) }
        : { kind: 'wrong', failedAttempts: next.failedAttempts };
    }
    Object.assign(account, afterSuccessfulSignIn());
    if (needsRehash) account.passwordHash = await hasher.hash(password);
    return { kind: 'ok' };
  }

  async function lockedOut(until: Date, at: Date): Promise<PermissionError> {
    const zone = await timeZone().catch(() => 'UTC');
    let time: string;
    try {
      time = tryAgainAfter(until, at, zone);
    } catch {
      time = tryAgainAfter(until, at, 'UTC');
    }
    return new PermissionError(lockedOutMessage(time));
  }

  /**
   * Logs a failed password check and gives the error to throw. A lockout also ends the session of
   * the locked account, if it is the one signed in (a wrong password at the lock screen).
   */
  async function refusal(
    check: Exclude<Check, { kind: 'ok' }>,
    event: 'sign-in-failed' | 'unlock-failed',
    subject: PersonRef,
    at: Date,
    wrong: Error,
    context = '',
  ): Promise<Error> {
    if (check.kind === 'locked') {
      await record(event, at, null, subject, `${context}The account is locked.`);
      return lockedOut(check.until, at);
    }
    if (check.kind === 'wrong') {
      await record(event, at, null, subject, `${context}Failed attempts in a row: ${check.failedAttempts}.`);
      return wrong;
    }
    await record(event, at, null, subject, `${context}Wrong password.`);
    const endedSession = session?.accountId === subject.id ? session : null;
    if (endedSession) session = null;
    await record('locked-out', at, null, subject, `Locked until ${check.until.toISOString()}.`);
    if (endedSession) {
      await record('sign-out', at, personRef(endedSession.user), subject, 'The account was locked.');
    }
    return lockedOut(check.until, at);
  }

  function requireSignedIn(): SessionUser {
    if (!session) throw signedOut();
    if (session.locked) throw new SessionError('LOCKED', SCREEN_LOCKED);
    return session.user;
  }

  function requireAdministrator(message: string): SessionUser {
    const user = requireSignedIn();
    if (!isAdministrator(user)) throw new PermissionError(message);
    return user;
  }

  function findById(draft: AccountsData, id: string): StoredAccount {
    const account = draft.accounts.find((a) => a.id === id);
    if (!account) throw new NotFoundError('There is no such account.');
    return account;
  }

  /** An account as setup and add make it: enabled, no failed sign-ins, its password set now. */
  function newAccount(
    fields: Pick<Account, 'name' | 'roles' | 'approvalLimit' | 'createdBy'>,
    passwordHash: string,
    at: Date,
  ): StoredAccount {
    return {
      id: randomUUID(),
      ...fields,
      disabled: false,
      createdAt: at.toISOString(),
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: at.toISOString(),
      passwordHash,
    };
  }

  function checkNewPassword(password: string, name: string, policy: SecurityPolicy, field: string): void {
    const problem = passwordProblem(password, { name, policy });
    if (problem) throw new ValidationError(problem, field);
  }

  // ---- The session ----

  async function status(): Promise<AuthStatus> {
    const { accounts } = await store.read();
    const lockedFor = session?.locked ? session.team?.endedOnServer : undefined;
    return {
      setUp: accounts.length > 0 || (await isTeamMode()),
      user: session ? { ...session.user, roles: [...session.user.roles] } : null,
      locked: session?.locked ?? false,
      ...(lockedFor ? { lockedFor } : {}),
      policy: await currentPolicy(),
    };
  }

  async function setup(input: ParsedInputOf<'auth:setup'>): Promise<AuthStatus> {
    // In team mode the server's accounts are the office's: nobody sets this desk up on its own.
    if (await isTeamMode()) throw new ConflictError(ALREADY_SET_UP);
    const before = await store.read();
    // Checked before hashing, so a set-up office does not spend half a second on every attempt.
    if (before.accounts.length > 0) throw new ConflictError(ALREADY_SET_UP);
    checkNewPassword(input.password, input.name, before.policy, 'password');
    const passwordHash = await hasher.hash(input.password);
    const at = now();
    const account = await mutate((draft) => {
      if (draft.accounts.length > 0) throw new ConflictError(ALREADY_SET_UP);
      const created = newAccount(
        {
          name: input.name,
          roles: ACCOUNT_ROLES.filter((r) => r === 'administrator' || input.roles?.includes(r)),
          approvalLimit: null,
          createdBy: null,
        },
        passwordHash,
        at,
      );
      draft.accounts.push(created);
      return withoutHash(created);
    });
    session = { accountId: account.id, user: toSessionUser(account), locked: false };
    await record(
      'setup',
      at,
      null,
      personRef(account),
      `First administrator; roles: ${describeRoles(account.roles)}.`,
    );
    await record('sign-in', at, personRef(account), personRef(account));
    return status();
  }

  /** Ends the session held now (another sign-in, a sign-out, a lockout), on the server too. */
  async function endSession(at: Date, detail?: string): Promise<void> {
    const ended = session;
    if (!ended) return;
    session = null;
    if (ended.team) await options.team?.signOut(ended.team.token);
    const who = personRef(ended.user);
    await record('sign-out', at, who, who, detail);
  }

  async function teamSignIn(team: TeamAuthority, input: ParsedInputOf<'auth:sign-in'>, at: Date) {
    const answer = await team.signIn(input.name, input.password);
    switch (answer.outcome) {
      case 'away':
        await record('sign-in-failed', at, null, null, 'The team server could not be reached.');
        throw new PermissionError(TEAM_SERVER_AWAY);
      case 'wrong':
        await record('sign-in-failed', at, null, null, 'The team server refused the name or password.');
        throw new PermissionError(WRONG_NAME_OR_PASSWORD);
      case 'disabled':
        await record('sign-in-failed', at, null, null, 'The team server says the account is turned off.');
        throw new PermissionError(ACCOUNT_DISABLED);
      case 'locked':
        await record('sign-in-failed', at, null, null, 'The team server says the account is locked.');
        throw await lockedOut(answer.until, at);
    }
    const { token, user, expiresAt } = answer.session;
    const unlockHash = await hasher.hash(input.password);
    if (session) await endSession(at, 'Another sign-in on this desk.');
    session = {
      accountId: user.id,
      user,
      locked: false,
      team: { token, expiresAt: new Date(expiresAt), unlockHash, failedUnlocks: 0 },
    };
    const subject = personRef(user);
    await record('sign-in', at, subject, subject, 'Verified by the team server.');
    await refreshTeamPolicy(token);
    return status();
  }

  async function signIn(input: ParsedInputOf<'auth:sign-in'>): Promise<AuthStatus> {
    const at = now();
    if (options.team && (await options.team.active())) return teamSignIn(options.team, input, at);
    const outcome = await mutate(async (draft) => {
      const account = findAccountByName(draft.accounts, input.name);
      if (!account) {
        // Same work as a real check, so the answer's timing does not say whether the name exists.
        await hasher.verify(input.password, hasher.dummyHash);
        return { account: null, check: null };
      }
      if (account.disabled) {
        const { valid } = await hasher.verify(input.password, account.passwordHash);
        return { account: withoutHash(account), check: null, disabledRightPassword: valid };
      }
      const check = await checkPassword(account, input.password, draft.policy, at);
      return { account: withoutHash(account), check };
    });

    if (!outcome.account) {
      // The name typed is not logged: people type their password into the name box.
      await record('sign-in-failed', at, null, null, 'No account has the name typed.');
      throw new PermissionError(WRONG_NAME_OR_PASSWORD);
    }
    const subject = personRef(outcome.account);
    if (!outcome.check) {
      await record('sign-in-failed', at, null, subject, 'The account is turned off.');
      throw new PermissionError(outcome.disabledRightPassword ? ACCOUNT_DISABLED : WRONG_NAME_OR_PASSWORD);
    }
    if (outcome.check.kind !== 'ok') {
      throw await refusal(
        outcome.check,
        'sign-in-failed',
        subject,
        at,
        new PermissionError(WRONG_NAME_OR_PASSWORD),
      );
    }
    const replaced = session;
    session = { accountId: outcome.account.id, user: toSessionUser(outcome.account), locked: false };
    if (replaced) {
      const who = personRef(replaced.user);
      await record('sign-out', at, who, who, 'Another sign-in on this desk.');
    }
    await record('sign-in', at, subject, subject);
    return status();
  }

  async function signOut(): Promise<AuthStatus> {
    await endSession(now());
    return status();
  }

  async function lock(): Promise<AuthStatus> {
    if (!session) throw signedOut();
    if (!session.locked) {
      session = { ...session, locked: true };
      const who = personRef(session.user);
      await record('lock', now(), who, who);
    }
    return status();
  }

  /** Unlocks a team session: the server decides when it answers; else this session's own copy. */
  async function teamUnlock(hold: TeamHold, password: string): Promise<AuthStatus> {
    const at = now();
    const current = session!;
    const subject = personRef(current.user);
    if (at >= hold.expiresAt) {
      await endSession(at, 'The team session ran out.');
      throw signedOut();
    }
    const answer = options.team ? await options.team.signIn(current.user.name, password) : null;
    if (answer && answer.outcome === 'ok') {
      await options.team?.signOut(hold.token);
      const { token, user, expiresAt } = answer.session;
      session = {
        accountId: user.id,
        user,
        locked: false,
        team: {
          token,
          expiresAt: new Date(expiresAt),
          unlockHash: await hasher.hash(password),
          failedUnlocks: 0,
        },
      };
      await record('unlock', at, subject, subject, 'Verified by the team server.');
      await refreshTeamPolicy(token);
      return status();
    }
    if (answer && (answer.outcome === 'locked' || answer.outcome === 'disabled')) {
      await record(
        'unlock-failed',
        at,
        null,
        subject,
        `The team server says the account is ${answer.outcome === 'locked' ? 'locked' : 'turned off'}.`,
      );
      await endSession(at, 'The team server refused the account.');
      throw answer.outcome === 'locked'
        ? await lockedOut(answer.until, at)
        : new PermissionError(ACCOUNT_DISABLED);
    }
    const wrong = new PermissionError('That password is not right.');
    if (answer && answer.outcome === 'wrong') {
      await record('unlock-failed', at, null, subject, 'The team server refused the password.');
      throw wrong;
    }
    // The server ended this session: only the server may open a new one.
    if (hold.endedOnServer) {
      await record(
        'unlock-failed',
        at,
        null,
        subject,
        'The team server was away, and had ended the session.',
      );
      throw new PermissionError(TEAM_SERVER_AWAY);
    }
    // The server is away: this session's own copy decides, and a few wrong tries end the session.
    const { valid } = await hasher.verify(password, hold.unlockHash);
    if (valid) {
      hold.failedUnlocks = 0;
      current.locked = false;
      await record('unlock', at, subject, subject, 'The team server was away: checked against this session.');
      return status();
    }
    hold.failedUnlocks += 1;
    await record(
      'unlock-failed',
      at,
      null,
      subject,
      `The team server was away. Failed attempts in a row: ${hold.failedUnlocks}.`,
    );
    const policy = await currentPolicy();
    if (hold.failedUnlocks >= policy.lockoutAttempts) {
      await endSession(at, 'Too many wrong passwords at the lock screen while the team server was away.');
      throw signedOut();
    }
    throw wrong;
  }

  async function unlock(input: ParsedInputOf<'auth:unlock'>): Promise<AuthStatus> {
    if (!session) throw signedOut();
    if (!session.locked) return status();
    if (session.team) return teamUnlock(session.team, input.password);
    const accountId = session.accountId;
    const subject = personRef(session.user);
    const at = now();
    const check = await mutate((draft) => {
      const account = draft.accounts.find((a) => a.id === accountId);
      // Turned off meanwhile: mutate() has ended the session.
      if (!account || account.disabled) return null;
      return checkPassword(account, input.password, draft.policy, at);
    });
    if (!check || !session) throw signedOut();
    if (check.kind !== 'ok') {
      throw await refusal(
        check,
        'unlock-failed',
        subject,
        at,
        new PermissionError('That password is not right.'),
      );
    }
    if (session.accountId === accountId) session = { ...session, locked: false };
    await record('unlock', at, subject, subject);
    return status();
  }

  /**
   * Promotion (team-promote.ts) opened a session on the team server for the administrator signed in
   * here: the desk's session becomes a team session, as if they had signed in to the server (their
   * promoted hash is the one this desk holds, so unlocking while the server is away checks the same
   * password). Anyone else's session, or one already on a server, is left as it is.
   */
  async function adoptPromotionSession(input: { accountId: string; token: string; expiresAt: string }) {
    const current = session;
    if (!current || current.team || current.accountId !== input.accountId) return;
    const account = (await store.read()).accounts.find((a) => a.id === input.accountId);
    if (!account) return;
    current.team = {
      token: input.token,
      expiresAt: new Date(input.expiresAt),
      unlockHash: account.passwordHash,
      failedUnlocks: 0,
    };
    const subject = personRef(current.user);
    await record('sign-in', now(), subject, subject, 'Promoted this desk: signed in to the team server.');
    await refreshTeamPolicy(input.token);
  }

  /** The team server's token of the session held now (the sync claims it), or null. */
  const teamToken = (): string | null => session?.team?.token ?? null;

  /** The team session held now, for the sync's check at each pass (desk-sync.ts), or null. */
  const teamSessionHeld = (): { token: string; accountId: string } | null =>
    session?.team ? { token: session.team.token, accountId: session.accountId } : null;

  /**
   * What the team server says now of the session `token` (asked at each sync pass): ended there or
   * its account turned off → the desk locks, saying why (`lockedFor`; the app stays as it
   * was beneath the lock screen, and only the server can unlock it); still open → the session takes
   * the account's name, roles and approval limit as they are now, and the office's policy.
   */
  async function followTeamSession(token: string, check: TeamSessionCheck): Promise<SessionMoved> {
    const held = session;
    if (!held?.team || held.team.token !== token) return 'same';
    if (check.state !== 'open') {
      const reason: TeamLockReason = check.state === 'disabled' ? 'account-turned-off' : 'session-ended';
      if (held.locked && held.team.endedOnServer === reason) return 'same';
      session = { ...held, locked: true, team: { ...held.team, endedOnServer: reason } };
      const who = personRef(held.user);
      await record(
        'lock',
        now(),
        who,
        who,
        check.state === 'disabled'
          ? 'The team server says the account is turned off.'
          : 'The team server ended the session.',
      );
      return 'locked';
    }
    const policyBefore = teamPolicy;
    teamPolicy = check.policy;
    const user = check.user;
    const moved =
      user.name !== held.user.name ||
      describeRoles(user.roles) !== describeRoles(held.user.roles) ||
      user.approvalLimit !== held.user.approvalLimit ||
      JSON.stringify(policyBefore) !== JSON.stringify(teamPolicy);
    if (!moved) return 'same';
    session = { ...held, user: { ...user, roles: [...user.roles] } };
    return 'changed';
  }

  /** The session for the access rules (src-main/ipc/authorize.ts). */
  const sessionState = (): SessionState | null =>
    session ? { user: { ...session.user, roles: [...session.user.roles] }, locked: session.locked } : null;

  // ---- Accounts ----

  /** In team mode the office's accounts live on the server: the session's token, to act there. */
  function teamAccounts(): { team: TeamAuthority; token: string } | null {
    return session?.team && options.team ? { team: options.team, token: session.team.token } : null;
  }

  /** The people the server listed last, for pickers while it is away. */
  let lastTeamPeople: AccountSummary[] | null = null;

  /**
   * A call to the team server's accounts: away → `away` (nothing changed); its refusals worded as a
   * single desk words them, beside the same fields.
   */
  async function onServer<T>(
    call: () => Promise<T>,
    away: string,
    refusal: { notAdministrator: string; lastAdministratorField?: string },
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof TeamServerAway) throw new ConflictError(away);
      if (!(error instanceof TeamAccountRefusal)) throw error;
      const wording: Record<Exclude<TeamAccountRefusalReason, 'signed-out'>, () => Error> = {
        'not-administrator': () => new PermissionError(refusal.notAdministrator),
        'changed-elsewhere': () => new ConflictError(ACCOUNT_CHANGED_ELSEWHERE),
        'last-administrator': () =>
          new ConflictError(NEEDS_AN_ADMINISTRATOR, refusal.lastAdministratorField ?? 'roles'),
        'own-account': () => new ConflictError(TURN_OFF_OWN_ACCOUNT, 'disabled'),
        'no-such-account': () => new NotFoundError('There is no such account.'),
        'name-taken': () => new ConflictError(NAME_TAKEN, 'name'),
      };
      if (error.reason !== 'signed-out') throw wording[error.reason]();
      await endSession(now(), 'The team server ended the session.');
      throw signedOut();
    }
  }

  /** The session's own account changed on the server: it follows (name, roles, approval limit). */
  function followOwnAccount(account: Account): void {
    if (session?.team && session.accountId === account.id)
      session = { ...session, user: toSessionUser(account) };
  }

  async function list(): Promise<OutputOf<'accounts:list'>> {
    const user = requireSignedIn();
    const onTeam = teamAccounts();
    const byName = <A extends { name: string }>(accounts: A[]) =>
      accounts.sort((a, b) => a.name.localeCompare(b.name));
    if (onTeam && isAdministrator(user)) {
      const accounts = byName(
        await onServer(() => onTeam.team.accounts.list(onTeam.token), TEAM_SERVER_AWAY_FOR_PEOPLE, {
          notAdministrator: 'Only an administrator can see every detail of the office’s accounts.',
        }),
      );
      lastTeamPeople = accounts.map(toAccountSummary);
      return { view: 'full', accounts };
    }
    if (onTeam) {
      try {
        lastTeamPeople = byName(await onTeam.team.accounts.people());
      } catch (error) {
        if (!(error instanceof TeamServerAway)) throw error;
        if (!lastTeamPeople) throw new ConflictError(TEAM_SERVER_AWAY_FOR_PEOPLE);
      }
      return { view: 'summary', accounts: lastTeamPeople.map((a) => ({ ...a, roles: [...a.roles] })) };
    }
    const { accounts } = await store.read();
    const sorted = byName(accounts.map(withoutHash));
    return isAdministrator(user)
      ? { view: 'full', accounts: sorted }
      : { view: 'summary', accounts: sorted.map(toAccountSummary) };
  }

  async function add(input: ParsedInputOf<'accounts:add'>): Promise<Account> {
    const refusalText = 'Only an administrator can add people.';
    const admin = requireAdministrator(refusalText);
    const onTeam = teamAccounts();
    const before = await store.read();
    if (!onTeam && accountNameTaken(before.accounts, input.name)) throw new ConflictError(NAME_TAKEN, 'name');
    checkNewPassword(input.password, input.name, await currentPolicy(), 'password');
    const passwordHash = await hasher.hash(input.password);
    const at = now();
    const account = onTeam
      ? await onServer(
          () =>
            onTeam.team.accounts.add(onTeam.token, {
              name: input.name,
              roles: input.roles,
              approvalLimit: input.approvalLimit,
              passwordHash,
            }),
          TEAM_SERVER_AWAY_FOR_ACCOUNTS,
          { notAdministrator: refusalText },
        )
      : await mutate((draft) => {
          requireAdministrator(refusalText);
          if (accountNameTaken(draft.accounts, input.name)) throw new ConflictError(NAME_TAKEN, 'name');
          const created = newAccount(
            { name: input.name, roles: input.roles, approvalLimit: input.approvalLimit, createdBy: admin.id },
            passwordHash,
            at,
          );
          draft.accounts.push(created);
          return withoutHash(created);
        });
    await record(
      'account-added',
      at,
      personRef(admin),
      personRef(account),
      `Roles: ${describeRoles(account.roles)}; approval limit: ${describeLimit(account.approvalLimit)}.`,
    );
    return account;
  }

  async function update(input: ParsedInputOf<'accounts:update'>): Promise<Account> {
    const refusalText = 'Only an administrator can change people’s accounts.';
    const admin = requireAdministrator(refusalText);
    const at = now();
    if (turnsOffOwnAccount(admin.id, input)) throw new ConflictError(TURN_OFF_OWN_ACCOUNT, 'disabled');
    const onTeam = teamAccounts();
    const { account, events } = onTeam
      ? await onServer(
          () => onTeam.team.accounts.update(onTeam.token, input),
          TEAM_SERVER_AWAY_FOR_ACCOUNTS,
          { notAdministrator: refusalText, lastAdministratorField: input.disabled ? 'disabled' : 'roles' },
        ).then(({ before, after }) => {
          followOwnAccount(after);
          return { account: after, events: accountChangeEvents(before, after, endsLockout(input, before)) };
        })
      : await mutate((draft) => {
          requireAdministrator(refusalText);
          const target = findById(draft, input.id);
          const before = withoutHash(target);
          if (input.name !== undefined && input.name !== target.name) {
            if (accountNameTaken(draft.accounts, input.name, target.id))
              throw new ConflictError(NAME_TAKEN, 'name');
            target.name = input.name;
          }
          if (input.roles !== undefined) target.roles = input.roles;
          if (input.approvalLimit !== undefined) target.approvalLimit = input.approvalLimit;
          if (input.disabled !== undefined) target.disabled = input.disabled;
          const unlocked = endsLockout(input, before);
          if (unlocked) Object.assign(target, afterSuccessfulSignIn());
          if (!hasActiveAdministrator(draft.accounts)) {
            throw new ConflictError(NEEDS_AN_ADMINISTRATOR, input.disabled ? 'disabled' : 'roles');
          }
          const after = withoutHash(target);
          return { account: after, events: accountChangeEvents(before, after, unlocked) };
        });
    for (const { event, detail } of events) {
      await record(event, at, personRef(admin), personRef(account), detail);
    }
    return account;
  }

  async function resetPassword(input: ParsedInputOf<'accounts:reset-password'>): Promise<Account> {
    const refusalText = 'Only an administrator can reset a password.';
    const admin = requireAdministrator(refusalText);
    const onTeam = teamAccounts();
    const before = await store.read();
    const target = onTeam
      ? (
          await onServer(() => onTeam.team.accounts.list(onTeam.token), TEAM_SERVER_AWAY_FOR_ACCOUNTS, {
            notAdministrator: refusalText,
          })
        ).find((a) => a.id === input.id)
      : before.accounts.find((a) => a.id === input.id);
    if (!target) throw new NotFoundError('There is no such account.');
    checkNewPassword(input.password, target.name, await currentPolicy(), 'password');
    const passwordHash = await hasher.hash(input.password);
    const at = now();
    const account = onTeam
      ? await onServer(
          () => onTeam.team.accounts.resetPassword(onTeam.token, { id: input.id, passwordHash }),
          TEAM_SERVER_AWAY_FOR_ACCOUNTS,
          { notAdministrator: refusalText },
        )
      : await mutate((draft) => {
          requireAdministrator(refusalText);
          const fresh = findById(draft, input.id);
          Object.assign(fresh, afterSuccessfulSignIn(), {
            passwordHash,
            passwordChangedAt: at.toISOString(),
          });
          return withoutHash(fresh);
        });
    // An administrator who reset their own: unlocking while the server is away takes the new one.
    if (session?.team && session.accountId === account.id) session.team.unlockHash = passwordHash;
    await record('password-reset', at, personRef(admin), personRef(account));
    return account;
  }

  async function changePassword(
    input: ParsedInputOf<'accounts:change-password'>,
  ): Promise<{ changed: true }> {
    const user = requireSignedIn();
    checkNewPassword(input.next, user.name, await currentPolicy(), 'next');
    if (normalizePassword(input.next) === normalizePassword(input.current)) {
      throw new ValidationError('Choose a new password, not the one you have now.', 'next');
    }
    const nextHash = await hasher.hash(input.next);
    const at = now();
    const subject = personRef(user);
    if (session?.team && options.team)
      return teamChangePassword(options.team, session.team, user, input, nextHash, at);
    const check = await mutate(async (draft) => {
      const account = findById(draft, user.id);
      const result = await checkPassword(account, input.current, draft.policy, at);
      if (result.kind === 'ok') {
        account.passwordHash = nextHash;
        account.passwordChangedAt = at.toISOString();
      }
      return result;
    });
    if (check.kind !== 'ok') {
      throw await refusal(
        check,
        'sign-in-failed',
        subject,
        at,
        new ValidationError('Your current password is not right.', 'current'),
        'Wrong current password when changing it. ',
      );
    }
    await record('password-changed', at, subject, subject);
    return { changed: true };
  }

  /** In team mode the password lives on the server: it checks the current one and keeps the new. */
  async function teamChangePassword(
    team: TeamAuthority,
    hold: TeamHold,
    user: SessionUser,
    input: ParsedInputOf<'accounts:change-password'>,
    nextHash: string,
    at: Date,
  ): Promise<{ changed: true }> {
    const subject = personRef(user);
    const answer = await team.changePassword({
      token: hold.token,
      name: user.name,
      current: input.current,
      nextHash,
    });
    switch (answer.outcome) {
      case 'away':
        throw new ConflictError(TEAM_SERVER_AWAY_FOR_PASSWORD);
      case 'wrong':
        await record(
          'sign-in-failed',
          at,
          null,
          subject,
          'Wrong current password when changing it (team server).',
        );
        throw new ValidationError('Your current password is not right.', 'current');
      case 'locked':
        await record(
          'sign-in-failed',
          at,
          null,
          subject,
          'Wrong current password when changing it: the team server locked the account.',
        );
        await endSession(at, 'The account was locked.');
        throw await lockedOut(answer.until, at);
      case 'signed-out':
        await endSession(at, 'The team server ended the session.');
        throw signedOut();
      case 'ok':
        // Unlocking while the server is away checks the password the server now holds.
        hold.unlockHash = nextHash;
        await record('password-changed', at, subject, subject, 'On the team server.');
        return { changed: true };
    }
  }

  async function setPolicy(patch: ParsedInputOf<'accounts:set-policy'>): Promise<SecurityPolicy> {
    const refusalText = 'Only an administrator can change the security settings.';
    const admin = requireAdministrator(refusalText);
    const at = now();
    const onTeam = teamAccounts();
    if (onTeam) {
      // The office's rules live on the server: it sets them (administrators only) and answers with them.
      const parsed = SecurityPolicyFieldsSchema.partial().safeParse(patch);
      if (!parsed.success) throw validationErrorFromZod(parsed.error);
      const given = parsed.data;
      const { before, after } = await onServer(
        () => onTeam.team.accounts.setPolicy(onTeam.token, given),
        TEAM_SERVER_AWAY_FOR_ACCOUNTS,
        { notAdministrator: refusalText },
      );
      teamPolicy = after;
      const changes = policyChanges(before, after);
      if (changes.length > 0)
        await record('policy-changed', at, personRef(admin), null, `${changes.join('; ')} (team server)`);
      return { ...after };
    }
    const { policy, changes } = await mutate((draft) => {
      requireAdministrator(refusalText);
      const given = Object.entries(patch).filter(([, value]) => value !== undefined) as [
        keyof SecurityPolicy,
        number,
      ][];
      const before = draft.policy;
      draft.policy = { ...draft.policy, ...Object.fromEntries(given) };
      return { policy: draft.policy, changes: policyChanges(before, draft.policy) };
    });
    if (changes.length > 0) await record('policy-changed', at, personRef(admin), null, changes.join('; '));
    return policy;
  }

  async function securityLog(
    input: ParsedInputOf<'accounts:security-log'>,
  ): Promise<OutputOf<'accounts:security-log'>> {
    requireAdministrator('Only an administrator can read the security log.');
    return log.page(input);
  }

  return {
    status,
    setup,
    signIn,
    signOut,
    lock,
    unlock,
    sessionState,
    teamToken,
    adoptPromotionSession,
    teamSessionHeld,
    followTeamSession,
    list,
    add,
    update,
    resetPassword,
    changePassword,
    setPolicy,
    securityLog,
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
