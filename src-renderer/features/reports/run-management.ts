// The management report's figures. In the app they come from the analytics worker, which already
// holds a slim fact for every case (the dashboard's projection): reading 100,000 case records again
// for each report took about 6 s, the facts take well under a second. Where workers are unavailable
// the cases are read page by page on this thread instead.
import type { Actor } from '../../../src-shared/domain/permissions';
import type { ManagementFigures, ManagementParams } from '../../../src-shared/reports/management';
import { getAnalytics } from '../../analytics/analytics-client';
import { getDb } from '../../db/schema';
import { aggregateFromDb } from './management-source';

export function runManagementAggregation(
  params: ManagementParams,
  viewer: Actor,
  onProgress: (read: number) => void,
): Promise<ManagementFigures> {
  if (typeof Worker === 'undefined') return aggregateFromDb(getDb(), params, viewer, onProgress);
  return getAnalytics().management(params, viewer);
}
