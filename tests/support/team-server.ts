// A migrated team database on a throwaway cluster, and sync clients on it as the desks' role.
import { Client } from 'pg';
import type { StoredAccount } from '../../src-main/services/accounts/account-store';
import { migrate } from '../../src-main/services/team/migrate';
import { createTeamSync, type TeamSync, type TeamSyncOptions } from '../../src-main/services/team/sync';
import type { PgCluster, PgLogin } from './pg-cluster';

let databases = 0;

export interface TeamServer {
  database: string;
  /** A sync client as the desks' role; closed by `close()`. */
  sync(options?: TeamSyncOptions): TeamSync;
  /** One query as `login` (the desks' role unless given). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[], login?: PgLogin): Promise<R[]>;
  close(): Promise<void>;
}

/** A new database on `cluster`, migrated to the newest schema by the owner role. */
export async function newTeamServer(cluster: PgCluster): Promise<TeamServer> {
  databases += 1;
  const database = `team_${process.pid}_${databases}`;
  await cluster.createDatabase(database);
  const owner = new Client(cluster.config(cluster.owner, database));
  await owner.connect();
  try {
    await migrate(owner, { appRole: cluster.app.user });
  } finally {
    await owner.end();
  }
  const open: TeamSync[] = [];
  return {
    database,
    sync(options) {
      const sync = createTeamSync(cluster.config(cluster.app, database), options);
      open.push(sync);
      return sync;
    },
    async query<R>(sql: string, params: unknown[] = [], login = cluster.app) {
      const client = new Client(cluster.config(login, database));
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as R[];
      } finally {
        await client.end();
      }
    },
    async close() {
      await Promise.all(open.map((sync) => sync.close().catch(() => undefined)));
    },
  };
}

/** A desk's stored account as accounts.json holds it (an officer, enabled, no limit, unless given). */
export const storedAccount = (
  fields: Pick<StoredAccount, 'id' | 'name' | 'passwordHash'> & Partial<StoredAccount>,
): StoredAccount => ({
  roles: ['officer'],
  disabled: false,
  approvalLimit: null,
  createdAt: '2026-10-01T08:00:00.000Z',
  createdBy: null,
  failedAttempts: 0,
  lockedUntil: null,
  passwordChangedAt: '2026-10-01T08:00:00.000Z',
  ...fields,
});
