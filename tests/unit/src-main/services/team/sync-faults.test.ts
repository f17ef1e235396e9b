// Fault tests on a real server: PostgreSQL is stopped abruptly (pg_ctl stop -m immediate, a crash)
// in the middle of a push and in the middle of a pull. After it is started again the desk retries
// with the same idempotency keys, or resumes from the last page it stored: nothing is lost and
// nothing is applied twice.
import { describe, expect, it } from 'vitest';
import type { SyncChange } from '../../../../../src-shared/domain/team-sync';
import type { PullResult } from '../../../../../src-main/services/team/sync';
import { type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const team = useTeamCluster();
let server: TeamServer;

const ACTOR = { id: 'u-7', name: 'Małgorzata Kowalczyk-Ó Sé' };

const outbox = (desk: string, n: number, from = 0): SyncChange[] =>
  Array.from({ length: n }, (_, i) => ({
    idempotencyKey: `${desk}:outbox:${String(from + i).padStart(6, '0')}`,
    kind: 'cases',
    id: `case-${desk}-${from + i}`,
    baseVersion: 0,
    fields: {
      reference: { before: null, after: `CMP-2026-${String(from + i).padStart(4, '0')}` },
      description: { before: null, after: `Complaint ${from + i}: the branch in Zürich “lost” the cheque` },
    },
    actor: ACTOR,
    at: '2026-12-01T08:00:00.000Z',
  }));

const seqs = async () =>
  (await server.query<{ seq: string }>('SELECT seq FROM changes ORDER BY seq')).map((r) => Number(r.seq));

describe('the server crashes', () => {
  it('in the middle of a push: nothing of it stays, and the retry with the same keys applies each change once', async () => {
    server = await team.newServer();
    let crashAt = 2;
    const desk = server.sync({
      afterWrite: async (index) => {
        if (index === crashAt) await team.cluster.stop('immediate');
      },
    });
    const batch = outbox('a', 5);
    await expect(desk.push('desk-a', batch)).rejects.toThrow();
    await team.cluster.start();
    expect(await seqs()).toEqual([]);
    crashAt = -1;
    const retried = await desk.push('desk-a', batch);
    expect(retried.results.map((r) => r.status === 'applied' && r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(retried.results.every((r) => r.status === 'applied' && !r.replayed)).toBe(true);
    expect(await seqs()).toEqual([1, 2, 3, 4, 5]);
  }, 60_000);

  it('after a push committed but before the desk heard back: the retry is a replay, nothing is applied twice', async () => {
    server = await team.newServer();
    const desk = server.sync();
    const batch = outbox('b', 4);
    const first = await desk.push('desk-b', batch);
    // The desk never stored this answer: the server crashed, and the desk sends its outbox again.
    await team.cluster.stop('immediate');
    await expect(desk.push('desk-b', batch)).rejects.toThrow();
    await team.cluster.start();
    const retried = await desk.push('desk-b', [...batch, ...outbox('b', 2, 4)]);
    expect(retried.results.slice(0, 4)).toEqual(first.results.map((r) => ({ ...r, replayed: true })));
    expect(retried.results.slice(4)).toEqual([
      expect.objectContaining({ seq: 5, replayed: false }),
      expect.objectContaining({ seq: 6, replayed: false }),
    ]);
    expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60_000);

  it('in the middle of a pull: the desk resumes from the last page it stored and sees every change once, in order', async () => {
    server = await team.newServer();
    const writer = server.sync();
    for (let from = 0; from < 120; from += 40) await writer.push('desk-a', outbox('a', 40, from));
    const reader = server.sync();
    // The desk's replica: what it applied and the seq it stored with it.
    const applied: number[] = [];
    let storedSeq = 0;
    const store = async (page: PullResult) => {
      applied.push(...page.changes.map((c) => c.seq));
      storedSeq = page.lastSeq;
      if (applied.length === 50) await team.cluster.stop('immediate');
    };
    await expect(reader.catchUp(storedSeq, 25, store)).rejects.toThrow();
    expect(storedSeq).toBe(50);
    await team.cluster.start();
    // Meanwhile another desk pushed more; the catch-up takes those too.
    await writer.push('desk-c', outbox('c', 7));
    const last = await reader.catchUp(storedSeq, 25, store);
    expect(last).toBe(127);
    expect(applied).toEqual(Array.from({ length: 127 }, (_, i) => i + 1));
    expect((await reader.pull(last, 25)).changes).toEqual([]);
  }, 60_000);
});
