// What the search worker's calls report and return (the calls themselves: searchWorkerApi in
// search-service.ts, reached through workers/rpc.ts).

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
