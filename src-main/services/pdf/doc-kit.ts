// Building blocks shared by every PDF document definition: types for the pdfmake docdef, the
// house style, date/number formatting in the office's locale and time zone, and tables that
// repeat their header row on every page. Pure: no I/O, no clock.
import { t } from '../../i18n';

import { officeFormatter } from '../../../src-shared/domain/office-time';

/** A pdfmake content node. pdfmake ships no types; this is the part of its shape we use. */
export type Content = string | Content[] | { [key: string]: unknown };

export interface DocDefinition {
  content: Content[];
  pageSize?: string;
  pageMargins?: [number, number, number, number];
  header?: (currentPage: number, pageCount: number) => Content;
  footer?: (currentPage: number, pageCount: number) => Content;
  styles?: Record<string, Record<string, unknown>>;
  defaultStyle?: Record<string, unknown>;
  info?: Record<string, string>;
  images?: Record<string, string>;
  /** Drawn across every page (pdfmake's watermark). */
  watermark?: { text: string; color?: string; opacity?: number; bold?: boolean; fontSize?: number };
  /** The document's language (BCP 47), for screen readers and search; pdfkit writes it as /Lang. */
  language?: string;
  /** Marked as a tagged PDF (pdfkit's MarkInfo and structure tree root). */
  tagged?: boolean;
  /** Viewers show the title rather than the file name. */
  displayTitle?: boolean;
  /** An archival profile pdfkit knows, e.g. 'PDF/A-2b' (XMP identification and an sRGB output intent). */
  subset?: string;
  /** The PDF version written; PDF/A-2 needs 1.7. */
  version?: string;
  /** Move headings left at the foot of a page to the next page (see render.ts). Not a pdfmake key. */
  keepHeadingsWithContent?: boolean;
}

export const FONT_FAMILY = 'Body';
/** Marks the running header and footer's text, so render.ts can tell them from content. */
export const PAGE_CHROME_STYLE = 'pageChrome';

export const COLORS = {
  ink: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  headerFill: '#eef2f6',
  accent: '#1d4e89',
  good: '#2f7d32',
  bad: '#b3261e',
  warn: '#a15c00',
} as const;

export const STYLES: Record<string, Record<string, unknown>> = {
  h1: { fontSize: 20, bold: true, color: COLORS.accent, margin: [0, 0, 0, 8] },
  h2: { fontSize: 14, bold: true, color: COLORS.accent, margin: [0, 14, 0, 6] },
  h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
  label: { fontSize: 8, color: COLORS.muted },
  muted: { color: COLORS.muted },
  small: { fontSize: 8 },
  tableHeader: { bold: true, fontSize: 8.5, fillColor: COLORS.headerFill },
  none: { italics: true, color: COLORS.muted, margin: [0, 2, 0, 6] },
  [PAGE_CHROME_STYLE]: {},
};

export const DEFAULT_STYLE = { font: FONT_FAMILY, fontSize: 9.5, lineHeight: 1.2, color: COLORS.ink };

export interface Formatter {
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  number(n: number | null | undefined, digits?: number): string;
  money(amount: number, currency: string): string;
  bytes(n: number): string;
}

/** Formats in the office's locale and time zone; a bad value shows as written rather than failing the export. */
export function makeFormatter(locale: string, timeZone: string): Formatter {
  const safe = <T>(make: () => T, fallback: () => T): T => {
    try {
      return make();
    } catch {
      return fallback();
    }
  };
  // The office's clock, as on screen; a document carries no reader's zone, so times print without one.
  const office = safe(
    () => officeFormatter({ locale, timeZone, showZone: false }),
    () => officeFormatter({ locale: 'en-GB', timeZone: 'UTC', showZone: false }),
  );
  const fmt = (show: (instant: string) => string) => (iso: string | null | undefined) => {
    if (!iso) return '—';
    // A calendar day (yyyy-mm-dd) has no time and no zone: shown as that day, never shifted.
    return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? office.day(iso) : show(iso);
  };
  return {
    dateTime: fmt(office.dateTime),
    date: fmt(office.date),
    number: (n, digits = 0) =>
      n === null || n === undefined || Number.isNaN(n)
        ? '—'
        : safe(
            () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n),
            () => n.toFixed(digits),
          ),
    money: (amount, currency) =>
      safe(
        () =>
          new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'GBP' }).format(amount),
        () => `${currency} ${amount.toFixed(2)}`,
      ),
    bytes: (n) =>
      n < 1024
        ? t('pdf.common.bytes.b', { n })
        : n < 1024 ** 2
          ? t('pdf.common.bytes.kb', { n: (n / 1024).toFixed(1) })
          : t('pdf.common.bytes.mb', { n: (n / 1024 ** 2).toFixed(1) }),
  };
}

export const heading = (
  text: string,
  level: 1 | 2 | 3 = 2,
  extra: Record<string, unknown> = {},
): Content => ({
  text,
  style: `h${level}`,
  // Marks a heading for render.ts, which keeps it on the page of what follows it.
  headlineLevel: 1,
  ...extra,
});

/** A section heading, bookmarked in the PDF's outline by its plain text (doc-scripts may cut the heading's own text into runs). */
export const bookmarked = (text: string, extra: Record<string, unknown> = {}): Content =>
  heading(text, 2, { outline: true, outlineText: text, ...extra });

export const none = (what = t('pdf.common.noneRecorded')): Content => ({ text: what, style: 'none' });

/** A table whose header row repeats on each page; rows never split mid-cell unless taller than a page. */
export function table(
  headers: string[],
  rows: Content[][],
  widths: (number | string)[],
  opts: { emptyText?: string } = {},
): Content {
  if (rows.length === 0) return none(opts.emptyText);
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      widths,
      body: [headers.map((h) => ({ text: h, style: 'tableHeader' })), ...rows],
    },
    layout: {
      hLineWidth: (i: number) => (i === 0 || i === 1 ? 0.8 : 0.4),
      vLineWidth: () => 0,
      hLineColor: () => COLORS.rule,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 2, 0, 8],
  };
}

/** A zero-width space: a place a line may break, invisible when it does not. */
export const BREAK_OPPORTUNITY = '\u200B';

/**
 * Long unbroken strings (hashes, URLs, file paths) given places to break every `every`
 * characters, so one cannot widen its column past the page.
 */
export function breakLongTokens(text: string, every = 16): string {
  return text.replace(new RegExp(`\\S{${every + 1},}`, 'gu'), (token) =>
    (token.match(new RegExp(`[\\s\\S]{1,${every}}`, 'gu')) ?? [token]).join(BREAK_OPPORTUNITY),
  );
}

/** Label/value pairs in two columns. */
export function fieldGrid(pairs: [string, string][]): Content {
  const cells = pairs.map(([label, value]) => ({
    stack: [
      { text: label, style: 'label' },
      { text: value || '—', margin: [0, 0, 0, 4] },
    ],
  }));
  const rows: Content[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i]!, cells[i + 1] ?? { text: '' }]);
  return { table: { widths: ['*', '*'], body: rows }, layout: 'noBorders', margin: [0, 0, 0, 6] };
}

const chrome = ['small', PAGE_CHROME_STYLE];

/** Running header and footer: office, reference, "Page X of Y" and trust lines (e.g. the audit hash). */
export function pageChrome(left: string, right: string, trustLine: string | string[]) {
  const trust = typeof trustLine === 'string' ? [trustLine] : trustLine;
  return {
    header: (): Content => ({
      columns: [
        { text: left, style: chrome, color: COLORS.muted },
        { text: right, style: chrome, color: COLORS.muted, alignment: 'right' },
      ],
      margin: [40, 20, 40, 0],
    }),
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        {
          stack: trust.map((line) => ({ text: line, style: chrome, fontSize: 6.5, color: COLORS.muted })),
          width: '*',
        },
        {
          text: pageOf(currentPage, pageCount),
          style: chrome,
          alignment: 'right',
          width: 80,
        },
      ],
      margin: [40, 8, 40, 0],
    }),
  };
}

/**
 * The document as made in a training profile: "TRAINING" atop every page, above its own running
 * header, so a printed page can never pass for a real complaint's.
 */
export function markTraining(doc: DocDefinition): DocDefinition {
  const own = doc.header;
  return {
    ...doc,
    header: (currentPage: number, pageCount: number): Content => {
      const mark: Content = {
        text: t('pdf.common.training'),
        style: chrome,
        bold: true,
        color: COLORS.bad,
        alignment: 'center',
        margin: [40, 6, 40, 0],
      };
      const below = own?.(currentPage, pageCount);
      // The page's own header moves up under the mark, to stay clear of the content.
      const lifted =
        below && typeof below === 'object' && !Array.isArray(below) && Array.isArray(below.margin)
          ? { ...below, margin: [below.margin[0], 2, below.margin[2], below.margin[3]] }
          : below;
      return { stack: lifted === undefined ? [mark] : [mark, lifted] };
    },
  };
}

export const pct = (f: Formatter, v: number | null) =>
  v === null ? '—' : t('pdf.common.percent', { value: f.number(v, 1) });

/**
 * What every report carries for reading and keeping: tagged with its language, the title shown
 * by viewers, and written as PDF/A-2b (fonts are embedded; pdfkit adds the XMP identification and
 * an sRGB output intent).
 */
export function archival(
  language: string,
): Pick<DocDefinition, 'language' | 'tagged' | 'displayTitle' | 'subset' | 'version'> {
  return { language, tagged: true, displayTitle: true, subset: 'PDF/A-2b', version: '1.7' };
}

/** "Page 2 of 5", for running footers. */
export const pageOf = (current: number, total: number) => t('pdf.common.page', { current, total });

/** "3. Evidence": a numbered section heading's text. */
export const numbered = (n: number, title: string) => t('pdf.common.numberedHeading', { n, title });
