// The desk's side of team sync in main (DESIGN.md, "Team mode"): the renderer hands over a batch of
// its outbox, main pushes it in this desk's name and the signed-in person's, pulls what the other
// desks did, and waits for the server's "something changed" (LISTEN/NOTIFY) on the renderer's
// behalf, since main sends the renderer no events. A server or network that is away is an answer
// (`online: false` with words to show), never a crash: the renderer keeps its outbox and retries.
import { readHiddenCases } from './hidden-cases';
import { readCaseTrailPayloads, readTrailPage } from './team-trail';
import type { ClientConfig, Pool } from 'pg';
import { teamPool } from './pool';
import type { PersonRef } from '../../../src-shared/domain/accounts';
import { AppError, NotFoundError, SessionError } from '../../../src-shared/errors';
import type {
  TeamReferenceRangeAnswer,
  TeamHiddenCasesAnswer,
  TeamDropEvidenceAnswer,
  TeamCaseHistoryAnswer,
  TeamTrailPageAnswer,
  TeamTrailPayloadsAnswer,
  TeamUploadEvidenceAnswer,
} from '../../../src-shared/ipc/channels/team-desk';
import type {
  OutboxChange,
  TeamPullAnswer,
  TeamPushAnswer,
  TeamWaitAnswer,
} from '../../../src-shared/ipc/channels/team-sync';
import { createDeskId } from '../profile/desk-id';
import { describeConnectionError, type TeamConnectionService } from './connection';
import { allocateReferenceRange } from './reference-ranges';
import {
  createTeamSync,
  EVERY_ACCOUNT,
  listenForChanges,
  TeamSessionClosed,
  type ChangeListener,
  type TeamSync,
} from './sync';
import { checkTeamSession, isConnectionLoss, type TeamSessionCheck } from './team-accounts';
import { dropEvidenceCopies, uploadEvidence } from './team-evidence';
import { readCaseHistory } from './case-history';

const CONNECT_TIMEOUT_MS = 5000;

export interface DeskSyncOptions {
  dataDir: string;
  connection: Pick<TeamConnectionService, 'clientConfig'>;
  /** The person signed in at this desk (main's session), or null. */
  actor: () => PersonRef | null;
  /** The signed-in person's team server session (auth.teamToken()), claimed for each push and pull. */
  session?: () => string | null;
  /** Main's session, told at each pass what the server says of it (auth.ts `followTeamSession`). */
  follower?: SessionFollower;
  /**
   * Whether a person has signed in on this desk (the security log): a change is kept under its
   * author only if they did, so a desk cannot write changes under anyone else's name.
   */
  signedInHere?: (id: string) => Promise<boolean>;
  /** This desk's id on the team server (the data folder's, profile/desk-id.ts); read from the data folder when not given. */
  deskId?: () => Promise<string>;
}

/** How the desk's session moved after the server's answer: nothing, its person's facts, or locked. */
export type SessionMoved = 'same' | 'changed' | 'locked';

/** The signed-in person's team session as main's auth holds it, and how it follows the server. */
export interface SessionFollower {
  /** The team session held now (its token and account), or null: nothing to check. */
  held(): { token: string; accountId: string } | null;
  follow(token: string, check: TeamSessionCheck): Promise<SessionMoved>;
}

interface Waiter {
  afterSeq: number;
  done: (answer: TeamWaitAnswer) => void;
}

export function createDeskSync({
  dataDir,
  connection,
  actor,
  session = () => null,
  follower,
  signedInHere,
  deskId: ownDeskId = createDeskId(dataDir),
}: DeskSyncOptions) {
  let current: { key: string; config: ClientConfig; sync: TeamSync; pool: Pool } | null = null;
  let listening: { key: string; listener: Promise<ChangeListener> } | null = null;
  const waiters = new Set<Waiter>();
  /** The held account changed on the server while nobody waited: the next wait follows it first. */
  let accountNews = false;
  /** The sync client for the saved connection (a new one when the connection changed), or null. */
  async function client() {
    const config = await connection.clientConfig();
    if (!config) return null;
    const key = JSON.stringify(config);
    if (current?.key !== key) {
      const old = current;
      // The pool for reference ranges and evidence uploads, beside the sync's own.
      const pool = teamPool({ ...config, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      current = {
        key,
        config,
        sync: createTeamSync({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
        pool,
      };
      await old?.sync.close().catch(() => undefined);
      await old?.pool.end().catch(() => undefined);
    }
    return current;
  }

  /** Runs `use` against the server; the server being away (or refusing) is an offline answer. */
  async function reach<T extends { online: boolean }>(
    use: (sync: TeamSync, config: ClientConfig, pool: Pool) => Promise<T>,
  ): Promise<T | { online: false; message: string; session?: 'changed' | 'locked' }> {
    let c: Awaited<ReturnType<typeof client>>;
    try {
      c = await client();
    } catch (error) {
      // A damaged team.json or a CA file moved away: the desk is offline, and the status says why.
      const message = error instanceof AppError ? error.message : describeConnectionError(error).message;
      return { online: false, message };
    }
    if (!c) return { online: false, message: 'This desk works alone: no team server is set.' };
    try {
      return await use(c.sync, c.config, c.pool);
    } catch (error) {
      // The server no longer takes the person's session: nothing ran under it. Main's session
      // follows the server (the desk locks, saying why), and the desk waits, as when offline,
      // until the person signs in again.
      if (error instanceof TeamSessionClosed) {
        const moved = await followSession(c.pool).catch((): SessionMoved => 'same');
        return { online: false, message: error.message, ...(moved === 'same' ? {} : { session: moved }) };
      }
      // Our own validation (a malformed batch) is a bug to report, not the network.
      if (error instanceof AppError) throw error;
      return { online: false, message: describeConnectionError(error).message };
    }
  }

  /**
   * Asks the server about the session held now (one query) and lets main's session follow it. The
   * server going away is the pass's offline answer; any other failure is logged and changes nothing.
   */
  async function followSession(pool: Pool): Promise<SessionMoved> {
    const held = follower?.held();
    if (!follower || !held) return 'same';
    let check: TeamSessionCheck;
    try {
      const client = await pool.connect();
      try {
        check = await checkTeamSession(client, held.token, held.accountId);
      } finally {
        client.release();
      }
    } catch (error) {
      if (isConnectionLoss(error)) throw error;
      console.error('[redress] the team session could not be checked:', error);
      return 'same';
    }
    return follower.follow(held.token, check);
  }

  function settleWaiters(headSeq: number) {
    for (const waiter of waiters)
      if (headSeq > waiter.afterSeq) {
        waiters.delete(waiter);
        waiter.done({ online: true, headSeq });
      }
  }

  /**
   * The server says an account changed (migration 16). When it is the held session's account (or
   * the office's policy), main's session follows it now, and a desk waiting hears it at once; with
   * nobody waiting, the next wait does it (a pass under way follows the session at its end anyway).
   */
  function accountChanged(accountId: string) {
    const held = follower?.held();
    if (!held || (accountId !== EVERY_ACCOUNT && accountId !== held.accountId)) return;
    if (waiters.size) void followForWaiters();
    else accountNews = true;
  }

  async function followForWaiters(): Promise<void> {
    accountNews = false;
    const pool = current?.pool;
    if (!pool) return;
    let moved: SessionMoved;
    try {
      moved = await followSession(pool);
    } catch {
      // The server went away: the listener's loss answers the waiters.
      return;
    }
    if (moved === 'same') return;
    for (const waiter of waiters) {
      waiters.delete(waiter);
      waiter.done({ online: true, headSeq: null, session: moved });
    }
  }

  function dropListener(message: string) {
    const gone = listening;
    listening = null;
    void gone?.listener.then((l) => l.close()).catch(() => undefined);
    for (const waiter of waiters) waiter.done({ online: false, message });
    waiters.clear();
  }

  async function listen(key: string, config: ClientConfig): Promise<void> {
    if (listening?.key !== key) {
      if (listening) dropListener('The team server connection changed.');
      const listener = listenForChanges(
        { ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
        settleWaiters,
        (error) => dropListener(describeConnectionError(error).message),
        accountChanged,
      );
      listening = { key, listener };
      listener.catch(() => {
        if (listening?.listener === listener) listening = null;
      });
    }
    await listening!.listener;
  }

  return {
    async status() {
      const config = await connection.clientConfig();
      return { teamMode: config !== null, deskId: config ? await ownDeskId() : null };
    },

    async push(changes: readonly OutboxChange[]): Promise<TeamPushAnswer> {
      const person = actor();
      if (!person) throw new SessionError('SIGNED_OUT', 'Sign in to send this desk’s changes.');
      const id = await ownDeskId();
      return reach(async (sync, _config, pool) => {
        // A change keeps the person who made it (written offline, pushed later under someone
        // else's session) only when the server knows them; else it is the signed-in person's.
        const authors = await knownAuthors(pool, changes, person.id, signedInHere);
        const signed = changes.map(({ author, ...change }) => ({
          ...change,
          actor: (author && authors.get(author.id)) ?? { id: person.id, name: person.name },
        }));
        return { online: true as const, ...(await sync.push(id, signed, session())) };
      });
    },

    /** The next range of `year`'s references for this desk. */
    async referenceRange(input: {
      year: number;
      size: number;
      atLeast: number;
    }): Promise<TeamReferenceRangeAnswer> {
      const deskId = await ownDeskId();
      return reach(async (_sync, _config, pool) => ({
        online: true as const,
        range: await allocateReferenceRange(pool, { deskId, ...input }),
      }));
    },

    /**
     * Sends this desk's evidence file `sha256` to the server, unless the server has it. `ifHeld`: a
     * file not in this desk's store is answered `absent`, not refused.
     */
    async uploadEvidence(
      sha256: string,
      { ifHeld = false }: { ifHeld?: boolean | undefined } = {},
    ): Promise<TeamUploadEvidenceAnswer> {
      const deskId = await ownDeskId();
      return reach(async (_sync, _config, pool) => {
        try {
          const { uploaded } = await uploadEvidence(pool, { dataDir, deskId, sha256 });
          return { online: true as const, outcome: 'sent' as const, sent: uploaded };
        } catch (error) {
          if (ifHeld && error instanceof NotFoundError)
            return { online: true as const, outcome: 'absent' as const };
          // A damaged or missing local file will not get better by retrying: say so, once.
          if (error instanceof AppError && error.code !== 'IO')
            return { online: true as const, outcome: 'refused' as const, message: error.message };
          throw error;
        }
      });
    },

    /** The next page of the server's audit chain, checked link by link (team-trail.ts). */
    async trailPage(input: {
      afterSeq: number;
      prevHash: string;
      limit: number;
    }): Promise<TeamTrailPageAnswer> {
      return reach(async (_sync, _config, pool) => ({
        online: true as const,
        ...(await readTrailPage(pool, input, session() ?? null)),
      }));
    },

    /** The payloads of a case's trail entries the server holds (a refused disposal's way back). */
    async trailPayloads(caseId: string): Promise<TeamTrailPayloadsAnswer> {
      return reach(async (_sync, _config, pool) => ({
        online: true as const,
        payloads: await readCaseTrailPayloads(pool, caseId, session() ?? null),
      }));
    },

    /** The restricted cases the session's account may not see, changed after `afterSeq` (migration 17). */
    async hiddenCases(afterSeq: number): Promise<TeamHiddenCasesAnswer> {
      return reach(async (_sync, _config, pool) => ({
        online: true as const,
        cases: await readHiddenCases(pool, afterSeq, session() ?? null),
      }));
    },

    /** A case's changes the desk pulled past before it could see the case (case-history.ts). */
    async caseHistory(input: {
      caseId: string;
      afterSeq: number;
      beforeSeq: number;
    }): Promise<TeamCaseHistoryAnswer> {
      return reach(async (_sync, _config, pool) => {
        const { changes, more } = await readCaseHistory(pool, input, session() ?? null);
        return {
          online: true as const,
          more,
          changes: changes.map((c) => ({
            ...c,
            auditEntry: c.auditEntry as unknown as Record<string, unknown> | null,
          })),
        };
      });
    },

    /** Removes this desk's copies of evidence files, sending the server any it lacks first (team-evidence.ts). */
    async dropEvidenceCopies(hashes: readonly string[]): Promise<TeamDropEvidenceAnswer> {
      const deskId = await ownDeskId();
      return reach(async (_sync, _config, pool) => ({
        online: true as const,
        ...(await dropEvidenceCopies(pool, { dataDir, deskId, hashes })),
      }));
    },

    async pull(sinceSeq: number, limit: number): Promise<TeamPullAnswer> {
      return reach(async (sync, _config, pool) => {
        const page = await sync.pull(sinceSeq, limit, session());
        // The pass's last page: the person's session follows the server (roles, limit, turned off, ended).
        const moved = page.lastSeq >= page.headSeq ? await followSession(pool) : 'same';
        return {
          online: true as const,
          ...page,
          changes: page.changes.map((c) => ({
            ...c,
            auditEntry: c.auditEntry as unknown as Record<string, unknown> | null,
          })),
          ...(moved === 'same' ? {} : { session: moved }),
        };
      });
    },

    async waitForChanges(afterSeq: number, timeoutMs: number): Promise<TeamWaitAnswer> {
      return reach(async (sync, config) => {
        await listen(current!.key, config);
        return new Promise<TeamWaitAnswer>((resolve, reject) => {
          const timer = setTimeout(() => {
            waiters.delete(waiter);
            resolve({ online: true, headSeq: null });
          }, timeoutMs);
          const waiter: Waiter = {
            afterSeq,
            done: (a) => {
              clearTimeout(timer);
              resolve(a);
            },
          };
          // Waiting first, then asking for the head: a push that commits in between is heard either way.
          waiters.add(waiter);
          if (accountNews) void followForWaiters();
          sync.pull(afterSeq, 1, session()).then(
            ({ headSeq }) => settleWaiters(headSeq),
            (error: unknown) => {
              waiters.delete(waiter);
              clearTimeout(timer);
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        });
      });
    },

    async close() {
      dropListener('Redress is closing.');
      await current?.sync.close().catch(() => undefined);
      await current?.pool.end().catch(() => undefined);
      current = null;
    },
  };
}

export type DeskSync = ReturnType<typeof createDeskSync>;

/** The authors the changes name (other than the signed-in person) that are accounts on the server. */
async function knownAuthors(
  pool: Pool,
  changes: readonly OutboxChange[],
  signedIn: string,
  signedInHere?: (id: string) => Promise<boolean>,
): Promise<Map<string, PersonRef>> {
  const named = [
    ...new Set(changes.flatMap((c) => (c.author && c.author.id !== signedIn ? [c.author.id] : []))),
  ];
  const ids: string[] = [];
  for (const id of named) if (!signedInHere || (await signedInHere(id))) ids.push(id);
  if (!ids.length) return new Map();
  const { rows } = await pool.query<{ id: string; name: string }>(
    'SELECT id, name FROM accounts WHERE id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}
