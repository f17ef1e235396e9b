// The writing half of a spreadsheet import, off the page's main thread: building each case, hashing
// its audit entry into the chain and handing both to IndexedDB keeps a thread busy for most of a
// batch, which on the page would freeze the screen. Runs as a module worker, started with the case
// database's name as its name (see caseDbNameInWorker); one worker per import.
import type { Endpoint } from 'comlink';
import { saveImportBatch, type ImportRow, type SavedBatch } from '../../db/case-import';
import { caseRulesOf, type CaseRules, type CaseRulesSettings } from '../../db/cases';
import { caseDbNameInWorker, RedressDB } from '../../db/schema';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import { exposeToPage } from '../../workers/rpc';

// The worker's global scope (see search.worker.ts for why it is declared here).
declare const self: Endpoint & { name: string };

let session: { db: RedressDB; rules: CaseRules; fileName: string; by: ActingPerson } | null = null;

const api = {
  /** Opens the database and builds the office's rules once for the whole import. */
  begin(fileName: string, by: ActingPerson, settings: CaseRulesSettings): void {
    session?.db.close();
    session = { db: new RedressDB(caseDbNameInWorker(self)), rules: caseRulesOf(settings), fileName, by };
  },
  saveBatch(batch: ImportRow[], at: string): Promise<SavedBatch> {
    if (!session) throw new Error('The import has not begun.');
    const { db, rules, fileName, by } = session;
    return saveImportBatch(db, batch, fileName, by, rules, new Date(at));
  },
};
export type ImportWorkerApi = typeof api;

exposeToPage(api, self);
