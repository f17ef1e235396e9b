import { Pool, type PoolConfig } from 'pg';

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
