// Turns a document definition into PDF bytes with pdfmake 0.3, which may read only the bundled
// fonts folder and never the network.
import { join, resolve, sep } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { FONT_FAMILY, type DocDefinition } from './doc-kit';
import { FONT_FILES } from './fonts';

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- pdfmake is CommonJS with no types
const pdfmake = require('pdfmake') as PdfMake;

/** Largest PDF we will write; beyond this the input is unreasonable for one document. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export async function renderPdf(doc: DocDefinition, fontsDir: string): Promise<Buffer> {
  const dir = resolve(fontsDir);
  const font = (file: string) => join(dir, file);
  pdfmake.setFonts({
    [FONT_FAMILY]: {
      normal: font(FONT_FILES.normal),
      bold: font(FONT_FILES.bold),
      italics: font(FONT_FILES.italics),
      bolditalics: font(FONT_FILES.bold),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => resolve(path).startsWith(dir + sep));
  let buffer: Buffer;
  try {
    buffer = await pdfmake.createPdf(doc).getBuffer();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/ENOENT|no such file/i.test(message))
      throw new AppError('IO', `A font for PDF export could not be read: ${message}`);
    throw new AppError('INTERNAL', `The PDF could not be built: ${message}`);
  }
  if (buffer.length > MAX_PDF_BYTES) throw new AppError('VALIDATION', 'The PDF would be too large to write.');
  return buffer;
}

/** Pages in a finished PDF, counted from its page objects (for the save summary). */
export function countPages(pdf: Buffer): number {
  const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
  return matches?.length ?? 0;
}
