import type { Handlers } from '../../../src-shared/ipc/contract';
import type { SaveDialogs } from '../pdf/output';
import { parseSpreadsheet } from './parse-sheet';
import { ParsedSheets } from './parsed-sheets';
import { SheetUploads } from './sheet-uploads';
import { sheetBytes, sheetFileName, writeSheet, writeSheetAbout } from './write-sheet';

/**
 * `sheets:upload-start` and `sheets:upload-chunk` take in an import file in chunks (SheetUploads);
 * `sheets:parse` reads it into text rows and keeps them (ParsedSheets), answering with a handle, the
 * header and the row count; `sheets:rows` gives a page of them; `sheets:release` lets
 * them go. `sheets:export` writes the list where the user chooses (Electron's save dialog) or,
 * without dialogs (the harness), as a new file in the exports folder.
 */
export function sheetsHandlers(options: {
  dialogs?: SaveDialogs;
  exportsDir: string;
  parsed?: ParsedSheets;
  uploads?: SheetUploads;
}): Pick<
  Handlers,
  | 'sheets:upload-start'
  | 'sheets:upload-chunk'
  | 'sheets:upload-cancel'
  | 'sheets:parse'
  | 'sheets:rows'
  | 'sheets:release'
  | 'sheets:export'
> {
  const parsed = options.parsed ?? new ParsedSheets();
  const uploads = options.uploads ?? new SheetUploads();
  return {
    'sheets:upload-start': async ({ name, size }) => uploads.start(name, size),
    'sheets:upload-chunk': async ({ uploadId, offset, data }) =>
      uploads.chunk(uploadId, offset, Buffer.from(data, 'base64')),
    'sheets:upload-cancel': async ({ uploadId }) => ({ cancelled: uploads.cancel(uploadId) }),
    'sheets:parse': async ({ uploadId }) => {
      const { name, bytes } = uploads.take(uploadId);
      const sheet = await parseSpreadsheet(name, bytes);
      return { handle: parsed.keep(sheet), header: sheet.header, rowCount: sheet.rows.length };
    },
    'sheets:rows': async ({ handle, offset, limit }) => ({ rows: parsed.rows(handle, offset, limit) }),
    'sheets:release': async ({ handle }) => ({ released: parsed.release(handle) }),
    'sheets:export': async ({
      fileName,
      format,
      title,
      headerRows,
      columns,
      numericColumns,
      rows,
      about,
    }) => {
      const name = sheetFileName(fileName, format);
      const ask = options.dialogs?.chooseSaveSheet;
      const chosen = ask ? await ask(name, format) : null;
      if (ask && !chosen) return { saved: false };
      const bytes = await sheetBytes(format, { title, headerRows, columns, numericColumns, rows });
      const path = await writeSheet(chosen ? { path: chosen } : { folder: options.exportsDir, name }, bytes);
      if (!about) return { saved: true, path, rows: rows.length };
      return { saved: true, path, rows: rows.length, aboutPath: await writeSheetAbout(path, about) };
    },
  };
}
