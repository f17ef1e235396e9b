import { describe, expect, it } from 'vitest';
import {
  asicOutcomeOf,
  CaseReturnDataSchema,
  ComplaintCauseListSchema,
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
  duplicateListNames,
  emptyReturnData,
  fcaUpheld,
  listIdFor,
  RegulatoryProductListSchema,
  withListIds,
} from '../../../../src-shared/domain/regulatory-codes';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('regulatory codes', () => {
  it('ships lists the schemas accept', () => {
    expect(RegulatoryProductListSchema.safeParse(DEFAULT_REGULATORY_PRODUCTS).success).toBe(true);
    expect(ComplaintCauseListSchema.safeParse(DEFAULT_COMPLAINT_CAUSES).success).toBe(true);
  });

  it('refuses two products with one id', () => {
    const twice = [
      DEFAULT_REGULATORY_PRODUCTS[0]!,
      { ...DEFAULT_REGULATORY_PRODUCTS[1]!, id: 'current-account' },
    ];
    expect(messages(RegulatoryProductListSchema.safeParse(twice))).toEqual([
      '1.id: Each entry needs its own id.',
    ]);
  });

  it('counts upheld and partly upheld as upheld for the FCA', () => {
    expect([
      fcaUpheld('upheld'),
      fcaUpheld('partially-upheld'),
      fcaUpheld('not-upheld'),
      fcaUpheld(null),
    ]).toEqual([true, true, false, null]);
  });

  it.each([
    [{ finding: 'upheld', status: 'closed' }, 'complainant-favour'],
    [{ finding: 'partially-upheld', status: 'closed' }, 'partial-complainant-favour'],
    [{ finding: 'not-upheld', status: 'closed' }, 'firm-favour'],
    [{ finding: null, status: 'withdrawn' }, 'withdrawn'],
    [{ finding: null, status: 'closed' }, null],
    [
      { finding: 'upheld', status: 'closed', returnData: { asicOutcome: 'referred-elsewhere' } },
      'referred-elsewhere',
    ],
  ] as const)('derives the ASIC outcome of %j as %s', (c, expected) => {
    expect(asicOutcomeOf(c)).toBe(expected);
  });

  it('checks what an officer records, with clear messages', () => {
    expect(CaseReturnDataSchema.parse({ ...emptyReturnData(), postcode: ' sw1a 1aa ' }).postcode).toBe(
      'SW1A 1AA',
    );
    const bad = CaseReturnDataSchema.safeParse({
      ...emptyReturnData(),
      postcode: 'not a postcode!',
      redress: [{ type: 'refund', amount: 0, currency: 'GBP', paidOn: '' }],
      ombudsman: { referredOn: '2026-05-01', outcome: 'settled', outcomeOn: null },
    });
    expect(messages(bad)).toEqual([
      'postcode: Enter a postcode such as SW1A 1AA or 2000.',
      'redress.0.amount: Enter an amount above 0.',
      'redress.0.paidOn: Enter the date it was paid.',
      'ombudsman.outcomeOn: Enter when the outcome was known.',
    ]);
  });
});

describe('listIdFor', () => {
  it('makes a readable id from a name, unique in the list', () => {
    expect(listIdFor('Buy-now pay-later', [])).toBe('buy-now-pay-later');
    expect(listIdFor('Crédit card', ['credit-card'])).toBe('credit-card-2');
    expect(listIdFor('***', [])).toBe('entry');
  });
});

describe('withListIds', () => {
  it('gives entries added in Settings an id from their name, and never changes a stored id', () => {
    const causes = [
      { id: 'fees-charges', name: 'Overdraft fees (renamed)', fcaCause: 'other', asicIssue: 'charges' },
      { id: '', name: 'Fees, charges', fcaCause: 'other', asicIssue: 'charges' },
      { id: '', name: '  Mis-sold  PPI ', fcaCause: 'advising-selling-arranging', asicIssue: 'advice' },
      { id: '', name: 'Fees: charges', fcaCause: 'other', asicIssue: 'charges' },
    ];
    expect(withListIds(causes).map((c) => c.id)).toEqual([
      'fees-charges',
      'fees-charges-2',
      'mis-sold-ppi',
      'fees-charges-3',
    ]);
    // The rest of each entry is kept as typed.
    expect(withListIds(causes)[2]).toMatchObject({ name: '  Mis-sold  PPI ', asicIssue: 'advice' });
    expect(ComplaintCauseListSchema.safeParse(withListIds(causes)).success).toBe(true);
  });
});

describe('duplicateListNames', () => {
  it('finds the later of two entries an officer could not tell apart, ignoring case and outer spaces', () => {
    expect(
      duplicateListNames([
        { name: 'Fraud or scam' },
        { name: 'Privacy' },
        { name: ' fraud or SCAM ' },
        { name: '' },
        { name: '' },
        { name: 'Privacy' },
      ]),
    ).toEqual([2, 5]);
    expect(duplicateListNames(DEFAULT_COMPLAINT_CAUSES)).toEqual([]);
    expect(duplicateListNames(DEFAULT_REGULATORY_PRODUCTS)).toEqual([]);
  });
});
