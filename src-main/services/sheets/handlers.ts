import type { Handlers } from '../../../src-shared/ipc/contract';
import type { SaveDialogs } from '../pdf/output';
import { parseSpreadsheet } from './parse-sheet';
import { sheetBytes, sheetFileName, writeSheet } from './write-sheet';

/**
 * `sheets:parse` reads an import file into text rows; `sheets:export` writes the list where the
 * user chooses (Electron's save dialog) or, without dialogs (the harness), as a new file in the
 * exports folder.
 */
export function sheetsHandlers(options: {
  dialogs?: SaveDialogs;
  exportsDir: string;
}): Pick<Handlers, 'sheets:parse' | 'sheets:export'> {
  return {
    'sheets:parse': ({ name, data }) => parseSpreadsheet(name, new Uint8Array(Buffer.from(data, 'base64'))),
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
