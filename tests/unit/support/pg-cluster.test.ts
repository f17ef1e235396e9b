// The throwaway cluster the team-mode tests run against: it must be real, local-only and gone after.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgBin, PG_MISSING_MESSAGE, startPgCluster, type PgCluster } from '../../support/pg-cluster';

describe('findPgBin', () => {
  it('says how to install PostgreSQL when neither PATH nor /usr/lib/postgresql has it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'redress-nopg-'));
    try {
      expect(() => findPgBin([empty], join(empty, 'postgresql'))).toThrow(PG_MISSING_MESSAGE);
      expect(PG_MISSING_MESSAGE).toMatch(/apt-get install postgresql/);
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});

describe('a throwaway cluster', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  const query = async (sql: string, login = cluster.app) => {
    const client = new Client(cluster.config(login));
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('listens on 127.0.0.1 only, with its socket in its own temporary folder', async () => {
    const [listen] = await query('SHOW listen_addresses', cluster.admin);
    expect(listen.listen_addresses).toBe('127.0.0.1');
    const [socket] = await query('SHOW unix_socket_directories', cluster.admin);
    expect(socket.unix_socket_directories).toBe(cluster.dir);
  });

  it('has the database owned by the migrator, and an application role that is no superuser', async () => {
    const [db] = await query(
      "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'redress'",
    );
    expect(db.owner).toBe(cluster.owner.user);
    const [app] = await query('SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user');
    expect(app).toEqual({ rolsuper: false, rolcreaterole: false });
  });

  it('refuses a wrong password', async () => {
    await expect(query('SELECT 1', { user: cluster.app.user, password: 'wrong' })).rejects.toThrow(
      /password authentication failed/,
    );
  });

  it('survives a crash: stopped immediately, started again, the data is there', async () => {
    await query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)', cluster.owner);
    await cluster.stop('immediate');
    await expect(query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await cluster.start();
    expect(await query('SELECT n FROM kept', cluster.owner)).toEqual([{ n: 7 }]);
  }, 60_000);

  it('leaves nothing behind', async () => {
    const other = await startPgCluster();
    await other.destroy();
    expect(existsSync(other.dir)).toBe(false);
    await expect(
      (async () => {
        const client = new Client(other.config(other.app));
        await client.connect();
      })(),
    ).rejects.toThrow(/ECONNREFUSED/);
  }, 120_000);
});
