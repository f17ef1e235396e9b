// The analytics worker: one FactStore over its own connection to the case database.
// Runs as a module worker (Vite: new Worker(new URL(...), { type: 'module' })).
import type { Endpoint } from 'comlink';
import { RedressDB } from '../db/schema';
import { exposeToPage } from '../workers/rpc';
import { FactStore } from './fact-store';
import { analyticsWorkerApi } from './handle';

// The worker's global scope (see search.worker.ts for why it is declared here).
declare const self: Endpoint;

const store = new FactStore(new RedressDB());
exposeToPage(analyticsWorkerApi(store, store.load()), self);
