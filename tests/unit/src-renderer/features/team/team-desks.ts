// A desk for the team tests: its own case database and its own main-side desk sync (with its own
// data folder) on a throwaway team server, closed and deleted after the test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeskSync, type DeskSync } from '../../../../../src-main/services/team/desk-sync';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { setTeamMode } from '../../../../../src-renderer/db/sync-replica';
import { syncOnce, type SyncTransport } from '../../../../../src-renderer/features/team/sync-runner';
import type { TeamCluster, TeamServer } from '../../../../support/team-server';
import { freshDb } from '../../db/test-db';

export interface Desk {
  db: RedressDB;
  main: DeskSync;
  deskId: string;
  transport: SyncTransport;
  sync(): ReturnType<typeof syncOnce>;
}

/**
 * Opens a desk on `server` for `who`. In team mode unless `single` (a single desk still writing no
 * outbox, as one is before it is promoted).
 */
export async function openDesk(
  team: TeamCluster,
  server: TeamServer,
  who: { id: string; name: string },
  { single = false }: { single?: boolean } = {},
): Promise<Desk> {
  const dataDir = await mkdtemp(join(tmpdir(), 'redress-desk-'));
  const main = createDeskSync({
    dataDir,
    connection: { clientConfig: async () => team.cluster.config(team.cluster.app, server.database) },
    actor: () => ({ id: who.id, name: who.name }),
  });
  const transport: SyncTransport = {
    status: () => main.status(),
    push: (changes) => main.push(changes),
    pull: (sinceSeq, limit) => main.pull(sinceSeq, limit),
    waitForChanges: (afterSeq, timeoutMs) => main.waitForChanges(afterSeq, timeoutMs),
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
  return { db, main, deskId: deskId!, transport, sync: () => syncOnce(db, transport, deskId!) };
}
