import { describe, expect, it } from 'vitest';
import type { DocDefinition } from '../../../../../src-main/services/pdf/doc-kit';
import { withScripts } from '../../../../../src-main/services/pdf/doc-scripts';
import { docTexts } from '../../../../../src-main/services/pdf/doc-text';

const NAME = 'محمد علي';
const RUNS = [{ text: 'علي', font: 'Arabic' }, '\u00A0', { text: 'محمد', font: 'Arabic' }];

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
    expect(bare).toEqual({ text: RUNS });
    expect(styled).toEqual({ text: RUNS, style: 'h1' });
    // An inline's own keys go onto each of its runs: pdfmake would drop them from a nested list.
    expect(inline).toEqual({
      text: [
        'Name: ',
        RUNS.map((r) => (typeof r === 'string' ? { bold: true, text: r } : { bold: true, ...r })),
      ],
      style: 'label',
    });
    expect(stacked).toEqual({ stack: [{ columns: [{ text: RUNS }, 'Plain'] }] });
    expect(table).toEqual({
      table: { widths: ['*'], body: [[{ text: RUNS }], [{ text: [{ text: '王小明', font: 'CJK' }] }]] },
      layout: 'noBorders',
    });
  });

  it('leaves what is not text alone: styles, drawings, metadata', () => {
    expect(out.content[5]).toEqual({ svg: '<svg><text>محمد</text></svg>' });
    expect(out.info).toEqual({ title: NAME });
  });

  it('orders the running header and footer too', () => {
    expect(out.header!(1, 2)).toEqual({ text: RUNS, style: 'pageChrome' });
  });

  it('leaves the definition the leak check reads in reading order', () => {
    const before = doc();
    withScripts(before);
    expect(docTexts(before)).toEqual(docTexts(doc()));
    expect(docTexts(before)).toContain(NAME);
  });
});
