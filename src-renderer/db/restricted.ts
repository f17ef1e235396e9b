// Restricted cases (staff complaints, whistleblowing): marking one and lifting the mark, and the
// audit line every view of one leaves. Who may do either is permissions.ts's to say.
import type { CaseRecord } from '../../src-shared/domain/case';
import { caseSubject, may, personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { NotFoundError, PermissionError, ValidationError } from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit } from './audit-log';
import { updateCase } from './cases';
import type { RedressDB } from './schema';

/**
 * Restricts a case to its assignee, its escalation owner and managers, or lifts that: a manager's
 * call, with a reason, in one transaction with its audit entry.
 */
export function setCaseRestricted(
  db: RedressDB,
  caseId: string,
  change: { restricted: boolean; reason: string },
  by: ActingPerson,
  now = new Date(),
): Promise<CaseRecord> {
  const reason = change.reason.trim();
  return updateCase(
    db,
    caseId,
    by,
    // updateCase asks the rules (case.restrict) before it calls this.
    change.restricted ? 'restrict' : 'unrestrict',
    () => {
      if (!reason) throw new ValidationError(tm('errors.case.restrictReasonMissing'), 'reason');
      return { restricted: change.restricted };
    },
    { now, reason },
  );
}

/**
 * Writes "viewed" to a restricted case's trail (call once each time its page is opened); does
 * nothing for a case that is not restricted. Returns whether it wrote. Only someone who may see
 * the case views it: anyone else is refused with the rule's reason.
 */
export function recordRestrictedView(
  db: RedressDB,
  caseId: string,
  by: ActingPerson,
  now = new Date(),
): Promise<boolean> {
  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    const c = await db.cases.get(caseId);
    if (!c) throw new NotFoundError(tm('errors.caseNotFound'));
    if (!c.restricted) return false;
    const allowed = may(by, 'case.view', { case: caseSubject(c) });
    if (!allowed.ok) throw new PermissionError(allowed.message);
    // A view changes nothing on the case (its updatedAt stays): only the trail records it.
    await appendAudit(db, {
      at: now.toISOString(),
      actor: personOf(by),
      entity: 'case',
      entityId: caseId,
      caseId,
      action: 'view',
      changes: [],
    });
    return true;
  });
}
