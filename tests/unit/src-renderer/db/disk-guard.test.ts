// The write guard: while main says the disk is almost full, every write to the case database is
// refused before IndexedDB is asked (a complaint, its trail, its outbox row: none of it written),
// reads go on, and once space is freed the same write goes through.
import { afterEach, describe, expect, it } from 'vitest';
import { errorText } from '../../../../src-renderer/api/error-text';
import { createCase } from '../../../../src-renderer/db/cases';
import { DiskAlmostFullError, setDiskSpace } from '../../../../src-renderer/db/disk-guard';
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
});
