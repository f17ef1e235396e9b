import type { Handlers } from '../../../src-shared/ipc/contract';
import type { SaveDialogs } from '../pdf/output';
import { parseSpreadsheet } from './parse-sheet';
import { ParsedSheets } from './parsed-sheets';
import { sheetBytes, sheetFileName, writeSheet } from './write-sheet';

/**
 * `sheets:parse` reads an import file into text rows and keeps them (ParsedSheets), answering with
 * a handle, the header and the row count; `sheets:rows` gives a page of them; `sheets:release` lets
 * them go. `sheets:export` writes the list where the user chooses (Electron's save dialog) or,
 * without dialogs (the harness), as a new file in the exports folder.
 */
export function sheetsHandlers(options: {
  dialogs?: SaveDialogs;
  exportsDir: string;
  parsed?: ParsedSheets;
}): Pick<Handlers, 'sheets:parse' | 'sheets:rows' | 'sheets:release' | 'sheets:export'> {
  const parsed = options.parsed ?? new ParsedSheets();
  return {
    'sheets:parse': async ({ name, data }) => {
      const sheet = await parseSpreadsheet(name, new Uint8Array(Buffer.from(data, 'base64')));
      return { handle: parsed.keep(sheet), header: sheet.header, rowCount: sheet.rows.length };
    },
    'sheets:rows': async ({ handle, offset, limit }) => ({ rows: parsed.rows(handle, offset, limit) }),
    'sheets:release': async ({ handle }) => ({ released: parsed.release(handle) }),
    'sheets:export': async ({ fileName, format, title, headerRows, columns, numericColumns, rows }) => {
      const name = sheetFileName(fileName, format);
      const ask = options.dialogs?.chooseSaveSheet;
      const chosen = ask ? await ask(name, format) : null;
      if (ask && !chosen) return { saved: false };
      const bytes = await sheetBytes(format, { title, headerRows, columns, numericColumns, rows });
      const path = await writeSheet(chosen ? { path: chosen } : { folder: options.exportsDir, name }, bytes);
      return { saved: true, path, rows: rows.length };
    },
  };
}
