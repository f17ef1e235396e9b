import { settleReturnFacts } from '../../../../src-renderer/db/return-facts';
import { setDiskSpace } from '../../../../src-renderer/db/disk-guard';
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
  emptyReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { fcaReturn } from '../../../../src-shared/returns/fca-return';
import { halfYears } from '../../../../src-shared/returns/period';
import { returnCases } from '../../../../src-renderer/db/return-cases';
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
  groupSeparator: ',',
  now,
  returnLists: { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES },
  currency: 'GBP',
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

  it('records the return columns on each new case in its creation, and the FCA return counts them', async () => {
    const header =
      'Case No;Date received;Customer name;Email;Category;Details;Date closed;Outcome;Regulatory product;Complaint cause;Redress paid;Date paid;Remedy type;Customer type;Postcode';
    const sheet = await parseSpreadsheet(
      'returns.csv',
      new TextEncoder().encode(
        [
          header,
          // Banking and credit cards: closed in H1, upheld, £1,250.00 refunded in H1.
          'L-1;04/03/2024;Ann Lee;ann@example.com;Service;Fee taken twice;06/03/2024;Upheld;Credit card;Fees, charges or terms;"£1,250.00";10/03/2024;Refund;Consumer;sw1a 1aa',
          // Home finance: closed in H1, not upheld, nothing paid.
          'L-2;05/03/2024;Bo Chan;bo@example.com;Service;Letter ignored;20/03/2024;Not upheld;mortgage;service;;;;;',
          // Decumulation & pensions: still open, a goodwill payment of 75.50 in H1.
          'L-3;01/04/2024;Cai Dee;cai@example.com;Service;Transfer delayed;;;Pension;Transaction or instruction;75.50;02/04/2024;Goodwill;Small business;',
          // Investments: closed in H1, upheld, paid 1.000,00 in July (H2): not H1's redress.
          'L-4;10/04/2024;Dan Eze;dan@example.com;Service;Wrong fund;20/05/2024;Upheld;investment;advice-sale;1.000,00;05/07/2024;Compensation;;',
          // No return data at all: counted as unmapped, as a case nobody has recorded it for.
          'L-5;11/04/2024;Eve Fox;eve@example.com;Service;Statement late;;;;;;;;;',
        ].join('\r\n'),
      ),
    );
    const { good, rejected } = await dryRunImport(db, sheet, guessMapping(sheet.header), ctx);
    expect(rejected).toEqual([]);
    const fates = await importRows(db, good, 'returns.csv', MANAGER, rules, { now: () => now });
    const ids = fates.map((f) => (f.kind === 'imported' ? f.caseId : ''));
    const [l1, l2, l3, l4, l5] = await db.cases.bulkGet(ids);
    expect(l1!.returnData).toEqual({
      ...emptyReturnData(),
      productId: 'credit-card',
      causeId: 'fees-charges',
      postcode: 'SW1A 1AA',
      redress: [{ type: 'refund', amount: 1250, currency: 'GBP', paidOn: '2024-03-10' }],
    });
    expect(l2!.returnData).toMatchObject({ productId: 'mortgage', causeId: 'service', redress: [] });
    expect(l3!.returnData).toMatchObject({
      productId: 'pension',
      complainantType: 'small-business',
      redress: [{ type: 'goodwill', amount: 75.5, paidOn: '2024-04-02' }],
    });
    expect(l4!.returnData).toMatchObject({ redress: [{ type: 'compensation', amount: 1000 }] });
    // A row without return data is stored as before: no returnData at all.
    expect(l5).not.toHaveProperty('returnData');

    // The creation entry records what was imported for the returns.
    const [created] = await caseAuditTrail(db, l1!.id);
    expect(created!.changes).toEqual(
      expect.arrayContaining([
        { field: 'returnData.productId', before: null, after: 'credit-card' },
        { field: 'returnData.postcode', before: null, after: 'SW1A 1AA' },
        {
          field: 'returnData.redress',
          before: null,
          after: [{ type: 'refund', amount: 1250, currency: 'GBP', paidOn: '2024-03-10' }],
        },
      ]),
    );
    expect((await verifyStoredAuditChain(db)).ok).toBe(true);

    // H1 2024 as the Returns screen reads it (the return facts), worked out by hand:
    // opened 5 (one per product group, one unmapped); closed 3; redress paid in H1 £1,250.00 +
    // £75.50 = £1,325.50 (L-4's July payment is H2's).
    const calendar = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
    const [h1] = halfYears('01-01', 2024, calendar);
    const fromFacts = await returnCases(db, MANAGER, h1!, 'Europe/London', () => undefined);
    const options = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES, calendar };
    const figures = fcaReturn(fromFacts, h1!, options);
    expect(figures.total.redress.paid).toEqual([{ currency: 'GBP', amount: 1325.5 }]);
    expect(figures.total.redress.caseIds.sort()).toEqual([l1!.id, l3!.id].sort());
    const split = Object.fromEntries(
      Object.entries(figures.rows).map(([group, f]) => [
        group,
        { opened: f.opened.count, closed: f.closed.count, upheld: f.upheld.count, paid: f.redress.paid },
      ]),
    );
    expect(split).toEqual({
      'banking-credit-cards': { opened: 1, closed: 1, upheld: 1, paid: [{ currency: 'GBP', amount: 1250 }] },
      'home-finance': { opened: 1, closed: 1, upheld: 0, paid: [] },
      'insurance-pure-protection': { opened: 0, closed: 0, upheld: 0, paid: [] },
      'decumulation-pensions': { opened: 1, closed: 0, upheld: 0, paid: [{ currency: 'GBP', amount: 75.5 }] },
      investments: { opened: 1, closed: 1, upheld: 1, paid: [] },
      unmapped: { opened: 1, closed: 0, upheld: 0, paid: [] },
    });
    // By cause: fees → terms and disputed sums, service and transaction → general admin, advice.
    expect(figures.total.openedByCause['terms-disputed-sums-charges'].count).toBe(1);
    expect(figures.total.openedByCause['general-admin-customer-service'].count).toBe(2);
    expect(figures.total.openedByCause['advising-selling-arranging'].count).toBe(1);
    expect(figures.total.openedByCause.unmapped.count).toBe(1);
    // The facts agree with the cases themselves, and H2 has L-4's payment.
    // (The same cases, whatever order each read lists them in.)
    const unordered = (r: object) =>
      JSON.parse(JSON.stringify(r), (k, v: unknown) => (k === 'caseIds' ? [...(v as string[])].sort() : v));
    expect(unordered(fcaReturn(await db.cases.toArray(), h1!, options))).toEqual(unordered(figures));
    const [, h2] = halfYears('01-01', 2024, calendar);
    const later = fcaReturn(
      await returnCases(db, MANAGER, h2!, 'Europe/London', () => undefined),
      h2!,
      options,
    );
    expect(later.rows.investments.redress.paid).toEqual([{ currency: 'GBP', amount: 1000 }]);
  });

  it('reports a bad redress cell in the dry run with its reason, and imports none of that row', async () => {
    const header =
      'Case No;Date received;Customer name;Email;Category;Details;Redress paid;Date paid;Remedy type';
    const sheet = await parseSpreadsheet(
      'bad.csv',
      new TextEncoder().encode(
        [
          header,
          'L-1;04/03/2024;Ann Lee;ann@example.com;Service;Fee taken twice;"1.250";10/03/2024;Refund',
          'L-2;04/03/2024;Bo Chan;bo@example.com;Service;Fee taken twice;40;01/03/2024;Refund',
          'L-3;04/03/2024;Cai Dee;cai@example.com;Service;Fee taken twice;40;;',
        ].join('\r\n'),
      ),
    );
    const { good, rejected } = await dryRunImport(db, sheet, guessMapping(sheet.header), ctx);
    expect(good).toEqual([]);
    const reasons = rejected.map((f) =>
      f.kind === 'failed' ? f.problems.map((p) => problemText(i18n.t, p)) : [],
    );
    expect(reasons).toEqual([
      [
        'Redress paid: amount “1.250” could be read as thousands or as decimals: write it with two decimal places, such as 1,250.00 or 1.250,00, or without separators, such as 1250.',
      ],
      ['Redress paid: date paid “01/03/2024” is before the complaint was received.'],
      ['Redress paid: amount “40” needs the date it was paid.'],
    ]);
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

  it('stops between batches once the disk is almost full: the batches in are kept, every row left says why', async () => {
    const { good } = await plan(Array.from({ length: 12 }, (_, i) => goodLine(i + 1)));
    try {
      const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
        now: () => now,
        // Main's next answer, after the first batch: 90 MB left of a 500 GB disk.
        onProgress: () => setDiskSpace({ freeBytes: 90 * 1024 * 1024, totalBytes: 500 * 1024 ** 3 }),
        batchSize: 5,
        // The app settles in the import's worker, which hears the disk too: as a worker's refusal
        // reaches the page, by its name and message only.
        settle: async () => {
          const refused = await settleReturnFacts(db).then(
            () => null,
            (e: Error) => e,
          );
          expect(refused?.name).toBe('DiskAlmostFullError');
          throw Object.assign(new Error(refused!.message), { name: refused!.name });
        },
      });
      expect(fates.filter((f) => f.kind === 'imported').map((f) => f.row)).toEqual([2, 3, 4, 5, 6]);
      const refused = fates.filter((f) => f.kind === 'refused');
      expect(refused.map((f) => f.row)).toEqual([7, 8, 9, 10, 11, 12, 13]);
      expect(
        refused.every((f) => f.message.startsWith('This computer’s disk is almost full (90 MB left)')),
      ).toBe(true);
      expect(await db.cases.count()).toBe(5);
      // The batches' return facts could not be placed: they wait, owed, and are not lost.
      expect(await db.returnFacts.count()).toBe(0);
      expect(await db.returnFactsOwed.count()).toBeGreaterThan(0);
      // Freed, the returns place them before they count: the five cases are in the half-year.
      setDiskSpace(null);
      const calendar = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
      const [h1] = halfYears('01-01', 2024, calendar);
      const counted = await returnCases(db, MANAGER, h1!, 'Europe/London', () => undefined);
      expect(counted).toHaveLength(5);
      expect(await db.returnFacts.count()).toBe(5);
      expect(await db.returnFactsOwed.count()).toBe(0);
    } finally {
      setDiskSpace(null);
    }
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

  it('a batch that fails (the worker gone, the database refusing) stops the import with a report of every row, not an error', async () => {
    const { good } = await plan(Array.from({ length: 7 }, (_, i) => goodLine(i + 1)));
    let batches = 0;
    const fates = await importRows(db, good, 'legacy.csv', MANAGER, rules, {
      now: () => now,
      batchSize: 3,
      saveBatch: async (batch, at): Promise<SavedBatch> => {
        batches += 1;
        if (batches === 2) throw new Error('The import worker stopped');
        return saveImportBatch(db, batch, 'legacy.csv', MANAGER, rules, at);
      },
    });
    expect(fates.map((f) => [f.row, f.kind])).toEqual([
      [2, 'imported'],
      [3, 'imported'],
      [4, 'imported'],
      [5, 'refused'],
      [6, 'refused'],
      [7, 'refused'],
      [8, 'refused'],
    ]);
    expect(fates[3]).toMatchObject({
      message:
        'Not imported: the import stopped at row 5 (The import worker stopped). Rows before it that say imported were saved; import this row and those after it again.',
    });
    expect(await db.cases.count()).toBe(3);
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
