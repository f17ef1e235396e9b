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
  longestBlockMsByPhase: { parse: number; dryRun: number; import: number };
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
  // Each phase watched on its own, so a long block says which phase it is in.
  const phase = <T>(fn: () => Promise<T>) =>
    watchingLongTasks(async () => {
      const started = performance.now();
      const value = await fn();
      return { value, seconds: (performance.now() - started) / 1000 };
    });
  const parse = await phase(() => call(api().sheets.parse({ name: 'bench.csv', data })));
  const sheet = parse.value.value;
  const dryRun = await phase(() => dryRunImport(getDb(), sheet, guessMapping(sheet.header), ctx));
  const plan = dryRun.value.value;
  const imported = await phase(() => importRows(getDb(), plan.good, 'bench.csv', by, rules));
  const phases = [parse, dryRun, imported];
  return {
    rows: options.rows,
    imported: imported.value.value.filter((f) => f.kind === 'imported').length,
    rejected: plan.rejected.length,
    parseSeconds: parse.value.seconds,
    dryRunSeconds: dryRun.value.seconds,
    importSeconds: imported.value.seconds,
    longestBlockMs: Math.max(...phases.map((p) => p.longest)),
    longestBlockMsByPhase: { parse: parse.longest, dryRun: dryRun.longest, import: imported.longest },
    longTasks: phases.reduce((n, p) => n + p.count, 0),
  };
}
