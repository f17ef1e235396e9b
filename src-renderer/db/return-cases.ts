// The cases a return reads, as the slim projection the figures need (ReturnCase). Read a page at a
// time in received order, up to the period's end (a case received later counts in no return for
// it), keeping only the few fields, so 100,000 cases stay within memory and the screen can show
// how far the reading has got.
import Dexie, { type IndexableType } from 'dexie';
import type { CaseRecord } from '../../src-shared/domain/case';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import type { ReturnCase } from '../../src-shared/returns/period';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

const PAGE = 2000;

const slim = (c: CaseRecord): ReturnCase => ({
  id: c.id,
  reference: c.reference,
  regime: c.regime,
  status: c.status,
  receivedAt: c.receivedAt,
  finalResponseAt: c.finalResponseAt ?? null,
  summaryResolutionAt: c.summaryResolutionAt ?? null,
  finding: c.finding,
  returnData: c.returnData ?? null,
});

/** Every case received up to `receivedUpTo` (an instant, included), slim; `onProgress` after each page. */
export async function returnCases(
  db: RedressDB,
  by: ActingPerson,
  receivedUpTo: string,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
  pageSize = PAGE,
): Promise<ReturnCase[]> {
  assertMay(by, 'returns.view');
  const index = db.cases.where('[receivedAt+id]');
  // IndexedDB refuses the same array object twice in one key, so each bound gets its own.
  const upper = (): IndexableType[] => [receivedUpTo, [[]]];
  const total = await index.between([Dexie.minKey, Dexie.minKey], upper(), true, true).count();
  const out: ReturnCase[] = [];
  let lower: IndexableType[] = [Dexie.minKey, Dexie.minKey];
  let first = true;
  onProgress(0, total);
  for (;;) {
    signal?.throwIfAborted();
    const rows = await db.cases
      .where('[receivedAt+id]')
      .between(lower, upper(), first, true)
      .limit(pageSize)
      .toArray();
    for (const c of rows) out.push(slim(c));
    onProgress(out.length, Math.max(total, out.length));
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return out;
    lower = [last.receivedAt, last.id];
    first = false;
  }
}
