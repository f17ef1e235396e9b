// A test file's throwaway PostgreSQL for vitest (Playwright specs start theirs with startPgCluster:
// this file imports vitest, which Playwright refuses to load).
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { newTeamServer, type TeamServer } from './team-server';

export interface TeamCluster {
  /** The file's throwaway cluster (started before its first test). */
  readonly cluster: PgCluster;
  /** A new migrated team database, closed after the test. */
  newServer(): Promise<TeamServer>;
  /** Something to undo after the test (run last-in first-out, errors ignored). */
  later(undo: () => unknown): void;
}

/**
 * One throwaway cluster for a test file: started before its tests and destroyed after them. After each
 * test the cluster is started again if the test stopped it, and what the test opened is closed.
 */
export function useTeamCluster(): TeamCluster {
  let cluster: PgCluster | undefined;
  const undos: (() => unknown)[] = [];
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });
  afterEach(async () => {
    await cluster?.start();
    for (const undo of undos.splice(0).reverse())
      await Promise.resolve()
        .then(undo)
        .catch(() => undefined);
  });
  const team: TeamCluster = {
    get cluster() {
      if (!cluster) throw new Error('The team cluster starts in beforeAll; use it inside a test or hook.');
      return cluster;
    },
    async newServer() {
      const server = await newTeamServer(team.cluster);
      undos.push(() => server.close());
      return server;
    },
    later(undo) {
      undos.push(undo);
    },
  };
  return team;
}
