// Turns a document definition into PDF bytes with pdfmake 0.3, which may read only the bundled
// fonts folder and never the network.
import { join, resolve, sep } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { FONT_FAMILY, PAGE_CHROME_STYLE, type DocDefinition } from './doc-kit';
import { placeInDisplayOrder, type LaidOutInline } from './bidi-lines';
import { withScripts } from './doc-scripts';
import { FONT_FILES, SCRIPT_FONT_FILES } from './fonts';

/** What pdfmake tells pageBreakBefore about a laid-out node (a copy of some of its keys). */
interface NodeInfo {
  headlineLevel?: number;
  style?: unknown;
  text?: unknown;
  image?: unknown;
  canvas?: unknown;
  table?: unknown;
  /** Pages in the document as laid out. */
  pages: number;
  /** The pages this node is laid out on. */
  pageNumbers?: number[];
  startPosition?: { pageNumber?: number; verticalRatio?: number };
}
type PageBreakBefore = (node: NodeInfo, nodes: { getFollowingNodesOnPage(): NodeInfo[] }) => boolean;

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

interface PdfmakeRenderer {
  prototype: { renderLine(line: LaidOutLine, x: number, y: number): void };
}
type LaidOutLine = { inlines: LaidOutInline[]; leadingCut: number; trailingCut: number };

// pdfmake has no hook between laying a line out and drawing it; its renderer is patched once so
// each line of a right-to-left paragraph is put in display order there (see bidi-lines.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pdfmake is CommonJS with no types
const Renderer = (require('pdfmake/js/Renderer') as { default: PdfmakeRenderer }).default;
const drawLine = Renderer.prototype.renderLine;
Renderer.prototype.renderLine = function (this: unknown, line, x, y) {
  placeInDisplayOrder(line.inlines, line);
  drawLine.call(this, line, x, y);
};

/** Largest PDF we will write; beyond this the input is unreasonable for one document. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export async function renderPdf(doc: DocDefinition, fontsDir: string): Promise<Buffer> {
  configure(fontsDir);
  const laidOut = withScripts(doc);
  return build(doc.keepHeadingsWithContent ? { ...laidOut, pageBreakBefore: headingLeftAtFoot } : laidOut);
}

/**
 * "Keep headings with their content". pdfmake asks this of every node in document order once the
 * document is laid out; true starts that node on a new page and lays out again from there (nodes
 * already asked are not asked again). A heading moves when nothing but other headings follows it on
 * its page, or a table too low to start there. The first heading of a run moves, taking the rest.
 */
const headingLeftAtFoot: PageBreakBefore = (node, nodes) => {
  const page = node.startPosition?.pageNumber ?? 0;
  if (node.headlineLevel !== 1 || page >= node.pages) return false;
  // Content of a table's header and first row, whose positions cannot be trusted (below).
  let untrusted = new Set<unknown>();
  for (const next of nodes.getFollowingNodesOnPage()) {
    if (next.headlineLevel === 1 || isPageChrome(next)) continue;
    if (next.table) {
      if ((next.startPosition?.verticalRatio ?? 0) > TABLE_TOO_LOW) return true;
      // pdfmake lays out a table's header with its first row (keepWithHeaderRows) as one block,
      // moved whole to the next page when it does not fit, yet records that block's contents as on
      // page 1. So a table that runs on past this page is with its heading only if something
      // after that block is on this page; one ending on this page holds the block here.
      if (!next.pageNumbers?.includes(page + 1)) return false;
      untrusted = keptBlockTexts(next.table);
    } else if (untrusted.has(next.text)) {
      continue;
    } else if (next.text !== undefined || next.image || next.canvas) {
      return false;
    }
  }
  return true;
};

interface TableInfo {
  headerRows?: number;
  keepWithHeaderRows?: number;
  body?: unknown[][];
}

/** The `text` values in a table's header rows and the rows kept with them, nested stacks included. */
function keptBlockTexts(table: unknown): Set<unknown> {
  const t = table as TableInfo;
  const rows = (t.body ?? []).slice(0, (t.headerRows ?? 0) + (t.keepWithHeaderRows ?? 0));
  const out = new Set<unknown>();
  const walk = (cell: unknown): void => {
    if (cell === null || typeof cell !== 'object') return;
    const c = cell as {
      text?: unknown;
      stack?: unknown[];
      columns?: unknown[];
      ul?: unknown[];
      ol?: unknown[];
    };
    if (c.text !== undefined) out.add(c.text);
    for (const child of [...(c.stack ?? []), ...(c.columns ?? []), ...(c.ul ?? []), ...(c.ol ?? [])])
      walk(child);
  };
  for (const row of rows) for (const cell of row) walk(cell);
  return out;
}

/** The running header and footer are laid out on every page too; they are not content. */
const isPageChrome = (node: NodeInfo) =>
  node.style === PAGE_CHROME_STYLE || (Array.isArray(node.style) && node.style.includes(PAGE_CHROME_STYLE));

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
    ...Object.fromEntries(
      Object.entries(SCRIPT_FONT_FILES).map(([family, files]) => [
        family,
        {
          normal: font(files.normal),
          bold: font(files.bold),
          italics: font(files.normal),
          bolditalics: font(files.bold),
        },
      ]),
    ),
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
      throw new AppError('IO', 'A font for PDF export could not be read. Reinstall Redress.', undefined, {
        cause: error,
      });
    throw new AppError('INTERNAL', 'The PDF could not be built. Try again.', undefined, { cause: error });
  }
  if (buffer.length > MAX_PDF_BYTES) throw new AppError('VALIDATION', 'The PDF would be too large to write.');
  return buffer;
}
