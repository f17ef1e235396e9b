import { NewUserSchema, type NewUserInput, type UserRecord } from '../../src-shared/domain/users';
import { validationErrorFromZod } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import type { RedressDB } from './schema';

/** Adds a local user. Until sign-in exists, the person adding themselves is the actor. */
export async function createUser(db: RedressDB, input: NewUserInput, now = new Date()): Promise<UserRecord> {
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const user: UserRecord = { id: crypto.randomUUID(), ...parsed.data, createdAt: now.toISOString() };
  await db.transaction('rw', [db.users, db.audit, db.counters], async () => {
    await db.users.add(user);
    await appendAudit(db, {
      at: user.createdAt,
      actor: { id: user.id, name: user.name },
      entity: 'user',
      entityId: user.id,
      caseId: null,
      action: 'create',
      changes: [
        { field: 'name', before: null, after: user.name },
        { field: 'role', before: null, after: user.role },
      ],
    });
  });
  return user;
}
