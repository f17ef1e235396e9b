// Messages between the renderer (search-client.ts) and the search worker. Every request carries an
// id; the worker answers it once with `done` or `failed`, after any number of `progress` messages.
import type { SearchDoc, SearchHit } from './search-doc';

export interface RebuildProgress {
  done: number;
  total: number;
}

export interface LoadSummary {
  /** 'saved': the persisted index was read back; 'rebuilt': there was none usable. */
  source: 'saved' | 'rebuilt';
  /** Cases in the index. */
  count: number;
  /** Cases re-indexed because they changed after the index was last saved. */
  caughtUp: number;
}

export interface RebuildSummary {
  count: number;
}

export type SearchRequestBody =
  | { type: 'load' }
  | { type: 'upsert'; docs: SearchDoc[] }
  | { type: 'remove'; ids: string[] }
  | { type: 'search'; query: string; limit: number }
  | { type: 'rebuild' }
  | { type: 'flush' };

export type SearchRequestType = SearchRequestBody['type'];
export type SearchRequest = SearchRequestBody & { id: number };

/** What each request resolves to. */
export interface SearchResults {
  load: LoadSummary;
  upsert: null;
  remove: null;
  search: SearchHit[];
  rebuild: RebuildSummary;
  flush: null;
}

export type SearchResponse =
  | { id: number; kind: 'done'; value: SearchResults[SearchRequestType] }
  | { id: number; kind: 'failed'; error: { name: string; message: string } }
  | { id: number; kind: 'progress'; progress: RebuildProgress };
