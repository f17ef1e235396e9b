import { describe, expect, it } from 'vitest';
import type { DocDefinition } from '../../../../../src-main/services/pdf/doc-kit';
import { withScripts } from '../../../../../src-main/services/pdf/doc-scripts';
import { docTexts } from '../../../../../src-main/services/pdf/doc-text';

const NAME = 'محمد علي';
// In reading order with their levels: each line is put in display order once laid out.
const RUNS = [
  { text: 'محمد', font: 'Arabic', bidiLevel: 1 },
  { text: ' ', bidiLevel: 1 },
  { text: 'علي', font: 'Arabic', bidiLevel: 1 },
];
/** A paragraph read right to left is aligned right. */
const RTL = { alignment: 'right' };

const doc = (): DocDefinition => ({
  content: [
    NAME,
    { text: NAME, style: 'h1' },
    { text: ['Name: ', { text: NAME, bold: true }], style: 'label' },
    { stack: [{ columns: [NAME, 'Plain'] }] },
    { table: { widths: ['*'], body: [[NAME], [{ text: '王小明' }]] }, layout: 'noBorders' },
    { svg: '<svg><text>محمد</text></svg>' },
  ],
  header: () => ({ text: NAME, style: 'pageChrome' }),
  info: { title: NAME },
});

describe('withScripts', () => {
  const out = withScripts(doc());

  it('gives every text of the content its runs and fonts, wherever it sits', () => {
    const [bare, styled, inline, stacked, table] = out.content as Record<string, unknown>[];
    expect(bare).toEqual({ text: RUNS, ...RTL });
    expect(styled).toEqual({ text: RUNS, style: 'h1', ...RTL });
    // An inline's own keys go onto each of its runs: pdfmake would drop them from a nested list.
    expect(inline).toEqual({
      text: ['Name: ', RUNS.map((r) => ({ bold: true, ...r }))],
      style: 'label',
    });
    expect(stacked).toEqual({ stack: [{ columns: [{ text: RUNS, ...RTL }, 'Plain'] }] });
    expect(table).toEqual({
      table: {
        widths: ['*'],
        body: [[{ text: RUNS, ...RTL }], [{ text: [{ text: '王小明', font: 'CJK' }] }]],
      },
      layout: 'noBorders',
    });
  });

  it('leaves a paragraph placed on purpose, and one read left to right, where it is', () => {
    const [placed, ltr] = withScripts({
      content: [{ text: NAME, alignment: 'center' }, { text: `Name: ${NAME}` }],
    }).content as Record<string, unknown>[];
    expect(placed!.alignment).toBe('center');
    expect(ltr!.alignment).toBeUndefined();
  });

  it('leaves what is not text alone: styles, drawings, metadata', () => {
    expect(out.content[5]).toEqual({ svg: '<svg><text>محمد</text></svg>' });
    expect(out.info).toEqual({ title: NAME });
  });

  it('orders the running header and footer too', () => {
    expect(out.header!(1, 2)).toEqual({ text: RUNS, style: 'pageChrome', ...RTL });
  });

  it('leaves the definition the leak check reads in reading order', () => {
    const before = doc();
    withScripts(before);
    expect(docTexts(before)).toEqual(docTexts(doc()));
    expect(docTexts(before)).toContain(NAME);
  });
});
