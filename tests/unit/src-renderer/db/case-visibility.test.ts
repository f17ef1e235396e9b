import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseViewFilter, hiddenRestrictedIds } from '../../../../src-renderer/db/case-visibility';
import {
  queryCases,
  updatesOwedFor,
  type CaseQuery,
  type QueryClock,
} from '../../../../src-renderer/db/case-query';
import { countVisibleCases, findPossibleDuplicates } from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import type { ActingPerson } from '../../../../src-shared/domain/permissions';
import { ADA, IAN, newestFirst, PRIYA, SAM, plantRestricted, type Planted } from './restricted-cases';
import { freshDb, MANAGER } from './test-db';

const clock: QueryClock = {
  now: '2026-03-20T12:00:00.000Z',
  dueSoonBefore: '2026-03-24T23:59:59.999Z',
  updateOwedBefore: '2026-03-19T00:00:00.000Z',
};

let db: RedressDB;
let p: Planted;
beforeAll(async () => {
  db = freshDb();
  p = await plantRestricted(db);
});
afterAll(async () => {
  db.close();
  await db.delete();
});

/** Who looks, and what they should see of the planted cases. */
const VIEWERS: [string, ActingPerson, () => CaseRecord[]][] = [
  [
    'Priya, an officer: escalated to her and her own, not others’ nor the one she logged for Sam',
    PRIYA,
    () => [...p.open, p.escalatedToPriya, p.priyasOwn],
  ],
  [
    'Sam, an officer: those assigned to him',
    SAM,
    () => [...p.open, p.othersRestricted, p.escalatedToPriya, p.loggedByPriya],
  ],
  ['Ian, an investigator: no restricted case', IAN, () => p.open],
  ['a manager: every case', MANAGER, () => p.all],
  ['an administrator: no case at all', ADA, () => []],
];

/** Every page of a query, two rows a page: restricted rows skipped must not shorten or end a page early. */
async function everyPage(q: CaseQuery, viewer: ActingPerson): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  let page = await queryCases(db, q, clock, viewer, null, 2);
  out.push(...page.rows);
  while (page.next) {
    expect(page.rows).toHaveLength(2);
    page = await queryCases(db, q, clock, viewer, page.next, 2);
    out.push(...page.rows);
  }
  return out;
}

describe('who sees restricted cases', () => {
  it.each(VIEWERS)('case list, newest first, page by page — %s', async (_who, viewer, seen) => {
    const cases = seen();
    expect((await everyPage({ sort: 'received' }, viewer)).map((c) => c.reference)).toEqual(
      newestFirst(cases),
    );
  });

  it.each(VIEWERS)(
    'by due date, and through a filter with no index of its own — %s',
    async (_who, viewer, seen) => {
      const cases = seen();
      const due = await everyPage({ sort: 'due' }, viewer);
      expect(due.map((c) => c.reference).sort()).toEqual(cases.map((c) => c.reference).sort());
      const acc = await everyPage({ sort: 'received', product: '' }, viewer);
      expect(acc.map((c) => c.reference)).toEqual(newestFirst(cases));
    },
  );

  it.each(VIEWERS)('counts the cases each sees — %s', async (_who, viewer, seen) => {
    const cases = seen();
    expect(await countVisibleCases(db, viewer)).toBe(cases.length);
  });

  it.each(VIEWERS)(
    'hints at repeat complaints only among the cases each sees — %s',
    async (_who, viewer, seen) => {
      const cases = seen();
      const found = await findPossibleDuplicates(
        db,
        { name: 'Zoë Adams', accountRef: 'acc-1' },
        viewer,
        new Date('2026-03-20T12:00:00Z'),
      );
      expect(newestFirst(found)).toEqual(newestFirst(cases));
    },
  );

  it('My work lists Priya’s own restricted case among her updates owed', async () => {
    const owed = await updatesOwedFor(db, PRIYA, clock.updateOwedBefore, 10);
    expect(owed.rows.map((c) => c.id)).toContain(p.priyasOwn.id);
    expect(owed.rows.every((c) => c.assigneeId === PRIYA.id)).toBe(true);
  });

  it('a filter for one officer’s cases leaves out the restricted ones the viewer may not see', async () => {
    const sams = await everyPage({ sort: 'received', assigneeId: SAM.id }, PRIYA);
    expect(sams.map((c) => c.reference)).toEqual(
      newestFirst([...p.open.filter((c) => c.assigneeId === SAM.id), p.escalatedToPriya]),
    );
  });

  it('finds the hidden restricted cases through their index, and needs no row check for a manager', async () => {
    expect([...(await hiddenRestrictedIds(db, PRIYA))].sort()).toEqual(
      [p.othersRestricted.id, p.loggedByPriya.id].sort(),
    );
    expect(await caseViewFilter(db, MANAGER)).toBeNull();
    expect(await caseViewFilter(db, ADA)).toBe('nothing');
    // Nothing restricted is hidden from an officer in an office without restricted cases.
    const empty = freshDb();
    expect(await caseViewFilter(empty, PRIYA)).toBeNull();
    empty.close();
    await empty.delete();
  });
});
