// The FCA complaints return (DISP 1.10, DISP 1 Annex 1R) for one half-year, and the payment
// services return's 15 / 35 business-day split (DISP 1.10A). Pure: the screen and the export read
// the same figures, and every figure lists the cases it counts so a cell can be drilled into.
import type { BusinessCalendar } from '../domain/deadlines';
import type { Day } from '../domain/office-time';
import type { Money } from '../domain/money';
import {
  FCA_CAUSES,
  FCA_PRODUCT_GROUPS,
  fcaUpheld,
  type ComplaintCause,
  type FcaCause,
  type FcaProductGroup,
  type RegulatoryProduct,
} from '../domain/regulatory-codes';
import { REGIME_JURISDICTION } from '../domain/regime-fit';
import { inPeriod, isReportable, returnDays, type ReturnCase, type ReturnPeriod } from './period';

/** A counted figure and the cases behind it. */
export interface Cell {
  count: number;
  caseIds: string[];
}

/** Money paid, per currency (never added across currencies), and the cases it was paid on. */
export interface RedressCell {
  paid: Money[];
  caseIds: string[];
}

/** A case whose product or cause is not on the office's lists is counted here, never dropped. */
export const UNMAPPED = 'unmapped' as const;
export type ProductGroupRow = FcaProductGroup | typeof UNMAPPED;
export type CauseColumn = FcaCause | typeof UNMAPPED;

export interface FcaGroupFigures {
  opened: Cell;
  /** Opened in the period, by cause category. */
  openedByCause: Record<CauseColumn, Cell>;
  closed: Cell;
  /** Answered by the close of the third business day after the day of receipt. */
  closedWithin3BusinessDays: Cell;
  /** Answered after that but within eight weeks (56 calendar days) of receipt. */
  closedWithin8Weeks: Cell;
  closedAfter8Weeks: Cell;
  /** Closed in the period and upheld in whole or in part. */
  upheld: Cell;
  /** Redress paid in the period (by the date it was paid, whenever the complaint was closed). */
  redress: RedressCell;
}

export interface PaymentServicesFigures {
  closed: Cell;
  within15BusinessDays: Cell;
  within35BusinessDays: Cell;
  after35BusinessDays: Cell;
}

export interface FcaReturn {
  period: ReturnPeriod;
  timeZone: string;
  rows: Record<ProductGroupRow, FcaGroupFigures>;
  total: FcaGroupFigures;
  paymentServices: PaymentServicesFigures;
}

export interface FcaReturnOptions {
  products: readonly RegulatoryProduct[];
  causes: readonly ComplaintCause[];
  calendar: BusinessCalendar;
}

const cell = (): Cell => ({ count: 0, caseIds: [] });
const add = (c: Cell, id: string) => {
  c.count++;
  c.caseIds.push(id);
};
const causeCells = () =>
  Object.fromEntries([...FCA_CAUSES, UNMAPPED].map((k) => [k, cell()])) as Record<CauseColumn, Cell>;
const groupFigures = (): FcaGroupFigures => ({
  opened: cell(),
  openedByCause: causeCells(),
  closed: cell(),
  closedWithin3BusinessDays: cell(),
  closedWithin8Weeks: cell(),
  closedAfter8Weeks: cell(),
  upheld: cell(),
  redress: { paid: [], caseIds: [] },
});

function addMoney(r: RedressCell, id: string, amount: number, currency: string) {
  const entry = r.paid.find((m) => m.currency === currency);
  // Pence, to keep sums of many amounts exact.
  if (entry) entry.amount = Math.round((entry.amount + amount) * 100) / 100;
  else r.paid.push({ currency, amount: Math.round(amount * 100) / 100 });
  if (!r.caseIds.includes(id)) r.caseIds.push(id);
}

const EIGHT_WEEKS_DAYS = 56;

/**
 * Whether a case counts in the FCA return (the payment services part too): reportable and under
 * one of the FCA's regimes. An ASIC, CFPB or custom case is another regulator's business.
 */
export const countsInFcaReturn = (c: ReturnCase): boolean =>
  REGIME_JURISDICTION[c.regime]?.regulator === 'FCA' && isReportable(c);

/** The FCA return for `period` from the cases' raw records. */
export function fcaReturn(
  cases: readonly ReturnCase[],
  period: ReturnPeriod,
  options: FcaReturnOptions,
): FcaReturn {
  const { calendar } = options;
  const groupOf = new Map(options.products.map((p) => [p.id, p.fcaGroup]));
  const causeOf = new Map(options.causes.map((c) => [c.id, c.fcaCause]));
  const rows = Object.fromEntries(
    [...FCA_PRODUCT_GROUPS, UNMAPPED].map((g) => [g, groupFigures()]),
  ) as Record<ProductGroupRow, FcaGroupFigures>;
  const total = groupFigures();
  const paymentServices: PaymentServicesFigures = {
    closed: cell(),
    within15BusinessDays: cell(),
    within35BusinessDays: cell(),
    after35BusinessDays: cell(),
  };

  // Tens of thousands of cases fall on a few hundred days: each day's limits are worked out once.
  const within3 = new Map<Day, Day>();
  const threeBusinessDaysAfter = (day: Day) => {
    let limit = within3.get(day);
    if (limit === undefined) within3.set(day, (limit = calendar.addBusinessDays(day, 3)));
    return limit;
  };
  const businessDays = new Map<string, number>();
  const businessDaysBetween = (from: Day, to: Day) => {
    const key = `${from}|${to}`;
    let days = businessDays.get(key);
    if (days === undefined) businessDays.set(key, (days = calendar.businessDaysBetween(from, to)));
    return days;
  };

  for (const c of cases) {
    if (!countsInFcaReturn(c)) continue;
    const row = rows[groupOf.get(c.returnData?.productId ?? '') ?? UNMAPPED];
    const both = (pick: (f: FcaGroupFigures) => Cell) => {
      add(pick(row), c.id);
      add(pick(total), c.id);
    };
    const { received, answered } = returnDays(c, calendar);
    if (inPeriod(received, period)) {
      const cause = causeOf.get(c.returnData?.causeId ?? '') ?? UNMAPPED;
      both((f) => f.opened);
      both((f) => f.openedByCause[cause]);
    }
    if (answered && inPeriod(answered, period)) {
      both((f) => f.closed);
      if (answered <= threeBusinessDaysAfter(received)) both((f) => f.closedWithin3BusinessDays);
      else if (calendar.calendarDaysBetween(received, answered) <= EIGHT_WEEKS_DAYS)
        both((f) => f.closedWithin8Weeks);
      else both((f) => f.closedAfter8Weeks);
      if (fcaUpheld(c.finding)) both((f) => f.upheld);
      if (c.regime === 'uk-fca-psd') {
        add(paymentServices.closed, c.id);
        const days = businessDaysBetween(received, answered);
        if (days <= 15) add(paymentServices.within15BusinessDays, c.id);
        else if (days <= 35) add(paymentServices.within35BusinessDays, c.id);
        else add(paymentServices.after35BusinessDays, c.id);
      }
    }
    for (const payment of c.returnData?.redress ?? []) {
      if (!inPeriod(payment.paidOn, period)) continue;
      addMoney(row.redress, c.id, payment.amount, payment.currency);
      addMoney(total.redress, c.id, payment.amount, payment.currency);
    }
  }
  return { period, timeZone: calendar.timeZone, rows, total, paymentServices };
}
