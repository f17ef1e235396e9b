// The text of a built PDF as a reader's search or copy-and-paste finds it: pdf.js reads the file
// back, so the fail-closed check of a redacted copy sees what the file says (the contents page,
// running headers and footers as laid out), not only the strings it was made from.
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/** pdf.js is ESM only and large: loaded the first time a redacted copy is checked. */
const loadPdfjs = () => import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * The words of every page. Text runs are joined twice, as they touch and with a space between,
 * so a word split into runs and two words set side by side in separate runs are both found.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await loadPdfjs();
  pdfjs.GlobalWorkerOptions.workerSrc ||= 'pdfjs-dist/legacy/build/pdf.worker.mjs';
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const runs = (await page.getTextContent()).items
        .filter((it): it is TextItem => 'str' in it)
        .map((it) => (it.hasEOL ? `${it.str}\n` : it.str));
      pages.push(runs.join(''), runs.join(' '));
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}
