// Reference ranges on a real throwaway PostgreSQL: desks asking at the same time get ranges that
// never overlap and leave no gaps, each recorded for its desk.
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allocateReferenceRange,
  type ReferenceRange,
} from '../../../../../src-main/services/team/reference-ranges';
import { formatReference } from '../../../../../src-shared/domain/reference';
import { ValidationError } from '../../../../../src-shared/errors';
import { type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const team = useTeamCluster();
let server: TeamServer;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end()));
});

async function desk(): Promise<Client> {
  const client = new Client(team.cluster.config(team.cluster.app, server.database));
  await client.connect();
  clients.push(client);
  return client;
}

describe('reference ranges', { timeout: 60_000 }, () => {
  it('gives desks asking at once ranges that never overlap and leave no gap', async () => {
    server = await team.newServer();
    const desks = await Promise.all(Array.from({ length: 6 }, () => desk()));
    const got: (ReferenceRange & { deskId: string })[] = [];
    await Promise.all(
      desks.map(async (client, d) => {
        for (let i = 0; i < 8; i += 1) {
          const size = 1 + ((d * 7 + i * 3) % 25);
          const range = await allocateReferenceRange(client, { deskId: `desk-${d}`, year: 2026, size });
          expect(range.last - range.first + 1).toBe(size);
          got.push({ ...range, deskId: `desk-${d}` });
        }
      }),
    );
    const sorted = [...got].sort((a, b) => a.first - b.first);
    expect(sorted[0]!.first).toBe(1);
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.first).toBe(sorted[i - 1]!.last + 1);
    // The server recorded each range for its desk.
    const recorded = await server.query<{ desk_id: string; first_seq: string; last_seq: string }>(
      'SELECT desk_id, first_seq, last_seq FROM reference_ranges WHERE year = 2026 ORDER BY first_seq',
    );
    expect(recorded.map((r) => [r.desk_id, Number(r.first_seq), Number(r.last_seq)])).toEqual(
      sorted.map((r) => [r.deskId, r.first, r.last]),
    );
    // References made from different desks' ranges are different.
    const references = sorted.flatMap((r) =>
      Array.from({ length: r.last - r.first + 1 }, (_, k) => formatReference(2026, r.first + k)),
    );
    expect(new Set(references).size).toBe(references.length);
  });

  it('counts each year on its own, and starts past numbers already used that year', async () => {
    server = await team.newServer();
    const client = await desk();
    expect(
      await allocateReferenceRange(client, { deskId: 'desk-a', year: 2026, size: 50, atLeast: 412 }),
    ).toEqual({
      year: 2026,
      first: 413,
      last: 462,
    });
    expect(await allocateReferenceRange(client, { deskId: 'desk-b', year: 2027, size: 10 })).toEqual({
      year: 2027,
      first: 1,
      last: 10,
    });
    // A lower "already used" never moves the sequence back.
    expect(
      await allocateReferenceRange(client, { deskId: 'desk-b', year: 2026, size: 5, atLeast: 3 }),
    ).toEqual({
      year: 2026,
      first: 463,
      last: 467,
    });
  });

  it('refuses a bad size, and the desks’ role cannot move the head itself', async () => {
    server = await team.newServer();
    const client = await desk();
    await expect(allocateReferenceRange(client, { deskId: 'desk-a', year: 2026, size: 0 })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      client.query('SELECT * FROM redress_allocate_references($1, 2026, 20000)', ['d']),
    ).rejects.toThrow(/1 to 10000/);
    await expect(client.query('UPDATE reference_heads SET last_seq = 0')).rejects.toThrow(
      /permission denied/,
    );
    await expect(client.query('DELETE FROM reference_ranges')).rejects.toThrow(/permission denied/);
  });
});
