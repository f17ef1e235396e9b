import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deleteStaleDatabases } from '../../../../src-renderer/db/active-database';
import { IMPORT_COMPLETE_KEY } from '../../../../src-renderer/db/schema';

const RESTORED = 'redress-6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const HALF_IMPORT = 'redress-0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';

async function make(name: string, importedWhole = false) {
  const db = new Dexie(name);
  db.version(1).stores({ t: 'id', counters: 'key' });
  await db.open();
  if (importedWhole) await db.table('counters').put({ key: IMPORT_COMPLETE_KEY, value: 1 });
  db.close();
}

describe('the databases a restore left behind', () => {
  it('deletes a half import, never the active one, a whole import it replaced, or names it did not make', async () => {
    const OLDER_RESTORE = 'redress-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    for (const name of ['redress', HALF_IMPORT, 'redress-test-keep', 'someone-else']) await make(name);
    await make(RESTORED, true);
    await make(OLDER_RESTORE, true);

    expect(await deleteStaleDatabases(RESTORED)).toEqual([HALF_IMPORT]);

    const left = await Dexie.getDatabaseNames();
    // The database a restore replaced stays: were main's pointer ever lost, its data is still here.
    for (const kept of [RESTORED, OLDER_RESTORE, 'redress', 'redress-test-keep', 'someone-else'])
      expect(left).toContain(kept);
    expect(left).not.toContain(HALF_IMPORT);
  });

  it('on the original database, deletes only restore leftovers', async () => {
    await make('redress');
    await make(HALF_IMPORT);
    const deleted = await deleteStaleDatabases('redress');
    expect(deleted).toContain(HALF_IMPORT);
    expect(deleted).not.toContain('redress');
    expect(await Dexie.getDatabaseNames()).toContain('redress');
  });
});
