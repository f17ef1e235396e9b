// One complainant across cases: every case sharing a name, e-mail, phone or account key with the
// case looked from (complainant-match.ts, the *personKeys index), and their contacts with us.
import type { CaseRecord } from '../../src-shared/domain/case';
import { seesCase } from '../../src-shared/domain/case-visibility';
import type { CommunicationRecord } from '../../src-shared/domain/communications';
import { sharedKinds, type PersonKeyKind } from '../../src-shared/domain/complainant-match';
import { caseSubject, type Actor } from '../../src-shared/domain/permissions';
import { casesByPersonKeys } from './case-query';
import { caseCommunications } from './communications';
import type { RedressDB } from './schema';

/** More is a name shared by many people, not one person: the page says the list was cut. */
export const COMPLAINANT_CASE_LIMIT = 200;

export interface ComplainantCase {
  record: CaseRecord;
  /** What it shares with the case looked from (empty for that case itself). */
  matchedBy: PersonKeyKind[];
}

export interface ComplainantContact extends CommunicationRecord {
  reference: string;
}

const keysOf = (c: CaseRecord) => c.personKeys;

/** The cases of the person on `anchor` that `viewer` may see (anonymised cases name no one). */
export async function complainantCases(
  db: RedressDB,
  anchor: CaseRecord,
  viewer: Actor,
): Promise<{ cases: ComplainantCase[]; truncated: boolean }> {
  const keys = keysOf(anchor);
  const { cases: found, more } = await casesByPersonKeys(db, keys, COMPLAINANT_CASE_LIMIT);
  const others = found
    .filter((c) => c.id !== anchor.id && !c.anonymised && seesCase(viewer, caseSubject(c)))
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0))
    .map((record) => ({ record, matchedBy: sharedKinds(keys, keysOf(record)) }));
  return {
    cases: [{ record: anchor, matchedBy: [] }, ...others.slice(0, COMPLAINANT_CASE_LIMIT - 1)],
    truncated: more,
  };
}

/**
 * Every contact logged on these cases, newest first. The page reads them after the cases, in a
 * query of their own, so the person's details and case list do not wait for them: a person with a
 * hundred cases means a hundred reads of the contacts index, most of them finding nothing.
 */
export function complainantContacts(
  db: RedressDB,
  cases: readonly ComplainantCase[],
): Promise<ComplainantContact[]> {
  // One transaction for all of them rather than one each.
  return db.transaction('r', db.communications, async () => {
    const perCase = await Promise.all(
      cases.map(async ({ record }) =>
        (await caseCommunications(db, record.id)).map((m) => ({ ...m, reference: record.reference })),
      ),
    );
    return perCase.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  });
}
