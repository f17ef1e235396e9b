// The write guard: while main says the disk is almost full, every write to the case database is
// refused before IndexedDB is asked (a complaint, its trail, its outbox row: none of it written),
// reads go on, and once space is freed the same write goes through.
import { afterEach, describe, expect, it } from 'vitest';
import { errorText } from '../../../../src-renderer/api/error-text';
import { createCase } from '../../../../src-renderer/db/cases';
import {
  DISK_SPACE_CHANNEL,
  DiskAlmostFullError,
  diskRefusal,
  setDiskSpace,
  shareDiskSpaceOver,
} from '../../../../src-renderer/db/disk-guard';
import { setTeamMode } from '../../../../src-renderer/db/sync-replica';
import { freshDb, intake, person, testRules } from './test-db';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const officer = person('u-1', 'Siobhán Ó Briain', 'officer');
const rules = testRules();
const complaint = () => intake('2026-12-04T16:45:00Z', { complainant: { name: 'Zoë O’Brien-Ngata' } });

afterEach(() => setDiskSpace(null));

describe('the case database while the disk is almost full', () => {
  it('refuses a complaint whole, says why, reads on, and takes it once space is freed', async () => {
    const db = freshDb();
    await setTeamMode(db, true, 'desk-a');
    const before = await createCase(db, complaint(), officer, rules);
    const counts = async () => ({
      cases: await db.cases.count(),
      audit: await db.auditPacks.count(),
      outbox: await db.outbox.count(),
    });
    const was = await counts();

    setDiskSpace({ freeBytes: 120 * MiB, totalBytes: 500 * GiB });
    const refused = await createCase(db, complaint(), officer, rules).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DiskAlmostFullError);
    expect(errorText(refused)).toBe(
      'This computer’s disk is almost full (120 MB left), so Redress saves nothing until space is freed: a full disk can damage the case database. Free some disk space, then try again.',
    );
    expect(await counts()).toEqual(was);
    // Reading is not writing: the case list, the case, still open.
    expect((await db.cases.get(before.id))?.reference).toBe(before.reference);

    // Nearly full is a warning only.
    setDiskSpace({ freeBytes: 700 * MiB, totalBytes: 500 * GiB });
    await createCase(db, complaint(), officer, rules);
    expect((await counts()).cases).toBe(was.cases + 1);
    setDiskSpace({ freeBytes: 40 * GiB, totalBytes: 500 * GiB });
    await createCase(db, complaint(), officer, rules);
    expect((await counts()).cases).toBe(was.cases + 2);
    db.close();
  });

  it('refuses nothing while main has not said (or could not read the disk)', async () => {
    const db = freshDb();
    setDiskSpace(null);
    await createCase(db, complaint(), officer, rules);
    expect(await db.cases.count()).toBe(1);
    db.close();
  });

  it('is shared with the app’s workers: what the page hears, a worker holds, and a worker that starts asks', async () => {
    // This module plays one context (say the restore worker), `page` the page that polls main.
    const page = new BroadcastChannel(DISK_SPACE_CHANNEL);
    const here = new BroadcastChannel(DISK_SPACE_CHANNEL);
    const next = () =>
      new Promise<unknown>((resolve) =>
        page.addEventListener('message', (e) => resolve(e.data), { once: true }),
      );
    const asked = next();
    const stop = shareDiskSpaceOver(here);
    try {
      // A context that starts asks what the others know.
      expect(await asked).toBe('ask');
      const db = freshDb();
      const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

      page.postMessage({ freeBytes: 90 * MiB, totalBytes: 500 * GiB });
      await settled();
      expect(diskRefusal()).toBeInstanceOf(DiskAlmostFullError);
      await expect(createCase(db, complaint(), officer, rules)).rejects.toBeInstanceOf(DiskAlmostFullError);
      expect(await db.cases.count()).toBe(0);

      // Asked, it answers with what it holds.
      const answer = next();
      page.postMessage('ask');
      expect(await answer).toEqual({ freeBytes: 90 * MiB, totalBytes: 500 * GiB });

      // Something else on the channel is not taken for main's word.
      page.postMessage({ freeBytes: 'lots' });
      await settled();
      expect(diskRefusal()).toBeInstanceOf(DiskAlmostFullError);

      // Freed: the page says so, and the write goes through here.
      page.postMessage({ freeBytes: 40 * GiB, totalBytes: 500 * GiB });
      await settled();
      expect(diskRefusal()).toBeNull();
      await createCase(db, complaint(), officer, rules);
      expect(await db.cases.count()).toBe(1);

      // What this context hears from main it tells the others.
      const told = next();
      setDiskSpace({ freeBytes: 100 * MiB, totalBytes: 500 * GiB });
      expect(await told).toEqual({ freeBytes: 100 * MiB, totalBytes: 500 * GiB });
      db.close();
    } finally {
      stop();
      page.close();
      here.close();
    }
  });
});
