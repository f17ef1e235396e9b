// The one way the renderer talks to its workers (search, analytics): Comlink. A worker exposes an
// object; the page calls its methods as async functions. What Comlink leaves to us is here: a
// worker that dies fails every pending and later call instead of leaving them hanging, and a
// progress callback is delivered in full before the call it belongs to settles.
import * as Comlink from 'comlink';

/** What the page needs of a Worker (tests pass a stand-in over a MessageChannel). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

/** The worker object's methods as the page sees them: async, and failing once the worker has gone. */
export type WorkerApi<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export interface WorkerConnection<T> {
  readonly api: WorkerApi<T>;
  /** Stops the worker; every pending and later call fails. */
  dispose(): void;
}

/**
 * Connects to an object a worker exposed with `exposeToPage`. `unavailable` names the error every
 * call fails with once the worker has failed to start, crashed, or been disposed.
 */
export function connectWorker<T>(
  worker: WorkerLike,
  unavailable: (reason: string) => Error,
): WorkerConnection<T> {
  const remote = Comlink.wrap<T>(worker) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const pending = new Set<(error: Error) => void>();
  let broken: Error | null = null;
  const fail = (error: Error) => {
    broken ??= error;
    for (const reject of pending) reject(broken);
    pending.clear();
  };
  worker.addEventListener('error', (event) => {
    // Handled here: the page shows the failure where the call was made, not as an uncaught error.
    event.preventDefault();
    fail(unavailable((event as ErrorEvent).message || 'the worker failed'));
  });
  worker.addEventListener('messageerror', () => fail(unavailable('a message could not be read')));

  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      pending.add(reject);
      remote[method]!(...args)
        .then(resolve, reject)
        .finally(() => pending.delete(reject));
    });
  };
  const api = new Proxy({} as WorkerApi<T>, {
    // Not thenable: awaiting the api object must not call the worker.
    get: (_target, method) =>
      typeof method === 'string' && method !== 'then'
        ? (...args: unknown[]) => call(method, args)
        : undefined,
  });
  return {
    api,
    dispose() {
      worker.terminate();
      fail(unavailable('it was shut down'));
    },
  };
}

/** A callback the worker may call back during one call (progress), passed as an argument. */
export const callback = <A extends unknown[]>(fn: (...args: A) => void): ((...args: A) => void) =>
  Comlink.proxy(fn);

/**
 * A port passed as a call's argument moves to the other side (a port cannot be copied): what two
 * workers talk over directly, so that what they exchange never crosses the page.
 */
export const handOver = (port: MessagePort): MessagePort => Comlink.transfer(port, [port]);

/** An object another worker exposed on a port, its methods called as async functions. */
export type PortApi<T> = Comlink.Remote<T>;

/** Calls an object exposed on `port` (with `exposeToPage`) by another worker. */
export const remoteOn = <T>(port: MessagePort): PortApi<T> => Comlink.wrap<T>(port);

/** Done with `remote`: both ends of its port close (the other side once it has read what came before). */
export const releaseRemote = <T>(remote: PortApi<T>): void => remote[Comlink.releaseProxy]();

/**
 * Worker side: answers the page's calls with `api` over `scope` (the worker's global scope), or
 * another worker's over a port it handed over.
 */
export function exposeToPage(api: object, scope: Comlink.Endpoint): void {
  Comlink.expose(api, scope);
}

/**
 * Worker side: runs `work` with a progress reporter that forwards to the page's callback (if it
 * sent one), and settles only once every report has reached the page, so a listener has seen the
 * last progress before the call's result. The callback is released afterwards.
 */
export async function withProgress<P, R>(
  onProgress: ((progress: P) => void) | undefined,
  work: (report: (progress: P) => void) => Promise<R>,
): Promise<R> {
  // Reports travel on the callback's own channel in order: waiting for the last one is enough.
  let delivered: Promise<unknown> = Promise.resolve();
  try {
    const result = await work((progress) => {
      if (onProgress) delivered = Promise.resolve(onProgress(progress)).catch(() => undefined);
    });
    await delivered;
    return result;
  } finally {
    (onProgress as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
  }
}
