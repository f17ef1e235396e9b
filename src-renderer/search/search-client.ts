// The renderer's handle on the search worker, through workers/rpc.ts (Comlink). The worker (and
// FlexSearch with it) loads in its own chunk; this file stays small.
import type { CaseRecord } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/permissions';
import { activeDatabaseName } from '../db/schema';
import { callback, connectWorker, handOver, type WorkerLike } from '../workers/rpc';
import type { LoadSummary, RebuildProgress } from './protocol';
import { caseToSearchDoc, type SearchDoc, type SearchHit } from './search-doc';
import type { SearchWorkerApi } from './search-service';

export type ProgressListener = (done: number, total: number) => void;

export interface CaseSearch {
  /** Settles once the index is usable: read back and caught up, or rebuilt on first start. */
  readonly ready: Promise<LoadSummary>;
  /** Call after each committed case write (create, edit, transition) with the stored records. */
  indexCases(records: readonly CaseRecord[]): Promise<void>;
  /**
   * As indexCases, for documents already made from the records (an import worker's). `more`: a
   * batch of many, the index saved only after `flush()` (or a long quiet), not after each.
   */
  indexDocs(docs: readonly SearchDoc[], options?: { more?: boolean }): Promise<void>;
  /**
   * A port on which another worker (an import's) sends documents straight to the search worker
   * (`IndexerApi`), so that its batches need not cross the page; hand it over with `handOver`.
   */
  indexerPort(): Promise<MessagePort>;
  /** Call after cases are deleted. */
  removeCases(ids: readonly string[]): Promise<void>;
  /** Ids of the cases `viewer` may see best matching the query, best first, with the fields that matched. */
  search(query: string, viewer: Actor, limit?: number): Promise<SearchHit[]>;
  /** Re-indexes every case from the database. */
  rebuild(onProgress?: ProgressListener): Promise<void>;
  /** Progress of a rebuild that loading started (first start, or an unreadable saved index). */
  onLoadProgress(listener: ProgressListener): () => void;
  /** Saves the index now instead of after the usual quiet second. */
  flush(): Promise<void>;
  dispose(): void;
}

/** The worker has gone (failed to start, crashed, or disposed): every call fails with this. */
export class SearchUnavailableError extends Error {
  constructor(reason: string) {
    super(`Search is unavailable: ${reason}`);
    this.name = 'SearchUnavailableError';
  }
}

/** Talks to a search worker; `getCaseSearch()` gives the app's one instance. */
export function createCaseSearch(worker: WorkerLike): CaseSearch {
  const { api, dispose } = connectWorker<SearchWorkerApi>(
    worker,
    (reason) => new SearchUnavailableError(reason),
  );
  const loadListeners = new Set<ProgressListener>();

  const ready = api.load(
    callback(({ done, total }: RebuildProgress) => {
      for (const listener of loadListeners) listener(done, total);
    }),
  );
  // Callers that never await `ready` should not see an unhandled rejection; later calls fail too.
  ready.catch(() => undefined);

  return {
    ready,
    async indexCases(records) {
      if (records.length === 0) return;
      await api.upsert(records.map((r) => caseToSearchDoc(r)));
    },
    async indexDocs(docs, options) {
      if (docs.length === 0) return;
      await api.upsert([...docs], options?.more ?? false);
    },
    async indexerPort() {
      const { port1, port2 } = new MessageChannel();
      await api.acceptIndexer(handOver(port2));
      return port1;
    },
    async removeCases(ids) {
      if (ids.length === 0) return;
      await api.remove([...ids]);
    },
    search(query, viewer, limit = 50) {
      return api.search(query, viewer, limit);
    },
    async rebuild(onProgress) {
      await api.rebuild(onProgress && callback(({ done, total }) => onProgress(done, total)));
    },
    onLoadProgress(listener) {
      loadListeners.add(listener);
      return () => loadListeners.delete(listener);
    },
    async flush() {
      await api.flush();
    },
    dispose,
  };
}

let instance: CaseSearch | undefined;

/** The app's search, started on first use: the worker loads the saved index and catches up. */
export function getCaseSearch(): CaseSearch {
  instance ??= createCaseSearch(
    new Worker(new URL('./search.worker.ts', import.meta.url), {
      type: 'module',
      name: activeDatabaseName(),
    }),
  );
  return instance;
}

let startRequested = false;

/**
 * Starts the worker soon, without slowing the first screen: loading the saved index reads tens
 * of megabytes from IndexedDB and keeps a core busy, so the first screen calls this once it has
 * painted (and start-up calls it with a longer delay as a fallback). Typing a search or saving a
 * case starts the worker at once anyway, since getCaseSearch() is lazy.
 */
export function startCaseSearchSoon(delayMs = 300): void {
  if (startRequested || instance) return;
  startRequested = true;
  setTimeout(() => requestIdleCallback(() => void getCaseSearch(), { timeout: 2000 }), delayMs);
}
