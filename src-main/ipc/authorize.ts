// Who may call which channel: one rule per channel, checked against the session main holds.
import { isAdministrator } from '../../src-shared/domain/accounts';
import { PermissionError, SessionError } from '../../src-shared/errors';
import { accountsChannels } from '../../src-shared/ipc/channels/accounts';
import { channels, type Channel, type Handlers } from '../../src-shared/ipc/contract';
import { SCREEN_LOCKED, signedOut, type SessionState } from '../services/accounts/auth';

/**
 * - `anyone`: also before sign-in (the sign-in screen itself, and what it needs to be drawn);
 * - `session`: someone is signed in, even with the screen locked (locking, unlocking);
 * - `signed-in`: someone is signed in and the screen is not locked;
 * - `administrator`: the same, and that person is an administrator;
 * - `administrator-or-new`: an administrator, or anyone while no account exists yet (restoring a
 *   backup onto a new computer comes before anyone can sign in; the restore brings the accounts).
 * - `manager`: someone signed in who is a manager.
 */
export type Access =
  'anyone' | 'session' | 'signed-in' | 'administrator' | 'administrator-or-new' | 'manager';

export const CHANNEL_ACCESS: { readonly [C in Channel]: Access } = {
  // The sign-in screen shows the version, and is drawn in the office's language, theme and name.
  'app:info': 'anyone',
  // The warning that the disk is nearly full shows on every screen, the sign-in screen too.
  'app:disk-space': 'anyone',
  'settings:get': 'anyone',
  'settings:set': 'administrator',
  'evidence:upload-start': 'signed-in',
  'evidence:upload-chunk': 'signed-in',
  'evidence:upload-finish': 'signed-in',
  'evidence:upload-cancel': 'signed-in',
  'evidence:verify': 'signed-in',
  'evidence:open': 'signed-in',
  'reports:case-pdf': 'signed-in',
  'reports:management-pdf': 'signed-in',
  'reports:choose-folder': 'signed-in',
  'letters:pdf': 'signed-in',
  'auth:status': 'anyone',
  // Refused by the service once anyone has an account.
  'auth:setup': 'anyone',
  'auth:sign-in': 'anyone',
  'auth:sign-out': 'anyone',
  'auth:lock': 'session',
  'auth:unlock': 'session',
  'accounts:list': 'signed-in',
  'accounts:add': 'administrator',
  'accounts:update': 'administrator',
  'accounts:reset-password': 'administrator',
  'accounts:change-password': 'signed-in',
  'accounts:set-policy': 'administrator',
  'accounts:security-log': 'administrator',
  // Before sign-in: the renderer must know which database to open.
  'database:active': 'anyone',
  'backup:status': 'signed-in',
  'backup:set-passphrase': 'administrator',
  'backup:unlock': 'signed-in',
  'backup:configure': 'administrator',
  'backup:add-file': 'administrator-or-new',
  'backup:list': 'administrator-or-new',
  'backup:begin': 'signed-in',
  'backup:chunk': 'signed-in',
  'backup:finish': 'signed-in',
  'backup:cancel': 'signed-in',
  'backup:verify': 'administrator-or-new',
  'backup:restore-open': 'administrator-or-new',
  'backup:restore-read': 'administrator-or-new',
  'backup:restore-disposals': 'administrator-or-new',
  'backup:restore-commit': 'administrator-or-new',
  'backup:restore-cancel': 'administrator-or-new',
  // Refused by main in a live profile, whoever asks.
  'training:demo-accounts': 'administrator',
  'training:wipe': 'administrator',
  'training:open': 'signed-in',
  // The sign-in screen too: whoever sits there is told to call the administrator.
  'settings:problem': 'anyone',
  'settings:use-last-good': 'administrator',
  'settings:keep-defaults': 'administrator',
  // Disposal and erasure remove evidence files for good: a manager's decision (retention.decide).
  'evidence:dispose': 'manager',
  // Each line has a restore dispose of a case again: written only by those who may dispose.
  'disposals:record': 'manager',
  'disposals:status': 'manager',
  // Also while locked: a checkpoint due when the screen locked still reaches the anchor.
  'anchor:checkpoint': 'session',
  'anchor:read': 'signed-in',
  'database:census': 'signed-in',
  'database:start-empty': 'administrator',
  'reminders:notify': 'signed-in',
  'email:import': 'signed-in',
  'email:save-letter': 'signed-in',
  'email:commit-staged': 'signed-in',
  'email:discard-staged': 'signed-in',
  // Case bundles: the renderer checks case permissions on what it reads and writes.
  'bundle:identity': 'signed-in',
  'bundle:export': 'signed-in',
  'bundle:upload-start': 'signed-in',
  'bundle:upload-chunk': 'signed-in',
  'bundle:upload-finish': 'signed-in',
  'bundle:trust': 'signed-in',
  'bundle:read': 'signed-in',
  'bundle:accept': 'signed-in',
  'bundle:cancel': 'signed-in',
  'bundle:sender-history': 'signed-in',
  'bundle:trusted-offices': 'signed-in',
  'bundle:revoke': 'administrator',
  'sheets:upload-start': 'signed-in',
  'sheets:upload-chunk': 'signed-in',
  'sheets:upload-cancel': 'signed-in',
  'sheets:parse': 'signed-in',
  'sheets:rows': 'signed-in',
  'sheets:release': 'signed-in',
  'sheets:export': 'signed-in',
  // Team mode: every desk shows where it syncs; only an administrator sets or tries the connection.
  'team:status': 'signed-in',
  'team:configure': 'administrator',
  'team:test-connection': 'administrator',
  // Sets up the server's tables with the owner's account (typed for this once, never kept).
  'team:set-up-server': 'administrator',
  'team:promote-accounts': 'administrator',
  // The sign-in screen: a connection nobody can sign in through is mended before anyone signs in
  // (the service refuses while it works, and keeps only what the server accepts).
  'team:connection-problem': 'anyone',
  'team:repair-connection': 'anyone',
  // Syncing goes on while someone is signed in, the screen locked too (nothing reaches the screen);
  // each change pushed is in the name of the person main holds signed in.
  'team:sync-status': 'session',
  'team:push': 'session',
  'team:pull': 'session',
  'team:wait-for-changes': 'session',
  'team:reference-range': 'session',
  'team:upload-evidence': 'session',
  'team:trail-page': 'signed-in',
  'team:trail-payloads': 'session',
  'team:hidden-cases': 'session',
  'team:drop-evidence-copies': 'session',
  'team:case-history': 'session',
};

/** Why this session may not call this channel, or null when it may. */
export function authorize(
  channel: Channel,
  session: SessionState | null,
  noAccountYet = false,
): PermissionError | SessionError | null {
  const access = CHANNEL_ACCESS[channel];
  if (access === 'anyone') return null;
  if (access === 'administrator-or-new' && noAccountYet) return null;
  if (!session) return signedOut();
  if (access === 'session') return null;
  if (session.locked) return new SessionError('LOCKED', SCREEN_LOCKED);
  if ((access === 'administrator' || access === 'administrator-or-new') && !isAdministrator(session.user)) {
    return new PermissionError('Only an administrator can do this.');
  }
  if (access === 'manager' && !session.user.roles.includes('manager')) {
    return new PermissionError('Only a manager can do this.');
  }
  return null;
}

/**
 * The channels that came before accounts. The accounts and session channels check the session
 * in the auth service itself (with words for each refusal), so they are always enforced.
 */
export const EXISTING_CHANNELS: readonly Channel[] = channels.filter(
  (c) => !Object.hasOwn(accountsChannels, c),
);

/**
 * The handler map with `authorize` in front of the existing channels. `noAccountYet` is asked only
 * for the channels open to a new office (it reads the accounts file).
 */
export function guardExistingChannels(
  handlers: Handlers,
  session: () => SessionState | null,
  noAccountYet: () => Promise<boolean> = async () => false,
): Handlers {
  const guarded = { ...handlers } as Record<string, (input: unknown) => Promise<unknown>>;
  for (const channel of EXISTING_CHANNELS) {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    guarded[channel] = async (input) => {
      const current = session();
      const isNew =
        CHANNEL_ACCESS[channel] === 'administrator-or-new' && !current ? await noAccountYet() : false;
      const refusal = authorize(channel, current, isNew);
      if (refusal) throw refusal;
      return handler(input);
    };
  }
  return guarded as unknown as Handlers;
}
