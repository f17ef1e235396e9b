// The cases a return reads, from the return facts' packs (the facts of a day in one row, see
// return-facts.ts): only those that can count in the period, so a half-year's return over 100,000
// cases reads the packs of that half-year and of the cases still open (a few hundred rows), not
// every case ever, nor one row per case (merely stepping over 41,000 index entries cost seconds).
// Packs are read a page at a time, and the facts counted out in pages, so the screen can show how
// far the reading has got.
import Dexie from 'dexie';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import { officeDayEnd, officeDayStart } from '../../src-shared/domain/office-time';
import {
  ANSWERED_PACKS,
  answeredPackFrom,
  UNANSWERED_PACKS,
  type ReturnCase,
  type ReturnFact,
  type ReturnPeriod,
} from '../../src-shared/returns/period';
import { assertMay } from './guard';
import { factOf, settleReturnFacts } from './return-facts';
import type { RedressDB } from './schema';

const PAGE = 2000;
/** Packs per read: a pack holds a day's facts (about 150 at 100,000 cases over two years). */
const PACKS_PAGE = 60;
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
  // An import's facts not yet placed (it was stopped before it could) are placed first.
  await settleReturnFacts(db);
  const receivedUpTo = officeDayEnd(period.to, timeZone);
  const facts = db.returnFacts;
  // Received or answered from the period's start (a day early, for a stamp stored in another
  // format), or unanswered.
  const answeredFrom = dayEarlier(officeDayStart(period.from, timeZone));
  // Two ranges of packs: every unanswered one ('0|' keys sort first), and the answered ones from
  // that day on (a pack holds a whole UTC day: its facts from before that instant are left).
  const ranges: [string, string | null][] = [
    [UNANSWERED_PACKS, ANSWERED_PACKS],
    [answeredPackFrom(answeredFrom), null],
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
  const keepInPages = (rows: readonly (ReturnFact | undefined)[]) => {
    for (let i = 0; i < rows.length; i += pageSize) keep(rows.slice(i, i + pageSize));
  };
  onProgress(0);
  for (const [lower, upper] of ranges) {
    let from = lower;
    let first = true;
    for (;;) {
      signal?.throwIfAborted();
      // A page of packs, in key order, from `from` (itself included on the first page only).
      const packs = await db.returnFactPacks
        .where('key')
        .between(from, upper ?? Dexie.maxKey, first, false)
        .limit(PACKS_PAGE)
        .toArray();
      keepInPages(
        packs.flatMap((p) => p.facts).filter((f) => f.countsFrom === '' || f.countsFrom >= answeredFrom),
      );
      const last = packs.at(-1);
      if (packs.length < PACKS_PAGE || !last) break;
      from = last.key;
      first = false;
    }
  }
  const others = [...new Set(await paid)].filter((id) => !seen.has(id));
  for (let i = 0; i < others.length; i += pageSize) {
    signal?.throwIfAborted();
    keep((await facts.bulkGet(others.slice(i, i + pageSize))).map((f) => f && factOf(f)));
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
