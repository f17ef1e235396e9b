// The browser closing the case database under the app (as Chromium does when a write fails on a
// full disk): the app hears it once, the database stays closed (no read opens it again behind the
// person's back, as Dexie otherwise would), and opens when the person asks.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../../src-renderer/db/cases';
import { onDatabaseClosed, openDatabaseAgain } from '../../../../src-renderer/db/database-closed';
import { DiskAlmostFullError, setDiskSpace } from '../../../../src-renderer/db/disk-guard';
import { freshDb, intake, person, testRules } from './test-db';

const officer = person('u-1', 'Siobhán Ó Briain', 'officer');

describe('the case database closed by the browser', () => {
  it('is held closed until opened again, then reads and writes as before', async () => {
    const db = freshDb();
    const logged = await createCase(db, intake('2026-12-04T16:45:00Z'), officer, testRules());
    let heard = 0;
    const stop = onDatabaseClosed(db, () => (heard += 1));
    // What the browser does: it closes its connection and tells it so.
    const idb = db.backendDB();
    idb.close();
    idb.onclose?.call(idb, new Event('close'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).toBe(1);
    expect(db.isOpen()).toBe(false);
    await expect(db.cases.get(logged.id)).rejects.toBeInstanceOf(Dexie.DatabaseClosedError);

    // Asked while main still says the disk is almost full: refused, and still closed.
    setDiskSpace({ freeBytes: 12 * 1024 * 1024, totalBytes: 256 * 1024 ** 3 });
    try {
      await expect(openDatabaseAgain(db)).rejects.toBeInstanceOf(DiskAlmostFullError);
      expect(db.isOpen()).toBe(false);
      await expect(db.cases.get(logged.id)).rejects.toBeInstanceOf(Dexie.DatabaseClosedError);
    } finally {
      setDiskSpace(null);
    }

    await openDatabaseAgain(db);
    expect((await db.cases.get(logged.id))?.reference).toBe(logged.reference);
    await createCase(db, intake('2026-12-04T17:00:00Z'), officer, testRules());
    expect(await db.cases.count()).toBe(2);
    stop();
    db.close();
  });
});
