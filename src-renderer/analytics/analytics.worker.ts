// The analytics worker: one FactStore over its own connection to the case database.
// Runs as a module worker (Vite: new Worker(new URL(...), { type: 'module' })).
import { RedressDB } from '../db/schema';
import { FactStore } from './fact-store';
import { handleAnalyticsCall } from './handle';
import type { AnalyticsCall, AnalyticsRequest, AnalyticsResponse } from './protocol';

// Only what this file uses of DedicatedWorkerGlobalScope (see search.worker.ts for why).
interface WorkerScope {
  onmessage: ((event: MessageEvent<AnalyticsRequest>) => void) | null;
  postMessage(message: AnalyticsResponse): void;
}
declare const self: WorkerScope;

const store = new FactStore(new RedressDB());
const ready = store.load();

self.onmessage = ({ data: { id, call, input } }) => {
  handleAnalyticsCall(store, ready, call as AnalyticsCall, input as never).then(
    (value) => self.postMessage({ id, kind: 'done', value }),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      self.postMessage({ id, kind: 'failed', error: { name, message } });
    },
  );
};
