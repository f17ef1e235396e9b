import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../../../../src-main/handlers';
import { createAccountStore } from '../../../../../src-main/services/accounts/account-store';
import { createAuthService } from '../../../../../src-main/services/accounts/auth';
import { createPasswordHasher, type ScryptParams } from '../../../../../src-main/services/accounts/passwords';
import { createSecurityLog } from '../../../../../src-main/services/accounts/security-log';
import {
  createTeamAuthority,
  promoteAccounts,
  type TeamAuthority,
} from '../../../../../src-main/services/team/team-accounts';
import { defaultSecurityPolicy, type AccountRole } from '../../../../../src-shared/domain/accounts';
import { Client } from 'pg';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import type { TeamCluster } from '../../../../support/use-team-cluster';

/** A cheap scrypt cost, so that tests can hash hundreds of passwords. Never the app's. */
export const TEST_SCRYPT: ScryptParams = { ln: 4, r: 8, p: 1 };

export const tempDataDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'redress-accounts-'));
export const removeDataDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

/** A clock the test moves by hand. */
export function fakeClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advanceMinutes(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

/** The app's whole handler map over `dataDir`, hashing at the test cost. */
export const handlersFor = (dataDir: string) =>
  createHandlers({ dataDir, appVersion: '1', runtime: 'harness', insecureScryptForTests: TEST_SCRYPT });

/**
 * The handler map with someone signed in (an administrator who also holds every case role), for
 * tests of channels that need a session but are not about it.
 */
export async function signedInHandlers(dataDir: string, appVersion = '1') {
  const handlers = createHandlers({
    dataDir,
    appVersion,
    runtime: 'harness',
    insecureScryptForTests: TEST_SCRYPT,
  });
  await handlers['auth:setup']({
    name: ADMIN.name,
    password: ADMIN.password,
    roles: ['officer', 'investigator', 'manager'],
  });
  return handlers;
}

export function authFor(
  dataDir: string,
  options: { now?: () => Date; timeZone?: string; scrypt?: ScryptParams; team?: TeamAuthority } = {},
) {
  const store = createAccountStore(dataDir);
  const log = createSecurityLog(dataDir);
  const hasher = createPasswordHasher({ insecureTestParams: options.scrypt ?? TEST_SCRYPT });
  const auth = createAuthService({
    store,
    log,
    hasher,
    ...(options.now ? { now: options.now } : {}),
    timeZone: async () => options.timeZone ?? 'Europe/London',
    ...(options.team ? { team: options.team } : {}),
  });
  return { auth, store, log, hasher };
}

export const ADMIN = { name: 'Ada Admin', password: 'tidal harbour lantern' };
export const OFFICER = { name: 'Olu Officer', password: 'copper kettle morning' };

/** A person on a test's team server: their account and the password they sign in with. */
export interface TeamPerson {
  id: string;
  name: string;
  password: string;
  roles: AccountRole[];
  approvalLimit?: number | null;
}

/** A new team server holding `people`, promoted as a desk would with the default policy. */
export async function teamServerWith(team: TeamCluster, people: readonly TeamPerson[]): Promise<TeamServer> {
  const server = await team.newServer();
  const hasher = createPasswordHasher({ insecureTestParams: TEST_SCRYPT });
  const accounts = [];
  for (const { password, ...person } of people)
    accounts.push(storedAccount({ ...person, passwordHash: await hasher.hash(password) }));
  const app = new Client(team.cluster.config(team.cluster.app, server.database));
  await app.connect();
  try {
    await promoteAccounts(app, { policy: defaultSecurityPolicy(), accounts });
  } finally {
    await app.end();
  }
  return server;
}

/** A desk's accounts and sign-in in team mode on `server` (it has no accounts of its own). */
export const teamDeskAuth = (team: TeamCluster, server: TeamServer, dir: string, deskId: string) =>
  authFor(dir, {
    team: createTeamAuthority(async () => team.cluster.config(team.cluster.app, server.database), deskId),
  });
