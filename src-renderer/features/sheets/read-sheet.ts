// A chosen spreadsheet, sent to main in chunks (sheets:upload-chunk), read there (sheets:parse) and
// fetched from it a page of rows at a time (sheets:rows), each page passed on as it comes: a file of
// 100,000 rows never crosses as one message that holds the page up while it is encoded, cloned or
// taken apart, nor stays on the page; main lets the rows go once read (sheets:release).
import type { ParsedSheet } from '../../../src-shared/ipc/channels/sheets';
import { api, call } from '../../api/client';
import { readChunk } from '../investigation/upload';

/**
 * Rows asked for at a time: each page is checked against the contract as it arrives, on the page's
 * thread, so a page stays a few milliseconds' worth (well under SHEET_PAGE_ROWS, the most allowed).
 */
export const READ_PAGE_ROWS = 500;

/** Sends `file` to main a chunk at a time; gives the upload to read. */
async function uploadSheet(file: File): Promise<string> {
  const { uploadId, chunkBytes } = await call(api().sheets.uploadStart({ name: file.name, size: file.size }));
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const data = await readChunk(file, offset, Math.min(file.size, offset + chunkBytes));
      await call(api().sheets.uploadChunk({ uploadId, offset, data }));
    }
    return uploadId;
  } catch (error) {
    // Main drops it after a while anyway: a failure here loses nothing.
    api()
      .sheets.uploadCancel({ uploadId })
      .catch(() => undefined);
    throw error;
  }
}

/** A file as the page keeps it: its columns and how many rows it has, not the rows themselves. */
export interface SheetShape {
  header: string[];
  rowCount: number;
}

/**
 * Reads `file` through main, handing its rows to `onRows` a page at a time as they arrive (waiting
 * for each before asking for the next; `first` on the first page): the caller passes them on (to
 * the import worker) rather than keeping them. `expect` sees the file's shape before any row is
 * read, and may refuse it by throwing. Gives the file's header and the rows read.
 */
export async function readSheet(
  file: File,
  onRows: (rows: ParsedSheet['rows'], first: boolean) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
  { pageRows = READ_PAGE_ROWS, expect }: { pageRows?: number; expect?: (shape: SheetShape) => void } = {},
): Promise<SheetShape> {
  const uploadId = await uploadSheet(file);
  const { handle, header, rowCount } = await call(api().sheets.parse({ uploadId }));
  try {
    expect?.({ header, rowCount });
    let read = 0;
    onProgress?.(0, rowCount);
    while (read < rowCount) {
      const page = await call(api().sheets.rows({ handle, offset: read, limit: pageRows }));
      if (page.rows.length === 0) break;
      await onRows(page.rows, read === 0);
      read += page.rows.length;
      onProgress?.(read, rowCount);
    }
    return { header, rowCount: read };
  } finally {
    // Main drops it after a while anyway: a failure here loses nothing.
    api()
      .sheets.release({ handle })
      .catch(() => undefined);
  }
}
