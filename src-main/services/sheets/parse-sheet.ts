// A spreadsheet's bytes to a header and rows of text. CSV as Excel and legacy systems write it
// (UTF-8 with or without a BOM, UTF-16 "Unicode text", Windows-1252; `,` `;` or tab; quoted
// newlines); XLSX through exceljs's streaming reader. Dates in XLSX cells come out as the wall
// clock Excel showed ('2024-03-02T09:30:00'); the renderer reads them on the office's clocks.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError, ValidationError } from '../../../src-shared/errors';
import { SHEET_MAX_COLUMNS, SHEET_MAX_ROWS, type ParsedSheet } from '../../../src-shared/ipc/channels/sheets';

const NOT_A_SHEET =
  'This file is not a spreadsheet Redress can read. Save it as CSV or Excel (.xlsx) and try again.';
const EMPTY = 'The file holds no rows. Choose the file with the complaints in it.';
const TOO_MANY_ROWS = `The file has more than ${SHEET_MAX_ROWS.toLocaleString('en')} rows. Split it into smaller files.`;
const TOO_MANY_COLUMNS = `The file has more than ${SHEET_MAX_COLUMNS} columns. Keep only the columns to import.`;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// The old binary Excel format (.xls) and other OLE files.
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export async function parseSpreadsheet(name: string, bytes: Uint8Array): Promise<ParsedSheet> {
  if (bytes.length === 0) throw new ValidationError(EMPTY);
  if (isZip(bytes)) return parseXlsx(bytes);
  if (isOle(bytes) || name.toLowerCase().endsWith('.xlsx')) throw new ValidationError(NOT_A_SHEET);
  return parseCsv(decodeText(bytes));
}

/**
 * The file's text: a BOM says the encoding; else UTF-8 if it is valid UTF-8; else, when it is
 * mostly UTF-8 with a few stray bytes (a curly quote pasted from a Windows program), UTF-8 with those
 * bytes read as Windows-1252, so one stray byte does not garble every accent in the file; else
 * Windows-1252 (Excel's "CSV" on Western Windows).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const mixed = decodeMostlyUtf8(bytes);
    return mixed ?? decodeWindows1252(bytes);
  }
}

/** The length of the valid UTF-8 sequence of two to four bytes at `i`, or 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  // Overlong, surrogate and out-of-range forms are not UTF-8.
  const second = bytes[i + 1]!;
  if (b === 0xe0 && second < 0xa0) return 0;
  if (b === 0xed && second > 0x9f) return 0;
  if (b === 0xf0 && second < 0x90) return 0;
  if (b === 0xf4 && second > 0x8f) return 0;
  return n;
}

/** UTF-8 with stray bytes read as Windows-1252, when UTF-8 sequences outnumber them; else null. */
function decodeMostlyUtf8(bytes: Uint8Array): string | null {
  let valid = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length;) {
    if (bytes[i]! < 0x80) i += 1;
    else {
      const n = utf8SequenceAt(bytes, i);
      if (n) valid += 1;
      else stray += 1;
      i += n || 1;
    }
  }
  if (valid <= stray) return null;
  const decoder = new TextDecoder('utf-8');
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length;) {
    if (bytes[i]! < 0x80) {
      i += 1;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n) {
      i += n;
      continue;
    }
    out += decoder.decode(bytes.subarray(start, i)) + decodeWindows1252(bytes.subarray(i, i + 1));
    i += 1;
    start = i;
  }
  return out + decoder.decode(bytes.subarray(start));
}

// Windows-1252's 0x80–0x9F (€, curly quotes, dashes…); Node's decoder reads them as Latin-1
// control characters. Undefined positions keep their Latin-1 meaning, as browsers do.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return out;
}

// Excel's "sep=;" first line names the file's delimiter, and is no row of the table.
const SEP_LINE = /^sep=(.)\r?\n/i;

function parseCsv(text: string): ParsedSheet {
  // Binary content (an image, a PDF renamed .csv) is not text at all.
  if (text.includes('\u0000') || /^%PDF-/.test(text)) throw new ValidationError(NOT_A_SHEET);
  const sep = SEP_LINE.exec(text);
  const table = sep ? text.slice(sep[0].length) : text;
  const result = Papa.parse<string[]>(table, {
    delimiter: sep ? sep[1]! : guessDelimiter(table),
    skipEmptyLines: false,
  });
  const broken = result.errors.find((e) => e.type === 'Quotes');
  // Rows are numbered as the file's lines: the sep= line is the file's row 1.
  const skipped = sep ? 1 : 0;
  if (broken) {
    const at = typeof broken.row === 'number' ? ` (row ${broken.row + 1 + skipped})` : '';
    throw new ValidationError(`A quoted cell is never closed${at}. Check the file's quotation marks.`);
  }
  return fromRows(result.data.map((cells, i) => ({ row: i + 1 + skipped, cells })));
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter the header row (the first line that is not blank) uses most (outside quotes): a
 * header names every column, so it shows the delimiter plainly. papaparse's own guess is thrown by
 * a blank last line.
 */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let filled = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') {
      quoted = !quoted;
      filled = true;
    } else if (!quoted && (ch === '\n' || ch === '\r')) {
      // Blank lines before the header are skipped; the header's end ends the guess.
      if (filled) break;
    } else if (!quoted && counts.has(ch)) {
      counts.set(ch, counts.get(ch)! + 1);
      filled = true;
    } else if (ch.trim()) filled = true;
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** How many cells up to the last one that holds anything (trailing blank cells are formatting). */
function filledWidth(cells: readonly string[]): number {
  let width = cells.length;
  while (width > 0 && !cells[width - 1]!.trim()) width -= 1;
  return width;
}

/**
 * Header from the first row that holds anything, blank rows dropped, each row as wide as the
 * header; a row filled beyond the header keeps its width (`cellCount`) for the dry run to refuse.
 */
function fromRows(all: { row: number; cells: string[] }[]): ParsedSheet {
  const filled = all.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const first = filled[0];
  if (!first) throw new ValidationError(EMPTY);
  if (filled.length - 1 > SHEET_MAX_ROWS) throw new ValidationError(TOO_MANY_ROWS);
  // Trailing empty header cells are left over from formatting, not columns.
  const width = filledWidth(first.cells);
  if (width > SHEET_MAX_COLUMNS) throw new ValidationError(TOO_MANY_COLUMNS);
  const header = first.cells.slice(0, width).map((h, i) => h.trim() || `Column ${i + 1}`);
  const rows = filled.slice(1).map(({ row, cells }) => {
    const fitted = cells.slice(0, width);
    while (fitted.length < width) fitted.push('');
    const cellCount = filledWidth(cells);
    return cellCount > width ? { row, cells: fitted, cellCount } : { row, cells: fitted };
  });
  if (rows.length === 0) throw new ValidationError(EMPTY);
  return { header, rows };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A number format's first section with its literal text, colours and spacing removed. */
const formatCore = (numFmt: string) =>
  numFmt
    .split(';')[0]!
    .replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '')
    .trim();

/** How many decimals a plain number format shows ('#,##0.00' → 2), or null (General, %, dates…). */
function shownDecimals(numFmt: string | undefined): number | null {
  if (!numFmt) return null;
  const core = formatCore(numFmt);
  if (/[%eE]/.test(core) || /[ymdhsb]/i.test(core)) return null;
  const m = /[#0](?:[#0,]*)\.(0+)(?![#0])/.exec(core);
  if (m) return m[1]!.length;
  return /^[^.]*[#0][#0,]*$/.test(core) ? 0 : null;
}

/**
 * An XLSX number as Excel shows it, with a decimal point: rounded to the decimals its format shows
 * (25.125 in '0.00' is 25.13 on the screen), else to 15 significant digits, as Excel keeps them
 * (a formula's 11.000000000000002 is 11). One with exactly three decimals gets a fourth zero:
 * "25.125" alone reads as twenty-five thousand in an office that groups thousands with a point.
 */
export function numberText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return String(n);
  const decimals = shownDecimals(numFmt);
  // Excel keeps 15 significant digits, and shows a value rounded half away from zero from them.
  const kept = Number(n.toPrecision(15));
  const text = decimals === null ? String(kept) : roundedText(kept, decimals);
  if (/e/i.test(text)) return text;
  return /^-?\d+\.\d{3}$/.test(text) ? `${text}0` : text;
}

/**
 * `n` rounded half away from zero to `decimals`, as decimal text: 1.005 in '0.00' is 1.01 as Excel
 * shows it, where toFixed rounds the binary value just below it to 1.00.
 */
function roundedText(n: number, decimals: number): string {
  const magnitude = String(Math.abs(n));
  if (/e/i.test(magnitude)) return n.toFixed(Math.min(decimals, 100));
  // Shifting the decimal point in the text is exact; multiplying by a power of ten is not.
  const shifted = Math.round(Number(`${magnitude}e${decimals}`));
  const rounded = Math.sign(n) * Number(`${shifted}e-${decimals}`);
  return decimals === 0 ? String(rounded) : rounded.toFixed(decimals);
}

/** An XLSX cell as the text the officer sees in Excel (a formula's result, a date's wall clock). */
function cellText(value: ExcelJS.CellValue, numFmt?: string, date1904 = false): string {
  if (value === null || value === undefined) return '';
  const kind = numFmt ? timeFormatKind(numFmt) : null;
  if (typeof value === 'number') {
    // exceljs dates a stored number by its format, but hands a formula's result over as the serial.
    if (kind === 'date' || kind === 'time') return wallClock(excelSerialDate(value, date1904), kind);
    return numberText(value, kind === 'elapsed' ? undefined : numFmt);
  }
  if (value instanceof Date) {
    // A duration ([h]:mm) is a number of days, which exceljs dated from 1899: handed back as days.
    if (kind === 'elapsed') return numberText(excelSerial(value, date1904));
    return wallClock(value, kind === 'time' ? 'time' : 'date');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText(value.result as ExcelJS.CellValue, numFmt, date1904);
    if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, numFmt, date1904);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/**
 * What a number format shows of a date serial: a date (and time), a time of day alone ('hh:mm'),
 * or a duration ('[h]:mm', hours past 24), or null when it is no date format at all.
 */
function timeFormatKind(numFmt: string): 'date' | 'time' | 'elapsed' | null {
  const section = numFmt.split(';')[0]!.replace(/"[^"]*"/g, '');
  if (/\[(?:h+|m+|s+)\]/i.test(section)) return 'elapsed';
  const core = formatCore(numFmt).replace(/[eE]\+/g, '');
  if (!/[ymdhs]/i.test(core)) return null;
  return /[yd]/i.test(core) || !/[hs]/i.test(core) ? 'date' : 'time';
}

/** A Date whose UTC fields are Excel's wall clock, as text: 'YYYY-MM-DDTHH:MM:SS', or 'HH:MM:SS' alone. */
function wallClock(d: Date, kind: 'date' | 'time'): string {
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (kind === 'time') return time;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${time}`;
}

// Excel's serial 0: 30 December 1899 in the 1900 system (whose false 29 February 1900 is serial
// 60), 1 January 1904 in the 1904 system (old Mac workbooks), 1,462 days later.
const EXCEL_1900_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAYS_1900_TO_1904 = 1462;

/** A date serial's wall clock, as a Date whose UTC fields are Excel's (as exceljs reads stored dates). */
function excelSerialDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? DAYS_1900_TO_1904 : 0);
  return new Date(EXCEL_1900_EPOCH_MS + Math.round(days * 86_400) * 1000);
}

/** The serial of such a Date (the inverse of excelSerialDate). */
const excelSerial = (d: Date, date1904: boolean): number =>
  (d.getTime() - EXCEL_1900_EPOCH_MS) / 86_400_000 - (date1904 ? DAYS_1900_TO_1904 : 0);

/**
 * A whole number shown with leading zeros by its cell's format ("00000": a legacy reference, a
 * postcode such as 0800, a phone number): as Excel shows it, not as stored (123 for 00123), so
 * the zeros the officer sees are kept, and the reference matches the same one from a CSV.
 */
function withFormatZeros(text: string, value: ExcelJS.CellValue, numFmt: string | undefined): string {
  const shown = typeof value === 'object' && value !== null && 'result' in value ? value.result : value;
  if (typeof shown !== 'number' || !Number.isInteger(shown) || shown < 0 || !numFmt) return text;
  return /^0+$/.test(numFmt) ? text.padStart(numFmt.length, '0') : text;
}

/** Whether the workbook counts dates in the 1904 system (exceljs keeps workbookPr on the reader). */
function workbookDate1904(reader: ExcelJS.stream.xlsx.WorkbookReader): boolean {
  const properties = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
  return properties?.model?.date1904 === true;
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedSheet> {
  const rows: { row: number; cells: string[] }[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    // The first worksheet only: legacy exports put the complaints there.
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (rows.length > SHEET_MAX_ROWS + 1) throw new ValidationError(TOO_MANY_ROWS);
        const values = row.values as ExcelJS.CellValue[];
        // exceljs's row values start at index 1 (column A).
        // Read here, once the workbook part (before any sheet) has been read.
        const date1904 = workbookDate1904(reader);
        const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => {
          const numFmt = row.getCell(i + 1).numFmt;
          return withFormatZeros(cellText(values[i + 1], numFmt, date1904), values[i + 1], numFmt);
        });
        rows.push({ row: row.number, cells });
      }
      break;
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new AppError('VALIDATION', NOT_A_SHEET, undefined, { cause: error });
  }
  if (rows.length === 0) throw new ValidationError(EMPTY);
  return fromRows(rows);
}
