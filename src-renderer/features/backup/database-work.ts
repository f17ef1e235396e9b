// Where a backup's database work runs: in a worker in the app (a fresh one per run, so a cancel
// can simply stop it), or on the calling thread (the unit tests, which have no workers).
import {
  exportDatabase,
  importDatabase,
  type DatabaseExport,
  type RowsProgress,
} from '../../db/database-backup';
import { activeDatabaseName, type RedressDB } from '../../db/schema';
import { callback, connectWorker } from '../../workers/rpc';
import type { DatabaseWorkerApi } from './database.worker';

interface WorkOptions {
  signal?: AbortSignal;
  onProgress?: (p: RowsProgress) => void;
}

export interface DatabaseWork {
  exportDatabase(options: WorkOptions): Promise<DatabaseExport>;
  /** Imports into `targetName`; the imported rows per table. */
  importDatabase(targetName: string, compressed: Blob, options: WorkOptions): Promise<Record<string, number>>;
}

export function databaseWorkHere(db: RedressDB): DatabaseWork {
  return {
    exportDatabase: (options) => exportDatabase(db, options),
    importDatabase: (targetName, compressed, options) => importDatabase(targetName, compressed, options),
  };
}

const cancelled = () => new DOMException('Cancelled.', 'AbortError');

/** Runs `fn` in a new database worker, stopped when it settles or when the signal aborts. */
async function inWorker<T>(
  signal: AbortSignal | undefined,
  fn: (api: DatabaseWorkerApi) => Promise<T>,
): Promise<T> {
  signal?.throwIfAborted();
  const connection = connectWorker<DatabaseWorkerApi>(
    new Worker(new URL('./database.worker.ts', import.meta.url), {
      type: 'module',
      name: activeDatabaseName(),
    }),
    (reason) => new Error(`The backup's worker failed: ${reason}`),
  );
  const stop = () => connection.dispose();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await fn(connection.api as unknown as DatabaseWorkerApi);
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    connection.dispose();
  }
}

export function databaseWorkInWorker(): DatabaseWork {
  return {
    exportDatabase: ({ signal, onProgress }) =>
      inWorker(signal, (api) => api.exportDatabase(onProgress && callback(onProgress))),
    importDatabase: (targetName, compressed, { signal, onProgress }) =>
      inWorker(signal, (api) =>
        api.importDatabase(targetName, compressed, onProgress && callback(onProgress)),
      ),
  };
}
