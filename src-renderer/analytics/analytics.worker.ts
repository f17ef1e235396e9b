// The analytics worker: one FactStore over its own connection to the case database.
// Runs as a module worker (Vite: new Worker(new URL(...), { type: 'module' })).
import type { Endpoint } from 'comlink';
import { caseDbNameInWorker, RedressDB } from '../db/schema';
import { exposeToPage } from '../workers/rpc';
import { FactStore } from './fact-store';
import { analyticsWorkerApi } from './handle';

// The worker's global scope (see search.worker.ts for why it is declared here).
declare const self: Endpoint & { name: string };

const store = new FactStore(new RedressDB(caseDbNameInWorker(self)));
exposeToPage(analyticsWorkerApi(store, store.load()), self);
