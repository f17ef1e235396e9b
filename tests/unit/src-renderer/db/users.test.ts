import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { listUsers, syncDirectory } from '../../../../src-renderer/db/users';
import { freshDb } from './test-db';

let db: RedressDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.delete());

const account = (
  id: string,
  name: string,
  roles: ('officer' | 'manager' | 'administrator')[],
  disabled = false,
) => ({
  id,
  name,
  roles,
  disabled,
});

describe('the people directory mirrors the accounts', () => {
  it('adds every account, follows renames, role changes and turning off', async () => {
    await syncDirectory(db, [
      account('a1', 'Ada Admin', ['administrator']),
      account('p1', 'Priya Shah', ['officer']),
    ]);
    await syncDirectory(db, [
      account('a1', 'Ada Admin', ['administrator']),
      account('p1', 'Priya Shah-Patel', ['officer', 'manager'], true),
    ]);
    expect((await listUsers(db)).map(({ createdAt: _c, ...u }) => u)).toEqual([
      { id: 'a1', name: 'Ada Admin', roles: ['administrator'], disabled: false },
      { id: 'p1', name: 'Priya Shah-Patel', roles: ['officer', 'manager'], disabled: true },
    ]);
  });

  it('keeps people from before accounts (one role, no disabled mark), turned off, for the names in history', async () => {
    await db.users.add({
      id: 'old',
      name: 'Olu From 2025',
      role: 'officer',
      createdAt: '2025-01-02T00:00:00.000Z',
    } as never);
    await syncDirectory(db, [account('a1', 'Ada Admin', ['administrator'])]);
    const old = (await listUsers(db)).find((u) => u.id === 'old');
    expect(old).toEqual({
      id: 'old',
      name: 'Olu From 2025',
      roles: ['officer'],
      disabled: true,
      createdAt: '2025-01-02T00:00:00.000Z',
    });
  });

  it('keeps when a person was first listed across syncs', async () => {
    await syncDirectory(db, [account('p1', 'Priya Shah', ['officer'])], new Date('2026-01-01T09:00:00Z'));
    await syncDirectory(db, [account('p1', 'Priya Shah', ['manager'])], new Date('2026-06-01T09:00:00Z'));
    expect((await listUsers(db))[0]).toMatchObject({
      roles: ['manager'],
      createdAt: '2026-01-01T09:00:00.000Z',
    });
  });
});
