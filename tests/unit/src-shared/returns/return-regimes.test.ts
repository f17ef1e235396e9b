// Each return counts its own regulator's complaints only: a UK case never in the ASIC report, an
// Australian one never in the FCA return. Figures worked out by hand below.
import { describe, expect, it } from 'vitest';
import { REGIME_IDS } from '../../../../src-shared/domain/case';
import { createBusinessCalendar } from '../../../../src-shared/domain/deadlines';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
  type CaseReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { asicIdrRows, countsInAsicIdr } from '../../../../src-shared/returns/asic-idr';
import { countsInFcaReturn, fcaReturn } from '../../../../src-shared/returns/fca-return';
import { halfYears, type ReturnCase } from '../../../../src-shared/returns/period';

const lists = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES };
const london = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
const sydney = createBusinessCalendar({ country: 'AU', region: 'NSW', timeZone: 'Australia/Sydney' });

function complaint(
  id: string,
  c: Pick<ReturnCase, 'regime' | 'receivedAt' | 'finalResponseAt'>,
  data: Partial<CaseReturnData>,
): ReturnCase {
  return {
    id,
    reference: `REF-${id}`,
    status: 'closed',
    finding: 'upheld',
    ...c,
    returnData: { ...emptyReturnData(), ...data },
  };
}
const paid = (amount: number, currency: string, paidOn: string) => ({
  type: 'refund' as const,
  amount,
  currency,
  paidOn,
});

const CASES: ReturnCase[] = [
  // UK: received Mon 2 Mar 2026, answered Wed 4 Mar (2 business days); £50 paid 5 Mar.
  complaint(
    'UK',
    { regime: 'uk-fca-general', receivedAt: '2026-03-02T10:00:00Z', finalResponseAt: '2026-03-04T15:00:00Z' },
    { productId: 'current-account', causeId: 'fees-charges', redress: [paid(50, 'GBP', '2026-03-05')] },
  ),
  // AU: received 3 Mar 21:00 AEDT, answered 5 Mar 21:00 AEDT (2 days); A$80 paid 6 Mar.
  complaint(
    'AU',
    { regime: 'au-asic-rg271', receivedAt: '2026-03-03T10:00:00Z', finalResponseAt: '2026-03-05T10:00:00Z' },
    { productId: 'credit-card', causeId: 'fees-charges', redress: [paid(80, 'AUD', '2026-03-06')] },
  ),
];

describe('the returns’ regimes', () => {
  it('the FCA return counts the UK case alone, in every column', () => {
    const [h1] = halfYears('01-01', 2026, london);
    const { total, rows } = fcaReturn(CASES, h1, { ...lists, calendar: london });
    for (const cell of [total.opened, total.closed, total.closedWithin3BusinessDays, total.upheld])
      expect(cell).toEqual({ count: 1, caseIds: ['UK'] });
    expect(rows['banking-credit-cards'].opened).toEqual({ count: 1, caseIds: ['UK'] });
    expect(total.redress).toEqual({ paid: [{ currency: 'GBP', amount: 50 }], caseIds: ['UK'] });
  });

  it('the ASIC IDR report has the AU case alone', () => {
    const [h1] = halfYears('01-01', 2026, sydney);
    const rows = asicIdrRows(CASES, h1, { ...lists, calendar: sydney, reportDemographics: false });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      caseId: 'AU',
      dateReceived: '2026-03-03',
      status: 'closed',
      dateClosed: '2026-03-05',
      daysToClose: 2,
      compensation: 'AUD 80.00',
    });
  });

  it('each return takes its own regulator’s regimes, and never a complaint marked not reportable', () => {
    const of = (counts: (c: ReturnCase) => boolean, reportable = true) =>
      REGIME_IDS.filter((regime) =>
        counts({ ...CASES[0]!, regime, returnData: { ...emptyReturnData(), reportable } }),
      );
    expect(of(countsInFcaReturn)).toEqual(['uk-fca-general', 'uk-fca-psd']);
    expect(of(countsInAsicIdr)).toEqual(['au-asic-rg271', 'au-asic-rg271-super', 'au-asic-rg271-hardship']);
    expect([...of(countsInFcaReturn, false), ...of(countsInAsicIdr, false)]).toEqual([]);
  });
});
