// A connection held while the team server stops must not take the process down: pg reports the cut
// as an 'error' event on the checked-out client, and an event nobody hears is thrown. A real
// cluster, stopped the way an administrator does.
import { describe, expect, it } from 'vitest';
import { teamPool } from '../../../../../src-main/services/team/pool';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const team = useTeamCluster();

describe('teamPool', () => {
  it('survives the server stopping under a checked-out and an idle connection, and reconnects after', async () => {
    const server = await team.newServer();
    const pool = teamPool({ ...team.cluster.config(team.cluster.app, server.database), max: 2 });
    team.later(() => pool.end());
    const uncaught: unknown[] = [];
    const hear = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', hear);
    team.later(() => process.off('uncaughtException', hear));

    const held = await pool.connect();
    const idle = await pool.connect();
    idle.release();
    await team.cluster.stop('fast');
    // The cut arrives as an event; give it time to.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(held.query('SELECT 1')).rejects.toThrow();
    held.release(true);
    expect(uncaught).toEqual([]);

    await team.cluster.start();
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  }, 60_000);
});
