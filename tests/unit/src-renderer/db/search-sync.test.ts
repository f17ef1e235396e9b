import { describe, expect, it, vi } from 'vitest';
import {
  residualFilter,
  planQuery,
  type CaseQuery,
  type QueryClock,
} from '../../../../src-renderer/db/case-query';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { moreSearchResults, searchCases, searchMatchIds } from '../../../../src-renderer/db/search-sync';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { caseRow } from '../search/case-rows';
import { ADA, plantRestricted, PRIYA } from './restricted-cases';
import { useFreshDb, MANAGER } from './test-db';

// The index stands in for the worker: it ranks the cases it was given, and gives at most `limit`.
const index = vi.hoisted(() => ({ ranked: [] as string[] }));
vi.mock('../../../../src-renderer/search/search-client', () => ({
  getCaseSearch: () => ({
    search: (_query: string, _viewer: unknown, limit = 50) => {
      return Promise.resolve(index.ranked.slice(0, limit).map((id) => ({ id, fields: [] })));
    },
    removeCases: () => Promise.resolve(),
  }),
}));

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

describe('searchCases', () => {
  const clock: QueryClock = {
    now: '2026-04-15T12:00:00.000Z',
    dueSoonBefore: '2026-04-16T22:59:59.999Z',
    updateOwedBefore: '2026-02-10T00:00:00.000Z',
  };
  // 300 matches, best last-stored first; every third case is closed, every fifth by phone.
  const plant = async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      ...row(i + 1),
      status: (i + 1) % 3 ? ('received' as const) : ('closed' as const),
      channel: (i + 1) % 5 ? ('email' as const) : ('phone' as const),
    }));
    await db.cases.bulkPut(rows);
    index.ranked = rows.map((r) => r.id).reverse();
    return rows;
  };
  /** Every row the list would show, scrolling to the end. */
  const listAll = async (query: CaseQuery) => {
    const keep = residualFilter(query, { ...planQuery(query, clock), covered: new Set() }, clock);
    let page = await searchCases(db, 'cmp', MANAGER, { keep, filters: { query, clock } });
    const shown = [...page.rows];
    while (page.rest.length) {
      page = await moreSearchResults(db, page.rest, MANAGER, { keep });
      shown.push(...page.rows);
    }
    return shown;
  };

  it('lists every match, not the best 200, a page at a time', async () => {
    await plant();
    const first = await searchCases(db, 'cmp', MANAGER);
    expect(first.rows).toHaveLength(50);
    expect(first.rest).toHaveLength(250);
    expect(idsOf(await listAll({ sort: 'received' }))).toEqual(index.ranked);
  });

  it('applies the filters to every match, best first, whatever the sort', async () => {
    const rows = await plant();
    const closed = rows.filter((r) => r.status === 'closed').map((r) => r.id);
    expect(closed).toHaveLength(100);
    expect(idsOf(await listAll({ status: 'closed', sort: 'severity' }))).toEqual(closed.reverse());
    // A filter with an index and one without: both act on all 300.
    const closedByPhone = rows.filter((r) => r.status === 'closed' && r.channel === 'phone').map((r) => r.id);
    expect(idsOf(await listAll({ status: 'closed', channel: 'phone', sort: 'due' }))).toEqual(
      closedByPhone.reverse(),
    );
  });

  it('narrows the matches by the filters’ index before reading a row', async () => {
    const rows = await plant();
    const ids = await searchMatchIds(db, 'cmp', MANAGER, {
      query: { status: 'closed', sort: 'received' },
      clock,
    });
    expect(ids).toEqual(
      rows
        .filter((r) => r.status === 'closed')
        .map((r) => r.id)
        .reverse(),
    );
    // No filter narrows nothing.
    expect(await searchMatchIds(db, 'cmp', MANAGER, { query: { sort: 'due' }, clock })).toEqual(index.ranked);
  });
});
