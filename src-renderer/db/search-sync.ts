// Keeps the full-text index (a FlexSearch index in a Web Worker) in step with the case database.
// Repository writes commit first; the index follows. If the app stops in between, the worker's
// start-up catch-up (cases updated after the index's last save) fills the gap.
import type { CaseRecord } from '../../src-shared/domain/case';
import { caseSubject, visibleTo, type Actor } from '../../src-shared/domain/permissions';
import { getCaseSearch } from '../search/search-client';
import { caseIdsInFilterRange, type CaseQuery, type QueryClock } from './case-query';
import type { RedressDB } from './schema';

/**
 * How many matches a search asks the index for: every one, at the size Redress is built for. The
 * worker answers with ids (a few milliseconds even at 100,000 matches), the list's filters narrow
 * them, and rows are read a page at a time as the list scrolls; so a filter acts on every match,
 * nothing is cut that the list would have to own up to, and the list and Export list agree.
 */
export const SEARCH_ALL = 1_000_000;
/** Rows read at a time, as the Cases list pages a listing. */
export const SEARCH_PAGE = 50;

export function indexCase(record: CaseRecord): Promise<void> {
  return getCaseSearch()
    .indexCases([record])
    .catch((error: unknown) =>
      console.warn('Search index update failed; it will catch up on restart.', error),
    );
}

/**
 * Re-indexes a case whose people changed outside its row (an interview recorded or corrected): the
 * worker reads its interviews again. Its row's updatedAt does not move, so no catch-up would.
 */
export function reindexCase(db: RedressDB, caseId: string): Promise<void> {
  return db.cases
    .get(caseId)
    .then((record) => record && indexCase(record))
    .catch((error: unknown) =>
      console.warn('Search index update failed; it will catch up on restart.', error),
    );
}

/** Ids of the cases `viewer` may see best matching the query, best first. */
export async function searchCaseIds(query: string, viewer: Actor, limit = 50): Promise<string[]> {
  const hits = await getCaseSearch().search(query, viewer, limit);
  return hits.map((h) => h.id);
}

export interface SearchPage {
  /** Cases the viewer may see that pass the list's filters, best match first. */
  rows: CaseRecord[];
  /** Ranked ids not read yet: the next page starts here. */
  rest: string[];
}

export interface SearchPageOptions {
  /** The list's other filters, applied to the rows read. */
  keep?: ((c: CaseRecord) => boolean) | null;
  pageSize?: number;
  /** Told the ids whose cases are gone (deleted behind the index's back), so the index drops them. */
  forget?: (ids: string[]) => void;
}

const forgetInIndex = (ids: string[]) => {
  getCaseSearch()
    .removeCases(ids)
    .catch((error: unknown) => console.warn('Search index update failed.', error));
};

/** The list's filters a search's matches must pass: those with an index narrow the ids first. */
export interface SearchFilters {
  query: CaseQuery;
  clock: QueryClock;
}

/**
 * Every match of a search the viewer may see, best first, less those outside the index range of the
 * list's filters (caseIdsInFilterRange: keys, not rows). The rows read still pass `keep`, which
 * checks every filter, those without an index of their own included.
 */
export async function searchMatchIds(
  db: RedressDB,
  query: string,
  viewer: Actor,
  filters: SearchFilters | null = null,
): Promise<string[]> {
  const [ids, within] = await Promise.all([
    searchCaseIds(query, viewer, SEARCH_ALL),
    filters ? caseIdsInFilterRange(db, filters.query, filters.clock) : null,
  ]);
  return within ? ids.filter((id) => within.has(id)) : ids;
}

/**
 * The Cases list's search: every match's id, then the rows of the first page only. Reading the
 * rows is most of a search's time (the index answers in a few milliseconds), so the rest are read
 * as the list scrolls (moreSearchResults).
 */
export async function searchCases(
  db: RedressDB,
  query: string,
  viewer: Actor,
  options: SearchPageOptions & { filters?: SearchFilters | null } = {},
): Promise<SearchPage> {
  return moreSearchResults(db, await searchMatchIds(db, query, viewer, options.filters), viewer, options);
}

/** Reads ranked ids in pages until a page's worth of rows passes the filters or none is left. */
export async function moreSearchResults(
  db: RedressDB,
  ids: readonly string[],
  viewer: Actor,
  { keep, pageSize = SEARCH_PAGE, forget = forgetInIndex }: SearchPageOptions = {},
): Promise<SearchPage> {
  const rows: CaseRecord[] = [];
  // An offset, not a copy of what is left per batch: a rare filter may read through 100,000 ids.
  let at = 0;
  while (rows.length < pageSize && at < ids.length) {
    const batch = ids.slice(at, at + pageSize);
    at += batch.length;
    const found = await db.cases.bulkGet(batch);
    const gone = batch.filter((_, i) => !found[i]);
    if (gone.length) forget(gone);
    const seen = visibleTo(
      viewer,
      found.filter((c): c is CaseRecord => c !== undefined),
      caseSubject,
    );
    rows.push(...(keep ? seen.filter(keep) : seen));
  }
  return { rows, rest: ids.slice(at) };
}

export function rebuildSearchIndex(onProgress?: (done: number, total: number) => void): Promise<void> {
  return getCaseSearch().rebuild(onProgress);
}
