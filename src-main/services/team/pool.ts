import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { claimSession } from './sync';

/**
 * A pool of connections to the team server that never crashes the process when the server goes
 * away. pg reports a connection cut (a server restart, a network drop) as an 'error' event on the
 * pool for idle connections and on the client for checked-out ones, and an 'error' event nobody
 * listens to is thrown: every connection gets a listener when it is made. The query running on a
 * cut connection still fails with the error, so callers see it where they can handle it.
 */
export function teamPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * `use` in one transaction (read-only: one snapshot) under the desk's session when given; rolled
 * back when it fails, and a connection that failed is not handed out again.
 */
export async function inTransaction<T>(
  pool: Pool,
  use: (client: PoolClient) => Promise<T>,
  { readOnly = false, session = null }: { readOnly?: boolean; session?: string | null } = {},
): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query(readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    try {
      await claimSession(client, session);
      const value = await use(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failed);
  }
}

/** `use` in one read-only snapshot under the desk's session. */
export const readOnly = <T>(pool: Pool, session: string | null, use: (client: PoolClient) => Promise<T>) =>
  inTransaction(pool, use, { readOnly: true, session });
