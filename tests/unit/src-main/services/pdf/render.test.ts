// "Keep headings with their content": a heading that would be left at the foot of a page starts
// the next page instead, whether a paragraph or a table follows it. Read back page by page.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_STYLE,
  STYLES,
  heading,
  pageChrome,
  table,
  type Content,
  type DocDefinition,
} from '../../../../../src-main/services/pdf/doc-kit';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { renderPdf } from '../../../../../src-main/services/pdf/render';

const fonts = resolveFontsDir();
let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'redress-render-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pages(pdf: Buffer): Promise<string[]> {
  const file = join(dir, 'doc.pdf');
  await writeFile(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f');
}

/** `fillerLines` one-line paragraphs, then a heading and what follows it, with the running header and footer. */
function doc(fillerLines: number, after: Content, keep: boolean, subheading?: string): DocDefinition {
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    ...pageChrome('Office', 'CMP-1', 'Audit hash abc'),
    content: [
      ...Array.from({ length: fillerLines }, (_, i) => ({ text: `Filler line ${i + 1}` })),
      heading('Orphan candidate'),
      ...(subheading ? [heading(subheading, 3)] : []),
      after,
      { text: 'The end.' },
    ],
    keepHeadingsWithContent: keep,
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  };
}

/** The filler length that, laid out plainly, leaves the heading(s) alone at the foot of page 1. */
async function orphaningFiller(after: Content, firstWord: string, subheading?: string): Promise<number> {
  for (let n = 40; n < 90; n++) {
    const [first = '', second = ''] = await pages(await renderPdf(doc(n, after, false, subheading), fonts));
    const headingsOnFirst = first.includes('Orphan candidate') && (!subheading || first.includes(subheading));
    if (headingsOnFirst && second.includes(firstWord) && !first.includes(firstWord)) return n;
  }
  throw new Error('No filler length orphans the heading; the test layout needs adjusting.');
}

describe('renderPdf keeps headings with their content', { timeout: 60_000 }, () => {
  it('moves a heading followed by a paragraph to the next page', async () => {
    const after = { text: 'Paragraph text under the heading, long enough to wrap. '.repeat(6) };
    const n = await orphaningFiller(after, 'Paragraph text');
    const [first = '', second = ''] = await pages(await renderPdf(doc(n, after, true), fonts));
    expect(first).toContain(`Filler line ${n}`);
    expect(first).not.toContain('Orphan candidate');
    expect(second).toMatch(/Orphan candidate\s+Paragraph text/);
  });

  it('moves a heading followed by a table to the next page', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => [`Row ${i + 1}`, 'Value']);
    const after = table(['Column A', 'Column B'], rows, ['*', '*']);
    const n = await orphaningFiller(after, 'Row 1');
    const [first = '', second = ''] = await pages(await renderPdf(doc(n, after, true), fonts));
    expect(first).not.toContain('Orphan candidate');
    expect(second).toContain('Orphan candidate');
    expect(second.indexOf('Orphan candidate')).toBeLessThan(second.indexOf('Row 1'));
  });

  it('moves a heading whose table has a first row too tall for the rest of the page', async () => {
    // pdfmake moves a table's header and first row on together; the heading must go with them.
    const tall = ['Opening line of the tall row', ...Array.from({ length: 14 }, (_, i) => `More ${i + 1}`)];
    const rows = [
      ['Row 1', { stack: tall.map((text) => ({ text })) }],
      ['Row 2', 'Short'],
    ];
    const after = table(['When', 'What'], rows, [80, '*']);
    const n = await orphaningFiller(after, 'Opening line of the tall row');
    const plain = await pages(await renderPdf(doc(n, after, false), fonts));
    expect(plain[0]).toContain('Orphan candidate'); // provoked: alone at the foot when laid out plainly
    const [first = '', second = ''] = await pages(await renderPdf(doc(n, after, true), fonts));
    expect(first).toContain(`Filler line ${n}`);
    expect(first).not.toContain('Orphan candidate');
    expect(second).toMatch(/Orphan candidate\s+When\s+What\s+Row 1\s+Opening line of the tall row/);
  });

  it('keeps a heading where it is when its table starts on the page and runs on past it', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`Row ${i + 1}`, 'Value']);
    const after = table(['Column A', 'Column B'], rows, ['*', '*']);
    const [first = ''] = await pages(await renderPdf(doc(30, after, true), fonts));
    expect(first).toMatch(/Orphan candidate\s+Column A\s+Column B\s+Row 1/);
  });

  it('moves a run of headings together when only headings are left at the foot', async () => {
    const after = { text: 'Paragraph text under the subheading. '.repeat(8) };
    const n = await orphaningFiller(after, 'Paragraph text', 'Plan of investigation');
    const [first = '', second = ''] = await pages(
      await renderPdf(doc(n, after, true, 'Plan of investigation'), fonts),
    );
    expect(first).not.toContain('Orphan candidate');
    expect(first).not.toMatch(/Plan of investigation/);
    expect(second).toMatch(/Orphan candidate\s+Plan of investigation\s+Paragraph text/);
  });

  it('leaves a document without orphans exactly as laid out plainly', async () => {
    const after = { text: 'Short paragraph.' };
    const plain = await pages(await renderPdf(doc(10, after, false), fonts));
    const kept = await pages(await renderPdf(doc(10, after, true), fonts));
    expect(kept).toEqual(plain);
  });
});
