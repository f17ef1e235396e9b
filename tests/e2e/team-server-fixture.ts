// The team specs' shared setup: one throwaway PostgreSQL and a migrated team database for the spec
// file (started before its tests, stopped after), and a stand-in for the computer's key store so
// the service account's password can be kept.
import type { KeyStore } from '../../src-main/services/backup/backup-key';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';
import { newTeamServer, type TeamServer } from '../support/team-server';
import { test } from './fixtures';

export const keyStore: KeyStore = {
  problem: () => null,
  encrypt: (bytes) => Buffer.from(bytes).reverse(),
  decrypt: (bytes) => Buffer.from(bytes).reverse(),
};

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
