// Where an import's dry run and batches run: in a worker of their own (started when the file is
// chosen, so it has loaded by the time the columns are mapped; kept for the import that follows the
// dry run), so the page stays free to paint the progress bar and answer
// Cancel while 100,000 rows are checked and go in. Cancel during the dry run stops the worker.
import type { DryRunReport, PlannedRow, SaveBatch } from '../../db/case-import';
import type { CaseRulesSettings } from '../../db/cases';
import { activeDatabaseName } from '../../db/schema';
import type { ColumnMapping, ImportContext } from '../../../src-shared/domain/case-import';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { ParsedSheet } from '../../../src-shared/ipc/channels/sheets';
import { callback, connectWorker, handOver, type WorkerLike } from '../../workers/rpc';
import type { ImportWorkerApi } from './import-worker-api';

/**
 * Rows handed to the worker per message: copying a message holds the page up, so a slice stays a
 * few milliseconds' worth whatever the file's size.
 */
export const ROWS_PER_MESSAGE = 1000;

export interface ImportWork {
  /**
   * Hands the worker the file's next rows as they are read from main (the first ones, in place of any
   * sent before, when `fromStart`): the page keeps none of them, so a file of 100,000 rows is not
   * held, and walked by every garbage collection, on the page's thread.
   */
  addRows(rows: ParsedSheet['rows'], fromStart: boolean): Promise<void>;
  /** Runs the dry run in the worker over the rows it was given. */
  dryRun(
    header: readonly string[],
    mapping: ColumnMapping,
    ctx: ImportContext,
    onProgress?: (done: number, total: number) => void,
  ): Promise<DryRunReport>;
  /**
   * Names the file and the person for the batches to come, under the office's rules in `settings`.
   * With `indexer` (the search's `indexerPort()`), the worker sends each batch's new cases to the
   * search worker itself, and the page's batches come back without them.
   */
  begin(fileName: string, by: ActingPerson, settings: CaseRulesSettings, indexer?: MessagePort): void;
  /** Saves the dry run's good rows with these numbers, in one transaction. */
  saveBatch: SaveBatch<PlannedRow>;
  /** Places the imported cases' return facts, after the last batch (`onProgress`: cases placed). */
  settle(onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Stops the worker: a dry run under way fails, a batch under way is rolled back. */
  dispose(): void;
}

/** An import worker (tests pass a stand-in over a MessageChannel as `worker`). */
export function importWork(worker: WorkerLike = newImportWorker()): ImportWork {
  const { api, dispose } = connectWorker<ImportWorkerApi>(
    worker,
    (reason) => new Error(`The import's worker failed: ${reason}`),
  );
  let began: Promise<void> = Promise.reject(new Error('The import has not begun.'));
  began.catch(() => undefined);
  return {
    async addRows(rows, fromStart) {
      let sent = 0;
      do {
        await api.addRows(rows.slice(sent, sent + ROWS_PER_MESSAGE), fromStart && sent === 0);
        sent += ROWS_PER_MESSAGE;
      } while (sent < rows.length);
    },
    dryRun(header, mapping, ctx, onProgress) {
      return api.dryRun(
        [...header],
        { ...mapping },
        { ...ctx },
        onProgress && callback(({ done, total }) => onProgress(done, total)),
      );
    },
    begin(fileName, by, settings, indexer) {
      // Only the fields the rules need cross to the worker (a clone of what the caller passed).
      began = api.begin(
        fileName,
        { id: by.id, name: by.name, roles: [...by.roles] },
        pickRulesSettings(settings),
        indexer && handOver(indexer),
      );
    },
    async saveBatch(batch, now) {
      await began;
      return api.saveBatch(
        batch.map(({ row }) => ({ row })),
        now.toISOString(),
      );
    },
    async settle(onProgress) {
      await began;
      await api.settle(onProgress && callback(({ done, total }) => onProgress(done, total)));
    },
    dispose,
  };
}

const newImportWorker = () =>
  new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module',
    name: activeDatabaseName(),
  });

function pickRulesSettings(s: CaseRulesSettings): CaseRulesSettings {
  return {
    holidayCountry: s.holidayCountry,
    holidayRegion: s.holidayRegion,
    timeZone: s.timeZone,
    closures: s.closures,
    taxonomy: s.taxonomy,
    requiredChecklistItems: s.requiredChecklistItems,
    requireFindingToLeaveInvestigation: s.requireFindingToLeaveInvestigation,
    customRegime: s.customRegime,
    slaTargets: s.slaTargets,
  };
}
