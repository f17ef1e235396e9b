// Spreadsheet import at size, as the Import screen runs it: a generated legacy CSV read by main
// (`sheets:parse`, then its rows a page at a time: `sheets:rows`), the dry run in the import worker
// (the rows sent to it a slice at a time), then the import in batches written by that worker, each
// batch's new cases sent to the search worker; seconds for each, and the
// longest main-thread block while they run, seen two ways: PerformanceObserver 'longtask', and a
// timer asked to fire every 10 ms, whose lateness is what a click would wait.
import { IMPORT_BATCH, importRows, type RowFate } from '../../../src-renderer/db/case-import';
import type { CaseRules } from '../../../src-renderer/db/cases';
import { importWork } from '../../../src-renderer/features/sheets/import-work';
import { readSheet } from '../../../src-renderer/features/sheets/read-sheet';
import { getCaseSearch } from '../../../src-renderer/search/search-client';
import { getDb } from '../../../src-renderer/db/schema';
import { guessMapping, importContextOf } from '../../../src-shared/domain/case-import';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { Settings } from '../../../src-shared/domain/settings';
import { watchingLongTasks } from './bench-backup';

export interface BenchImportOptions {
  rows: number;
  /** Rows per transaction (the app's IMPORT_BATCH when absent). */
  batchSize?: number;
}

export interface BenchImportResult {
  rows: number;
  imported: number;
  rejected: number;
  parseSeconds: number;
  dryRunSeconds: number;
  importSeconds: number;
  /** The import phase's parts: the batches' transactions, the return facts placed after them, the search index's one save. */
  importSplitSeconds: { batches: number; returnFacts: number; searchSave: number };
  longestBlockMs: number;
  longestBlockMsByPhase: { parse: number; dryRun: number; import: number };
  longTasks: number;
  /** The most a 10 ms timer fired late, by phase. */
  timerLatenessMsByPhase: { parse: number; dryRun: number; import: number };
  batchSize: number;
}

/** Runs `fn` with a timer due every 10 ms; returns the most it was late (the page's longest stall). */
async function probingTimer<T>(fn: () => Promise<T>): Promise<{ value: T; lateMs: number }> {
  const EVERY = 10;
  let late = 0;
  let due = performance.now() + EVERY;
  let timer: number | undefined;
  const tick = () => {
    const at = performance.now();
    late = Math.max(late, at - due);
    due = at + EVERY;
    timer = window.setTimeout(tick, EVERY);
  };
  timer = window.setTimeout(tick, EVERY);
  try {
    return { value: await fn(), lateMs: late };
  } finally {
    clearTimeout(timer);
  }
}

/** A legacy export: `;` delimited, dates day first, every 1,000th row with a date that never was. */
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2022, 0, 1);

/**
 * Row i's date received as a legacy file has it: spread over three years in no order (a batch's rows
 * fall on hundreds of days, as a real file's do), and one row in 1,000 an impossible 31 February.
 */
function receivedOn(i: number): string {
  if (i % 1000 === 0) return '31/02/2024';
  const d = new Date(FIRST_DAY + ((i * 7919) % 1096) * DAY_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function legacyCsv(rows: number, categories: readonly string[]): string {
  const lines = ['Case No;Date received;Customer name;Email;Category;Details'];
  for (let i = 1; i <= rows; i += 1) {
    const category = categories[i % categories.length]!;
    lines.push(
      `BENCH-${i};${receivedOn(i)};Person ${i};p${i}@example.com;${category};"Complaint ${i},\nsecond line"`,
    );
  }
  return lines.join('\r\n');
}

export async function importAtSize(
  options: BenchImportOptions,
  settings: Settings,
  rules: CaseRules,
  by: ActingPerson,
): Promise<BenchImportResult> {
  const csv = legacyCsv(
    options.rows,
    settings.taxonomy.map((c) => c.category),
  );
  const file = new File([csv], 'bench.csv', { type: 'text/csv' });
  const ctx = importContextOf(settings, 'dmy');
  // Each phase watched on its own, so a long block says which phase it is in.
  const phase = <T>(fn: () => Promise<T>) =>
    watchingLongTasks(() =>
      probingTimer(async () => {
        const started = performance.now();
        const value = await fn();
        return { value, seconds: (performance.now() - started) / 1000 };
      }),
    );
  const search = getCaseSearch();
  await search.ready;
  // The app has its database open long before an import: opening it is not the import's either.
  await getDb().open();
  // Making the file is not part of the import: let its task end before the phases are watched.
  await new Promise((resolve) => setTimeout(resolve, 100));
  // As the screen does: the rows go to the import worker as they are read, the page keeps none.
  const work = importWork();
  try {
    const parse = await phase(() => readSheet(file, (rows, first) => work.addRows(rows, first)));
    const sheet = parse.value.value.value;
    const dryRun = await phase(() => work.dryRun(sheet.header, guessMapping(sheet.header), ctx));
    const plan = dryRun.value.value.value;
    const batchSize = options.batchSize ?? IMPORT_BATCH;
    // As the screen does: the batches' documents go from the import worker to the search worker.
    work.begin('bench.csv', by, settings, await search.indexerPort());
    // As the screen does: the search index saved once, after the last batch (measured with it).
    const split = { batches: 0, returnFacts: 0, searchSave: 0 };
    const imported = await phase(async () => {
      const started = performance.now();
      let settled = started;
      const fates = await importRows(
        getDb(),
        plan.goodRows.map((row) => ({ row })),
        'bench.csv',
        by,
        rules,
        {
          batchSize,
          saveBatch: work.saveBatch,
          settle: async () => {
            settled = performance.now();
            split.batches = (settled - started) / 1000;
            return work.settle();
          },
          onCreated: (docs) => void search.indexDocs(docs, { more: true }),
        },
      );
      const flushing = performance.now();
      split.returnFacts = (flushing - settled) / 1000;
      await search.flush();
      split.searchSave = (performance.now() - flushing) / 1000;
      return fates;
    });
    return {
      ...result(options, parse, dryRun, imported, plan.rejected.length, batchSize),
      importSplitSeconds: split,
    };
  } finally {
    work.dispose();
  }
}

interface Phase<T> {
  value: { value: { value: T; seconds: number }; lateMs: number };
  longest: number;
  count: number;
}

function result(
  options: BenchImportOptions,
  parse: Phase<unknown>,
  dryRun: Phase<unknown>,
  imported: Phase<RowFate[]>,
  rejected: number,
  batchSize: number,
): Omit<BenchImportResult, 'importSplitSeconds'> {
  const phases = [parse, dryRun, imported];
  return {
    rows: options.rows,
    imported: imported.value.value.value.filter((f) => f.kind === 'imported').length,
    rejected,
    parseSeconds: parse.value.value.seconds,
    dryRunSeconds: dryRun.value.value.seconds,
    importSeconds: imported.value.value.seconds,
    longestBlockMs: Math.max(...phases.map((p) => p.longest)),
    longestBlockMsByPhase: { parse: parse.longest, dryRun: dryRun.longest, import: imported.longest },
    longTasks: phases.reduce((n, p) => n + p.count, 0),
    timerLatenessMsByPhase: {
      parse: Math.round(parse.value.lateMs),
      dryRun: Math.round(dryRun.value.lateMs),
      import: Math.round(imported.value.lateMs),
    },
    batchSize,
  };
}
