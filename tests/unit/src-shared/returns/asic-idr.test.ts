// The ASIC IDR data report for July to December 2026, compared with rows worked out by hand.
// Office: New South Wales, Australia/Sydney (AEST, UTC+10, until DST begins on 4 October; AEDT,
// UTC+11, after). The office reports gender and age band.
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../../../src-shared/domain/deadlines';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
  type CaseReturnData,
} from '../../../../src-shared/domain/regulatory-codes';
import { asicIdrRows, validateAsicIdr } from '../../../../src-shared/returns/asic-idr';
import { halfYears, type ReturnCase } from '../../../../src-shared/returns/period';

const calendar = createBusinessCalendar({ country: 'AU', region: 'NSW', timeZone: 'Australia/Sydney' });
const options = {
  products: DEFAULT_REGULATORY_PRODUCTS,
  causes: DEFAULT_COMPLAINT_CAUSES,
  calendar,
  reportDemographics: true,
};
const [period] = halfYears('07-01', 2026, calendar);

function complaint(
  id: string,
  c: Partial<ReturnCase> & { receivedAt: string },
  data: Partial<CaseReturnData>,
): ReturnCase {
  return {
    id,
    reference: `REF-${id}`,
    regime: 'au-asic-rg271',
    status: 'closed',
    finding: null,
    ...c,
    returnData: { ...emptyReturnData(), ...data },
  };
}
const aud = (amount: number, paidOn: string) => ({
  type: 'compensation' as const,
  amount,
  currency: 'AUD',
  paidOn,
});

const CASES: ReturnCase[] = [
  // P1: received 20 Jun 10:00 AEST (before the period), answered 10 Jul 11:00 AEST: closed in the
  // period after 20 days. Upheld → in the complainant's favour. A$120.50 paid 12 Jul; A$30 paid in
  // January 2027 is after the period.
  complaint(
    'P1',
    { receivedAt: '2026-06-20T00:00:00Z', finalResponseAt: '2026-07-10T01:00:00Z', finding: 'upheld' },
    {
      productId: 'credit-card',
      causeId: 'fees-charges',
      postcode: '2000',
      gender: 'female',
      ageBand: '35-44',
      redress: [aud(120.5, '2026-07-12'), aud(30, '2027-01-05')],
      ombudsman: { referredOn: '2026-08-01', outcome: 'pending', outcomeOn: null },
    },
  ),
  // P2: received 3 Aug, still open; no product, cause, postcode, gender or age band recorded.
  complaint(
    'P2',
    { receivedAt: '2026-08-03T00:00:00Z', status: 'investigating' },
    { complainantType: 'small-business' },
  ),
  // P3: received and answered before the period: not reported.
  complaint(
    'P3',
    { receivedAt: '2026-05-01T00:00:00Z', finalResponseAt: '2026-06-15T00:00:00Z' },
    { productId: 'mortgage', causeId: 'service', postcode: '2010' },
  ),
  // P4: received 31 Dec 13:30Z, which is 1 Jan 2027 00:30 AEDT: after the period.
  complaint('P4', { receivedAt: '2026-12-31T13:30:00Z', status: 'new' }, { productId: 'mortgage' }),
  // P5: received 1 Sep, answered 20 Sep (19 days) with no finding; a UK postcode typed by mistake.
  complaint(
    'P5',
    { receivedAt: '2026-09-01T00:00:00Z', finalResponseAt: '2026-09-20T00:00:00Z' },
    { productId: 'mortgage', causeId: 'arrears', postcode: 'SW1A 1AA', gender: 'male', ageBand: '55-64' },
  ),
];

describe('ASIC IDR data report, July to December 2026', () => {
  const rows = asicIdrRows(CASES, period, options);

  it('has one row per complaint open at any time in the period', () => {
    expect(period).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(rows.map((r) => r.complaintId)).toEqual(['REF-P1', 'REF-P2', 'REF-P5']);
  });

  it('fills the fields with the dictionary’s codes', () => {
    expect(rows[0]).toEqual({
      caseId: 'P1',
      complaintId: 'REF-P1',
      dateReceived: '2026-06-20',
      complainantType: 'individual',
      postcode: '2000',
      gender: 'female',
      ageBand: '35-44',
      product: 'credit-cards',
      issue: 'charges',
      status: 'closed',
      dateClosed: '2026-07-10',
      daysToClose: 20,
      outcome: 'complainant-favour',
      compensation: 'AUD 120.50',
      remedyTypes: 'compensation',
      referredToAfca: true,
    });
    expect(rows[1]).toMatchObject({
      status: 'open',
      dateClosed: '',
      daysToClose: null,
      outcome: '',
      product: '',
    });
    expect(rows[2]).toMatchObject({ product: 'home-loans', issue: 'financial-difficulty', daysToClose: 19 });
  });

  it('says a complaint was referred to AFCA only if it was by the period’s end, however late it is re-run', () => {
    const p1 = CASES.find((c) => c.id === 'P1')!;
    const referredLater = {
      ...p1,
      returnData: {
        ...p1.returnData!,
        ombudsman: { referredOn: '2027-01-15', outcome: 'pending' as const, outcomeOn: null },
      },
    };
    expect(asicIdrRows([referredLater], period, options)[0]).toMatchObject({ referredToAfca: false });
    // Referred on the period's last day: it was.
    const onLastDay = {
      ...referredLater,
      returnData: {
        ...referredLater.returnData,
        ombudsman: { ...referredLater.returnData.ombudsman, referredOn: '2026-12-31' },
      },
    };
    expect(asicIdrRows([onLastDay], period, options)[0]).toMatchObject({ referredToAfca: true });
  });

  it('closes a complaint withdrawn before it was answered on the office day it was withdrawn, and leaves it out after', () => {
    // Received 2 Oct 09:00 AEST; withdrawn 20 Oct 23:30Z, which is 21 Oct 10:30 AEDT (DST began 4 Oct):
    // closed after 19 days, outcome withdrawn, though no final response was ever sent.
    const withdrawn = complaint(
      'W1',
      { receivedAt: '2026-10-01T23:00:00Z', status: 'withdrawn', closedAt: '2026-10-20T23:30:00Z' },
      { productId: 'mortgage', causeId: 'service', postcode: '2010', gender: 'male', ageBand: '25-34' },
    );
    expect(asicIdrRows([withdrawn], period, options)[0]).toMatchObject({
      status: 'closed',
      dateClosed: '2026-10-21',
      daysToClose: 19,
      outcome: 'withdrawn',
    });
    expect(validateAsicIdr(asicIdrRows([withdrawn], period, options), options)).toEqual([]);
    // The next half-year does not report it as still open.
    const [nextPeriod] = halfYears('01-01', 2027, calendar);
    expect(asicIdrRows([withdrawn], nextPeriod, options)).toEqual([]);
    // Withdrawn after the period's end: open in it.
    const later = { ...withdrawn, closedAt: '2027-01-10T00:00:00Z' };
    expect(asicIdrRows([later], period, options)[0]).toMatchObject({
      status: 'open',
      dateClosed: '',
      outcome: '',
    });
    // Reopened since (closedAt cleared): open again.
    const reopened = { ...withdrawn, status: 'reopened', closedAt: null };
    expect(asicIdrRows([reopened], period, options)[0]).toMatchObject({ status: 'open' });
  });

  it('lists each row with a missing or invalid field, and which', () => {
    expect(validateAsicIdr(rows, options)).toEqual([
      {
        caseId: 'P2',
        complaintId: 'REF-P2',
        problems: [
          { field: 'postcode', problem: 'missing' },
          { field: 'gender', problem: 'missing' },
          { field: 'ageBand', problem: 'missing' },
          { field: 'product', problem: 'missing' },
          { field: 'issue', problem: 'missing' },
        ],
      },
      {
        caseId: 'P5',
        complaintId: 'REF-P5',
        problems: [
          { field: 'postcode', problem: 'invalid' },
          { field: 'outcome', problem: 'missing' },
        ],
      },
    ]);
  });

  it('leaves gender and age band blank and unchecked when the office does not report them', () => {
    const without = { ...options, reportDemographics: false };
    const plain = asicIdrRows(CASES, period, without);
    expect(plain[0]).toMatchObject({ gender: '', ageBand: '' });
    expect(validateAsicIdr(plain, without)[0]!.problems.map((p) => p.field)).toEqual([
      'postcode',
      'product',
      'issue',
    ]);
  });
});
