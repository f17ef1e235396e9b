// Legacy complaints into the case database: a dry run that says what every row would become, then
// the good rows in batches, each case created as intake creates one (createCases builds it as
// createCase does: deadlines from its received date, keys, counters) with its audit entry naming
// the file and row. Every row gets
// a fate; nothing is dropped silently.
import {
  checkImportRow,
  type ColumnMapping,
  type ImportableRow,
  type ImportContext,
  type RowProblem,
} from '../../src-shared/domain/case-import';
import type { CaseRecord } from '../../src-shared/domain/case';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import type { ParsedSheet } from '../../src-shared/ipc/channels/sheets';
import i18n from '../i18n';
import { createCases, type CaseRules } from './cases';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

/** What became of one row of the file (its number as the spreadsheet shows it). */
export type RowFate =
  | { row: number; kind: 'imported'; caseId: string; reference: string }
  /** Already imported: `reference` is the case's (CMP-…), or the earlier row of this file. */
  | { row: number; kind: 'duplicate'; externalRef: string; reference?: string; sameAsRow?: number }
  | { row: number; kind: 'failed'; problems: RowProblem[] }
  /** The row passed the dry run but the save refused it (the message says why). */
  | { row: number; kind: 'refused'; message: string }
  /** Import cancelled before this row. */
  | { row: number; kind: 'not-imported' };

export interface ImportRow extends ImportableRow {
  row: number;
}

export interface DryRun {
  /** Rows that will be imported, in file order. */
  good: ImportRow[];
  /** Rows that will not be, and why, in file order. */
  rejected: RowFate[];
}

export interface Progress {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Gives the page a turn to paint and take input between slices of work. */
const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
// Rows checked per slice: well under the 100 ms a page may be busy without feeling stuck.
const CHECK_SLICE = 200;
const LOOKUP_SLICE = 1000;

/** The cases already stored under these external references, by reference. */
async function storedByExternalRef(db: RedressDB, refs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < refs.length; i += LOOKUP_SLICE) {
    const rows = await db.cases
      .where('externalRef')
      .anyOf(refs.slice(i, i + LOOKUP_SLICE))
      .toArray();
    for (const c of rows) found.set(c.externalRef!, c.reference);
  }
  return found;
}

/**
 * Checks every row as the import will (the intake rules, the office's categories) and finds the
 * ones already imported, by external reference in this file or in the database.
 */
export async function dryRunImport(
  db: RedressDB,
  sheet: ParsedSheet,
  mapping: ColumnMapping,
  ctx: ImportContext,
  { onProgress, signal }: Progress = {},
): Promise<DryRun> {
  const good: ImportRow[] = [];
  const rejected: RowFate[] = [];
  const firstRowOf = new Map<string, number>();
  for (let i = 0; i < sheet.rows.length; i += CHECK_SLICE) {
    signal?.throwIfAborted();
    for (const { row, cells } of sheet.rows.slice(i, i + CHECK_SLICE)) {
      const check = checkImportRow(cells, mapping, ctx);
      if (!check.ok) {
        rejected.push({ row, kind: 'failed', problems: check.problems });
        continue;
      }
      const ref = check.row.externalRef;
      const earlier = ref ? firstRowOf.get(ref) : undefined;
      if (earlier !== undefined) {
        rejected.push({ row, kind: 'duplicate', externalRef: ref, sameAsRow: earlier });
        continue;
      }
      if (ref) firstRowOf.set(ref, row);
      good.push({ row, ...check.row });
    }
    onProgress?.(Math.min(i + CHECK_SLICE, sheet.rows.length), sheet.rows.length);
    await yieldToUi();
  }
  const stored = await storedByExternalRef(db, [...firstRowOf.keys()]);
  if (stored.size === 0) return { good, rejected };
  const fresh: ImportRow[] = [];
  for (const r of good) {
    const reference = r.externalRef ? stored.get(r.externalRef) : undefined;
    if (reference) rejected.push({ row: r.row, kind: 'duplicate', externalRef: r.externalRef, reference });
    else fresh.push(r);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { good: fresh, rejected };
}

/** Rows per transaction: each commits on its own, so a cancel keeps what is already in. */
export const IMPORT_BATCH = 50;

/**
 * Creates a case for each row, a batch per transaction, each with its audit entry "Imported from
 * <file>, row N". A row whose external reference was stored meanwhile is skipped as a duplicate;
 * after a cancel, the rows not reached are reported as not imported.
 */
export async function importRows(
  db: RedressDB,
  rows: readonly ImportRow[],
  fileName: string,
  by: ActingPerson,
  rules: Pick<CaseRules, 'calendar' | 'taxonomy' | 'customRegime'>,
  {
    onProgress,
    signal,
    onCreated,
    now = () => new Date(),
    batchSize = IMPORT_BATCH,
  }: Progress & {
    batchSize?: number;
    /** Each committed batch's new cases (the page adds them to the search index). */
    onCreated?: (records: CaseRecord[]) => void;
    now?: () => Date;
  } = {},
): Promise<RowFate[]> {
  assertMay(by, 'case.import');
  const fates: RowFate[] = [];
  for (let i = 0; i < rows.length; i += batchSize) {
    if (signal?.aborted) {
      for (const r of rows.slice(i)) fates.push({ row: r.row, kind: 'not-imported' });
      break;
    }
    const batch = rows.slice(i, i + batchSize);
    const created: CaseRecord[] = [];
    const batchFates = await db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
      const stored = await storedByExternalRef(db, batch.map((r) => r.externalRef).filter(Boolean));
      const fresh = batch.filter((r) => !(r.externalRef && stored.has(r.externalRef)));
      const results = await createCases(
        db,
        fresh.map((r) => ({
          input: r.input,
          imported: {
            externalRef: r.externalRef,
            reason: i18n.t('sheets.import.auditReason', { file: fileName, row: r.row }),
          },
        })),
        by,
        rules,
        now(),
      );
      const byRow = new Map(fresh.map((r, i) => [r.row, results[i]!]));
      return batch.map((r): RowFate => {
        const result = byRow.get(r.row);
        if (!result) {
          return {
            row: r.row,
            kind: 'duplicate',
            externalRef: r.externalRef,
            reference: stored.get(r.externalRef),
          };
        }
        if (!result.ok) return { row: r.row, kind: 'refused', message: result.error.message };
        created.push(result.record);
        return { row: r.row, kind: 'imported', caseId: result.record.id, reference: result.record.reference };
      });
    });
    fates.push(...batchFates);
    if (created.length) onCreated?.(created);
    onProgress?.(Math.min(i + batchSize, rows.length), rows.length);
    await yieldToUi();
  }
  return fates;
}

/** Every row's fate in file order: the dry run's refusals and the import's outcomes together. */
export function allFates(rejected: readonly RowFate[], imported: readonly RowFate[]): RowFate[] {
  return [...rejected, ...imported].sort((a, b) => a.row - b.row);
}
