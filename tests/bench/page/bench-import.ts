// Spreadsheet import at size, as the Import screen runs it on the page's main thread: a generated
// legacy CSV read by main (`sheets:parse`), the dry run, then the import in batches; seconds for
// each and the longest main-thread block (PerformanceObserver 'longtask') while they run.
import { api, call } from '../../../src-renderer/api/client';
import { dryRunImport, importRows } from '../../../src-renderer/db/case-import';
import type { CaseRules } from '../../../src-renderer/db/cases';
import { getDb } from '../../../src-renderer/db/schema';
import { guessMapping } from '../../../src-shared/domain/case-import';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { Settings } from '../../../src-shared/domain/settings';
import { watchingLongTasks } from './bench-backup';

export interface BenchImportOptions {
  rows: number;
}

export interface BenchImportResult {
  rows: number;
  imported: number;
  rejected: number;
  parseSeconds: number;
  dryRunSeconds: number;
  importSeconds: number;
  longestBlockMs: number;
  longTasks: number;
}

/** A legacy export: `;` delimited, dates day first, every 1,000th row with a date that never was. */
function legacyCsv(rows: number, categories: readonly string[]): string {
  const lines = ['Case No;Date received;Customer name;Email;Category;Details'];
  for (let i = 1; i <= rows; i += 1) {
    const day = i % 1000 === 0 ? 31 : (i % 28) + 1;
    const category = categories[i % categories.length]!;
    lines.push(
      `BENCH-${i};${String(day).padStart(2, '0')}/02/2024;Person ${i};p${i}@example.com;${category};"Complaint ${i},\nsecond line"`,
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
  const data = btoa(unescape(encodeURIComponent(csv)));
  const ctx = {
    taxonomy: settings.taxonomy,
    timeZone: settings.timeZone,
    dateOrder: 'dmy' as const,
    defaultRegime: settings.defaultRegime,
    now: new Date(),
  };
  const watched = await watchingLongTasks(async () => {
    let t = performance.now();
    const sheet = await call(api().sheets.parse({ name: 'bench.csv', data }));
    const parseSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const plan = await dryRunImport(getDb(), sheet, guessMapping(sheet.header), ctx);
    const dryRunSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const fates = await importRows(getDb(), plan.good, 'bench.csv', by, rules);
    const importSeconds = (performance.now() - t) / 1000;
    return {
      parseSeconds,
      dryRunSeconds,
      importSeconds,
      imported: fates.filter((f) => f.kind === 'imported').length,
      rejected: plan.rejected.length,
    };
  });
  return {
    rows: options.rows,
    ...watched.value,
    longestBlockMs: watched.longest,
    longTasks: watched.count,
  };
}
