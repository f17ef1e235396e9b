// Spreadsheets in and out. Import: the renderer sends a chosen CSV or XLSX file's bytes in chunks;
// main reads it into a header and rows of text and keeps them under a handle, and the renderer
// fetches the rows a page at a time (so no one message either way is large enough to hold the page
// up), then lets the handle go; it maps, checks and imports them. Export: the renderer sends the rows of the list as shown; main
// writes the CSV or XLSX file.
import { z } from 'zod';
import { fileChunk, strictInput } from './input';

/** The largest spreadsheet accepted for import, in bytes. */
export const SHEET_MAX_BYTES = 50 * 1024 * 1024;
/** More rows than this are refused: split the file. */
export const SHEET_MAX_ROWS = 200_000;
export const SHEET_MAX_COLUMNS = 200;

export const SHEET_FILE_TYPES = ['.csv', '.txt', '.xlsx'] as const;
export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/**
 * Each data row with its row number in the file (the header is row 1); blank rows are left out.
 * `cells` is as wide as the header. `cellCount` is there only when the row holds something beyond
 * the last heading (an unquoted delimiter, a value right of the last heading): how many cells it
 * has up to its last filled one, so the dry run can refuse it rather than drop those cells.
 */
const SheetRowSchema = z.object({
  row: z.number().int().positive(),
  cells: z.array(z.string()),
  cellCount: z.number().int().positive().optional(),
});

export const ParsedSheetSchema = z.object({
  header: z.array(z.string()),
  rows: z.array(SheetRowSchema),
});
export type ParsedSheet = z.output<typeof ParsedSheetSchema>;

/**
 * Decoded bytes per upload chunk (256 KiB); base64 makes that at most this many characters. Sending
 * a chunk holds the page while the message is built: measured in the browser harness (whose fetch
 * copies the body on the page's thread), a 1 MiB chunk held it 115-170 ms, over the import's 100 ms
 * budget; a quarter of that stays well under, and a 10 MB file is still only 40 round trips.
 */
export const SHEET_CHUNK_BYTES = 256 * 1024;

/** The most rows `sheets:rows` gives at once. */
export const SHEET_PAGE_ROWS = 2000;

const SheetHandle = z.uuid({ error: 'That file is not open any more: choose it again.' });
const UploadId = SheetHandle;

const cellText = z.string().max(40_000, 'A cell holds at most 40,000 characters.');

export const sheetsChannels = {
  'sheets:upload-start': {
    input: strictInput({
      name: z
        .string()
        .trim()
        .min(1, 'The file has no name.')
        .max(255, 'The file name is too long (at most 255 characters).')
        .refine(
          (name) => SHEET_FILE_TYPES.some((ext) => name.toLowerCase().endsWith(ext)),
          'Only spreadsheets (.csv or Excel .xlsx) can be imported.',
        ),
      size: z
        .number()
        .int('The file size is not valid.')
        .min(1, 'The file is empty.')
        .max(
          SHEET_MAX_BYTES,
          `The file is too large to import (at most ${SHEET_MAX_BYTES / 1024 / 1024} MB). Split it into smaller files.`,
        ),
    }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int().positive() }),
  },
  /** The next chunk of the file, from `offset` (chunks arrive in order). */
  'sheets:upload-chunk': {
    input: strictInput({
      uploadId: UploadId,
      offset: z.number().int().min(0),
      data: fileChunk(SHEET_CHUNK_BYTES),
    }),
    output: z.object({ received: z.number().int() }),
  },
  /** Lets go of a file whose chunks stopped half way. */
  'sheets:upload-cancel': {
    input: strictInput({ uploadId: UploadId }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Reads the file uploaded under `uploadId` (every byte arrived; the upload is let go). */
  'sheets:parse': {
    input: strictInput({ uploadId: UploadId }),
    /** The rows stay in main under `handle` until released, or for a while unused (see sheets:rows). */
    output: z.object({
      handle: z.string(),
      header: z.array(z.string()),
      rowCount: z.number().int().min(0),
    }),
  },
  'sheets:rows': {
    input: strictInput({
      handle: SheetHandle,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(SHEET_PAGE_ROWS, `At most ${SHEET_PAGE_ROWS} rows at a time.`),
    }),
    output: z.object({ rows: z.array(SheetRowSchema) }),
  },
  'sheets:release': {
    input: strictInput({ handle: SheetHandle }),
    output: z.object({ released: z.boolean() }),
  },
  'sheets:export': {
    input: z.object({
      fileName: z.string().trim().min(1, 'Name the file.').max(200),
      format: z.enum(SHEET_FORMATS),
      /** The sheet's name inside an XLSX file. */
      title: z.string().trim().min(1).max(31),
      /** Lines above the table (a return's firm, period, filters…), each a row of cells; a blank line follows them. */
      headerRows: z.array(z.array(cellText).max(SHEET_MAX_COLUMNS)).max(50).optional(),
      columns: z.array(cellText).min(1).max(SHEET_MAX_COLUMNS),
      /**
       * Columns (0-based) whose whole-number or decimal cells are figures: XLSX stores them as numbers
       * so they add up in Excel. Other cells stay text ("007" keeps its zeros).
       */
      numericColumns: z
        .array(
          z
            .number()
            .int()
            .min(0)
            .max(SHEET_MAX_COLUMNS - 1),
        )
        .max(SHEET_MAX_COLUMNS)
        .optional(),
      rows: z
        .array(z.array(cellText).max(SHEET_MAX_COLUMNS))
        .max(SHEET_MAX_ROWS, 'Too many rows for one file.'),
      /**
       * Lines saved beside the file, as `<name>.about.txt`: what a file in a regulator's fixed format
       * has no room for (the ASIC report's filters, time zone and app version).
       */
      about: z.array(cellText).min(1).max(50).optional(),
    }),
    output: z.discriminatedUnion('saved', [
      z.object({
        saved: z.literal(true),
        path: z.string(),
        rows: z.number().int(),
        /** Where the `about` lines were saved, when there were any. */
        aboutPath: z.string().optional(),
      }),
      z.object({ saved: z.literal(false) }),
    ]),
  },
} as const;
