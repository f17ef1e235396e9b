// Promote, main's part (DESIGN.md, "Team mode"): an administrator turns a single desk into the
// first desk of a team. Main checks the server is empty (no change in its sequence, no account) and
// refuses otherwise, then uploads this desk's accounts (`promoteAccounts`). The records and the
// audit trail go up afterwards from the renderer through `team:push`, so the server's rules apply.
import { Client, type ClientBase, type ClientConfig } from 'pg';
import { isAdministrator, type SecurityPolicy, type SessionUser } from '../../../src-shared/domain/accounts';
import { PermissionError, SessionError, ValidationError } from '../../../src-shared/errors';
import type { AccountsData } from '../accounts/account-store';
import { describeConnectionError } from './connection';
import { promoteAccountsAs, setTeamSecurityPolicy } from './team-accounts';

type Queryable = Pick<ClientBase, 'query'>;

export const PROMOTE_ADMIN_ONLY = 'Only an administrator can promote this desk to a team server.';
export const SERVER_NOT_EMPTY =
  'The team server already holds records or accounts: a desk can only be promoted to an empty server. Join it instead, or ask IT for a new, empty database.';
const CONNECT_TIMEOUT_MS = 8000;

/** What the server already holds: changes in its sequence and accounts. */
export async function serverContents(db: Queryable): Promise<{ changes: number; accounts: number }> {
  const { rows } = await db.query<{ changes: string; accounts: string }>(
    'SELECT (SELECT last_seq FROM sync_head) AS changes, (SELECT count(*) FROM accounts) AS accounts',
  );
  return { changes: Number(rows[0]!.changes), accounts: Number(rows[0]!.accounts) };
}

/** The session the server opened for the promoting administrator (migration 14). */
export interface PromotionSession {
  accountId: string;
  token: string;
  expiresAt: string;
}

/**
 * Checks the server is empty, then uploads the accounts; the server opens a session for `promoter`
 * on desk `deskId`, under which the desk's whole security policy goes up too (the upload itself
 * carries only the lockout pair; the shortest password and the idle lock would otherwise start at
 * the server's defaults). Answers how many accounts went up, that session, and the policy when it
 * did not go up (else null), for the person promoting to set it again: the server keeps its defaults.
 */
export async function promoteToEmptyServer(
  db: ClientBase,
  data: AccountsData,
  promoter: { id: string; deskId: string },
): Promise<{ accounts: number; session: PromotionSession; policyNotCopied: SecurityPolicy | null }> {
  const held = await serverContents(db);
  if (held.changes > 0 || held.accounts > 0) throw new ValidationError(SERVER_NOT_EMPTY);
  const { accounts, token, expiresAt } = await promoteAccountsAs(db, data, promoter);
  let policyNotCopied: SecurityPolicy | null = null;
  try {
    await setTeamSecurityPolicy(db, token, data.policy);
  } catch (error) {
    // The accounts are up and cannot go up again (the server is no longer empty): the promotion goes
    // on, and the server keeps its defaults until an administrator saves the policy in Settings.
    console.error('Promotion: the security policy could not be copied to the team server.', error);
    policyNotCopied = data.policy;
  }
  return { accounts, session: { accountId: promoter.id, token, expiresAt }, policyNotCopied };
}

export interface PromotionOptions {
  config: () => Promise<ClientConfig | null>;
  accounts: () => Promise<AccountsData>;
  /** The person signed in at this desk, or null. */
  user: () => SessionUser | null;
  /** This desk's id on the team server (desk-sync's). */
  deskId: () => Promise<string>;
  /**
   * Hands the promoting administrator's server session to the desk's sign-in (auth.ts), so the
   * promotion's pushes and everything after claim it: the server keeps approvals only under one.
   */
  adoptSession: (session: PromotionSession) => Promise<void>;
}

/** `team:promote-accounts`: administrators only, over the saved connection. */
export function createPromotion({ config, accounts, user, deskId, adoptSession }: PromotionOptions) {
  return {
    async promoteAccounts(): Promise<{ accounts: number; policyNotCopied: SecurityPolicy | null }> {
      const person = user();
      if (!person) throw new SessionError('SIGNED_OUT', 'Sign in to promote this desk.');
      if (!isAdministrator(person)) throw new PermissionError(PROMOTE_ADMIN_ONLY);
      const saved = await config();
      if (!saved) throw new ValidationError('Save the team server’s connection first.');
      const client = new Client({ ...saved, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      client.on('error', () => undefined);
      let promoted: Awaited<ReturnType<typeof promoteToEmptyServer>>;
      try {
        try {
          await client.connect();
        } catch (error) {
          throw new ValidationError(describeConnectionError(error).message);
        }
        promoted = await promoteToEmptyServer(client, await accounts(), {
          id: person.id,
          deskId: await deskId(),
        });
      } finally {
        await client.end().catch(() => undefined);
      }
      await adoptSession(promoted.session);
      return { accounts: promoted.accounts, policyNotCopied: promoted.policyNotCopied };
    },
  };
}

export type Promotion = ReturnType<typeof createPromotion>;
