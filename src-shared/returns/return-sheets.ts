// The returns as spreadsheet content: the FCA return laid out like the return (a header block that
// makes the figures reproducible, then one row per product group), and the ASIC IDR report in the
// data dictionary's column order. Pure: the labels come in from the caller's language.
import type { BusinessCalendar } from '../domain/deadlines';
import type { Money } from '../domain/money';
import type { Day } from '../domain/office-time';
import {
  FCA_CAUSES,
  FCA_PRODUCT_GROUPS,
  type ComplaintCause,
  type RegulatoryProduct,
} from '../domain/regulatory-codes';
import { ASIC_IDR_FIELDS, type AsicIdrRow } from './asic-idr';
import {
  UNMAPPED,
  type CauseColumn,
  type Cell,
  type FcaGroupFigures,
  type FcaReturn,
  type ProductGroupRow,
} from './fca-return';
import { halfYears, periodStart, type Regulator, type ReturnPeriod } from './period';

/** The return's rows, in its order; complaints with no mapped product are counted on the last. */
export const FCA_ROWS: readonly ProductGroupRow[] = [...FCA_PRODUCT_GROUPS, UNMAPPED];
export const FCA_CAUSE_COLUMNS: readonly CauseColumn[] = [...FCA_CAUSES, UNMAPPED];

/** The counted columns of the return's main table, in its order. */
export const FCA_COUNT_COLUMNS = [
  'opened',
  'closed',
  'closedWithin3BusinessDays',
  'closedWithin8Weeks',
  'closedAfter8Weeks',
  'upheld',
] as const satisfies readonly (keyof FcaGroupFigures)[];
export type FcaCountColumn = (typeof FCA_COUNT_COLUMNS)[number];

export const PAYMENT_SERVICES_COLUMNS = [
  'closed',
  'within15BusinessDays',
  'within35BusinessDays',
  'after35BusinessDays',
] as const;

/** Money per currency as "GBP 120.50; EUR 10.00" ('' when none): never added across currencies. */
export const moneyText = (paid: readonly Money[]): string =>
  paid.map((m) => `${m.currency} ${m.amount.toFixed(2)}`).join('; ');

/** A half-year a return can be made for, as the Returns screen offers it. */
export interface PeriodChoice {
  /** The first day, unique in the list. */
  key: string;
  name: string;
  period: ReturnPeriod;
}

/**
 * The half-years of a regulator's current returns year and the `yearsBack` before it that have
 * begun by `today`, newest first: the FCA's from the office's reporting period start, ASIC's the
 * calendar half-years (periodStart).
 */
export function periodChoices(
  regulator: Regulator,
  reportingStart: string,
  today: Day,
  calendar: BusinessCalendar,
  yearsBack = 2,
): PeriodChoice[] {
  const start = periodStart(regulator, reportingStart);
  const year = Number(today.slice(0, 4));
  const thisYear = today >= `${year}-${start}` ? year : year - 1;
  const out: PeriodChoice[] = [];
  for (let y = thisYear; y >= thisYear - yearsBack; y--) {
    const halves = halfYears(start, y, calendar);
    for (const half of [...halves].reverse()) {
      if (half.from > today) continue;
      out.push({ key: half.from, name: periodName(half, halves), period: half });
    }
  }
  return out;
}

/** A half-year's short name: "H1 2026" for the first half of the returns year that starts in 2026. */
export function periodName(period: ReturnPeriod, halves?: readonly ReturnPeriod[]): string {
  const half = halves?.findIndex((h) => h.from === period.from && h.to === period.to) ?? -1;
  return half >= 0 ? `H${half + 1} ${halves![0]!.from.slice(0, 4)}` : `${period.from} – ${period.to}`;
}

/**
 * Labels in the user's language. Keys: `column.<FcaCountColumn>`, `column.redress`, `cause.<cause>`,
 * `row.<group>`, `row.total`, `ps.<column>`, `ps.title`, `header.<name>`.
 */
export type SheetLabel = (key: string) => string;

export interface ReturnSheetMeta {
  firmReferenceNumber: string;
  appVersion: string;
  /** When the file was made, on the office's clock. */
  generatedAt: string;
  /** What the figures were limited to, in words ("reportable complaints under the FCA regimes"). */
  filters: string;
  periodName: string;
  /**
   * The office's product and cause lists the figures were counted with (Settings): an office may
   * move a product to another group later, and the file must still say how these were counted.
   */
  lists?: { products: readonly RegulatoryProduct[]; causes: readonly ComplaintCause[] };
}

/** Where each of the office's products and causes was counted in the FCA return, below its table. */
const fcaMappingRows = (lists: NonNullable<ReturnSheetMeta['lists']>, label: SheetLabel): string[][] => [
  [],
  [label('mapping.title')],
  [label('mapping.product'), label('header.productGroup')],
  ...lists.products.map((p) => [p.name, label(`row.${p.fcaGroup}`)]),
  [],
  [label('mapping.cause'), label('mapping.fcaCause')],
  ...lists.causes.map((c) => [c.name, label(`cause.${c.fcaCause}`)]),
];

export interface SheetTable {
  headerRows: string[][];
  columns: string[];
  /** The columns holding counts (written to XLSX as numbers). */
  numericColumns: number[];
  rows: string[][];
}

const count = (c: Cell) => String(c.count);

/** The lines that make a return's figures reproducible: firm, period, time zone, filters, version, when. */
const headerBlock = (title: string, ret: FcaReturn, meta: ReturnSheetMeta, label: SheetLabel) => [
  [title],
  [label('header.firm'), meta.firmReferenceNumber || label('header.notSet')],
  [label('header.period'), `${meta.periodName} (${ret.period.from} – ${ret.period.to})`],
  [label('header.timeZone'), ret.timeZone],
  [label('header.filters'), meta.filters],
  [label('header.appVersion'), meta.appVersion],
  [label('header.generatedAt'), meta.generatedAt],
];

/**
 * The payment services return on its own (DISP 1.10's PSD and e-money complaints): the header block,
 * then the complaints closed in the period within 15, within 35 and after 35 business days.
 */
export function fcaPaymentServicesSheet(
  ret: FcaReturn,
  meta: ReturnSheetMeta,
  label: SheetLabel,
): SheetTable {
  const ps = ret.paymentServices;
  return {
    headerRows: headerBlock(label('ps.sheetTitle'), ret, meta, label),
    columns: PAYMENT_SERVICES_COLUMNS.map((c) => label(`ps.${c}`)),
    numericColumns: PAYMENT_SERVICES_COLUMNS.map((_, i) => i),
    rows: [PAYMENT_SERVICES_COLUMNS.map((c) => count(ps[c]))],
  };
}

/** The FCA return: the header block, then one row per product group and the total, then the payment services split. */
export function fcaReturnSheet(ret: FcaReturn, meta: ReturnSheetMeta, label: SheetLabel): SheetTable {
  const headerRows = headerBlock(label('header.title'), ret, meta, label);
  const columns = [
    label('header.productGroup'),
    ...FCA_COUNT_COLUMNS.map((c) => label(`column.${c}`)),
    ...FCA_CAUSE_COLUMNS.map((c) => `${label('column.opened')}: ${label(`cause.${c}`)}`),
    label('column.redress'),
  ];
  const line = (name: string, f: FcaGroupFigures) => [
    name,
    ...FCA_COUNT_COLUMNS.map((c) => count(f[c])),
    ...FCA_CAUSE_COLUMNS.map((c) => count(f.openedByCause[c])),
    moneyText(f.redress.paid),
  ];
  const ps = ret.paymentServices;
  const rows = [
    ...FCA_ROWS.map((g) => line(label(`row.${g}`), ret.rows[g])),
    line(label('row.total'), ret.total),
    [],
    [label('ps.title'), ...PAYMENT_SERVICES_COLUMNS.map((c) => label(`ps.${c}`))],
    ['', ...PAYMENT_SERVICES_COLUMNS.map((c) => count(ps[c]))],
    ...(meta.lists ? fcaMappingRows(meta.lists, label) : []),
  ];
  // Every column between the product group's name and the redress text is a count.
  const numericColumns = columns.slice(1, -1).map((_, i) => i + 1);
  return { headerRows, columns, numericColumns, rows };
}

const asicText = (row: AsicIdrRow, field: (typeof ASIC_IDR_FIELDS)[number]): string => {
  const v = row[field];
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'Y' : 'N';
  return String(v);
};

/**
 * What the ASIC IDR report's file says of itself, saved beside it (the portal's CSV has room only for
 * the dictionary's fields): the licence, the period, the time zone its days are on, what was counted,
 * the app version and when it was made, so that its rows can be made again from the same records.
 */
export function asicIdrAbout(
  period: ReturnPeriod,
  timeZone: string,
  rowCount: number,
  meta: Omit<ReturnSheetMeta, 'firmReferenceNumber'> & { licenceNumber: string },
  label: SheetLabel,
): string[] {
  return [
    label('asic.title'),
    `${label('asic.licence')}: ${meta.licenceNumber || label('header.notSet')}`,
    `${label('header.period')}: ${meta.periodName} (${period.from} – ${period.to})`,
    `${label('header.timeZone')}: ${timeZone}`,
    `${label('header.filters')}: ${meta.filters}`,
    `${label('asic.rows')}: ${rowCount}`,
    `${label('header.appVersion')}: ${meta.appVersion}`,
    `${label('header.generatedAt')}: ${meta.generatedAt}`,
    ...(meta.lists
      ? [
          '',
          label('mapping.title'),
          ...meta.lists.products.map((p) => `${label('mapping.product')} ${p.name}: ${p.asicProduct}`),
          ...meta.lists.causes.map((c) => `${label('mapping.cause')} ${c.name}: ${c.asicIssue}`),
        ]
      : []),
  ];
}

/** The ASIC IDR report: the data dictionary's field names as the header, one row per complaint. */
export function asicIdrSheet(rows: readonly AsicIdrRow[]): { columns: string[]; rows: string[][] } {
  return {
    columns: [...ASIC_IDR_FIELDS],
    rows: rows.map((r) => ASIC_IDR_FIELDS.map((f) => asicText(r, f))),
  };
}
