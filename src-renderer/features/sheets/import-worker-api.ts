// What the import worker does, apart from the worker's global scope so that tests can serve it over
// a MessageChannel: it holds the file's rows, runs the dry run on them (the very dryRunImport the
// page used to run, so the rules keep one home), keeps the rows it found good, and writes them a
// batch at a time when the page says which. The page holds row numbers only: 100,000 checked rows
// never cross back to it.
import {
  dryRunImport,
  dryRunReport,
  saveImportBatch,
  type DryRunReport,
  type ImportRow,
  type PlannedRow,
  type SavedBatch,
} from '../../db/case-import';
import { settleReturnFacts } from '../../db/return-facts';
import { caseRulesOf, type CaseRules, type CaseRulesSettings } from '../../db/cases';
import type { RedressDB } from '../../db/schema';
import { releaseRemote, remoteOn, withProgress, type PortApi } from '../../workers/rpc';
import type { IndexerApi } from '../../search/search-service';
import type { ColumnMapping, ImportContext } from '../../../src-shared/domain/case-import';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { ParsedSheet } from '../../../src-shared/ipc/channels/sheets';

export interface DryRunProgress {
  done: number;
  total: number;
}

/**
 * How long the settle waits for the search worker to take the last batches: a search worker that
 * has died never answers on its port, and the import must still end (the search catches up from
 * the cases when it is back).
 */
export const INDEXING_WAIT_MS = 20_000;

/** The worker's object, over the case database `openDb` opens (once, when first needed). */
export function importWorkerApi(openDb: () => RedressDB, { indexingWaitMs = INDEXING_WAIT_MS } = {}) {
  let db: RedressDB | null = null;
  const database = () => (db ??= openDb());
  const rows: ParsedSheet['rows'] = [];
  let planned = new Map<number, ImportRow>();
  let writing: {
    rules: CaseRules;
    fileName: string;
    by: ActingPerson;
    search: PortApi<IndexerApi> | null;
  } | null = null;
  // The batches' documents on their way to the search worker (see saveBatch).
  let indexing: Promise<unknown> = Promise.resolve();

  return {
    /** Takes the next rows of the file (the page sends them a slice at a time), or the first ones. */
    addRows(slice: ParsedSheet['rows'], fromStart = false): void {
      if (fromStart) rows.length = 0;
      for (const r of slice) rows.push(r);
    },
    /** The dry run over every row sent; the good rows stay here for saveBatch. */
    dryRun(
      header: string[],
      mapping: ColumnMapping,
      ctx: ImportContext,
      onProgress?: (progress: DryRunProgress) => void,
    ): Promise<DryRunReport> {
      return withProgress(onProgress, async (report) => {
        const run = await dryRunImport(database(), { header, rows }, mapping, ctx, {
          onProgress: (done, total) => report({ done, total }),
        });
        planned = new Map(run.good.map((r) => [r.row, r]));
        return dryRunReport(run);
      });
    },
    /**
     * Builds the office's rules once for the whole import. `indexer`: a port to the search worker
     * (its `acceptIndexer`), to which each batch's new cases go from here.
     */
    begin(fileName: string, by: ActingPerson, settings: CaseRulesSettings, indexer?: MessagePort): void {
      writing = {
        rules: caseRulesOf(settings),
        fileName,
        by,
        search: indexer ? remoteOn<IndexerApi>(indexer) : null,
      };
    },
    /**
     * Saves the good rows with these row numbers in one transaction (see saveImportBatch). With a
     * port to the search worker, the new cases' documents go there (once committed) and not back
     * to the page: a 100,000-row import's documents, copied through the page a batch at a time,
     * were most of what its garbage collector had to clear during the import.
     */
    async saveBatch(batch: PlannedRow[], at: string): Promise<SavedBatch> {
      if (!writing) throw new Error('The import has not begun.');
      const chosen = batch.map(({ row }) => {
        const found = planned.get(row);
        if (!found) throw new Error(`Row ${row} was not found good by the dry run.`);
        return found;
      });
      const saved = await saveImportBatch(
        database(),
        chosen,
        writing.fileName,
        writing.by,
        writing.rules,
        new Date(at),
      );
      if (!writing.search || saved.indexed.length === 0) return saved;
      // Not awaited: the next batch's writes go on while the search worker takes these in. A
      // batch it misses is read from the cases at its next catch-up.
      const sent = writing.search.upsert(saved.indexed, true).catch((e: unknown) => {
        console.warn('Search index update failed; it will catch up from the cases.', e);
      });
      indexing = Promise.all([indexing, sent]);
      return { fates: saved.fates, indexed: [] };
    },
    /**
     * Places the return facts the batches left owed (settleReturnFacts), once the batches are
     * done; first waits (up to `indexingWaitMs`) for the search worker to have taken every batch,
     * so that the page's flush of the search index afterwards saves them all.
     */
    settle(onProgress?: (progress: DryRunProgress) => void): Promise<void> {
      return withProgress(onProgress, async (report) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          indexing,
          new Promise((resolve) => (timer = setTimeout(resolve, indexingWaitMs))),
        ]);
        clearTimeout(timer);
        // The import's batches are done: the port to the search worker closes.
        if (writing?.search) {
          releaseRemote(writing.search);
          writing.search = null;
        }
        await settleReturnFacts(database(), (done, total) => report({ done, total }));
      });
    },
  };
}
export type ImportWorkerApi = ReturnType<typeof importWorkerApi>;
