// The repositories' half of the permission rules: screens hide what a person may not do, and every
// write asks again here, against the case as stored, so a stale screen or a script cannot get round
// them. The rules and their messages live in src-shared/domain/permissions.ts.
import type { CaseRecord } from '../../src-shared/domain/case';
import {
  caseSubject,
  may,
  type Action,
  type ActingPerson,
  type Subject,
} from '../../src-shared/domain/permissions';
import { ConflictError, NotFoundError, PermissionError } from '../../src-shared/errors';
import { tm } from '../i18n';
import type { RedressDB } from './schema';

/** Refuses, with the rule's own message, what this person may not do (to this case). */
export function assertMay(by: ActingPerson, action: Action, subject?: Subject): void {
  const answer = may(by, action, subject);
  if (!answer.ok) {
    // An anonymised case is no one's to change: the case's state refuses, not the person's roles.
    throw answer.code === 'anonymised'
      ? new ConflictError(answer.message)
      : new PermissionError(answer.message);
  }
}

/**
 * The stored case, once this person is found allowed to do `action` to it. Call it inside the
 * write's transaction, so the answer holds for the case as it is written.
 */
export async function caseToWrite(
  db: RedressDB,
  caseId: string,
  by: ActingPerson,
  action: Action,
  subject: Omit<Subject, 'case'> = {},
): Promise<CaseRecord> {
  const c = await db.cases.get(caseId);
  if (!c) throw new NotFoundError(tm('errors.caseNotFound'));
  assertMay(by, action, { ...subject, case: caseSubject(c) });
  return c;
}
