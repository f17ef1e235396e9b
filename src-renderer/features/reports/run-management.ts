// Runs the management aggregation in a worker; where workers are unavailable, on this thread.
import type { ManagementFigures, ManagementParams } from '../../../src-shared/reports/management';
import { getDb } from '../../db/schema';
import { aggregateFromDb } from './management-source';
import type { ManagementWorkerMessage } from './management.worker';

export function runManagementAggregation(
  params: ManagementParams,
  onProgress: (read: number) => void,
): Promise<ManagementFigures> {
  if (typeof Worker === 'undefined') return aggregateFromDb(getDb(), params, onProgress);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./management.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<ManagementWorkerMessage>) => {
      if (data.kind === 'progress') return onProgress(data.read);
      worker.terminate();
      if (data.kind === 'done') resolve(data.figures);
      else reject(new Error(data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'The report could not be computed.'));
    };
    worker.postMessage(params);
  });
}
