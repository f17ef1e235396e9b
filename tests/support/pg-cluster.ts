// A throwaway PostgreSQL cluster for the team-mode tests: `initdb` into a temporary folder, listening
// on 127.0.0.1 only at a free port, its unix socket in that folder, with a database owned by a
// migrator role and an application role for the desks. Never a mock: the tests talk to the real
// server, stop it (also abruptly) and start it again.
//
// initdb refuses to run as root. When the tests run as root (CI containers), every server command
// runs as the `postgres` user through `runuser` (created with `useradd` if it is absent) and the
// temporary folder is handed to it.
//
// When PostgreSQL is not installed, `startPgCluster` throws a message that says how to install it,
// so the tests fail (they never skip).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, type ClientConfig } from 'pg';

const run = promisify(execFile);

export const PG_MISSING_MESSAGE =
  'PostgreSQL is not installed: the team-mode tests start a throwaway server with initdb and pg_ctl. ' +
  'Install it (Debian: apt-get install postgresql, which `bash .ci/run` does), or put its bin folder on PATH.';

/** The folder holding initdb, pg_ctl and postgres: PATH first, then the newest /usr/lib/postgresql/<n>/bin. */
export function findPgBin(
  pathDirs: readonly string[] = (process.env.PATH ?? '').split(':').filter(Boolean),
  versionsRoot = '/usr/lib/postgresql',
): string {
  const hasAll = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(dir, b)));
  for (const dir of pathDirs) if (existsSync(join(dir, 'initdb')) && hasAll(dir)) return dir;
  // /usr/local/bin may hold links to initdb and pg_ctl only; the server binary sits beside the real ones.
  const versions = existsSync(versionsRoot)
    ? readdirSync(versionsRoot)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(versionsRoot, version, 'bin');
    if (hasAll(dir)) return dir;
  }
  throw new Error(PG_MISSING_MESSAGE);
}

/** A login for one of the cluster's roles. */
export interface PgLogin {
  user: string;
  password: string;
}

export interface PgCluster {
  host: string;
  port: number;
  database: string;
  /** The temporary folder: data, log and the unix socket. Deleted by destroy(). */
  dir: string;
  /** The migrator: owns the database and the schema it creates. */
  owner: PgLogin;
  /** The role the desks use: only what the migrations grant it. */
  app: PgLogin;
  /** The bootstrap superuser (creates databases and roles in tests). */
  admin: PgLogin;
  /** A pg client config for `login` on `database` (the cluster's database unless given). */
  config(login: PgLogin, database?: string): ClientConfig;
  /** A new database owned by the owner role (each test can have an empty one). */
  createDatabase(name: string): Promise<void>;
  /** Stops the server: `immediate` is a crash (no checkpoint, clients cut off mid-query). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>;
}

const OWNER: PgLogin = { user: 'redress_owner', password: 'owner-secret-ß9' };
const APP: PgLogin = { user: 'redress_app', password: "app secret 'quoted' ü" };
const ADMIN: PgLogin = { user: 'redress_admin', password: 'admin-secret' };

const PG_USER = 'postgres';

async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const id = async () => {
    const uid = Number((await run('id', ['-u', PG_USER])).stdout.trim());
    const gid = Number((await run('id', ['-g', PG_USER])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await id();
  } catch {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER]);
    return id();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Starts a fresh cluster with database `redress`, the owner and the application role. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  const asServer = await serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'redress-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const pwFile = join(dir, 'pw');
  await writeFile(pwFile, `${ADMIN.password}\n`, { mode: 0o600 });
  if (asServer) {
    await chown(dir, asServer.uid, asServer.gid);
    await chown(pwFile, asServer.uid, asServer.gid);
  }
  const pg = (tool: string, args: string[]) =>
    asServer
      ? run('runuser', ['-u', PG_USER, '--', join(bin, tool), ...args], { cwd: dir })
      : run(join(bin, tool), args, { cwd: dir });

  await pg('initdb', [
    '-D',
    dataDir,
    '-U',
    ADMIN.user,
    `--pwfile=${pwFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  await rm(pwFile, { force: true });

  let port = 0;
  const start = async () => {
    await pg('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=60`,
      'start',
    ]);
  };
  // Another process may take the free port between the check and the start: try a few.
  for (let attempt = 0; ; attempt += 1) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 4) {
        throw new Error(`PostgreSQL did not start (log in ${logFile}): ${String(error)}`, { cause: error });
      }
    }
  }

  const host = '127.0.0.1';
  const config = (login: PgLogin, database = 'redress'): ClientConfig => ({
    host,
    port,
    database,
    user: login.user,
    password: login.password,
  });
  const asAdmin = async (sql: string) => {
    const client = new Client(config(ADMIN, 'postgres'));
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`CREATE ROLE ${quoteIdent(OWNER.user)} LOGIN PASSWORD ${quoteLiteral(OWNER.password)}`);
  await asAdmin(`CREATE ROLE ${quoteIdent(APP.user)} LOGIN PASSWORD ${quoteLiteral(APP.password)}`);
  const createDatabase = (name: string) =>
    asAdmin(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(OWNER.user)}`);
  await createDatabase('redress');

  let running = true;
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    running = false;
  };
  return {
    host,
    port,
    database: 'redress',
    dir,
    owner: OWNER,
    app: APP,
    admin: ADMIN,
    config,
    createDatabase,
    stop,
    async start() {
      if (running) return;
      await start();
      running = true;
    },
    async destroy() {
      try {
        await stop('immediate');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
