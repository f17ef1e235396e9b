import { describe, expect, it } from 'vitest';
import { verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { storedTrailPages } from '../../../../../src-renderer/db/audit-store';
import type { AuditEntry } from '../../../../../src-shared/domain/audit';
import {
  dryRunImport,
  dryRunReport,
  importRows,
  type RowFate,
} from '../../../../../src-renderer/db/case-import';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { exposeToPage } from '../../../../../src-renderer/workers/rpc';
import {
  importWork,
  ROWS_PER_MESSAGE,
  type ImportWork,
} from '../../../../../src-renderer/features/sheets/import-work';
import type { ParsedSheet } from '../../../../../src-shared/ipc/channels/sheets';
import { importWorkerApi } from '../../../../../src-renderer/features/sheets/import-worker-api';
import { parseSpreadsheet } from '../../../../../src-main/services/sheets/parse-sheet';
import { guessMapping, type ImportContext } from '../../../../../src-shared/domain/case-import';
import { defaultSettings } from '../../../../../src-shared/domain/settings';
import { DEFAULT_TAXONOMY } from '../../../../../src-shared/domain/taxonomy';
import { MANAGER, testRules, useFreshDb } from '../../db/test-db';
import { ChannelWorker } from '../../workers/channel-worker';
import { SearchService, searchWorkerApi } from '../../../../../src-renderer/search/search-service';
import { createCaseSearch } from '../../../../../src-renderer/search/search-client';

const now = new Date('2026-06-01T12:00:00Z');
const ctx: ImportContext = {
  taxonomy: DEFAULT_TAXONOMY,
  timeZone: 'Europe/London',
  dateOrder: 'dmy',
  defaultRegime: 'uk-fca-general',
  now,
  returnLists: { products: defaultSettings().regulatoryProducts, causes: defaultSettings().complaintCauses },
  currency: 'GBP',
  groupSeparator: ',',
};

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

/** The import worker's object served over a MessageChannel, on the test's database. */
function workOverChannel(options?: { indexingWaitMs: number }) {
  const worker = new ChannelWorker();
  exposeToPage(
    importWorkerApi(() => db, options),
    worker.workerEnd,
  );
  return { work: importWork(worker), worker };
}

/** As the Import screen does: the rows handed over as they are read, then the dry run over them. */
async function check(
  work: ImportWork,
  sheet: ParsedSheet,
  onProgress?: (done: number, total: number) => void,
) {
  await work.addRows(sheet.rows, true);
  return work.dryRun(sheet.header, guessMapping(sheet.header), ctx, onProgress);
}

/** As the Import screen does after the dry run: the good rows imported through `options`' worker. */
function importGoodRows(
  report: { goodRows: readonly number[] },
  options: Omit<NonNullable<Parameters<typeof importRows<{ row: number }>>[5]>, 'now'>,
) {
  return importRows(
    db,
    report.goodRows.map((row) => ({ row })),
    'legacy.csv',
    MANAGER,
    testRules(),
    { ...options, now: () => now },
  );
}

/**
 * A legacy export as they come: a quoted newline, a BOM-less `;` file, dates day first, and among
 * 2,500 rows (more than two messages' worth) bad dates, unknown categories, missing names, rows
 * repeating an earlier row's reference, and one row already imported before.
 */
async function messySheet() {
  const lines = ['Case No;Date received;Customer name;Email;Category;Details'];
  for (let i = 1; i <= 2500; i += 1) {
    const ref = i % 97 === 0 ? `L-${i - 1}` : `L-${i}`;
    const date = i % 211 === 0 ? '30/02/2024' : `${String((i % 28) + 1).padStart(2, '0')}/03/2024`;
    const category = i % 173 === 0 ? 'Parking' : i % 2 ? 'Service' : 'Payments';
    const name = i % 331 === 0 ? '' : `Siobhán Ó'Brien ${i}`;
    lines.push(`${ref};${date};${name};s${i}@example.ie;${category};"Waited ${i} days,\nthen gave up"`);
  }
  return parseSpreadsheet('legacy.csv', new TextEncoder().encode(lines.join('\r\n')));
}

describe('the import worker', () => {
  it('gives the same dry-run report as the dry run run here, on a messy file', async () => {
    const sheet = await messySheet();
    expect(sheet.rows.length).toBeGreaterThan(2 * ROWS_PER_MESSAGE);
    const mapping = guessMapping(sheet.header);
    // One row already in the database: both paths must call it a duplicate of that case.
    const first = await dryRunImport(
      db,
      { header: sheet.header, rows: sheet.rows.slice(0, 1) },
      mapping,
      ctx,
    );
    await importRows(db, first.good, 'earlier.csv', MANAGER, testRules(), { now: () => now });

    const direct = dryRunReport(await dryRunImport(db, sheet, mapping, ctx));
    const { work, worker } = workOverChannel();
    const progress: number[] = [];
    const viaWorker = await check(work, sheet, (done, total) => {
      expect(total).toBe(sheet.rows.length);
      progress.push(done);
    });
    // Checked again (another mapping, say): the worker starts from the file's first row again.
    const part = { header: sheet.header, rows: sheet.rows.slice(0, 150) };
    const again = await check(work, part);
    worker.close();

    expect(again).toEqual(dryRunReport(await dryRunImport(db, part, mapping, ctx)));
    expect(viaWorker).toEqual(direct);
    const kinds = new Map<string, number>();
    for (const f of direct.rejected) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({ failed: expect.any(Number), duplicate: expect.any(Number) });
    expect(direct.rejected.some((f) => f.kind === 'duplicate' && f.reference)).toBe(true);
    expect(direct.goodRows.length + direct.rejected.length).toBe(sheet.rows.length);
    expect(progress.at(-1)).toBe(sheet.rows.length);
  });

  it('imports the rows it found good, named by row number, each case with its audit entry, the trail whole', async () => {
    const sheet = await messySheet();
    const { work, worker } = workOverChannel();
    const report = await check(work, { header: sheet.header, rows: sheet.rows.slice(0, 300) });
    work.begin('legacy.csv', MANAGER, defaultSettings());
    const placing: number[] = [];
    const fates = await importGoodRows(report, {
      saveBatch: work.saveBatch,
      settle: () => work.settle((done) => placing.push(done)),
      batchSize: 120,
    });
    worker.close();
    // The worker placed the batches' return facts after the last one, and said how far it got.
    expect(await db.returnFactsOwed.count()).toBe(0);
    expect(await db.returnFacts.count()).toBe(report.goodRows.length);
    expect(placing).toEqual([0, report.goodRows.length]);
    const imported = fates.filter((f): f is Extract<RowFate, { kind: 'imported' }> => f.kind === 'imported');
    expect(imported.map((f) => f.row)).toEqual(report.goodRows);
    expect(await db.cases.count()).toBe(imported.length);
    // A single desk's import trail is stored packed (audit-store.ts): read wherever it is.
    const created: AuditEntry[] = [];
    for await (const page of storedTrailPages(db, 1000))
      created.push(...page.filter((e) => e.action === 'create'));
    expect(created.map((e) => e.caseId).sort()).toEqual(imported.map((f) => f.caseId).sort());
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: imported.length });
  });

  it("sends each batch's new cases straight to the search worker, all taken in before the return facts are placed", async () => {
    const sheet = await messySheet();
    const { work, worker } = workOverChannel();
    // The real search service, served as its worker serves it; its upserts recorded in order.
    const searchWorker = new ChannelWorker();
    const service = new SearchService(db, { persistDelayMs: 10, onError: () => undefined });
    const events: string[] = [];
    const upsert = service.upsert.bind(service);
    service.upsert = async (docs, more) => {
      await upsert(docs, more);
      events.push(...docs.map((d) => `indexed ${d.id} ${more ? 'more' : 'last'}`));
    };
    exposeToPage(searchWorkerApi(service), searchWorker.workerEnd);
    const search = createCaseSearch(searchWorker);
    await search.ready;

    const report = await check(work, { header: sheet.header, rows: sheet.rows.slice(0, 300) });
    work.begin('legacy.csv', MANAGER, defaultSettings(), await search.indexerPort());
    const toPage: number[] = [];
    const fates = await importGoodRows(report, {
      saveBatch: async (batch, at) => {
        const saved = await work.saveBatch(batch, at);
        toPage.push(saved.indexed.length);
        return saved;
      },
      settle: async () => {
        await work.settle();
        events.push('settled');
      },
      onCreated: (docs) => events.push(`page passed ${docs.length}`),
      batchSize: 120,
    });
    const imported = fates.flatMap((f) => (f.kind === 'imported' ? [f.caseId] : []));
    expect(imported.length).toBeGreaterThan(200);
    // No document came back to the page; the search worker had every one before the settle ended.
    expect(toPage).toEqual([0, 0, 0]);
    expect(events.at(-1)).toBe('settled');
    expect(events.slice(0, -1).sort()).toEqual(imported.map((id) => `indexed ${id} more`).sort());
    // And the index finds an imported case by its reference.
    const first = (await db.cases.get(imported[0]!))!;
    expect((await service.search(first.reference, MANAGER, 5))[0]?.id).toBe(first.id);
    await search.flush();
    search.dispose();
    service.dispose();
    worker.close();
  });

  it('ends the import when the search worker has died and never answers on its port: the search catches up later', async () => {
    const sheet = await messySheet();
    const { work, worker } = workOverChannel({ indexingWaitMs: 50 });
    // A port whose other end nobody serves: what a search worker that crashed leaves.
    const { port1: deadEnd } = new MessageChannel();
    const report = await check(work, { header: sheet.header, rows: sheet.rows.slice(0, 100) });
    work.begin('legacy.csv', MANAGER, defaultSettings(), deadEnd);
    const fates = await importGoodRows(report, {
      saveBatch: work.saveBatch,
      settle: () => work.settle(),
      batchSize: 40,
    });
    worker.close();
    deadEnd.close();
    const imported = fates.filter((f) => f.kind === 'imported');
    expect(imported).toHaveLength(report.goodRows.length);
    expect(await db.cases.count()).toBe(imported.length);
    // The facts were placed after the wait: the import ended whole.
    expect(await db.returnFactsOwed.count()).toBe(0);
    expect(await db.returnFacts.count()).toBe(imported.length);
  });

  it('stops when the dry run is cancelled: the worker goes and the dry run fails', async () => {
    const sheet = await messySheet();
    const { work } = workOverChannel();
    const running = check(work, sheet);
    work.dispose();
    await expect(running).rejects.toThrow(/import's worker failed: it was shut down/);
  });
});
