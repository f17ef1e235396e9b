// Keeps the full-text index (a FlexSearch index in a Web Worker) in step with the case database.
// Repository writes commit first; the index follows. If the app stops in between, the worker's
// start-up catch-up (cases updated after the index's last save) fills the gap.
import type { CaseRecord } from '../../src-shared/domain/case';
import { caseSubject, visibleTo, type Actor } from '../../src-shared/domain/permissions';
import { getCaseSearch } from '../search/search-client';
import type { RedressDB } from './schema';

/** How many ranked matches the Cases list offers for a search. */
export const SEARCH_LIST_LIMIT = 200;
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

/**
 * The Cases list's search: the ranked ids from the worker, then the rows of the first page only.
 * Reading the rows is most of a search's time (the index answers in a few milliseconds), so
 * the rest are read as the list scrolls (moreSearchResults).
 */
export async function searchCases(
  db: RedressDB,
  query: string,
  viewer: Actor,
  options: SearchPageOptions = {},
): Promise<SearchPage> {
  return moreSearchResults(db, await searchCaseIds(query, viewer, SEARCH_LIST_LIMIT), viewer, options);
}

/** Reads ranked ids in pages until a page's worth of rows passes the filters or none is left. */
export async function moreSearchResults(
  db: RedressDB,
  ids: readonly string[],
  viewer: Actor,
  { keep, pageSize = SEARCH_PAGE, forget = forgetInIndex }: SearchPageOptions = {},
): Promise<SearchPage> {
  const rows: CaseRecord[] = [];
  let rest = [...ids];
  while (rows.length < pageSize && rest.length) {
    const batch = rest.slice(0, pageSize);
    rest = rest.slice(pageSize);
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
  return { rows, rest };
}

export function rebuildSearchIndex(onProgress?: (done: number, total: number) => void): Promise<void> {
  return getCaseSearch().rebuild(onProgress);
}
