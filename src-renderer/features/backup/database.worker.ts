// The database half of backups and restores, off the page's main thread: exporting 100,000 cases
// (and parsing them back in) holds a thread for seconds at a time. Runs as a module worker, started
// with the case database's name as its name (see caseDbNameInWorker).
import type { Endpoint } from 'comlink';
import { exportDatabase, importDatabase, type RowsProgress } from '../../db/database-backup';
import { caseDbNameInWorker, RedressDB } from '../../db/schema';
import { exposeToPage, withProgress } from '../../workers/rpc';

// The worker's global scope (see search.worker.ts for why it is declared here).
declare const self: Endpoint & { name: string };

const api = {
  async exportDatabase(onProgress?: (p: RowsProgress) => void) {
    const db = new RedressDB(caseDbNameInWorker(self));
    try {
      return await withProgress(onProgress, (report) => exportDatabase(db, { onProgress: report }));
    } finally {
      db.close();
    }
  },
  importDatabase(targetName: string, compressed: Blob, onProgress?: (p: RowsProgress) => void) {
    return withProgress(onProgress, (report) =>
      importDatabase(targetName, compressed, { onProgress: report }),
    );
  },
};
export type DatabaseWorkerApi = typeof api;

exposeToPage(api, self);
