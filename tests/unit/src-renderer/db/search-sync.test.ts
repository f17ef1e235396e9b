import { describe, expect, it } from 'vitest';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { moreSearchResults } from '../../../../src-renderer/db/search-sync';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { caseRow } from '../search/case-rows';
import { ADA, plantRestricted, PRIYA } from './restricted-cases';
import { useFreshDb, MANAGER } from './test-db';

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

/** A stored case with what search and the view check read. */
const row = (n: number) =>
  caseRow(n, { createdBy: { id: 'u9', name: 'Kim Lowe' }, assignee: null, assigneeId: '' });
const idsOf = (rows: readonly CaseRecord[]) => rows.map((r) => r.id);

describe('moreSearchResults', () => {
  it('reads a page of the ranked ids, in their order, and leaves the rest for later', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => row(i + 1));
    await db.cases.bulkPut(rows);
    const ranked = ['case-0005', 'case-0002', 'case-0007', 'case-0001', 'case-0003'];
    const first = await moreSearchResults(db, ranked, MANAGER, { pageSize: 2 });
    expect(idsOf(first.rows)).toEqual(['case-0005', 'case-0002']);
    expect(first.rest).toEqual(['case-0007', 'case-0001', 'case-0003']);
    const second = await moreSearchResults(db, first.rest, MANAGER, { pageSize: 2 });
    expect(idsOf(second.rows)).toEqual(['case-0007', 'case-0001']);
    expect(second.rest).toEqual(['case-0003']);
  });

  it('reads on until a page of rows passes the filters, and reports the cases that are gone', async () => {
    await db.cases.bulkPut(Array.from({ length: 6 }, (_, i) => row(i + 1)));
    const forgotten: string[] = [];
    const page = await moreSearchResults(
      db,
      ['case-0001', 'case-0099', 'case-0003', 'case-0002', 'case-0005', 'case-0004'],
      MANAGER,
      {
        pageSize: 2,
        keep: (c) => c.complainant.name === 'Priya Shah',
        forget: (ids) => forgotten.push(...ids),
      },
    );
    expect(idsOf(page.rows)).toEqual(['case-0002', 'case-0004']);
    expect(page.rest).toEqual([]);
    expect(forgotten).toEqual(['case-0099']);
  });

  it('shows no case the viewer may not see', async () => {
    const planted = await plantRestricted(db);
    const all = planted.all.map((c) => c.id);
    const priya = await moreSearchResults(db, all, PRIYA, { pageSize: 50 });
    expect(idsOf(priya.rows)).not.toContain(planted.othersRestricted.id);
    expect(idsOf(priya.rows)).toContain(planted.priyasOwn.id);
    expect((await moreSearchResults(db, all, ADA)).rows).toEqual([]);
  });
});
