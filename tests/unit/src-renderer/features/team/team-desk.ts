// A desk in team mode for tests: its own case database and data folder, main's desk sync over the
// throwaway cluster's server, and the sync runner's transport over main's functions (every channel
// the runner uses, as window.api gives them in the app).
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDeskSync,
  type DeskSync,
  type SessionFollower,
} from '../../../../../src-main/services/team/desk-sync';
import { Client } from 'pg';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import { promoteAccounts, signInToTeam } from '../../../../../src-main/services/team/team-accounts';
import {
  defaultSecurityPolicy,
  type AccountRole,
  type PersonRef,
} from '../../../../../src-shared/domain/accounts';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { setTeamMode } from '../../../../../src-renderer/db/sync-replica';
import { syncOnce, type SyncTransport } from '../../../../../src-renderer/features/team/sync-runner';
import { freshDb, person } from '../../db/test-db';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import { TEST_SCRYPT } from '../../../src-main/services/accounts/fixtures';
import type { TeamCluster } from '../../../../support/use-team-cluster';

export interface TestDesk {
  db: RedressDB;
  main: DeskSync;
  deskId: string;
  dataDir: string;
  transport: SyncTransport;
  /** Whether the server answers this desk (false: as if the network were cut). */
  online: { value: boolean };
  sync(now?: Date): ReturnType<typeof syncOnce>;
}

const CUT = { online: false as const, message: 'The network is cut (test).' };

/** Puts `bytes` into the desk's evidence store under their fingerprint (or `sha256`), as main would. */
export async function storeDeskFile(
  d: Pick<TestDesk, 'dataDir'>,
  bytes: Buffer,
  sha256 = createHash('sha256').update(bytes).digest('hex'),
): Promise<string> {
  await mkdir(join(d.dataDir, 'evidence'), { recursive: true });
  await writeFile(join(d.dataDir, 'evidence', sha256), bytes);
  return sha256;
}

/**
 * Opens a desk on `server()` with `signedIn()` at it. In team mode unless `single` (a single desk
 * writing no outbox, as one is before it is promoted). `session`: the signed-in person's team server
 * token, claimed for each push and pull (none unless given). `follower`: main's session, told at each
 * pass what the server says of it; `onSessionMoved` hears when it moved.
 */
export async function openTeamDesk(
  team: TeamCluster,
  server: () => TeamServer,
  signedIn: () => PersonRef,
  {
    single = false,
    session,
    follower,
    onSessionMoved,
    signedInHere,
  }: {
    single?: boolean;
    session?: () => string | null;
    follower?: SessionFollower;
    onSessionMoved?: () => void;
    /** Who has signed in on this desk (main's security log); every author, when left out. */
    signedInHere?: (id: string) => Promise<boolean>;
  } = {},
): Promise<TestDesk> {
  const dataDir = await mkdtemp(join(tmpdir(), 'redress-desk-'));
  const main = createDeskSync({
    dataDir,
    connection: { clientConfig: async () => team.cluster.config(team.cluster.app, server().database) },
    actor: () => signedIn(),
    session,
    follower,
    ...(signedInHere ? { signedInHere } : {}),
  });
  const online = { value: true };
  const reach = <T>(use: () => Promise<T>): Promise<T | typeof CUT> =>
    online.value ? use() : Promise.resolve(CUT);
  const transport: SyncTransport = {
    status: () => main.status(),
    push: (changes) => reach(() => main.push(changes)),
    pull: (sinceSeq, limit) => reach(() => main.pull(sinceSeq, limit)),
    waitForChanges: (afterSeq, timeoutMs) => reach(() => main.waitForChanges(afterSeq, timeoutMs)),
    referenceRange: (year, size, atLeast) => reach(() => main.referenceRange({ year, size, atLeast })),
    uploadEvidence: (sha256, options) => reach(() => main.uploadEvidence(sha256, options)),
    trailPayloads: (caseId) => reach(() => main.trailPayloads(caseId)),
    hiddenCases: (afterSeq) => reach(() => main.hiddenCases(afterSeq)),
    caseHistory: (caseId, afterSeq, beforeSeq) =>
      reach(() => main.caseHistory({ caseId, afterSeq, beforeSeq })),
    dropEvidenceCopies: (hashes) => reach(() => main.dropEvidenceCopies(hashes)),
  };
  const db = freshDb();
  const { deskId } = await main.status();
  if (!single) await setTeamMode(db, true, deskId);
  team.later(() => main.close());
  team.later(async () => {
    db.close();
    await db.delete();
  });
  team.later(() => rm(dataDir, { recursive: true, force: true }));
  return {
    db,
    main,
    deskId: deskId!,
    dataDir,
    transport,
    online,
    sync: (now) => syncOnce(db, transport, deskId!, { now, onSessionMoved }),
  };
}

const officeHasher = createPasswordHasher({ insecureTestParams: TEST_SCRYPT });

/**
 * The team server's accounts as an office has them: each of `people` with their roles and
 * `password`, promoted to `server`, and each signed in from a desk of their own; their session
 * tokens by person id.
 */
export async function officeSessions(
  team: TeamCluster,
  server: TeamServer,
  people: readonly { id: string; name: string; roles: AccountRole[] }[],
  password: string,
  { promote = true }: { promote?: boolean } = {},
): Promise<Record<string, string>> {
  const app = new Client(team.cluster.config(team.cluster.app, server.database));
  await app.connect();
  try {
    if (promote) {
      const hash = await officeHasher.hash(password);
      const accounts = people.map((p) =>
        storedAccount({ id: p.id, name: p.name, roles: p.roles, passwordHash: hash }),
      );
      await promoteAccounts(app, { policy: defaultSecurityPolicy(), accounts });
    }
    const tokens: Record<string, string> = {};
    for (const p of people) {
      const result = await signInToTeam(app, { name: p.name, password, deskId: `desk-${p.id}` });
      if (result.outcome !== 'ok') throw new Error(`${p.name} could not sign in: ${result.outcome}`);
      tokens[p.id] = result.session.token;
    }
    return tokens;
  } finally {
    await app.end();
  }
}

/** The office of the two-person team tests: an officer and a manager, both with this password. */
export const OFFICE_PASSWORD = 'lantern harbour copper tide';
export const OFFICER = person('u-officer', 'Aoife Ní Fhaoláin', 'officer');
export const MANAGER = person('u-manager', 'Tomás Øberg-Nakamura', 'manager');

/**
 * `server` with the officer's and the manager's accounts; a session token for each, by id.
 * `promote: false` signs them in again on a server that has them already.
 */
export function officerAndManager(
  team: TeamCluster,
  server: TeamServer,
  options: { promote?: boolean } = {},
): Promise<Record<string, string>> {
  return officeSessions(
    team,
    server,
    [
      { id: OFFICER.id, name: OFFICER.name, roles: ['officer'] },
      { id: MANAGER.id, name: MANAGER.name, roles: ['manager'] },
    ],
    OFFICE_PASSWORD,
    options,
  );
}

/** A new server with the officer's and the manager's accounts, and a desk signed in as each. */
export async function officerAndManagerDesks(
  team: TeamCluster,
): Promise<{ server: TeamServer; manager: TestDesk; officer: TestDesk }> {
  const server = await team.newServer();
  const tokens = await officerAndManager(team, server);
  const open = (who: PersonRef, token: string) =>
    openTeamDesk(
      team,
      () => server,
      () => who,
      { session: () => token },
    );
  return {
    server,
    manager: await open(MANAGER, tokens['u-manager']!),
    officer: await open(OFFICER, tokens['u-officer']!),
  };
}
