// The Cases list as a CSV or XLSX file. Every text cell that Excel would read as a formula
// (= + - @) is neutralised first (case-import.ts neutralizeCell): exported complaints are written
// by the public, and a cell must never run as a formula on the officer's computer.
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { neutralizeCell, toCsv } from '../../../src-shared/domain/case-import';
import { safeFileName } from '../../../src-shared/domain/file-names';
import type { SheetFormat } from '../../../src-shared/ipc/channels/sheets';
import { writeFileAtomic } from '../files/atomic-write';
import { notSaved, writeNewFile } from '../files/new-file';

export interface SheetContent {
  title: string;
  /** Lines above the table, then a blank line; none for a plain list. */
  headerRows?: readonly (readonly string[])[] | undefined;
  columns: readonly string[];
  /** Columns whose number-shaped cells are written to XLSX as numbers (CSV has no types). */
  numericColumns?: readonly number[] | undefined;
  rows: readonly (readonly string[])[];
}

const FIGURE = /^-?\d{1,15}(\.\d+)?$/;

/** The file's bytes: CSV with a UTF-8 BOM (so Excel reads accents right), or an XLSX workbook. */
export async function sheetBytes(format: SheetFormat, content: SheetContent): Promise<Buffer> {
  const above = content.headerRows?.length ? [...content.headerRows, []] : [];
  if (format === 'csv') {
    return Buffer.from(`\uFEFF${toCsv([...above, content.columns, ...content.rows])}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Redress';
  const sheet = workbook.addWorksheet(safeSheetName(content.title));
  for (const row of above) sheet.addRow(row.map(neutralizeCell));
  sheet.addRow([...content.columns]).font = { bold: true };
  const numeric = new Set(content.numericColumns);
  for (const row of content.rows) {
    sheet.addRow(row.map((v, i) => (numeric.has(i) && FIGURE.test(v) ? Number(v) : neutralizeCell(v))));
  }
  sheet.views = [{ state: 'frozen', ySplit: above.length + 1 }];
  sheet.columns.forEach((c, i) => {
    const longest = Math.max(
      content.columns[i]?.length ?? 0,
      ...content.rows.slice(0, 200).map((r) => r[i]?.length ?? 0),
    );
    c.width = Math.min(Math.max(longest + 2, 10), 60);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Writes `lines` beside the saved file `path`, as `<name>.about.txt` (UTF-8, one per line), and
 * returns its path: what a file in a regulator's fixed format cannot carry. It replaces an earlier
 * one of the same name, as its file did.
 */
export async function writeSheetAbout(path: string, lines: readonly string[]): Promise<string> {
  const aboutPath = `${path.replace(/\.(csv|xlsx)$/i, '')}.about.txt`;
  try {
    await writeFileAtomic(aboutPath, Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
    return aboutPath;
  } catch (error) {
    throw notSaved(basename(aboutPath), error, 'The folder cannot be written.');
  }
}

// Excel refuses these in a sheet's name.
const safeSheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

/** A file name ending in the format's extension. */
export function sheetFileName(name: string, format: SheetFormat): string {
  const base = safeFileName(name, 'cases');
  return base.toLowerCase().endsWith(`.${format}`) ? base : `${base}.${format}`;
}

/**
 * Writes the file where the user chose (the path as given: the save dialog asked before replacing),
 * or as a new file in `folder` that replaces nothing.
 */
export async function writeSheet(
  target: { path: string } | { folder: string; name: string },
  bytes: Buffer,
): Promise<string> {
  if (!('path' in target)) {
    const ext = target.name.slice(target.name.lastIndexOf('.'));
    return writeNewFile(target.folder, target.name, ext, bytes, 'cases');
  }
  try {
    await writeFileAtomic(target.path, bytes);
    return target.path;
  } catch (error) {
    throw notSaved(basename(target.path), error, 'The folder cannot be written.');
  }
}
