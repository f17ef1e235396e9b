// Reads the slim projection of cases for the management report page by page (keyset over
// [receivedAt+id], only cases received by the end of the period) and aggregates as it goes, so
// full records never pile up in memory. The app uses the analytics worker's facts instead
// (run-management.ts); this is the path where workers are unavailable, and the reference the
// facts path is tested against. Either way only the cases the reader may see are counted.
import Dexie from 'dexie';
import {
  createManagementAggregator,
  projectCase,
  type ManagementFigures,
  type ManagementParams,
} from '../../../src-shared/reports/management';
import type { CaseRecord } from '../../../src-shared/domain/case';
import type { Actor } from '../../../src-shared/domain/permissions';
import { caseViewFilter } from '../../db/case-visibility';
import type { RedressDB } from '../../db/schema';

const PAGE = 2000;

export async function aggregateFromDb(
  db: RedressDB,
  params: ManagementParams,
  viewer: Actor,
  onProgress?: (read: number) => void,
  pageSize = PAGE,
): Promise<ManagementFigures> {
  const agg = createManagementAggregator(params);
  const sees = await caseViewFilter(db, viewer);
  if (sees === 'nothing') return agg.finish();
  let lower: [string, string] | null = null;
  let read = 0;
  for (;;) {
    const index = db.cases.where('[receivedAt+id]');
    const range = lower
      ? index.between(lower, [params.to, Dexie.maxKey], false, true)
      : index.between([Dexie.minKey, Dexie.minKey], [params.to, Dexie.maxKey], true, true);
    const page: CaseRecord[] = await range.limit(pageSize).toArray();
    for (const c of page) if (!sees || sees(c)) agg.add(projectCase(c));
    read += page.length;
    onProgress?.(read);
    const last: CaseRecord | undefined = page.at(-1);
    if (!last || page.length < pageSize) break;
    lower = [last.receivedAt, last.id];
  }
  return agg.finish();
}
