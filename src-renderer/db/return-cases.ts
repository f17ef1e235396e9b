// The cases a return reads, from the returnFacts table (one slim row per case, see return-facts.ts):
// only those that can count in the period, found through its indexes, so a half-year's return over
// 100,000 cases reads the cases of that half-year and the ones still open, not every case ever.
// Rows are read as ranges of one index a page at a time (one request a page, where a read by id
// costs a request a row; no keys are read first, since at 100,000 cases reading the keys of the
// period cost as much as its rows), so the screen can show how far the reading has got.
import Dexie, { type IndexableType } from 'dexie';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import { officeDayEnd, officeDayStart } from '../../src-shared/domain/office-time';
import type { ReturnCase, ReturnFact, ReturnPeriod } from '../../src-shared/returns/period';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

const PAGE = 2000;
const DAY_MS = 86_400_000;
const dayEarlier = (instant: string) => new Date(Date.parse(instant) - DAY_MS).toISOString();

/**
 * Every case received by the period's end (office time) that either return can count: unanswered,
 * or received or answered since the period began (countsFrom, see ReturnFact), or paid redress in
 * it. In received order (then id), as the returns list them; `onProgress` after each page with the
 * number read so far. The figures themselves decide what counts (fca-return.ts, asic-idr.ts): this
 * read only leaves out cases that cannot.
 */
export async function returnCases(
  db: RedressDB,
  by: ActingPerson,
  period: ReturnPeriod,
  timeZone: string,
  onProgress: (done: number) => void,
  signal?: AbortSignal,
  pageSize = PAGE,
): Promise<ReturnCase[]> {
  assertMay(by, 'returns.view');
  const receivedUpTo = officeDayEnd(period.to, timeZone);
  const facts = db.returnFacts;
  const byCount = '[countsFrom+id]';
  // Unanswered ('' sorts first), and received or answered from the period's start (a day early,
  // for a stamp stored in another format): two ranges of one index.
  const ranges: [IndexableType[], IndexableType[]][] = [
    [
      ['', Dexie.minKey],
      ['', Dexie.maxKey],
    ],
    [
      [dayEarlier(officeDayStart(period.from, timeZone)), Dexie.minKey],
      // Above every instant and id (an array sorts after every string; IndexedDB refuses the same
      // array object twice in one key, so not Dexie.maxKey twice).
      [[], []],
    ],
  ];
  // Paid redress in the period though received and answered before it: few, by their keys.
  const paid = facts.where('paidOn').between(period.from, period.to, true, true).primaryKeys();

  const out: ReturnFact[] = [];
  const seen = new Set<string>();
  let done = 0;
  const keep = (rows: readonly (ReturnFact | undefined)[]) => {
    for (const f of rows) {
      if (!f) continue;
      seen.add(f.id);
      if (f.receivedAt <= receivedUpTo) out.push(f);
    }
    done += rows.length;
    onProgress(done);
  };
  onProgress(0);
  for (const [lower, upper] of ranges) {
    let from = lower;
    let first = true;
    for (;;) {
      signal?.throwIfAborted();
      const rows = await facts.where(byCount).between(from, upper, first, true).limit(pageSize).toArray();
      if (rows.length) keep(rows);
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) break;
      from = [last.countsFrom, last.id];
      first = false;
    }
  }
  const others = [...new Set(await paid)].filter((id) => !seen.has(id));
  for (let i = 0; i < others.length; i += pageSize) {
    signal?.throwIfAborted();
    keep(await facts.bulkGet(others.slice(i, i + pageSize)));
  }
  signal?.throwIfAborted();
  return out.sort((a, b) =>
    a.receivedAt < b.receivedAt
      ? -1
      : a.receivedAt > b.receivedAt
        ? 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0,
  );
}
