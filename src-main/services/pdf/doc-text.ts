// The words of a pdfmake document definition: its content, metadata and running header and
// footer, one string each. What the PDF will say, read before it is built.
import type { Content, DocDefinition } from './doc-kit';

export function docTexts(doc: DocDefinition): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(doc.content);
  walk(doc.info);
  // The running header and footer say the same on every page but the page number.
  for (const chrome of [doc.header, doc.footer])
    if (typeof chrome === 'function') walk(chrome(2, 3) as Content);
  return out;
}

export const docText = (doc: DocDefinition) => docTexts(doc).join('\n');
