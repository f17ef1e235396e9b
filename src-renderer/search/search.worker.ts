// The search worker: one CaseSearchIndex over its own connection to the case database, driven by
// search-client.ts. Runs as a module worker (Vite: new Worker(new URL(...), { type: 'module' })).
import type { Endpoint } from 'comlink';
import { caseDbNameInWorker, RedressDB } from '../db/schema';
import { exposeToPage } from '../workers/rpc';
import { interviewPeople } from './case-people';
import { SearchService, searchWorkerApi } from './search-service';

// The worker's global scope. `/// <reference lib="webworker" />` would add the worker globals to
// every renderer file (they are type-checked as one DOM program).
declare const self: Endpoint & { name: string };

const service = new SearchService(new RedressDB(caseDbNameInWorker(self)), { loadPeople: interviewPeople });
exposeToPage(searchWorkerApi(service), self);
