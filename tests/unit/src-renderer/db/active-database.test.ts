import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deleteStaleDatabases } from '../../../../src-renderer/db/active-database';

const RESTORED = 'redress-6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const HALF_IMPORT = 'redress-0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';

async function make(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({ t: 'id' });
  await db.open();
  db.close();
}

describe('the databases a restore left behind', () => {
  it('deletes the replaced one and a half import, never the active one or names it did not make', async () => {
    for (const name of ['redress', RESTORED, HALF_IMPORT, 'redress-test-keep', 'someone-else'])
      await make(name);

    expect((await deleteStaleDatabases(RESTORED)).sort()).toEqual([HALF_IMPORT, 'redress'].sort());

    const left = (await Dexie.getDatabaseNames()).filter(
      (n) => !n.startsWith('redress-test-') || n === 'redress-test-keep',
    );
    expect(left).toContain(RESTORED);
    expect(left).toContain('redress-test-keep');
    expect(left).toContain('someone-else');
    expect(left).not.toContain('redress');
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
