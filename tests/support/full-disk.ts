// A team server whose disk is full, for the tables a test names: they move to a tablespace on a
// small tmpfs mounted for the test, which a filler file then fills, so PostgreSQL's own writes fail
// with its own error (53100, "could not extend file …: No space left on device"). Mounting needs
// root, as CI has; elsewhere a trigger raises the same error on the same tables instead, and
// `real` says which it is.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, stat, chown } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PgCluster } from './pg-cluster';
import type { TeamServer } from './team-server';

const run = promisify(execFile);
const SIZE = '8m';

export interface FullDisk {
  /** Whether the disk is really full (a tmpfs), rather than a trigger raising PostgreSQL's error. */
  real: boolean;
  /** Frees the space, as an administrator would: the same writes now succeed. */
  free(): Promise<void>;
  /** Moves the tables back and unmounts (for the test's clean-up). */
  remove(): Promise<void>;
}

async function canMount(): Promise<boolean> {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  const probe = await mkdtemp(join(tmpdir(), 'redress-mount-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    await run('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
}

/** Writes zeros into `path` until the filesystem has no room left. */
async function fillUp(path: string): Promise<void> {
  const file = await open(path, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      try {
        const { bytesWritten } = await file.write(block);
        if (bytesWritten === 0) break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw error;
      }
    }
  } finally {
    await file.close();
  }
}

export async function fillServerDisk(
  cluster: PgCluster,
  server: TeamServer,
  tables: readonly string[],
): Promise<FullDisk> {
  const asAdmin = (sql: string) => server.query(sql, [], cluster.admin);
  if (!(await canMount())) {
    await asAdmin(`CREATE FUNCTION redress_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'disk_full',
          MESSAGE = 'could not extend file "base/1/1": No space left on device';
      END $$`);
    const trigger = async (on: boolean) => {
      for (const table of tables)
        await asAdmin(
          on
            ? `CREATE TRIGGER redress_test_disk_full BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION redress_test_disk_full()`
            : `DROP TRIGGER IF EXISTS redress_test_disk_full ON ${table}`,
        );
    };
    await trigger(true);
    return { real: false, free: () => trigger(false), remove: () => trigger(false) };
  }

  const mount = await mkdtemp(join(tmpdir(), 'redress-full-disk-'));
  await run('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', mount]);
  // The tablespace's folder belongs to the server's user, as PostgreSQL requires.
  const owner = await stat(cluster.dir);
  const location = join(mount, 'pg');
  await mkdir(location);
  await chown(location, owner.uid, owner.gid);
  const space = `redress_full_${server.database}`;
  await asAdmin(`CREATE TABLESPACE ${space} LOCATION '${location}'`);
  for (const table of tables) await asAdmin(`ALTER TABLE ${table} SET TABLESPACE ${space}`);
  const filler = join(mount, 'filler');
  await fillUp(filler);
  return {
    real: true,
    free: () => rm(filler, { force: true }),
    async remove() {
      await rm(filler, { force: true });
      for (const table of tables) await asAdmin(`ALTER TABLE ${table} SET TABLESPACE pg_default`);
      await asAdmin(`DROP TABLESPACE ${space}`);
      await run('umount', [mount]);
      await rm(mount, { recursive: true, force: true });
    },
  };
}
