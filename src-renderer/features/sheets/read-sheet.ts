// A chosen spreadsheet, read by main (sheets:parse) and fetched from it a page of rows at a time
// (sheets:rows), so a file of 100,000 rows never arrives as one message that holds the page up while
// it is taken apart; main lets the rows go as soon as they are here (sheets:release).
import type { ParsedSheet } from '../../../src-shared/ipc/channels/sheets';
import { api, call } from '../../api/client';

/**
 * Rows asked for at a time: each page is checked against the contract as it arrives, on the page's
 * thread, so a page stays a few milliseconds' worth (well under SHEET_PAGE_ROWS, the most allowed).
 */
export const READ_PAGE_ROWS = 500;

export async function readSheet(
  name: string,
  data: string,
  onProgress?: (done: number, total: number) => void,
  pageRows = READ_PAGE_ROWS,
): Promise<ParsedSheet> {
  const { handle, header, rowCount } = await call(api().sheets.parse({ name, data }));
  try {
    const rows: ParsedSheet['rows'] = [];
    onProgress?.(0, rowCount);
    while (rows.length < rowCount) {
      const page = await call(api().sheets.rows({ handle, offset: rows.length, limit: pageRows }));
      if (page.rows.length === 0) break;
      for (const r of page.rows) rows.push(r);
      onProgress?.(rows.length, rowCount);
    }
    return { header, rows };
  } finally {
    // Main drops it after a while anyway: a failure here loses nothing.
    api()
      .sheets.release({ handle })
      .catch(() => undefined);
  }
}
