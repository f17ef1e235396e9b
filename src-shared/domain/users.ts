// The office's people as the case database knows them: a directory mirrored from the accounts the
// main process keeps, so that pickers (assignee, escalation owner) and names in old records work
// offline and at speed. Accounts are made and changed only through the main process.
import type { AccountRole } from './accounts';

export const CASE_ROLES = ['officer', 'investigator', 'manager'] as const;
export type Role = (typeof CASE_ROLES)[number];

export interface UserRecord {
  id: string;
  name: string;
  roles: AccountRole[];
  /** Turned off, or a person from before accounts who has none: kept for the names in history. */
  disabled: boolean;
  createdAt: string;
}

/** A directory entry as stored by an older version (one `role`, no `disabled`). */
export type StoredUser = Omit<UserRecord, 'roles' | 'disabled'> & {
  roles?: AccountRole[];
  role?: Role;
  disabled?: boolean;
};

export const normalizeUser = (u: StoredUser): UserRecord => ({
  id: u.id,
  name: u.name,
  roles: u.roles ?? (u.role ? [u.role] : []),
  disabled: u.disabled ?? false,
  createdAt: u.createdAt,
});

/** People who may be given cases and decisions today (not turned off). */
export const activeUsers = <U extends Pick<UserRecord, 'disabled'>>(users: readonly U[]): U[] =>
  users.filter((u) => !u.disabled);
