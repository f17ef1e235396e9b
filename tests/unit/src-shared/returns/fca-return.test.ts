// The FCA return computed from raw records and compared with figures worked out by hand below.
// Office: England, Europe/London. Bank holidays in the half-year include Good Friday 3 April and
// Easter Monday 6 April 2026. The computer runs in Auckland (UTC+12/13) to show that nothing reads
// the computer's own clock zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../../../src-shared/domain/deadlines';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
  type CaseReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { fcaReturn } from '../../../../src-shared/returns/fca-return';
import { halfYears, type ReturnCase } from '../../../../src-shared/returns/period';

const calendar = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
const options = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES, calendar };

function complaint(
  id: string,
  c: Partial<ReturnCase> & { receivedAt: string },
  data: Partial<CaseReturnData> | null = {},
): ReturnCase {
  return {
    id,
    reference: id,
    regime: 'uk-fca-general',
    status: 'closed',
    finding: null,
    ...c,
    returnData: data === null ? null : { ...emptyReturnData(), ...data },
  };
}
const gbp = (amount: number, paidOn: string) => ({
  type: 'refund' as const,
  amount,
  currency: 'GBP',
  paidOn,
});

const CASES: ReturnCase[] = [
  // A: received Mon 2 Mar, answered Wed 4 Mar: 2 business days. Upheld. £50 paid 5 Mar (in H1).
  complaint(
    'A',
    { receivedAt: '2026-03-02T10:00:00Z', finalResponseAt: '2026-03-04T15:00:00Z', finding: 'upheld' },
    { productId: 'current-account', causeId: 'fees-charges', redress: [gbp(50, '2026-03-05')] },
  ),
  // B: received Mon 1 Jun; answered 30 Jun at 23:30 BST (22:30Z, already 1 July 10:30 in Auckland):
  // office day 30 June, in H1. 29 calendar days, 21 business days: within 8 weeks. Not upheld.
  complaint(
    'B',
    { receivedAt: '2026-06-01T08:00:00Z', finalResponseAt: '2026-06-30T22:30:00Z', finding: 'not-upheld' },
    { productId: 'mortgage', causeId: 'advice-sale' },
  ),
  // C: answered at 00:30 BST on 1 July (23:30Z on 30 June): office day 1 July, so closed in H2 only.
  complaint(
    'C',
    { receivedAt: '2026-05-05T09:00:00Z', finalResponseAt: '2026-06-30T23:30:00Z', finding: 'upheld' },
    { productId: 'credit-card', causeId: 'service' },
  ),
  // D: payment services, received Thu 2 Apr, answered Wed 8 Apr. Fri 3 and Mon 6 Apr are bank
  // holidays, so Tue 7 (1) and Wed 8 (2): 2 business days, within 3 (4 without the holidays).
  complaint(
    'D',
    {
      receivedAt: '2026-04-02T09:00:00Z',
      finalResponseAt: '2026-04-08T14:00:00Z',
      regime: 'uk-fca-psd',
      finding: 'not-upheld',
    },
    { productId: 'payments', causeId: 'transaction' },
  ),
  // E: payment services, received Mon 2 Feb, answered Fri 13 Mar: business days 3-6 Feb (4) + five
  // full weeks (25) = 29, over 15 and within 35; 39 calendar days, within 8 weeks. Partly upheld
  // (counts as upheld). £100 paid 10 July: redress in H2, not in the half-year it closed.
  complaint(
    'E',
    {
      receivedAt: '2026-02-02T10:00:00Z',
      finalResponseAt: '2026-03-13T10:00:00Z',
      regime: 'uk-fca-psd',
      finding: 'partially-upheld',
    },
    { productId: 'payments', causeId: 'fees-charges', redress: [gbp(100, '2026-07-10')] },
  ),
  // F: received 3 Nov 2025 (last period), answered 20 Jan: 27 + 31 + 20 = 78 calendar days, after 8
  // weeks. Upheld. £1,000 paid 15 Dec 2025 (last period) and £200 paid 1 Feb (this one).
  complaint(
    'F',
    { receivedAt: '2025-11-03T10:00:00Z', finalResponseAt: '2026-01-20T10:00:00Z', finding: 'upheld' },
    {
      productId: 'investment',
      causeId: 'advice-sale',
      redress: [gbp(1000, '2025-12-15'), gbp(200, '2026-02-01')],
    },
  ),
  // G: marked not reportable: in no figure.
  complaint(
    'G',
    { receivedAt: '2026-03-10T10:00:00Z', finalResponseAt: '2026-03-11T10:00:00Z', finding: 'upheld' },
    {
      productId: 'pension',
      causeId: 'service',
      reportable: false,
      redress: [gbp(75, '2026-03-12')],
    },
  ),
  // H: nothing recorded for the returns yet, still open: counted as opened, unmapped.
  complaint('H', { receivedAt: '2026-02-10T10:00:00Z', status: 'investigating' }, null),
  // I: received Fri 30 Jan, summary resolution Tue 3 Feb: Mon 2 (1), Tue 3 (2), within 3 business
  // days. No finding: not upheld.
  complaint(
    'I',
    { receivedAt: '2026-01-30T16:00:00Z', summaryResolutionAt: '2026-02-03T11:00:00Z' },
    { productId: 'general-insurance', causeId: 'service' },
  ),
];

const ids = (cell: { caseIds: string[] }) => [...cell.caseIds].sort();

describe('FCA complaints return, first half of 2026', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Auckland';
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  const [h1] = halfYears('01-01', 2026, calendar);
  const result = () => fcaReturn(CASES, h1, options);

  it('reads the half-year from the reporting period start', () => {
    expect(halfYears('01-01', 2026, calendar)).toEqual([
      { from: '2026-01-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-12-31' },
    ]);
    expect(halfYears('04-01', 2026, calendar)).toEqual([
      { from: '2026-04-01', to: '2026-09-30' },
      { from: '2026-10-01', to: '2027-03-31' },
    ]);
  });

  it('counts the totals worked out by hand', () => {
    const { total } = result();
    // Received in H1: A B C D E H I (F last period, G not reportable).
    expect(ids(total.opened)).toEqual(['A', 'B', 'C', 'D', 'E', 'H', 'I']);
    // Answered in H1: A B D E F I (C on 1 July office time).
    expect(ids(total.closed)).toEqual(['A', 'B', 'D', 'E', 'F', 'I']);
    expect(ids(total.closedWithin3BusinessDays)).toEqual(['A', 'D', 'I']);
    expect(ids(total.closedWithin8Weeks)).toEqual(['B', 'E']);
    expect(ids(total.closedAfter8Weeks)).toEqual(['F']);
    expect(ids(total.upheld)).toEqual(['A', 'E', 'F']);
    // £50 (A, 5 Mar) + £200 (F, 1 Feb) = £250; E's £100 in July and F's £1,000 in December are not.
    expect(total.redress).toEqual({ paid: [{ currency: 'GBP', amount: 250 }], caseIds: ['A', 'F'] });
  });

  it('splits them by product group and cause', () => {
    const { rows, total } = result();
    const banking = rows['banking-credit-cards'];
    expect(ids(banking.opened)).toEqual(['A', 'C', 'D', 'E']);
    expect(ids(banking.closed)).toEqual(['A', 'D', 'E']);
    expect(ids(banking.closedWithin3BusinessDays)).toEqual(['A', 'D']);
    expect(ids(banking.closedWithin8Weeks)).toEqual(['E']);
    expect(ids(banking.upheld)).toEqual(['A', 'E']);
    expect(banking.redress.paid).toEqual([{ currency: 'GBP', amount: 50 }]);
    expect(ids(rows['home-finance'].closedWithin8Weeks)).toEqual(['B']);
    expect(ids(rows['insurance-pure-protection'].closedWithin3BusinessDays)).toEqual(['I']);
    expect(ids(rows.investments.closedAfter8Weeks)).toEqual(['F']);
    expect(rows.investments.redress.paid).toEqual([{ currency: 'GBP', amount: 200 }]);
    expect(rows['decumulation-pensions'].opened.count).toBe(0); // G is not reportable
    expect(ids(rows.unmapped.opened)).toEqual(['H']);
    // Causes of the 7 opened: advice B; terms A E; admin C D I; unmapped H.
    expect(ids(total.openedByCause['advising-selling-arranging'])).toEqual(['B']);
    expect(ids(total.openedByCause['terms-disputed-sums-charges'])).toEqual(['A', 'E']);
    expect(ids(total.openedByCause['general-admin-customer-service'])).toEqual(['C', 'D', 'I']);
    expect(total.openedByCause.arrears.count).toBe(0);
    expect(ids(total.openedByCause.unmapped)).toEqual(['H']);
  });

  it('splits payment services complaints at 15 and 35 business days', () => {
    const { paymentServices } = result();
    expect(ids(paymentServices.closed)).toEqual(['D', 'E']);
    expect(ids(paymentServices.within15BusinessDays)).toEqual(['D']); // 2 business days
    expect(ids(paymentServices.within35BusinessDays)).toEqual(['E']); // 29 business days
    expect(paymentServices.after35BusinessDays.count).toBe(0);
  });

  it('counts C and E’s July redress in the second half-year', () => {
    const [, h2] = halfYears('01-01', 2026, calendar);
    const { total } = fcaReturn(CASES, h2, options);
    expect(ids(total.closed)).toEqual(['C']);
    expect(ids(total.upheld)).toEqual(['C']);
    expect(total.redress).toEqual({ paid: [{ currency: 'GBP', amount: 100 }], caseIds: ['E'] });
    expect(total.opened.count).toBe(0);
  });
});
