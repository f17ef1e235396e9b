// A spreadsheet import off the page's main thread: checking 100,000 rows (the dry run), then
// building each case, hashing its audit entry into the chain and handing both to IndexedDB, would
// freeze the screen on the page. Runs as a module worker, started with the case database's name as
// its name (see caseDbNameInWorker); one worker per dry run and the import that follows it.
import type { Endpoint } from 'comlink';
import { caseDbNameInWorker, RedressDB } from '../../db/schema';
import { exposeToPage } from '../../workers/rpc';
import { importWorkerApi } from './import-worker-api';

// The worker's global scope (see search.worker.ts for why it is declared here).
declare const self: Endpoint & { name: string };

exposeToPage(
  importWorkerApi(() => new RedressDB(caseDbNameInWorker(self))),
  self,
);
