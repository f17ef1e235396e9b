// Where an import's batches are written: in a worker of their own (a fresh one per import), so the
// page stays free to paint the progress bar and answer Cancel while 100,000 cases go in.
import type { ImportRow, SaveBatch } from '../../db/case-import';
import type { CaseRulesSettings } from '../../db/cases';
import { activeDatabaseName } from '../../db/schema';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import { connectWorker } from '../../workers/rpc';
import type { ImportWorkerApi } from './import.worker';

export interface ImportWork {
  saveBatch: SaveBatch;
  /** Stops the worker (after the last batch has settled). */
  dispose(): void;
}

/** Starts an import worker for `fileName`, writing as `by` under the office's rules in `settings`. */
export function importWorkInWorker(
  fileName: string,
  by: ActingPerson,
  settings: CaseRulesSettings,
): ImportWork {
  const { api, dispose } = connectWorker<ImportWorkerApi>(
    new Worker(new URL('./import.worker.ts', import.meta.url), {
      type: 'module',
      name: activeDatabaseName(),
    }),
    (reason) => new Error(`The import's worker failed: ${reason}`),
  );
  // Only the fields the rules need cross to the worker (a clone of what the caller passed).
  const began = api.begin(
    fileName,
    { id: by.id, name: by.name, roles: [...by.roles] },
    pickRulesSettings(settings),
  );
  return {
    async saveBatch(batch: readonly ImportRow[], now: Date) {
      await began;
      return api.saveBatch([...batch], now.toISOString());
    },
    dispose,
  };
}

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
