// Full disks for the tests, really full: a small tmpfs mounted for the test, which a filler file
// fills to the last byte. A desk's browser profile can live on one (its IndexedDB then fails as on
// a full disk); a team server's tables can move to a tablespace on one, so PostgreSQL's own writes
// fail with its own error (53100, "could not extend file …: No space left on device"). Mounting
// needs root, as CI has (where it must work); elsewhere the server's case falls back to a trigger
// raising the same error on the same tables, and `real` says which it is.
import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, open, rm, stat, statfs } from 'node:fs/promises';
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

/** Whether this process may mount a filesystem (root on Linux, allowed by the machine). */
export async function canMount(): Promise<boolean> {
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

/**
 * Why a test that fills a disk for real does not run here: the machine will not mount one. Never
 * skipped under CI (CI runs as root): there it runs, and fails if it cannot mount.
 */
export const CANNOT_FILL_A_DISK =
  'This machine does not let the tests mount a small filesystem (that needs root on Linux), so no disk can be filled for real here; CI, which runs as root, runs this test.';

/** Whether a test that fills a disk for real is skipped: only outside CI, where mounting fails. */
export async function skipDiskFilling(): Promise<boolean> {
  return !process.env.CI && !(await canMount());
}

/** A small filesystem of its own (tmpfs of `size`, e.g. "96m"), which `fill` fills to the last byte. */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the filesystem has `leaveBytes` left (none: to the last byte). */
  fill(leaveBytes?: number): Promise<void>;
  /** Deletes the filler: the room is back. */
  free(): Promise<void>;
  /** Unmounts it and deletes its folder. */
  remove(): Promise<void>;
}

export async function mountSmallDisk(size: string): Promise<SmallDisk> {
  const dir = await mkdtemp(join(tmpdir(), 'redress-small-disk-'));
  await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  return {
    dir,
    async fill(leaveBytes = 0) {
      const { bavail, bsize } = await statfs(dir);
      let left = bavail * bsize - leaveBytes;
      const file = await open(filler, 'a');
      const block = Buffer.alloc(64 * 1024);
      try {
        while (left > 0) {
          const { bytesWritten } = await file.write(block, 0, Math.min(block.length, left));
          left -= bytesWritten;
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        await file.close();
      }
    },
    free: () => rm(filler, { force: true }),
    async remove() {
      await run('umount', [dir]).catch(() => run('umount', ['-l', dir]));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function fillServerDisk(
  cluster: PgCluster,
  server: TeamServer,
  tables: readonly string[],
): Promise<FullDisk> {
  const asAdmin = (sql: string) => server.query(sql, [], cluster.admin);
  if (await skipDiskFilling()) {
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

  const disk = await mountSmallDisk(SIZE);
  // The tablespace's folder belongs to the server's user, as PostgreSQL requires.
  const owner = await stat(cluster.dir);
  const location = join(disk.dir, 'pg');
  await mkdir(location);
  await chown(location, owner.uid, owner.gid);
  const space = `redress_full_${server.database}`;
  await asAdmin(`CREATE TABLESPACE ${space} LOCATION '${location}'`);
  for (const table of tables) await asAdmin(`ALTER TABLE ${table} SET TABLESPACE ${space}`);
  await disk.fill();
  return {
    real: true,
    free: () => disk.free(),
    async remove() {
      await disk.free();
      for (const table of tables) await asAdmin(`ALTER TABLE ${table} SET TABLESPACE pg_default`);
      await asAdmin(`DROP TABLESPACE ${space}`);
      await disk.remove();
    },
  };
}
