// The team specs' shared setup: one throwaway PostgreSQL and a migrated team database for the spec
// file (started before its tests, stopped after), a stand-in for the computer's key store so the
// service account's password can be kept, and desks joined to that server.
import type { Browser, Page } from '@playwright/test';
import { Client } from 'pg';
import { createAccountStore } from '../../src-main/services/accounts/account-store';
import type { KeyStore } from '../../src-main/services/backup/backup-key';
import { promoteAccounts } from '../../src-main/services/team/team-accounts';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';
import { newTeamServer, type TeamServer } from '../support/team-server';
import { ensureAccount, FIXTURE_ADMIN, openAppAs, TEST_PASSWORD, test, type RoleLabel } from './fixtures';
import { startHarness, type Harness } from './harness/server';

export const keyStore: KeyStore = {
  problem: () => null,
  encrypt: (bytes) => Buffer.from(bytes).reverse(),
  decrypt: (bytes) => Buffer.from(bytes).reverse(),
};

type Team = ReturnType<typeof useTeamServer>;

/** The office's people: made on the first desk, whose accounts are promoted to the server. */
export const TEAM_PEOPLE = ['Aoife Ní Fhaoláin', 'Tomás Øberg'];
/** An officer who is not a manager: a restricted case not given to them is hidden from them. */
export const TEAM_OFFICER = 'Kwame Mensah-Bonsu';
const ROLES_OF: Record<string, readonly RoleLabel[]> = {
  ...Object.fromEntries(TEAM_PEOPLE.map((name) => [name, ['Complaint officer', 'Manager'] as const])),
  [TEAM_OFFICER]: ['Complaint officer'],
};

/** In team mode the server's accounts are who may sign in: the first desk uploads its own. */
async function promoteDeskAccounts(team: Team, harness: Harness): Promise<void> {
  const app = new Client(team.cluster.config(team.cluster.app, team.server.database));
  await app.connect();
  try {
    await promoteAccounts(app, await createAccountStore(harness.dataDir).read());
  } finally {
    await app.end();
  }
}

export interface TeamDesk {
  harness: Harness;
  page: Page;
  /** Uncaught errors of the page. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A desk: its own harness (data folder) joined to the team server, and `person` (an officer and
 * manager, or `TEAM_OFFICER`) signed in on a page in its own browser context. `promote`: this desk's
 * accounts go up. `storagePaths`: more folders main watches the disk of (app:disk-space). `keys`: the
 * computer's key store (the stand-in by default).
 */
export async function openTeamDesk(
  team: Team,
  browser: Browser,
  person: string,
  {
    promote = false,
    storagePaths,
    keys = keyStore,
  }: { promote?: boolean; storagePaths?: string[]; keys?: KeyStore } = {},
): Promise<TeamDesk> {
  const harness = await startHarness({ keyStore: keys, ...(storagePaths ? { storagePaths } : {}) });
  for (const [name, roles] of Object.entries(ROLES_OF)) await ensureAccount(harness, name, roles);
  if (promote) await promoteDeskAccounts(team, harness);
  for (const [channel, input] of [
    ['auth:sign-in', { name: FIXTURE_ADMIN, password: TEST_PASSWORD }],
    [
      'team:configure',
      {
        host: '127.0.0.1',
        port: team.cluster.port,
        database: team.server.database,
        user: team.cluster.app.user,
        password: team.cluster.app.password,
      },
    ],
    ['auth:sign-out', undefined],
  ] as const) {
    const result = await harness.call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  }
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openAppAs(page, harness, person, ROLES_OF[person] ?? ['Complaint officer', 'Manager']);
  return {
    harness,
    page,
    errors,
    close: async () => {
      await page.context().close();
      await harness.close();
    },
  };
}

/** Registers the spec file's cluster and team database; read them inside tests. */
export function useTeamServer(): { readonly cluster: PgCluster; readonly server: TeamServer } {
  let cluster: PgCluster | undefined;
  let server: TeamServer | undefined;
  test.beforeAll(async () => {
    cluster = await startPgCluster();
    server = await newTeamServer(cluster);
  });
  test.afterAll(async () => {
    await server?.close();
    await cluster?.destroy();
  });
  return {
    get cluster() {
      if (!cluster) throw new Error('The team cluster starts in beforeAll.');
      return cluster;
    },
    get server() {
      if (!server) throw new Error('The team server starts in beforeAll.');
      return server;
    },
  };
}
