// Which cases a person sees, for readers that go through many at once: lists, search, the dashboard
// and reports. The rule itself is permissions.ts's `case.view`; this only tells a reader how little
// it must check, so that a manager's list or an office without restricted cases costs nothing extra.
import { may, type Actor, type CaseSubject } from './permissions';

/**
 * - 'all': every case passes (a manager): nothing to check.
 * - 'none': no case passes (no case-working role): read nothing.
 * - 'restricted': every unrestricted case passes; only the restricted ones need checking.
 * - 'each': every case needs checking.
 */
export type ViewScope = 'all' | 'none' | 'restricted' | 'each';

/** A case given to no one in particular: the hardest case for the rule to let through. */
const nobodys = (restricted: boolean): CaseSubject => ({
  assigneeId: '',
  escalationOwnerId: null,
  createdById: null,
  restricted,
});

export function viewScope(viewer: Actor): ViewScope {
  if (!may(viewer, 'case.view').ok) return 'none';
  if (may(viewer, 'case.view', { case: nobodys(true) }).ok) return 'all';
  // Being assigned, escalated to or the creator only widens what the rule allows; so if a case given
  // to nobody passes, every unrestricted case does.
  return may(viewer, 'case.view', { case: nobodys(false) }).ok ? 'restricted' : 'each';
}

/** May this person see this case? */
export const seesCase = (viewer: Actor, c: CaseSubject): boolean => may(viewer, 'case.view', { case: c }).ok;

/**
 * A row check for a reader that has the case subjects at hand: null when every row passes (no
 * check needed), else a predicate. `isRestricted` spares building a subject for most rows.
 */
export function viewCheck<R>(
  viewer: Actor,
  subjectOf: (row: R) => CaseSubject,
  isRestricted: (row: R) => boolean,
): ((row: R) => boolean) | null {
  switch (viewScope(viewer)) {
    case 'all':
      return null;
    case 'none':
      return () => false;
    case 'restricted':
      return (row) => !isRestricted(row) || seesCase(viewer, subjectOf(row));
    case 'each':
      return (row) => seesCase(viewer, subjectOf(row));
  }
}
