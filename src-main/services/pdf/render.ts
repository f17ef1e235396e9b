// Turns a document definition into PDF bytes with pdfmake 0.3, which may read only the bundled
// fonts folder and never the network.
import { join, resolve, sep } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { FONT_FAMILY, type DocDefinition } from './doc-kit';
import { FONT_FILES } from './fonts';

type PageBreakBefore = (node: {
  id?: string;
  headlineLevel?: number;
  text?: unknown;
  image?: unknown;
  canvas?: unknown;
  table?: unknown;
  startPosition?: { pageNumber?: number; verticalRatio?: number };
}) => boolean;

/** A table starting this low cannot fit its header and a row; pdfmake then moves them on. */
const TABLE_TOO_LOW = 0.86;

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: DocDefinition & { pageBreakBefore?: PageBreakBefore }): { getBuffer(): Promise<Buffer> };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- pdfmake is CommonJS with no types
const pdfmake = require('pdfmake') as PdfMake;

/** Largest PDF we will write; beyond this the input is unreasonable for one document. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

/** Moving headings shifts what follows, which can leave a new orphan further on: a few passes at most. */
const MAX_PASSES = 3;

/**
 * Renders a document. With `keepHeadingsWithContent`, each pass notes every heading whose next
 * printed node starts on a later page (pdfmake visits nodes in document order); if there are new ones, the next
 * pass, from a fresh definition, starts them on a new page. Usually one or two passes: pdfmake's own
 * pageBreakBefore relayouts once per heading moved, which tripled the time of a 30-page report.
 */
export async function renderPdf(
  doc: DocDefinition | (() => DocDefinition),
  fontsDir: string,
): Promise<Buffer> {
  const make = typeof doc === 'function' ? doc : () => doc;
  configure(fontsDir);
  let current = make();
  if (!current.keepHeadingsWithContent) return build(current);
  const moved = new Set<string>();
  for (let pass = 1; ; pass++) {
    const orphans = new Set<string>();
    // The first of a run of headings on one page, e.g. "5. Investigation" then "Plan".
    let heading: { id: string; page: number } | null = null;
    const buffer = await build({
      ...current,
      pageBreakBefore: (node) => {
        const page = node.startPosition?.pageNumber ?? 0;
        if (node.headlineLevel === 1 && node.id) {
          heading = heading && heading.page === page ? heading : { id: node.id, page };
        } else if (node.table) {
          // pdfmake reports the rows of a table it moves to the next page at their first place,
          // so a table right under a heading is judged by how low it starts.
          if (heading && (node.startPosition?.verticalRatio ?? 0) > TABLE_TOO_LOW) orphans.add(heading.id);
        } else if (node.text !== undefined || node.image || node.canvas) {
          if (heading && page > heading.page) orphans.add(heading.id);
          heading = null;
        }
        return false;
      },
    });
    const fresh = [...orphans].filter((id) => !moved.has(id));
    if (fresh.length === 0 || pass === MAX_PASSES || typeof doc !== 'function') return buffer;
    for (const id of fresh) moved.add(id);
    current = make();
    markPageBreaks(current.content, moved);
  }
}

function markPageBreaks(node: unknown, ids: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => markPageBreaks(n, ids));
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.id === 'string' && ids.has(obj.id) && !obj.pageBreak) obj.pageBreak = 'before';
  for (const key of ['stack', 'columns']) if (obj[key]) markPageBreaks(obj[key], ids);
}

function configure(fontsDir: string): void {
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
}

async function build(doc: DocDefinition & { pageBreakBefore?: PageBreakBefore }): Promise<Buffer> {
  const { keepHeadingsWithContent: _, ...pdfmakeDoc } = doc;
  let buffer: Buffer;
  try {
    buffer = await pdfmake.createPdf(pdfmakeDoc).getBuffer();
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
