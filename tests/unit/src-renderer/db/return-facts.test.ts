// The return fact packs (what a return reads) stay equal to packs built afresh from the cases,
// whatever writes the cases: intake, return data, letters, a reopen, an erasure, deletes, a clear,
// an import batch, and an import whose facts were left owed (settled later, or by the next return).
import { describe, expect, it } from 'vitest';
import { dryRunImport, importRows } from '../../../../src-renderer/db/case-import';
import { createCase, transitionCase } from '../../../../src-renderer/db/cases';
import { recordReturnData } from '../../../../src-renderer/db/return-data';
import { eraseComplainant } from '../../../../src-renderer/db/retention';
import { returnCases } from '../../../../src-renderer/db/return-cases';
import { rebuildReturnFacts, settleReturnFacts } from '../../../../src-renderer/db/return-facts';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { parseSpreadsheet } from '../../../../src-main/services/sheets/parse-sheet';
import { guessMapping } from '../../../../src-shared/domain/case-import';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { DEFAULT_TAXONOMY } from '../../../../src-shared/domain/taxonomy';
import { factPackDay, FACTS_PER_PACK, packKey } from '../../../../src-shared/returns/period';
import {
  intake,
  MANAGER,
  person,
  returnFactPacksAndRecomputed,
  sendLetter,
  testRules,
  useFreshDb,
} from './test-db';

const rules = testRules({ requiredChecklistItems: [] });
const officer = person('u1', 'Priya Shah', 'officer');
const lists = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES };
const files = { dispose: async () => ({ removed: 0 }) };

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

async function expectInStep() {
  const { stored, recomputed } = await returnFactPacksAndRecomputed(db);
  expect(stored).toEqual(recomputed);
  return stored;
}

const newCase = async (receivedAt: string, name: string) =>
  (await createCase(db, intake(receivedAt, { complainant: { name } }), officer, rules, new Date(receivedAt)))
    .id;

/** A case written closed and answered as a restore or a pull would write it (one put). */
async function closedCase(receivedAt: string, name: string, answeredAt: string) {
  const id = await newCase(receivedAt, name);
  await db.transaction('rw', db.cases, async () => {
    const c = (await db.cases.get(id))!;
    await db.cases.put({
      ...c,
      status: 'closed',
      open: 0,
      closedAt: answeredAt,
      finalResponseAt: answeredAt,
      nextDueAt: null,
    });
  });
  return id;
}

const now = new Date('2026-06-01T12:00:00Z');

/** The rows of a legacy CSV (`lines` under the usual header) that the dry run finds good. */
async function checkedRows(file: string, lines: string[]) {
  const HEADER = 'Case No;Date received;Customer name;Email;Category;Details';
  const sheet = await parseSpreadsheet(file, new TextEncoder().encode([HEADER, ...lines].join('\r\n')));
  const { good } = await dryRunImport(db, sheet, guessMapping(sheet.header), {
    taxonomy: DEFAULT_TAXONOMY,
    timeZone: 'Europe/London',
    dateOrder: 'dmy',
    defaultRegime: 'uk-fca-general',
    groupSeparator: ',',
    now,
    returnLists: lists,
    currency: 'GBP',
  });
  return good;
}

describe('the return fact packs', () => {
  it('stay equal to packs built from the cases after creates, edits, a reopen, an erasure and deletes', async () => {
    // Two on one day (one pack), and one at 23:30 in London in summer: a pack is a UTC day, so
    // 22:30 UTC on 30 June (the return's periods are office days: the read filters, not the pack).
    const a = await newCase('2026-03-02T09:00:00.000Z', 'Zoë Adams');
    const b = await newCase('2026-03-02T15:00:00.000Z', 'Ngũgĩ Kamau');
    const c = await newCase('2026-06-30T22:30:00.000Z', "Siobhán O'Neill");
    let packs = await expectInStep();
    expect(packs.map(([key, facts]) => [key, facts.length])).toEqual([
      ['0|2026-03-02', 2],
      ['0|2026-06-30', 1],
    ]);

    // Return data recorded, then the final response sent: the fact moves to its answered pack.
    await recordReturnData(
      db,
      a,
      {
        ...emptyReturnData(),
        productId: 'credit-card',
        causeId: 'fees-charges',
        redress: [{ type: 'refund', amount: 40, currency: 'GBP', paidOn: '2026-04-01' }],
      },
      lists,
      officer,
      new Date('2026-03-10T12:00:00Z'),
    );
    await expectInStep();
    await sendLetter(db, a, 'final-response', '2026-03-20T10:00:00.000Z');
    packs = await expectInStep();
    expect(packs.find(([key]) => key === '1|2026-03-20')?.[1].map((f) => f.id)).toEqual([a]);
    expect(packs.find(([key]) => key === '0|2026-03-02')?.[1].map((f) => f.id)).toEqual([b]);

    // Closed and answered in one write, then reopened through the workflow: the answer stands.
    const closed = await closedCase('2026-02-02T09:00:00.000Z', 'Đặng Thị Mai', '2026-02-20T10:00:00.000Z');
    await expectInStep();
    await transitionCase(db, closed, 'reopened', MANAGER, rules, {
      reason: 'Refund never arrived.',
      now: new Date('2026-03-01T09:00:00Z'),
    });
    await expectInStep();

    // Erasure of a closed case (it is anonymised: a put) and a delete of another.
    const erased = await closedCase('2026-01-05T09:00:00.000Z', 'Sam Jones', '2026-01-06T10:00:00.000Z');
    const out = await eraseComplainant(db, [erased], MANAGER, {
      reason: 'Erasure request received 2026-05-01',
      files,
      now: new Date('2026-05-01T09:00:00Z'),
    });
    expect(out.skipped).toEqual([]);
    await expectInStep();
    await db.transaction('rw', db.cases, () => db.cases.bulkDelete([b, c]));
    packs = await expectInStep();
    // A pack left empty is gone, not kept empty.
    expect(packs.map(([key]) => key)).not.toContain('0|2026-06-30');
    expect(packs.every(([, facts]) => facts.length > 0)).toBe(true);

    // A write that fails leaves the packs as they were, with the case.
    await expect(
      db.transaction('rw', db.cases, async () => {
        await db.cases.update(a, { finalResponseAt: null });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    packs = await expectInStep();
    expect(packs.find(([key]) => key === '1|2026-03-20')?.[1].map((f) => f.id)).toEqual([a]);

    // Every case at once (a range delete): no pack is left.
    await db.transaction('rw', db.cases, () => db.cases.clear());
    expect(await expectInStep()).toEqual([]);
  }, 60_000);

  it('stay equal to packs built from the cases after an import batch, many cases to a pack', async () => {
    const good = await checkedRows(
      'legacy.csv',
      Array.from(
        { length: 60 },
        (_, i) =>
          `L-${i};${String((i % 7) + 1).padStart(2, '0')}/03/2024;Person ${i};p${i}@example.com;Service;"Waited ${i} days"`,
      ),
    );
    await newCase('2024-03-01T09:00:00.000Z', 'Already here');
    await importRows(db, good, 'legacy.csv', MANAGER, rules, { now: () => now, batchSize: 25 });
    const packs = await expectInStep();
    expect(packs.reduce((n, [, facts]) => n + facts.length, 0)).toBe(61);
    expect(packs).toHaveLength(7);
    for (const [key, facts] of packs) for (const f of facts) expect(factPackDay(f)).toBe(key);
  }, 60_000);

  it('stay small when an import puts hundreds of cases on one day, and are built the same way again', async () => {
    // A legacy system's export stamped with its migration date: every row received on 1 March 2024.
    const good = await checkedRows(
      'migrated.csv',
      Array.from(
        { length: 450 },
        (_, i) => `M-${i};01/03/2024;Émilie Dubois-${i};e${i}@example.fr;Service;"Migrated, note ${i}"`,
      ),
    );
    expect(good).toHaveLength(450);
    await importRows(db, good, 'migrated.csv', MANAGER, rules, { now: () => now, batchSize: 70 });
    await expectInStep();
    const day = async () =>
      (await db.returnFactPacks.where('key').startsWith('0|2024-03-01#').toArray()).map((p) => [
        p.key,
        p.facts.length,
      ]);
    expect(await day()).toEqual([
      [packKey('0|2024-03-01', 0), FACTS_PER_PACK],
      [packKey('0|2024-03-01', 1), FACTS_PER_PACK],
      [packKey('0|2024-03-01', 2), 450 - 2 * FACTS_PER_PACK],
    ]);

    // One deleted from the first pack leaves a gap there; the next case goes in the last pack.
    const first = (await db.returnFactPacks.get(packKey('0|2024-03-01', 0)))!.facts[0]!.id;
    await db.transaction('rw', db.cases, () => db.cases.delete(first));
    const added = await newCase('2024-03-01T00:00:00.000Z', 'Late arrival');
    await expectInStep();
    expect((await db.returnFacts.get(added))?.pack).toBe(packKey('0|2024-03-01', 2));

    // Built again whole (as a team join does): the same facts, placed in id order, none over the bound.
    await rebuildReturnFacts(db);
    await expectInStep();
    expect((await day()).map(([, n]) => n)).toEqual([
      FACTS_PER_PACK,
      FACTS_PER_PACK,
      450 - 2 * FACTS_PER_PACK,
    ]);
  }, 60_000);

  it('are owed by an import stopped before it placed them, and a return places them first, as the cases are now', async () => {
    // A legacy file's rows in no order over 40 days of 2024, five batches of 40.
    const good = await checkedRows(
      'legacy.csv',
      Array.from({ length: 200 }, (_, i) => {
        const d = new Date(Date.UTC(2024, 0, 1 + ((i * 17) % 40)));
        const dmy = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/2024`;
        return `S-${i};${dmy};Zoë Ngũgĩ ${i};z${i}@example.com;Service;"Row ${i}, with a comma"`;
      }),
    );
    const kept = await newCase('2024-01-03T09:00:00.000Z', 'Here before the import');
    // The app dies after the last batch, before the facts are placed.
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => now,
      batchSize: 40,
      settle: async () => {},
    });
    const imported = fates.flatMap((f) => (f.kind === 'imported' ? [f.caseId] : []));
    expect(imported).toHaveLength(200);
    expect(await db.returnFactsOwed.count()).toBe(5);
    expect(await db.returnFacts.count()).toBe(1);

    // Meanwhile one imported case is answered (its fact placed by that write) and one deleted.
    await sendLetter(db, imported[0]!, 'final-response', '2024-03-20T10:00:00.000Z', MANAGER);
    await db.transaction('rw', db.cases, () => db.cases.delete(imported[1]!));

    // A return of the half-year places what was owed before it reads, and counts every case.
    const read = await returnCases(
      db,
      MANAGER,
      { from: '2024-01-01', to: '2024-06-30' },
      'Europe/London',
      () => {},
    );
    expect(read.map((f) => f.id).sort()).toEqual([kept, imported[0]!, ...imported.slice(2)].sort());
    expect(read.find((f) => f.id === imported[0])?.finalResponseAt).toBe('2024-03-20T10:00:00.000Z');
    expect(await db.returnFactsOwed.count()).toBe(0);
    const packs = await expectInStep();
    // The 198 unanswered facts on their 40 days, one pack a day; the answered one in its own.
    expect(packs).toHaveLength(41);
    expect(await settleReturnFacts(db)).toBe(0);
    await expectInStep();
  }, 60_000);

  it('are placed once when settled twice (a settle stopped midway and run again)', async () => {
    const good = await checkedRows(
      'legacy.csv',
      Array.from(
        { length: 30 },
        (_, i) => `T-${i};0${(i % 3) + 1}/02/2024;Person ${i};p${i}@example.com;Service;"x"`,
      ),
    );
    await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => now,
      batchSize: 10,
      settle: async () => {},
    });
    const owed = await db.returnFactsOwed.toArray();
    const progress: [number, number][] = [];
    expect(await settleReturnFacts(db, (done, total) => progress.push([done, total]))).toBe(30);
    // The Import screen shows it: none of 30 placed, then all 30.
    expect(progress).toEqual([
      [0, 30],
      [30, 30],
    ]);
    // As if the first settle had placed the facts but died before deleting what was owed.
    await db.returnFactsOwed.bulkAdd(owed);
    expect(await settleReturnFacts(db)).toBe(30);
    const packs = await expectInStep();
    expect(packs.map(([key, facts]) => [key, facts.length])).toEqual([
      ['0|2024-02-01', 10],
      ['0|2024-02-02', 10],
      ['0|2024-02-03', 10],
    ]);
  }, 60_000);
});
