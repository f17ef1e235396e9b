import type { AccountSummary } from '../../src-shared/domain/accounts';
import { normalizeUser, type StoredUser, type UserRecord } from '../../src-shared/domain/users';
import type { RedressDB } from './schema';

/**
 * Mirrors the main process's accounts into the case database's directory, in one transaction:
 * every account as it is now; anyone else already listed (a person from before accounts, or an
 * account this desk no longer sees) stays, turned off, so that the names in history still read.
 */
export async function syncDirectory(
  db: RedressDB,
  accounts: readonly AccountSummary[],
  now = new Date(),
): Promise<void> {
  await db.transaction('rw', db.users, async () => {
    const stored = (await db.users.toArray()) as StoredUser[];
    const byId = new Map(stored.map((u) => [u.id, normalizeUser(u)]));
    const next: UserRecord[] = accounts.map((a) => ({
      id: a.id,
      name: a.name,
      roles: [...a.roles],
      disabled: a.disabled,
      createdAt: byId.get(a.id)?.createdAt ?? now.toISOString(),
    }));
    const accountIds = new Set(accounts.map((a) => a.id));
    for (const u of byId.values()) if (!accountIds.has(u.id)) next.push({ ...u, disabled: true });
    const changed = next.filter((u) => JSON.stringify(u) !== JSON.stringify(byId.get(u.id)));
    if (changed.length) await db.users.bulkPut(changed);
  });
}

/** Every person in the directory, by name. */
export async function listUsers(db: RedressDB): Promise<UserRecord[]> {
  return ((await db.users.orderBy('name').toArray()) as StoredUser[]).map(normalizeUser);
}
