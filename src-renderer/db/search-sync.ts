// Keeps the full-text index (a FlexSearch index in a Web Worker) in step with the case database.
// Repository writes commit first; the index follows. If the app stops in between, the worker's
// start-up catch-up (cases updated after the index's last save) fills the gap.
import type { CaseRecord } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/permissions';
import { getCaseSearch } from '../search/search-client';

export function indexCase(record: CaseRecord): Promise<void> {
  return getCaseSearch()
    .indexCases([record])
    .catch((error: unknown) =>
      console.warn('Search index update failed; it will catch up on restart.', error),
    );
}

/** Ids of the cases `viewer` may see best matching the query, best first. */
export async function searchCaseIds(query: string, viewer: Actor, limit = 50): Promise<string[]> {
  const hits = await getCaseSearch().search(query, viewer, limit);
  return hits.map((h) => h.id);
}

export function rebuildSearchIndex(onProgress?: (done: number, total: number) => void): Promise<void> {
  return getCaseSearch().rebuild(onProgress);
}
