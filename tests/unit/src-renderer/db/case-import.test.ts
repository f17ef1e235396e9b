import { describe, expect, it, vi } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import {
  allFates,
  dryRunImport,
  importRows,
  saveImportBatch,
  type SavedBatch,
} from '../../../../src-renderer/db/case-import';
import { CASES_OPEN_KEY, countCases, statusCounterKey } from '../../../../src-renderer/db/cases';
import { createBusinessCalendar } from '../../../../src-shared/domain/deadlines';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
} from '../../../../src-shared/domain/regulatory-codes';
import { fcaReturn } from '../../../../src-shared/returns/fca-return';
import { halfYears } from '../../../../src-shared/returns/period';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { setTeamMode } from '../../../../src-renderer/db/sync-replica';
import { parseSpreadsheet } from '../../../../src-main/services/sheets/parse-sheet';
import { guessMapping, type ImportContext } from '../../../../src-shared/domain/case-import';
import { DEFAULT_TAXONOMY } from '../../../../src-shared/domain/taxonomy';
import { PermissionError } from '../../../../src-shared/errors';
import { useFreshDb, MANAGER, person, testRules } from './test-db';
import { problemText } from '../../../../src-renderer/features/sheets/import-report';
import i18n from '../../../../src-renderer/i18n';

const rules = testRules();
const now = new Date('2026-06-01T12:00:00Z');
const ctx: ImportContext = {
  taxonomy: DEFAULT_TAXONOMY,
  timeZone: 'Europe/London',
  dateOrder: 'dmy',
  defaultRegime: 'uk-fca-general',
  now,
};
const HEADER = 'Case No;Date received;Customer name;Email;Category;Details';

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

const csv = (lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join('\r\n'));
const goodLine = (i: number) =>
  `L-${i};${String((i % 28) + 1).padStart(2, '0')}/03/2024;Person ${i};p${i}@example.com;Service;"Waited ${i} days,\nthen gave up"`;

async function plan(lines: string[]) {
  const sheet = await parseSpreadsheet('legacy.csv', csv(lines));
  return dryRunImport(db, sheet, guessMapping(sheet.header), ctx);
}

describe('importing 10,000 rows with 50 planted bad ones', () => {
  it('the dry run reports exactly those 50, each with its reason, and passes every other row', async () => {
    const kinds = [
      [(i: number) => goodLine(i).replace('/03/2024', '/13/2024'), ['receivedAt', 'bad-date']],
      [(i: number) => goodLine(i).replace(';Service;', ';Parking;'), ['category', 'unknown-category']],
      [(i: number) => goodLine(i).replace(`;Person ${i};`, ';;'), ['name', 'missing']],
      [(i: number) => goodLine(i).replace('@example.com', ' at example'), ['email', 'bad-email']],
      [(i: number) => goodLine(i).replace(/;"Waited[^"]*"$/s, ';'), ['description', 'missing']],
    ] as const;
    const planted = new Map<number, readonly [string, string]>();
    const lines: string[] = [];
    for (let i = 1; i <= 10_000; i += 1) {
      // Row numbers in the file: the header is row 1, so line i is row i + 1.
      if (i % 200 === 7) {
        const [make, problem] = kinds[planted.size % kinds.length]!;
        lines.push(make(i));
        planted.set(i + 1, problem);
      } else lines.push(goodLine(i));
    }
    expect(planted.size).toBe(50);

    const { good, rejected } = await plan(lines);
    expect(good).toHaveLength(9_950);
    expect(rejected.map((f) => f.row)).toEqual([...planted.keys()]);
    for (const fate of rejected) {
      expect(fate.kind).toBe('failed');
      if (fate.kind === 'failed')
        expect(fate.problems.map((p) => [p.field, p.code])).toEqual([planted.get(fate.row)]);
    }
  }, 60_000);
});

describe('a row with more cells than the file has columns', () => {
  it('fails the dry run saying so, and is not imported; trailing empty cells pass', async () => {
    const split = goodLine(1).replace(/;"Waited[^"]*"$/s, ';Charged twice; then refused a refund');
    const { good, rejected } = await plan([split, `${goodLine(2)};;`]);
    expect(good.map((r) => r.row)).toEqual([3]);
    expect(rejected).toEqual([
      { row: 2, kind: 'failed', problems: [{ code: 'too-many-cells', cells: 7, columns: 6 }] },
    ]);
    const fate = rejected[0]!;
    const problem = fate.kind === 'failed' ? fate.problems[0]! : null;
    expect(problemText(i18n.t, problem!)).toBe(
      'This row has more cells than the file has columns (7 of 6): check for a comma or semicolon inside a field that is not in quotes, or a value to the right of the last heading.',
    );
  });
});

describe('importRows', () => {
  it('creates each case as intake does, with its historical received date and an audit entry naming file and row', async () => {
    const { good } = await plan([goodLine(1), goodLine(2)]);
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, { now: () => now });
    expect(fates).toEqual([
      { row: 2, kind: 'imported', caseId: expect.any(String), reference: 'CMP-2026-000001' },
      { row: 3, kind: 'imported', caseId: expect.any(String), reference: 'CMP-2026-000002' },
    ]);
    const first = fates[0]!;
    const stored = await db.cases.get(first.kind === 'imported' ? first.caseId : '');
    expect(stored).toMatchObject({
      externalRef: 'L-1',
      receivedAt: '2024-03-02T00:00:00.000Z',
      category: 'Service',
      description: 'Waited 1 days,\nthen gave up',
      assignee: null,
      assigneeId: '',
      deadlines: { finalResponseDue: expect.stringMatching(/^2024-04/) },
    });
    const trail = await caseAuditTrail(db, stored!.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'create', reason: 'Imported from legacy.csv, row 2' });
  });

  it('imports complaints the legacy system had answered as closed on their final response, counted so by the counters and the FCA return', async () => {
    const header =
      'Case No;Date received;Customer name;Email;Category;Details;Date acknowledged;Date closed;Outcome';
    const sheet = await parseSpreadsheet(
      'closed.csv',
      new TextEncoder().encode(
        [
          header,
          // Received Monday 4 March 2024, answered on the Wednesday: within 3 business days, upheld.
          'L-1;04/03/2024 10:15;Zoë Ødegaard;zoe@example.no;Service;Fee taken twice;04/03/2024 11:00;06/03/2024 16:00;Upheld',
          // Received 1 February, answered 20 April: after 8 weeks, not upheld.
          'L-2;01/02/2024;Seán Ó Briain;sean@example.ie;Service;Card blocked abroad;;20/04/2024;Rejected',
          // Still open in the legacy system, acknowledged there.
          'L-3;10/05/2024;Aroha Ngata;aroha@example.nz;Service;No reply to my letter;13/05/2024;;',
        ].join('\r\n'),
      ),
    );
    const { good, rejected } = await dryRunImport(db, sheet, guessMapping(sheet.header), ctx);
    expect(rejected).toEqual([]);
    const fates = await importRows(db, good, 'closed.csv', MANAGER, rules, { now: () => now });
    const ids = fates.map((f) => (f.kind === 'imported' ? f.caseId : ''));
    const [upheld, late, open] = await db.cases.bulkGet(ids);
    expect(upheld).toMatchObject({
      status: 'closed',
      open: 0,
      finalResponseAt: '2024-03-06T16:00:00.000Z',
      closedAt: '2024-03-06T16:00:00.000Z',
      finding: 'upheld',
      nextDueAt: null,
    });
    expect(late).toMatchObject({
      status: 'closed',
      finding: 'not-upheld',
      retentionFrom: expect.any(String),
    });
    expect(upheld).toMatchObject({ acknowledgedAt: '2024-03-04T11:00:00.000Z' });
    expect(late).toMatchObject({ acknowledgedAt: null });
    expect(open).toMatchObject({
      status: 'acknowledged',
      open: 1,
      acknowledgedAt: '2024-05-12T23:00:00.000Z',
      finalResponseAt: null,
      closedAt: null,
    });
    // The trail says how it arrived closed.
    const [created] = await caseAuditTrail(db, upheld!.id);
    expect(created).toMatchObject({ action: 'create', reason: 'Imported from closed.csv, row 2' });
    expect(created!.changes).toContainEqual({ field: 'status', before: null, after: 'closed' });
    // The counters agree with the cases.
    const counter = async (key: string) => (await db.counters.get(key))?.value ?? 0;
    expect(await counter(CASES_OPEN_KEY)).toBe(1);
    expect(await counter(statusCounterKey('closed'))).toBe(2);
    expect(await counter(statusCounterKey('received'))).toBe(0);
    expect(await counter(statusCounterKey('acknowledged'))).toBe(1);
    // The FCA return for H1 2024, worked out by hand: 3 opened, 2 closed (one within 3 business
    // days, one after 8 weeks), 1 upheld.
    const calendar = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
    const [h1] = halfYears('01-01', 2024, calendar);
    const { total } = fcaReturn(await db.cases.toArray(), h1!, {
      products: DEFAULT_REGULATORY_PRODUCTS,
      causes: DEFAULT_COMPLAINT_CAUSES,
      calendar,
    });
    expect({
      opened: total.opened.count,
      closed: total.closed.count,
      within3: total.closedWithin3BusinessDays.count,
      after8Weeks: total.closedAfter8Weeks.count,
      upheld: total.upheld.count,
    }).toEqual({ opened: 3, closed: 2, within3: 1, after8Weeks: 1, upheld: 1 });
  });

  it('stores a single desk’s import trail packed, and a team desk’s in rows that go to the server', async () => {
    const { good } = await plan(Array.from({ length: 7 }, (_, i) => goodLine(i + 1)));
    await importRows(db, good.slice(0, 4), 'legacy.csv', MANAGER, rules, { now: () => now });
    expect([await db.audit.count(), await db.auditPacks.count()]).toEqual([0, 1]);
    expect(await db.outbox.count()).toBe(0);

    await setTeamMode(db, true, 'desk-a');
    await importRows(db, good.slice(4), 'legacy.csv', MANAGER, rules, { now: () => now });
    expect([await db.audit.count(), await db.auditPacks.count()]).toEqual([3, 1]);
    const sent = (await db.outbox.orderBy('seq').toArray()).filter((e) => e.kind === 'audit');
    expect(sent.map((e) => e.fields.reason?.after)).toEqual([
      'Imported from legacy.csv, row 6',
      'Imported from legacy.csv, row 7',
      'Imported from legacy.csv, row 8',
    ]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 7 });
  });

  it('skips rows already imported, and rows repeating an earlier row of the same file, saying which', async () => {
    const first = await plan([goodLine(1)]);
    await importRows(db, first.good, 'legacy.csv', MANAGER, rules, { now: () => now });

    const again = await plan([goodLine(1), goodLine(2), goodLine(2)]);
    expect(again.rejected).toEqual([
      { row: 2, kind: 'duplicate', externalRef: 'L-1', reference: 'CMP-2026-000001' },
      { row: 4, kind: 'duplicate', externalRef: 'L-2', sameAsRow: 3 },
    ]);
    const fates = allFates(
      again.rejected,
      await importRows(db, again.good, 'legacy.csv', MANAGER, rules, { now: () => now }),
    );
    expect(fates.map((f) => [f.row, f.kind])).toEqual([
      [2, 'duplicate'],
      [3, 'imported'],
      [4, 'duplicate'],
    ]);
    expect(await db.cases.count()).toBe(2);
  });

  it('after Cancel keeps the batches already imported and reports every other row as not imported', async () => {
    const { good } = await plan(Array.from({ length: 12 }, (_, i) => goodLine(i + 1)));
    const controller = new AbortController();
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => now,
      signal: controller.signal,
      onProgress: () => controller.abort(),
      batchSize: 5,
    });
    expect(fates.filter((f) => f.kind === 'imported').map((f) => f.row)).toEqual([2, 3, 4, 5, 6]);
    expect(fates.filter((f) => f.kind === 'not-imported').map((f) => f.row)).toEqual([
      7, 8, 9, 10, 11, 12, 13,
    ]);
    expect(await db.cases.count()).toBe(5);
  });

  it('reports every row of every batch in its place: imported in file order, stored meanwhile, refused at save', async () => {
    const { good } = await plan(Array.from({ length: 7 }, (_, i) => goodLine(i + 1)));
    const meanwhile = await plan([goodLine(2)]);
    await importRows(db, meanwhile.good, 'other.csv', MANAGER, rules, { now: () => now });
    // Saved as of 5 March 2024: the rows received on the 6th to the 8th are in the future then.
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => new Date('2024-03-05T12:00:00Z'),
      batchSize: 3,
    });
    expect(fates.map((f) => [f.row, f.kind, 'reference' in f ? f.reference : undefined])).toEqual([
      [2, 'imported', 'CMP-2024-000001'],
      [3, 'duplicate', 'CMP-2026-000001'],
      [4, 'imported', 'CMP-2024-000002'],
      [5, 'imported', 'CMP-2024-000003'],
      [6, 'refused', undefined],
      [7, 'refused', undefined],
      [8, 'refused', undefined],
    ]);
    expect(await db.cases.count()).toBe(4);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 4 });
  });

  it('is refused to an officer', async () => {
    const { good } = await plan([goodLine(1)]);
    await expect(
      importRows(db, good, 'legacy.csv', person('o1', 'Olu Officer', 'officer'), rules),
    ).rejects.toBeInstanceOf(PermissionError);
    expect(await db.cases.count()).toBe(0);
  });

  it('hands the search index each committed batch’s new cases, and nothing of a batch the save refused', async () => {
    const { good } = await plan(Array.from({ length: 5 }, (_, i) => goodLine(i + 1)));
    const indexed: string[][] = [];
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => new Date('2024-03-04T12:00:00Z'),
      batchSize: 2,
      onCreated: (docs) => indexed.push(docs.map((d) => d.reference)),
    });
    // Rows 2 to 4 were received by 4 March; rows 5 and 6 lie in the future then and are refused.
    expect(fates.map((f) => f.kind)).toEqual(['imported', 'imported', 'imported', 'refused', 'refused']);
    expect(indexed).toEqual([['CMP-2024-000001', 'CMP-2024-000002'], ['CMP-2024-000003']]);
  });

  it('hands every batch, in order and no larger than the batch size, to the saver it is given', async () => {
    const { good } = await plan(Array.from({ length: 7 }, (_, i) => goodLine(i + 1)));
    const seen: number[][] = [];
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => now,
      batchSize: 3,
      saveBatch: async (batch, at): Promise<SavedBatch> => {
        seen.push(batch.map((r) => r.row));
        return saveImportBatch(db, batch, 'legacy.csv', MANAGER, rules, at);
      },
    });
    expect(seen).toEqual([[2, 3, 4], [5, 6, 7], [8]]);
    expect(fates.every((f) => f.kind === 'imported')).toBe(true);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 7 });
  });
});

describe('saveImportBatch', () => {
  it('stores all of a batch or none of it: a failed write leaves no case, no audit entry and no reference used', async () => {
    const { good } = await plan([goodLine(1), goodLine(2), goodLine(3)]);
    const failing = vi.spyOn(db.auditPacks, 'bulkAdd').mockRejectedValueOnce(new Error('The disk is full.'));
    await expect(saveImportBatch(db, good, 'legacy.csv', MANAGER, rules, now)).rejects.toThrow(
      'The disk is full.',
    );
    failing.mockRestore();
    expect(await db.cases.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await db.auditPacks.count()).toBe(0);
    expect(await countCases(db)).toBe(0);

    const saved = await saveImportBatch(db, good, 'legacy.csv', MANAGER, rules, now);
    expect(saved.fates.map((f) => ('reference' in f ? f.reference : f.kind))).toEqual([
      'CMP-2026-000001',
      'CMP-2026-000002',
      'CMP-2026-000003',
    ]);
    expect(saved.indexed.map((d) => [d.reference, d.name])).toEqual([
      ['CMP-2026-000001', 'Person 1'],
      ['CMP-2026-000002', 'Person 2'],
      ['CMP-2026-000003', 'Person 3'],
    ]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 3 });
  });
});
