// Which stored cases a person sees, for the readers that go through many (lists, counts, search).
// Restricted cases are few and listed by their sparse index, so a reader first finds the ones hidden
// from the viewer and then leaves those out as it pages: no other row needs a check, and an office
// without restricted cases pays nothing. Kept free of the case repository so the search worker can
// load it without the deadline rules.
import type { CaseRecord } from '../../src-shared/domain/case';
import { seesCase, viewScope } from '../../src-shared/domain/case-visibility';
import { caseSubject, type Actor } from '../../src-shared/domain/permissions';
import type { RedressDB } from './schema';

/** The restricted cases, from their sparse index. */
export function restrictedCases(db: RedressDB): Promise<CaseRecord[]> {
  return db.cases.where('restrictedKey').equals(1).toArray();
}

/** The ids of the restricted cases this person may not see. */
export async function hiddenRestrictedIds(db: RedressDB, viewer: Actor): Promise<Set<string>> {
  const restricted = await restrictedCases(db);
  return new Set(restricted.filter((c) => !seesCase(viewer, caseSubject(c))).map((c) => c.id));
}

/**
 * The row check a case read applies for this person: null when nothing is hidden from them,
 * 'nothing' when they may see no case at all (read nothing rather than walk every row), else a
 * predicate for the rows as they are read.
 */
export async function caseViewFilter(
  db: RedressDB,
  viewer: Actor,
): Promise<((c: CaseRecord) => boolean) | null | 'nothing'> {
  switch (viewScope(viewer)) {
    case 'all':
      return null;
    case 'none':
      return 'nothing';
    case 'each':
      return (c) => seesCase(viewer, caseSubject(c));
    case 'restricted': {
      const hidden = await hiddenRestrictedIds(db, viewer);
      return hidden.size ? (c) => !hidden.has(c.id) : null;
    }
  }
}
