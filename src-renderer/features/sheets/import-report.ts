// The words for what became of each row, shared by the screen's tables and the saved CSV report.
import type { TFunction } from 'i18next';
import type { RowProblem } from '../../../src-shared/domain/case-import';
import { isDeskReference } from '../../../src-shared/domain/reference';
import type { RowFate } from '../../db/case-import';

export function problemText(t: TFunction, p: RowProblem): string {
  if (p.code === 'too-many-cells')
    return t('sheets.problems.too-many-cells', { cells: p.cells, columns: p.columns });
  return t(`sheets.problems.${p.code}`, {
    field: t(`sheets.fields.${p.field}`),
    value: p.value,
    detail: p.detail ?? '',
  });
}

/** The fate in a few words ("Imported as CMP-…", "Failed"). */
export function fateLabel(t: TFunction, fate: RowFate): string {
  return fate.kind === 'imported'
    ? t('sheets.import.fates.imported', { reference: fate.reference })
    : t(`sheets.import.fates.${fate.kind}`);
}

/** Why, in sentences: each problem of a failed row, or what a duplicate duplicates. */
export function fateDetail(t: TFunction, fate: RowFate): string {
  switch (fate.kind) {
    case 'failed':
      return fate.problems.map((p) => problemText(t, p)).join(' ');
    case 'refused':
      return fate.message;
    case 'duplicate':
      return fate.reference
        ? t('sheets.import.duplicateOfCase', { ref: fate.externalRef, reference: fate.reference })
        : t('sheets.import.duplicateOfRow', { ref: fate.externalRef, row: fate.sameAsRow });
    default:
      return '';
  }
}

/**
 * The report as rows for `sheets:export`: one line per row given, in the order given. `outcomes`
 * picks the words: what became of each row (the import's report) or what will (the dry run's).
 */
export function reportRows(
  t: TFunction,
  fates: readonly RowFate[],
  outcomes: 'outcomes' | 'dryRunOutcomes' = 'outcomes',
): { columns: string[]; rows: string[][] } {
  const columns = (['row', 'outcome', 'reference', 'detail'] as const).map((c) =>
    t(`sheets.import.reportColumns.${c}`),
  );
  const rows = fates.map((f) => [
    String(f.row),
    t(`sheets.import.${outcomes}.${f.kind}`),
    f.kind === 'imported' ? f.reference : f.kind === 'duplicate' ? (f.reference ?? '') : '',
    fateDetail(t, f),
  ]);
  return { columns, rows };
}

/**
 * The dry run's report: every row it found wrong, with why, so that the rows can be put right before
 * the import (even when none can be imported, and so no import report will ever be made).
 */
export function dryRunReportRows(
  t: TFunction,
  rejected: readonly RowFate[],
): { columns: string[]; rows: string[][] } {
  return reportRows(t, rejected, 'dryRunOutcomes');
}

/** The rows the import left out, in file order: what an officer must look at after an import. */
export function rowsNotImported(fates: readonly RowFate[]): RowFate[] {
  return fates.filter((f) => f.kind !== 'imported');
}

export interface FateCounts {
  imported: number;
  duplicates: number;
  failed: number;
  notImported: number;
  /** Imported cases numbered on the desk (a team desk the server could not give enough numbers). */
  deskReferenced: number;
}

export function countFates(fates: readonly RowFate[]): FateCounts {
  const counts: FateCounts = { imported: 0, duplicates: 0, failed: 0, notImported: 0, deskReferenced: 0 };
  for (const f of fates) {
    if (f.kind === 'imported') {
      counts.imported += 1;
      if (isDeskReference(f.reference)) counts.deskReferenced += 1;
    } else if (f.kind === 'duplicate') counts.duplicates += 1;
    else if (f.kind === 'not-imported') counts.notImported += 1;
    else counts.failed += 1;
  }
  return counts;
}
