// The search worker: one CaseSearchIndex over its own connection to the case database, driven by
// search-client.ts. Runs as a module worker (Vite: new Worker(new URL(...), { type: 'module' })).
import { RedressDB } from '../db/schema';
import type { SearchRequest, SearchResponse } from './protocol';
import { handleSearchRequest, SearchService } from './search-service';

// Only what this file uses of DedicatedWorkerGlobalScope. `/// <reference lib="webworker" />` would
// add the worker globals to every renderer file (they are type-checked as one DOM program).
interface WorkerScope {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(message: SearchResponse): void;
}
declare const self: WorkerScope;

const service = new SearchService(new RedressDB());

self.onmessage = ({ data: request }) => {
  const { id } = request;
  handleSearchRequest(service, request, (progress) =>
    self.postMessage({ id, kind: 'progress', progress }),
  ).then(
    (value) => self.postMessage({ id, kind: 'done', value }),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      self.postMessage({ id, kind: 'failed', error: { name, message } });
    },
  );
};
