// A letter on the office letterhead (logo, address, footer from Settings) as a pdfmake docdef.
import type { LetterPdfData } from '../../../src-shared/ipc/channels/reports';
import { t } from '../../i18n';
import {
  COLORS,
  DEFAULT_STYLE,
  STYLES,
  makeFormatter,
  pageOf,
  type Content,
  type DocDefinition,
} from './doc-kit';

export function letterDoc(d: LetterPdfData): DocDefinition {
  const f = makeFormatter(d.locale, d.timeZone);
  const lh = d.letterhead;
  const officeBlock: Content = {
    stack: [
      { text: lh.officeName, bold: true, fontSize: 12 },
      { text: lh.address, style: 'muted' },
    ],
    alignment: 'right',
  };
  const top: Content = lh.logoDataUrl
    ? { columns: [{ image: 'logo', fit: [140, 60] }, officeBlock] }
    : officeBlock;
  const body = d.body
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => ({ text: p, margin: [0, 0, 0, 8] }));
  return {
    pageSize: 'A4',
    pageMargins: [56, 50, 56, 70],
    info: { title: d.subject || t('pdf.letter.untitled'), author: lh.officeName, creator: 'Redress' },
    ...(lh.logoDataUrl ? { images: { logo: lh.logoDataUrl } } : {}),
    footer: (currentPage: number, pageCount: number): Content => ({
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 483, y2: 0, lineWidth: 0.5, lineColor: COLORS.rule }] },
        {
          columns: [
            { text: lh.footer, fontSize: 7.5, color: COLORS.muted, width: '*' },
            ...(pageCount > 1
              ? [
                  {
                    text: pageOf(currentPage, pageCount),
                    fontSize: 7.5,
                    alignment: 'right',
                    width: 80,
                  },
                ]
              : []),
          ],
          margin: [0, 4, 0, 0],
        },
      ],
      margin: [56, 20, 56, 0],
    }),
    content: [
      top,
      { text: d.recipient.name, margin: [0, 30, 0, 0] },
      { text: d.recipient.address },
      { text: f.date(d.date), margin: [0, 20, 0, 0] },
      ...(d.reference
        ? [{ text: t('pdf.letter.ourReference', { reference: d.reference }), style: 'muted' }]
        : []),
      ...(d.subject
        ? [{ text: d.subject, bold: true, margin: [0, 16, 0, 8] }]
        : [{ text: '', margin: [0, 8] }]),
      ...body,
    ],
    styles: STYLES,
    defaultStyle: { ...DEFAULT_STYLE, fontSize: 10.5, lineHeight: 1.3 },
  };
}
