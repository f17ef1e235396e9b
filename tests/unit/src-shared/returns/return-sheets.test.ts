import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../../../src-shared/domain/deadlines';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  emptyReturnData,
  FCA_CAUSES,
  FCA_PRODUCT_GROUPS,
} from '../../../../src-shared/domain/regulatory-codes';
import { asicIdrRows } from '../../../../src-shared/returns/asic-idr';
import { fcaReturn } from '../../../../src-shared/returns/fca-return';
import { asicPeriods, halfYears, type ReturnCase } from '../../../../src-shared/returns/period';
import {
  asicIdrSheet,
  fcaPaymentServicesSheet,
  fcaReturnSheet,
  moneyText,
  periodChoices,
  periodName,
} from '../../../../src-shared/returns/return-sheets';

const calendar = createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
const lists = { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES };
const [h1, h2] = halfYears('01-01', 2026, calendar);
// The label key itself, so the layout is visible in the expectations.
const label = (key: string) => `<${key}>`;

const CASES: ReturnCase[] = [
  {
    id: 'A',
    reference: 'CMP-A',
    regime: 'uk-fca-general',
    status: 'closed',
    finding: 'upheld',
    receivedAt: '2026-03-02T10:00:00Z',
    finalResponseAt: '2026-03-04T15:00:00Z',
    returnData: {
      ...emptyReturnData(),
      productId: 'current-account',
      causeId: 'fees-charges',
      postcode: '2000',
      redress: [{ type: 'refund', amount: 50, currency: 'GBP', paidOn: '2026-03-05' }],
    },
  },
  {
    id: 'B',
    reference: 'CMP-B',
    regime: 'uk-fca-general',
    status: 'investigating',
    finding: null,
    receivedAt: '2026-04-01T10:00:00Z',
    returnData: null,
  },
];

describe('fcaReturnSheet', () => {
  const ret = fcaReturn(CASES, h1, { ...lists, calendar });
  const meta = {
    firmReferenceNumber: '123456',
    appVersion: '1.2.3',
    generatedAt: '2026-07-01 09:00',
    filters: 'Reportable complaints under the FCA regimes',
    periodName: 'H1 2026',
  };
  const sheet = fcaReturnSheet(ret, meta, label);

  it('states the firm, period, time zone, filters, version and time made above the table', () => {
    expect(sheet.headerRows).toEqual([
      ['<header.title>'],
      ['<header.firm>', '123456'],
      ['<header.period>', 'H1 2026 (2026-01-01 – 2026-06-30)'],
      ['<header.timeZone>', 'Europe/London'],
      ['<header.filters>', 'Reportable complaints under the FCA regimes'],
      ['<header.appVersion>', '1.2.3'],
      ['<header.generatedAt>', '2026-07-01 09:00'],
    ]);
  });

  it('has one row per product group, unmapped last, then the total and the payment services split', () => {
    expect(sheet.columns).toHaveLength(1 + 6 + FCA_CAUSES.length + 1 + 1);
    expect(sheet.rows.map((r) => r[0])).toEqual([
      ...FCA_PRODUCT_GROUPS.map((g) => `<row.${g}>`),
      '<row.unmapped>',
      '<row.total>',
      undefined,
      '<ps.title>',
      '',
    ]);
    const banking = sheet.rows[0]!;
    // Opened 1, closed 1 within 3 business days, upheld; £50 paid.
    expect(banking.slice(1, 7)).toEqual(['1', '1', '1', '0', '0', '1']);
    expect(banking.at(-1)).toBe('GBP 50.00');
    const unmapped = sheet.rows[FCA_PRODUCT_GROUPS.length]!;
    expect(unmapped.slice(1, 7)).toEqual(['1', '0', '0', '0', '0', '0']);
    expect(unmapped.at(-2)).toBe('1'); // opened with no cause recorded
    expect(sheet.rows[FCA_PRODUCT_GROUPS.length + 1]!.slice(1, 7)).toEqual(['2', '1', '1', '0', '0', '1']);
  });

  it('says below the table how each of the office’s products and causes was counted, when given the lists', () => {
    const withLists = fcaReturnSheet(ret, { ...meta, lists }, label);
    // The same table first.
    expect(withLists.rows.slice(0, sheet.rows.length)).toEqual(sheet.rows);
    const mapping = withLists.rows.slice(sheet.rows.length);
    expect(mapping.slice(0, 3)).toEqual([
      [],
      ['<mapping.title>'],
      ['<mapping.product>', '<header.productGroup>'],
    ]);
    const current = DEFAULT_REGULATORY_PRODUCTS.find((p) => p.id === 'current-account')!;
    expect(mapping).toContainEqual([current.name, `<row.${current.fcaGroup}>`]);
    expect(mapping).toContainEqual(['<mapping.cause>', '<mapping.fcaCause>']);
    const fees = DEFAULT_COMPLAINT_CAUSES.find((c) => c.id === 'fees-charges')!;
    expect(mapping).toContainEqual([fees.name, `<cause.${fees.fcaCause}>`]);
    expect(mapping).toHaveLength(
      3 + DEFAULT_REGULATORY_PRODUCTS.length + 2 + DEFAULT_COMPLAINT_CAUSES.length,
    );
  });

  it('marks every count column as numeric, never the group name or the redress text', () => {
    const last = sheet.columns.length - 1;
    expect(sheet.numericColumns).toEqual(Array.from({ length: last - 1 }, (_, i) => i + 1));
    for (const row of sheet.rows.slice(0, FCA_PRODUCT_GROUPS.length + 2)) {
      for (const i of sheet.numericColumns) expect(row[i]).toMatch(/^\d+$/);
    }
  });
});

describe('fcaPaymentServicesSheet', () => {
  it('is the payment services split alone, under the same header block, its counts as numbers', () => {
    // A PSD complaint received Mon 2 Mar 2026 and answered Fri 27 Mar (19 business days), and the
    // general one of CASES, which this return leaves out.
    const psd: ReturnCase = {
      ...CASES[0]!,
      id: 'P',
      reference: 'CMP-P',
      regime: 'uk-fca-psd',
      finalResponseAt: '2026-03-27T15:00:00Z',
    };
    const ret = fcaReturn([...CASES, psd], h1, { ...lists, calendar });
    const meta = {
      firmReferenceNumber: '',
      appVersion: '1.2.3',
      generatedAt: '2026-07-01 09:00',
      filters: 'Payment services complaints',
      periodName: 'H1 2026',
    };
    const sheet = fcaPaymentServicesSheet(ret, meta, label);
    expect(sheet.headerRows[0]).toEqual(['<ps.sheetTitle>']);
    expect(sheet.headerRows.slice(1)).toEqual(fcaReturnSheet(ret, meta, label).headerRows.slice(1));
    expect(sheet.headerRows[1]).toEqual(['<header.firm>', '<header.notSet>']);
    expect(sheet.columns).toEqual([
      '<ps.closed>',
      '<ps.within15BusinessDays>',
      '<ps.within35BusinessDays>',
      '<ps.after35BusinessDays>',
    ]);
    expect(sheet.rows).toEqual([['1', '0', '1', '0']]);
    expect(sheet.numericColumns).toEqual([0, 1, 2, 3]);
  });
});

describe('asicIdrSheet', () => {
  it('writes the data dictionary’s columns in order, blanks for unknowns and Y/N for the referral', () => {
    // The same complaints under ASIC's regime: the report takes ASIC's complaints only.
    const asicCases = CASES.map((c): ReturnCase => ({ ...c, regime: 'au-asic-rg271' }));
    const rows = asicIdrRows(asicCases, h1, { ...lists, calendar, reportDemographics: false });
    const sheet = asicIdrSheet(rows);
    expect(sheet.columns[0]).toBe('complaintId');
    expect(sheet.columns.at(-1)).toBe('referredToAfca');
    expect(sheet.rows[0]!.slice(0, 2)).toEqual(['CMP-A', '2026-03-02']);
    expect(sheet.rows[0]!.at(-1)).toBe('N');
    // Still open at the period's end: no closing date or days to close.
    expect(sheet.rows[1]![sheet.columns.indexOf('daysToClose')]).toBe('');
    expect(sheet.rows[1]![sheet.columns.indexOf('status')]).toBe('open');
  });
});

describe('names and money', () => {
  it('names a half-year H1/H2 and any other range by its days', () => {
    expect(periodName(h2!, [h1!, h2!])).toBe('H2 2026');
    expect(periodName({ from: '2026-02-01', to: '2026-02-28' }, [h1!, h2!])).toBe('2026-02-01 – 2026-02-28');
  });
  it('never adds across currencies', () => {
    expect(
      moneyText([
        { currency: 'GBP', amount: 1.5 },
        { currency: 'EUR', amount: 2 },
      ]),
    ).toBe('GBP 1.50; EUR 2.00');
  });
});

describe('the periods each return is made for', () => {
  // An office whose FCA accounting reference date gives a reporting year from 1 April.
  const start = '04-01';
  const today = '2026-08-15';
  const shown = (regulator: 'fca' | 'asic') =>
    periodChoices(regulator, start, today, calendar).map(
      (c) => `${c.name}: ${c.period.from} – ${c.period.to}`,
    );

  it('gives ASIC the calendar half-years, whatever the office’s reporting period start', () => {
    expect(asicPeriods(2026, calendar)).toEqual([
      { from: '2026-01-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-12-31' },
    ]);
    expect(shown('asic')).toEqual([
      'H2 2026: 2026-07-01 – 2026-12-31',
      'H1 2026: 2026-01-01 – 2026-06-30',
      'H2 2025: 2025-07-01 – 2025-12-31',
      'H1 2025: 2025-01-01 – 2025-06-30',
      'H2 2024: 2024-07-01 – 2024-12-31',
      'H1 2024: 2024-01-01 – 2024-06-30',
    ]);
  });

  it('gives the FCA return the half-years of the office’s reporting year, begun by today', () => {
    expect(shown('fca')).toEqual([
      'H1 2026: 2026-04-01 – 2026-09-30',
      'H2 2025: 2025-10-01 – 2026-03-31',
      'H1 2025: 2025-04-01 – 2025-09-30',
      'H2 2024: 2024-10-01 – 2025-03-31',
      'H1 2024: 2024-04-01 – 2024-09-30',
    ]);
  });

  it('starts a reporting year that has not begun yet from the year before', () => {
    expect(periodChoices('fca', start, '2026-03-31', calendar, 0).map((c) => c.name)).toEqual([
      'H2 2025',
      'H1 2025',
    ]);
    expect(periodChoices('asic', start, '2026-03-31', calendar, 0).map((c) => c.name)).toEqual(['H1 2026']);
  });
});
