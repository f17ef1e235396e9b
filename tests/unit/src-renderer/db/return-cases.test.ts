import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../../src-renderer/db/cases';
import { returnCases } from '../../../../src-renderer/db/return-cases';
import { recordReturnData } from '../../../../src-renderer/db/return-data';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { asicIdrRows } from '../../../../src-shared/returns/asic-idr';
import { fcaReturn } from '../../../../src-shared/returns/fca-return';
import { returnFactOf, type ReturnPeriod } from '../../../../src-shared/returns/period';
import { freshDb, intake, MANAGER, person, sendLetter, storedFact, testRules } from './test-db';

const rules = testRules({ requiredChecklistItems: [] });
const officer = person('u1', 'Priya Shah', 'officer');
const lists = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES };
const TZ = 'Europe/London';
// The first half of a returns year starting 1 January.
const H1: ReturnPeriod = { from: '2026-01-01', to: '2026-06-30' };
let db: RedressDB;
const ids: Record<string, string> = {};

async function newCase(key: string, receivedAt: string) {
  const c = await createCase(
    db,
    intake(receivedAt, { complainant: { name: `Person ${key}` } }),
    officer,
    rules,
    new Date(receivedAt),
  );
  ids[key] = c.id;
  return c.id;
}

const paid = (paidOn: string) => ({
  ...emptyReturnData(),
  productId: 'credit-card',
  causeId: 'fees-charges',
  redress: [{ type: 'refund' as const, amount: 40, currency: 'GBP', paidOn }],
});

beforeAll(async () => {
  db = freshDb();
  // Answered for good before the half-year began: no return for it can count it…
  await newCase('answeredBefore', '2025-10-01T09:00:00.000Z');
  await sendLetter(db, ids.answeredBefore!, 'final-response', '2025-11-20T10:00:00.000Z');
  // …unless redress was paid on it in the half-year.
  await newCase('paidIn', '2025-09-01T09:00:00.000Z');
  await sendLetter(db, ids.paidIn!, 'final-response', '2025-10-15T10:00:00.000Z');
  await recordReturnData(
    db,
    ids.paidIn!,
    paid('2026-02-10'),
    lists,
    officer,
    new Date('2026-02-10T12:00:00Z'),
  );
  // Received before, still open: in the ASIC report.
  await newCase('stillOpen', '2025-12-01T09:00:00.000Z');
  // Received before, answered in the half-year: closed in it.
  await newCase('answeredIn', '2025-12-10T09:00:00.000Z');
  await sendLetter(db, ids.answeredIn!, 'final-response', '2026-01-20T10:00:00.000Z');
  // Received before, answered after it: open during it (ASIC).
  await newCase('answeredAfter', '2025-11-03T09:00:00.000Z');
  await sendLetter(db, ids.answeredAfter!, 'final-response', '2026-07-10T10:00:00.000Z');
  // Received in it; the first office day's first minute (London is on GMT in January).
  await newCase('receivedFirstMinute', '2026-01-01T00:00:30.000Z');
  await sendLetter(db, ids.receivedFirstMinute!, 'summary-resolution', '2026-01-02T10:00:00.000Z');
  await newCase('receivedIn', '2026-03-02T09:00:00.000Z');
  // 30 June 23:30 in London (BST) is still in the half-year; 1 July 00:30 is not.
  await newCase('lastMinute', '2026-06-30T22:30:00.000Z');
  await newCase('after', '2026-06-30T23:30:00.000Z');
});

afterAll(async () => {
  db.close();
  await db.delete();
});

describe('returnCases', () => {
  it('reads, page by page and in received order, the cases either return can count in the period', async () => {
    const progress: number[] = [];
    const read = await returnCases(db, MANAGER, H1, TZ, (done) => progress.push(done), undefined, 3);
    const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    expect(read.map((c) => byId.get(c.id))).toEqual([
      'paidIn',
      'answeredAfter',
      'stillOpen',
      'answeredIn',
      'receivedFirstMinute',
      'receivedIn',
      'lastMinute',
    ]);
    // Found through the indexes: 'after' is found (unanswered) but received too late to count.
    // Unanswered first (4, in pages of 3), then received or answered since the period began (3),
    // then the one paid redress in it.
    expect(progress).toEqual([0, 3, 4, 7, 8]);
  });

  it('gives the same returns as the figures over every case read whole', async () => {
    const every = (await db.cases.orderBy('[receivedAt+id]').toArray()).map((c) => returnFactOf(c));
    const read = await returnCases(db, MANAGER, H1, TZ, () => {});
    const options = { ...lists, calendar: rules.calendar };
    expect(fcaReturn(read, H1, options)).toEqual(fcaReturn(every, H1, options));
    const asic = { ...options, reportDemographics: false };
    expect(asicIdrRows(read, H1, asic)).toEqual(asicIdrRows(every, H1, asic));
    expect(fcaReturn(read, H1, options).total.opened.count).toBe(3);
  });

  it('finds a case received in the period though its answer is stamped before it began (a legacy import)', async () => {
    const id = await newCase('answeredBeforeReceived', '2026-02-02T09:00:00.000Z');
    await db.transaction('rw', db.cases, () =>
      db.cases.update(id, { finalResponseAt: '2025-12-01T10:00:00.000Z' }),
    );
    expect((await db.returnFacts.get(id))?.countsFrom).toBe('2026-02-02T09:00:00.000Z');
    const read = await returnCases(db, MANAGER, H1, TZ, () => {});
    expect(read.map((c) => c.id)).toContain(id);
    const every = (await db.cases.orderBy('[receivedAt+id]').toArray()).map((c) => returnFactOf(c));
    const options = { ...lists, calendar: rules.calendar };
    expect(fcaReturn(read, H1, options)).toEqual(fcaReturn(every, H1, options));
    expect(fcaReturn(read, H1, options).total.opened.caseIds).toContain(id);
  });

  it('is for managers only', async () => {
    await expect(returnCases(db, officer, H1, TZ, () => {})).rejects.toThrow(/manager/);
  });

  it('stops when the screen no longer wants the figures', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(returnCases(db, MANAGER, H1, TZ, () => {}, abort.signal)).rejects.toThrow();
  });
});

describe('the return facts', () => {
  it('follow every write to a case, in its transaction: data recorded, a response sent, a removal', async () => {
    const fdb = freshDb();
    const swap = db;
    db = fdb;
    try {
      const id = await newCase('followed', '2026-02-02T09:00:00.000Z');
      expect(await storedFact(fdb, id)).toEqual(returnFactOf((await fdb.cases.get(id))!));
      expect((await fdb.returnFacts.get(id))?.countsFrom).toBe('');

      await recordReturnData(fdb, id, paid('2026-03-01'), lists, officer, new Date('2026-03-01T12:00:00Z'));
      await sendLetter(fdb, id, 'final-response', '2026-03-05T10:00:00.000Z');
      const fact = await storedFact(fdb, id);
      expect(fact).toEqual(returnFactOf((await fdb.cases.get(id))!));
      expect(fact).toMatchObject({
        countsFrom: '2026-03-05T10:00:00.000Z',
        paidOn: ['2026-03-01'],
        returnData: { productId: 'credit-card' },
      });

      // A write in a transaction that names only the cases (as a modify does) still reaches it.
      await fdb.transaction('rw', fdb.cases, () =>
        fdb.cases
          .where('id')
          .equals(id)
          .modify((c) => void (c.finding = 'upheld')),
      );
      expect((await fdb.returnFacts.get(id))?.finding).toBe('upheld');

      // A write that fails leaves the fact as it was, with the case.
      await expect(
        fdb.transaction('rw', fdb.cases, async () => {
          await fdb.cases.update(id, { finding: 'not-upheld' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect((await fdb.returnFacts.get(id))?.finding).toBe('upheld');

      await fdb.transaction('rw', fdb.cases, () => fdb.cases.delete(id));
      expect(await fdb.returnFacts.get(id)).toBeUndefined();
    } finally {
      db = swap;
      fdb.close();
      await fdb.delete();
    }
  });
});
