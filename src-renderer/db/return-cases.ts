// The cases a return reads, from the returnFacts table (one slim row per case, see return-facts.ts):
// only those that can count in the period, found through its indexes, so a half-year's return over
// 100,000 cases reads the cases of that half-year and the ones still open, not every case ever.
// Read a page at a time so the screen can show how far the reading has got.
import type { ActingPerson } from '../../src-shared/domain/permissions';
import { officeDayEnd, officeDayStart } from '../../src-shared/domain/office-time';
import type { ReturnCase, ReturnFact, ReturnPeriod } from '../../src-shared/returns/period';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

const PAGE = 2000;
const DAY_MS = 86_400_000;
const dayEarlier = (instant: string) => new Date(Date.parse(instant) - DAY_MS).toISOString();

/**
 * Every case received by the period's end (office time) that either return can count: unanswered
 * when the period began or answered since (opened or closed in it, or open during it), or paid
 * redress in it. In received order (then id), as the returns list them; `onProgress` after each page.
 * The figures themselves decide what counts (fca-return.ts, asic-idr.ts): this read only leaves out
 * cases that cannot.
 */
export async function returnCases(
  db: RedressDB,
  by: ActingPerson,
  period: ReturnPeriod,
  timeZone: string,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
  pageSize = PAGE,
): Promise<ReturnCase[]> {
  assertMay(by, 'returns.view');
  const receivedUpTo = officeDayEnd(period.to, timeZone);
  const answeredFrom = officeDayStart(period.from, timeZone);
  const ids = await db.transaction('r', db.returnFacts, async () => {
    const [received, unanswered, answered, paid] = await Promise.all([
      // Received in the period (a day early, for a stamp stored in another format): answered
      // before received (a legacy import's dates) still counts as opened.
      db.returnFacts
        .where('receivedAt')
        .between(dayEarlier(answeredFrom), receivedUpTo, true, true)
        .primaryKeys(),
      db.returnFacts.where('answeredAt').equals('').primaryKeys(),
      db.returnFacts.where('answeredAt').aboveOrEqual(answeredFrom).primaryKeys(),
      db.returnFacts.where('paidOn').between(period.from, period.to, true, true).primaryKeys(),
    ]);
    return [...new Set([...received, ...unanswered, ...answered, ...paid])];
  });
  const out: ReturnFact[] = [];
  onProgress(0, ids.length);
  for (let i = 0; i < ids.length; i += pageSize) {
    signal?.throwIfAborted();
    const rows = await db.returnFacts.bulkGet(ids.slice(i, i + pageSize));
    for (const f of rows) if (f && f.receivedAt <= receivedUpTo) out.push(f);
    onProgress(Math.min(i + pageSize, ids.length), ids.length);
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
