// The management report's aggregation off the UI thread: its own connection to the case database.
import type { ManagementFigures, ManagementParams } from '../../../src-shared/reports/management';
import { RedressDB } from '../../db/schema';
import { aggregateFromDb } from './management-source';

export type ManagementWorkerMessage =
  | { kind: 'progress'; read: number }
  | { kind: 'done'; figures: ManagementFigures }
  | { kind: 'failed'; message: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<ManagementParams>) => void) | null;
  postMessage(message: ManagementWorkerMessage): void;
}
declare const self: WorkerScope;

const db = new RedressDB();

self.onmessage = ({ data: params }) => {
  aggregateFromDb(db, params, (read) => self.postMessage({ kind: 'progress', read })).then(
    (figures) => self.postMessage({ kind: 'done', figures }),
    (error: unknown) =>
      self.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
};
