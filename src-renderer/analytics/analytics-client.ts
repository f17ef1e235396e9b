// The renderer's handle on the analytics worker: promise-returning calls matched to replies by id.
import type { AnalyticsCall, AnalyticsCalls, AnalyticsResponse } from './protocol';

export interface Analytics {
  call<C extends AnalyticsCall>(
    call: C,
    input: AnalyticsCalls[C]['input'],
  ): Promise<AnalyticsCalls[C]['output']>;
}

export function createAnalytics(worker: Worker): Analytics {
  let nextId = 1;
  let broken: Error | null = null;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const fail = (error: Error) => {
    broken ??= error;
    for (const p of pending.values()) p.reject(broken);
    pending.clear();
  };
  worker.onmessage = ({ data }: MessageEvent<AnalyticsResponse>) => {
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.kind === 'done') p.resolve(data.value);
    else p.reject(Object.assign(new Error(data.error.message), { name: data.error.name }));
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault?.();
    fail(new Error(`The dashboard's worker failed: ${event.message || 'unknown error'}`));
  };
  return {
    call(call, input) {
      if (broken) return Promise.reject(broken);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, call, input });
      });
    },
  };
}

let instance: Analytics | undefined;

/** The app's analytics worker, started on first use (it loads the saved projection straight away). */
export function getAnalytics(): Analytics {
  instance ??= createAnalytics(
    new Worker(new URL('./analytics.worker.ts', import.meta.url), { type: 'module' }),
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
      .call('load', null)
      .catch((e: unknown) => console.warn('The dashboard worker could not start; it will retry on use.', e));
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(start, { timeout: 5000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(start, 2000);
  return () => clearTimeout(timer);
}
