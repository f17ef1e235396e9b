// The renderer's handle on the analytics worker, through workers/rpc.ts (Comlink).
import { activeDatabaseName } from '../db/schema';
import { connectWorker, type WorkerApi, type WorkerLike } from '../workers/rpc';
import type { AnalyticsWorkerApi } from './handle';

export type Analytics = WorkerApi<AnalyticsWorkerApi>;

export function createAnalytics(worker: WorkerLike): Analytics {
  return connectWorker<AnalyticsWorkerApi>(
    worker,
    (reason) => new Error(`The dashboard's worker failed: ${reason}`),
  ).api;
}

let instance: Analytics | undefined;

/** The app's analytics worker, started on first use (it loads the saved projection straight away). */
export function getAnalytics(): Analytics {
  instance ??= createAnalytics(
    new Worker(new URL('./analytics.worker.ts', import.meta.url), {
      type: 'module',
      name: activeDatabaseName(),
    }),
  );
  return instance;
}

/**
 * Starts the worker when the app is idle after start-up, so that opening the dashboard only waits
 * for the answer: at 100,000 cases reading the saved projection takes a few hundred milliseconds.
 */
export function preloadAnalytics(): () => void {
  const start = () =>
    void getAnalytics()
      .load()
      .catch((e: unknown) => console.warn('The dashboard worker could not start; it will retry on use.', e));
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(start, { timeout: 5000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(start, 2000);
  return () => clearTimeout(timer);
}
