import { describe, expect, it } from 'vitest';
import {
  checkImportRow,
  groupSeparatorOf,
  fitMapping,
  guessMapping,
  headerSignature,
  IMPORT_FIELDS,
  mapsContact,
  neutralizeCell,
  parseImportDate,
  RETURN_IMPORT_FIELDS,
  type ImportContext,
} from '../../../../src-shared/domain/case-import';
import { sheetsEn } from '../../../../src-renderer/i18n/sheets.en';
import {
  DEFAULT_COMPLAINT_CAUSES,
  DEFAULT_REGULATORY_PRODUCTS,
} from '../../../../src-shared/domain/regulatory-codes';
import { DEFAULT_TAXONOMY } from '../../../../src-shared/domain/taxonomy';

const now = new Date('2026-06-01T12:00:00Z');
const ctx: ImportContext = {
  taxonomy: DEFAULT_TAXONOMY,
  timeZone: 'Europe/London',
  dateOrder: 'dmy',
  defaultRegime: 'uk-fca-general',
  now,
  returnLists: { products: DEFAULT_REGULATORY_PRODUCTS, causes: DEFAULT_COMPLAINT_CAUSES },
  currency: 'GBP',
  groupSeparator: ',',
};
const HEADER = [
  'Case No',
  'Date received',
  'Customer name',
  'E-mail',
  'Category',
  'Sub category',
  'Details',
  'Channel',
];
const mapping = guessMapping(HEADER);
const good = [
  'L-1',
  '02/03/2024',
  'Ann Lee',
  'ann@example.com',
  'service',
  'staff conduct',
  'Rude on the phone',
  'Telephone',
];

describe('guessMapping', () => {
  it('maps columns by their header names, whatever their case and punctuation', () => {
    expect(mapping).toMatchObject({
      externalRef: 0,
      receivedAt: 1,
      name: 2,
      email: 3,
      category: 4,
      subcategory: 5,
      description: 6,
      channel: 7,
      phone: -1,
      severity: -1,
    });
  });

  it('maps a column named as the mapping screen labels a field to that field', () => {
    const labels = IMPORT_FIELDS.map((field) => sheetsEn.fields[field]);
    for (const [i, field] of IMPORT_FIELDS.entries()) {
      const label = labels[i]!;
      expect(guessMapping([label])[field], label).toBe(0);
      expect(guessMapping([label.toUpperCase().replace(/[:()]/g, '')])[field], label).toBe(0);
    }
    // All at once, as in a file exported from the mapping screen's labels.
    const all = guessMapping(labels);
    for (const [i, field] of IMPORT_FIELDS.entries()) expect(all[field], labels[i]).toBe(i);
    expect(guessMapping(['Date received (UTC)', 'Details']).receivedAt).toBe(0);
  });

  it('gives each column to one field only', () => {
    const m = guessMapping(['Reference', 'Ref']);
    expect([m.externalRef, m.accountRef].filter((i) => i === 0)).toHaveLength(1);
  });

  it('remembers by a signature that ignores case and spacing, and refuses a mapping that no longer fits', () => {
    expect(headerSignature(['Case No', 'Date'])).toBe(headerSignature(['case  no', 'DATE']));
    expect(fitMapping({ ...mapping }, HEADER)).toEqual(mapping);
    expect(fitMapping({ ...mapping, description: 40 }, HEADER)).toBeNull();
    expect(fitMapping({ receivedAt: 1 }, HEADER)).toBeNull();
  });
});

describe('parseImportDate', () => {
  it.each([
    // Text dates are read on the office's clocks (London: GMT in winter, BST in summer).
    ['2024-03-02', 'dmy', '2024-03-02T00:00:00.000Z'],
    ['2024-07-02 14:30', 'dmy', '2024-07-02T13:30:00.000Z'],
    ['02/03/2024', 'dmy', '2024-03-02T00:00:00.000Z'],
    ['03/02/2024', 'mdy', '2024-03-02T00:00:00.000Z'],
    ['2.3.2024 9:05', 'dmy', '2024-03-02T09:05:00.000Z'],
    ['02/03/2024 2:15 pm', 'dmy', '2024-03-02T14:15:00.000Z'],
    // Instants that carry their zone keep it.
    ['2024-07-02T14:30:00Z', 'dmy', '2024-07-02T14:30:00.000Z'],
    ['2024-07-02T14:30:00+10:00', 'dmy', '2024-07-02T04:30:00.000Z'],
    // Excel serials: 45353 is 2 March 2024; .5 is noon.
    ['45353', 'dmy', '2024-03-02T00:00:00.000Z'],
    ['45353.5', 'dmy', '2024-03-02T12:00:00.000Z'],
    // What an XLSX date cell comes out of main as.
    ['2024-07-02T09:30:00', 'dmy', '2024-07-02T08:30:00.000Z'],
  ] as const)('%s (%s) is %s', (cell, order, expected) => {
    expect(parseImportDate(cell, 'Europe/London', order)).toBe(expected);
  });

  it.each(['', 'yesterday', '31/02/2024', '13/13/2024', '2024-02-30', '12', '02/03/2024 25:00', '99999999'])(
    '%j is not a date',
    (cell) => expect(parseImportDate(cell, 'Europe/London', 'dmy')).toBeNull(),
  );
});

describe('checkImportRow', () => {
  it('turns a good row into intake input, in the office spelling of category and values', () => {
    const result = checkImportRow(good, mapping, ctx);
    expect(result).toEqual({
      ok: true,
      row: {
        externalRef: 'L-1',
        acknowledgedAt: null,
        closing: null,
        // No return column: nothing recorded for the returns, as a case typed in.
        returnData: null,
        input: expect.objectContaining({
          receivedAt: '2024-03-02T00:00:00.000Z',
          category: 'Service',
          subcategory: 'Staff conduct',
          channel: 'phone',
          severity: 'medium',
          regime: 'uk-fca-general',
          complainant: expect.objectContaining({ name: 'Ann Lee', preferredContact: 'email' }),
        }),
      },
    });
  });

  const problemsOf = (cells: string[]) => {
    const r = checkImportRow(cells, mapping, ctx);
    return r.ok ? [] : r.problems.map((p) => [p.field, p.code]);
  };
  const withCell = (i: number, v: string) => good.map((c, j) => (j === i ? v : c));

  it.each([
    ['a bad date', withCell(1, '31/02/2024'), [['receivedAt', 'bad-date']]],
    ['a date in the future', withCell(1, '01/01/2030'), [['receivedAt', 'invalid']]],
    ['an unknown category', withCell(4, 'Parking'), [['category', 'unknown-category']]],
    ['an unknown subcategory', withCell(5, 'Parking'), [['subcategory', 'unknown-subcategory']]],
    ['a missing name', withCell(2, ' '), [['name', 'missing']]],
    ['a missing description', withCell(6, ''), [['description', 'missing']]],
    ['a bad e-mail', withCell(3, 'ann at example'), [['email', 'bad-email']]],
    ['an unknown channel', withCell(7, 'Pigeon'), [['channel', 'unknown-value']]],
  ])('names %s', (_, cells, expected) => {
    expect(problemsOf(cells)).toEqual(expected);
  });

  describe('a complaint the legacy system had answered', () => {
    const closedHeader = [...HEADER, 'Date acknowledged', 'Date closed', 'Outcome'];
    const closedMapping = guessMapping(closedHeader);
    const check = (sent: string, outcome: string, received = '02/03/2024 14:30', acknowledged = '') =>
      checkImportRow([...withCell(1, received), acknowledged, sent, outcome], closedMapping, ctx);
    const problems = (r: ReturnType<typeof check>) =>
      r.ok ? [] : r.problems.map((p) => [p.field, p.code, p.detail ?? null]);

    it('maps the final response date and the outcome by their usual headings', () => {
      expect(closedMapping.acknowledgedAt).toBe(8);
      expect(closedMapping.finalResponseAt).toBe(9);
      expect(closedMapping.outcome).toBe(10);
    });

    it('is imported closed on its final response, with the finding as the legacy system wrote it', () => {
      expect(check('28/04/2024 16:05', 'Upheld in part')).toMatchObject({
        ok: true,
        row: { closing: { finalResponseAt: '2024-04-28T15:05:00.000Z', finding: 'partially-upheld' } },
      });
      expect(check('28/04/2024', 'REJECTED')).toMatchObject({
        ok: true,
        row: { closing: { finding: 'not-upheld' } },
      });
      // Answered without a recorded finding: closed, no finding.
      expect(check('28/04/2024', '')).toMatchObject({ ok: true, row: { closing: { finding: null } } });
      // Neither: open, as before.
      expect(check('', '')).toMatchObject({ ok: true, row: { closing: null } });
    });

    it('keeps when the legacy system acknowledged it, before its final response, or with none', () => {
      expect(check('28/04/2024', 'Upheld', '02/03/2024 14:30', '04/03/2024')).toMatchObject({
        ok: true,
        row: { acknowledgedAt: '2024-03-04T00:00:00.000Z', closing: { finding: 'upheld' } },
      });
      expect(check('', '', '02/03/2024 14:30', '02/03/2024')).toMatchObject({
        ok: true,
        row: { acknowledgedAt: '2024-03-02T14:30:00.000Z', closing: null },
      });
      expect(problems(check('28/04/2024', 'Upheld', '02/03/2024 14:30', '29/04/2024'))).toEqual([
        ['acknowledgedAt', 'invalid', 'The acknowledgement cannot be after the final response.'],
      ]);
      expect(problems(check('', '', '02/03/2024 14:30', '01/03/2024'))).toEqual([
        ['acknowledgedAt', 'invalid', 'The acknowledgement cannot be before the complaint was received.'],
      ]);
    });

    it('takes a date without a time on the day of receipt as answered at receipt', () => {
      expect(check('02/03/2024', 'Not upheld')).toMatchObject({
        ok: true,
        row: { closing: { finalResponseAt: '2024-03-02T14:30:00.000Z' } },
      });
    });

    it.each([
      [
        'a final response before receipt',
        '01/03/2024',
        'Upheld',
        [['finalResponseAt', 'invalid', 'The final response cannot be before the complaint was received.']],
      ],
      [
        'a final response earlier the same day, with a time',
        '02/03/2024 09:00',
        'Upheld',
        [['finalResponseAt', 'invalid', 'The final response cannot be before the complaint was received.']],
      ],
      [
        'a final response in the future',
        '01/01/2030',
        'Upheld',
        [['finalResponseAt', 'invalid', 'The final response cannot be in the future.']],
      ],
      ['a final response that is not a date', 'last spring', '', [['finalResponseAt', 'bad-date', null]]],
      ['an outcome Redress does not know', '28/04/2024', 'Goodwill', [['outcome', 'unknown-value', null]]],
      [
        'an outcome without a final response date',
        '',
        'Upheld',
        [['outcome', 'invalid', 'An outcome needs the date the final response was sent.']],
      ],
    ])('refuses %s, saying which', (_, sent, outcome, expected) => {
      expect(problems(check(sent, outcome))).toEqual(expected);
    });
  });

  describe('the return columns', () => {
    const returnHeader = [
      ...HEADER,
      'Regulatory product',
      'Complaint cause',
      'Eligible complainant',
      'Customer type',
      'Post code',
      'Redress paid',
      'Date paid',
      'Remedy type',
      'ASIC outcome',
      'Referred to FOS',
      'FOS outcome',
      'FOS outcome date',
    ];
    const returnMapping = guessMapping(returnHeader);
    const ok = [
      'Credit card',
      'fees charges',
      'Yes',
      'Consumer',
      'sw1a 1aa',
      '£1,250.00',
      '15/03/2024',
      'Refund',
      '',
    ];
    // Received 02/03/2024 (good's date) in London.
    const check = (cells: readonly string[], c: ImportContext = ctx) =>
      checkImportRow([...good, ...cells], returnMapping, c);
    const withReturn = (i: number, v: string) => ok.map((c, j) => (j === i ? v : c));
    const problems = (r: ReturnType<typeof check>) => (r.ok ? [] : r.problems.map((p) => [p.field, p.code]));

    it('are guessed from their usual headings, and leave the other columns as they were', () => {
      expect(returnMapping).toMatchObject({
        ...mapping,
        returnProduct: 8,
        returnCause: 9,
        reportable: 10,
        complainantType: 11,
        postcode: 12,
        redressAmount: 13,
        redressPaidOn: 14,
        redressType: 15,
        asicOutcome: 16,
        ombudsmanReferredOn: 17,
        ombudsmanOutcome: 18,
        ombudsmanOutcomeOn: 19,
      });
      expect(
        guessMapping([
          'Product',
          'Cause',
          'Reportable',
          'Complainant type',
          'Amount paid',
          'Payment date',
          'Redress type',
        ]),
      ).toMatchObject({
        product: 0,
        returnProduct: -1,
        returnCause: 1,
        reportable: 2,
        complainantType: 3,
        redressAmount: 4,
        redressPaidOn: 5,
        redressType: 6,
      });
    });

    it('a remembered mapping from before them keeps its choices and guesses them', () => {
      const before = Object.fromEntries(
        Object.entries(returnMapping).filter(([f]) => !RETURN_IMPORT_FIELDS.includes(f as never)),
      );
      expect(fitMapping({ ...before, externalRef: -1 }, returnHeader)).toEqual({
        ...returnMapping,
        externalRef: -1,
      });
      // A return column the remembered mapping gave to another field stays there.
      expect(fitMapping({ ...before, needs: 13 }, returnHeader)).toMatchObject({
        needs: 13,
        redressAmount: -1,
      });
    });

    it("record what the returns need, matched to the office's lists by name or id", () => {
      expect(check(ok)).toMatchObject({
        ok: true,
        row: {
          returnData: {
            productId: 'credit-card',
            causeId: 'fees-charges',
            reportable: true,
            complainantType: 'individual',
            postcode: 'SW1A 1AA',
            gender: '',
            ageBand: '',
            asicOutcome: '',
            redress: [{ type: 'refund', amount: 1250, currency: 'GBP', paidOn: '2024-03-15' }],
            ombudsman: null,
          },
        },
      });
      const other = check(
        [
          'MORTGAGE',
          'Arrears',
          'n',
          'SME',
          '2000',
          '1.250,00 €',
          '2024-03-02',
          'Ex gratia',
          'In the firm’s favour',
        ],
        {
          ...ctx,
          currency: 'EUR',
        },
      );
      expect(other).toMatchObject({
        ok: true,
        row: {
          returnData: {
            productId: 'mortgage',
            causeId: 'arrears',
            reportable: false,
            complainantType: 'small-business',
            postcode: '2000',
            asicOutcome: 'firm-favour',
            redress: [{ type: 'goodwill', amount: 1250, currency: 'EUR', paidOn: '2024-03-02' }],
          },
        },
      });
    });

    it.each([
      ['1250', 1250],
      ['£1,250.00', 1250],
      ['£1,250', 1250],
      ['1,250', 1250],
      ['GBP 1,250,000', 1_250_000],
      ['1.250,00', 1250],
      ['12,5', 12.5],
      ['£ 99.99', 99.99],
      ['40 GBP', 40],
    ])('reads the amount %j as %j', (cell, amount) => {
      expect(check(withReturn(5, cell))).toMatchObject({
        ok: true,
        row: { returnData: { redress: [{ amount }] } },
      });
    });

    // The row's referral to the ombudsman: the referral's day, its outcome, the day it was known.
    const withReferral = (referred: string, outcome: string, known: string) => [
      ...ok.slice(0, 9),
      referred,
      outcome,
      known,
    ];

    it.each([
      ['20/03/2024', 'Upheld', '30/04/2024', 'complainant-favour', '2024-04-30'],
      ['20/03/2024', 'Not upheld', '1/5/2024', 'firm-favour', '2024-05-01'],
      ['20/03/2024', 'Settled', '02/05/2024', 'settled', '2024-05-02'],
      ['20/03/2024', 'Out of jurisdiction', '02/05/2024', 'not-considered', '2024-05-02'],
      ['20/03/2024', '', '', 'pending', null],
      ['20/03/2024', 'Awaiting decision', '', 'pending', null],
    ])('read a referral on %j with outcome %j known %j', (referred, outcome, known, want, wantOn) => {
      expect(check(withReferral(referred, outcome, known))).toMatchObject({
        ok: true,
        row: { returnData: { ombudsman: { referredOn: '2024-03-20', outcome: want, outcomeOn: wantOn } } },
      });
    });

    it.each([
      [
        'an outcome without a referral',
        withReferral('', 'Upheld', '30/04/2024'),
        ['ombudsmanOutcome', 'referral-needs-date'],
      ],
      [
        'an outcome day without a referral',
        withReferral('', '', '30/04/2024'),
        ['ombudsmanOutcomeOn', 'referral-needs-date'],
      ],
      [
        'an unknown outcome',
        withReferral('20/03/2024', 'Won', '30/04/2024'),
        ['ombudsmanOutcome', 'unknown-value'],
      ],
      [
        'a referral before receipt',
        withReferral('01/03/2024', '', ''),
        ['ombudsmanReferredOn', 'before-received'],
      ],
      ['a referral in the future', withReferral('01/01/2030', '', ''), ['ombudsmanReferredOn', 'in-future']],
      ['a referral that is not a date', withReferral('soon', '', ''), ['ombudsmanReferredOn', 'bad-date']],
      [
        'an outcome known before the referral',
        withReferral('20/03/2024', 'Upheld', '10/03/2024'),
        ['ombudsmanOutcomeOn', 'invalid'],
      ],
      [
        'a decided outcome without its day',
        withReferral('20/03/2024', 'Upheld', ''),
        ['ombudsmanOutcomeOn', 'invalid'],
      ],
    ])('refuse %s, saying which', (_, cells, expected) => {
      expect(problems(check(cells))).toEqual([expected]);
    });

    it.each([
      ['an unknown product', withReturn(0, 'Car loan'), ['returnProduct', 'unknown-product']],
      ['an unknown cause', withReturn(1, 'Weather'), ['returnCause', 'unknown-cause']],
      [
        'a reportable cell that is neither yes nor no',
        withReturn(2, 'maybe'),
        ['reportable', 'unknown-value'],
      ],
      ['an unknown complainant type', withReturn(3, 'Charity'), ['complainantType', 'unknown-value']],
      ['a postcode that is not one', withReturn(4, 'SW1A-1AA!'), ['postcode', 'invalid']],
      ['an amount that is not one', withReturn(5, 'about £50'), ['redressAmount', 'bad-amount']],
      ['an ambiguous amount', withReturn(5, '1.250'), ['redressAmount', 'ambiguous-amount']],
      ['an ambiguous amount with a dot', withReturn(5, '£1.250'), ['redressAmount', 'ambiguous-amount']],
      ['badly grouped thousands', withReturn(5, '12,50.00'), ['redressAmount', 'bad-amount']],
      ['more than two decimals', withReturn(5, '12.5000'), ['redressAmount', 'bad-amount']],
      ['a zero amount', withReturn(5, '0.00'), ['redressAmount', 'amount-not-positive']],
      ['a negative amount', withReturn(5, '-£40'), ['redressAmount', 'amount-not-positive']],
      ['an amount in brackets', withReturn(5, '(40.00)'), ['redressAmount', 'amount-not-positive']],
      ['an amount in another currency', withReturn(5, '€40'), ['redressAmount', 'amount-other-currency']],
      ['an amount over the most a payment may be', withReturn(5, '100000001'), ['redressAmount', 'invalid']],
      ['an amount without a paid date', withReturn(6, ''), ['redressAmount', 'redress-needs-date']],
      ['a paid date without an amount', withReturn(5, ''), ['redressPaidOn', 'redress-needs-amount']],
      [
        'a remedy type without an amount or date',
        ['', '', '', '', '', '', '', 'Refund', ''],
        ['redressType', 'redress-needs-amount'],
      ],
      ['an amount without a remedy type', withReturn(7, ''), ['redressType', 'redress-needs-type']],
      ['a paid date that is not a date', withReturn(6, 'last week'), ['redressPaidOn', 'bad-date']],
      ['a paid date before receipt', withReturn(6, '01/03/2024'), ['redressPaidOn', 'before-received']],
      ['a paid date in the future', withReturn(6, '01/01/2030'), ['redressPaidOn', 'in-future']],
      ['an unknown remedy type', withReturn(7, 'Flowers'), ['redressType', 'unknown-remedy']],
      ['an unknown ASIC outcome', withReturn(8, 'Won'), ['asicOutcome', 'unknown-value']],
    ])('refuse %s, saying which', (_, cells, expected) => {
      expect(problems(check(cells))).toEqual([expected]);
    });

    it('read a lone separator before three digits as the office’s locale groups thousands', () => {
      const german = (cell: string) =>
        check(withReturn(5, cell), { ...ctx, currency: 'EUR', groupSeparator: '.' });
      expect(german('1.250')).toMatchObject({
        ok: true,
        row: { returnData: { redress: [{ amount: 1250 }] } },
      });
      expect(problems(german('1,250'))).toEqual([['redressAmount', 'ambiguous-amount']]);
      expect(german('1,25')).toMatchObject({
        ok: true,
        row: { returnData: { redress: [{ amount: 1.25 }] } },
      });
      // An office writing thousands with a space settles neither.
      const french = (cell: string) =>
        check(withReturn(5, cell), { ...ctx, currency: 'EUR', groupSeparator: ' ' });
      expect(problems(french('1,250'))).toEqual([['redressAmount', 'ambiguous-amount']]);
      expect(problems(french('1.250'))).toEqual([['redressAmount', 'ambiguous-amount']]);
    });

    it.each([
      ['en-GB', ','],
      ['en-AU', ','],
      ['de-DE', '.'],
      ['fr-FR', ' '],
    ])('know how %s groups thousands', (locale, group) => {
      expect(groupSeparatorOf(locale)).toBe(group);
    });

    it('name the currency an amount must be in', () => {
      const r = check(withReturn(5, 'AUD 40'));
      expect(r.ok ? null : r.problems).toEqual([
        { field: 'redressAmount', code: 'amount-other-currency', value: 'AUD 40', detail: 'GBP' },
      ]);
    });

    it('take the ASIC outcome by its id or label, and the legacy spellings of the other values', () => {
      const outcome = (cell: string) => {
        const r = check(withReturn(8, cell));
        return r.ok ? r.row.returnData?.asicOutcome : r.problems;
      };
      expect(outcome('partial-complainant-favour')).toBe('partial-complainant-favour');
      expect(outcome('In the complainant’s favour')).toBe('complainant-favour');
      expect(outcome('Withdrawn by the complainant')).toBe('withdrawn');
      const typed = (i: number, cell: string) => {
        const r = check(withReturn(i, cell));
        return r.ok ? r.row.returnData : r.problems;
      };
      expect(typed(3, 'Small Business')).toMatchObject({ complainantType: 'small-business' });
      expect(typed(3, 'micro-enterprise')).toMatchObject({ complainantType: 'small-business' });
      expect(typed(7, 'D&I')).toMatchObject({ redress: [{ type: 'compensation' }] });
      expect(typed(7, 'Goodwill gesture')).toMatchObject({ redress: [{ type: 'goodwill' }] });
      expect(typed(2, '')).toMatchObject({ reportable: true });
      expect(typed(0, 'savings')).toMatchObject({ productId: 'savings' });
    });

    it('record nothing for a row whose return cells are all empty, as for a file without them', () => {
      const r = check(['', '', '', '', '', '', '', '', '']);
      const without = checkImportRow(good, mapping, ctx);
      expect(r).toEqual(without);
      expect(r).toMatchObject({ ok: true, row: { returnData: null } });
    });
  });

  it('lists every problem of a row, not just the first', () => {
    expect(problemsOf(['L-9', 'soon', '', '', 'Parking', '', '', ''])).toEqual([
      ['name', 'missing'],
      ['description', 'missing'],
      ['receivedAt', 'bad-date'],
      ['category', 'unknown-category'],
      // No e-mail, phone or address: some way of reaching them is needed.
      ['address', 'no-contact'],
    ]);
  });

  it('asks for any way of reaching the complainant when the row gives none, and for the one a stated preference names', () => {
    const noEmail = withCell(3, '');
    expect(problemsOf(noEmail)).toEqual([['address', 'no-contact']]);
    // Any one of them will do, as at intake: the first the row gives is the preferred way.
    const contactHeader = [...HEADER, 'Phone', 'Address', 'Preferred contact'];
    const contactMapping = guessMapping(contactHeader);
    const withContact = (phone: string, address: string, preferred = '') =>
      checkImportRow([...noEmail, phone, address, preferred], contactMapping, ctx);
    expect(withContact('01632 960000', '')).toMatchObject({
      ok: true,
      row: { input: { complainant: { preferredContact: 'phone' } } },
    });
    expect(withContact('', '1 High St')).toMatchObject({
      ok: true,
      row: { input: { complainant: { preferredContact: 'letter' } } },
    });
    // Letters preferred but no address given: that address is what is missing.
    const stated = withContact('01632 960000', '', 'Letter');
    expect(stated.ok ? [] : stated.problems.map((p) => [p.field, p.code])).toEqual([['address', 'missing']]);
  });

  it('knows whether a mapping gives any column for reaching the complainant', () => {
    expect(mapsContact(mapping)).toBe(true);
    expect(mapsContact({ ...mapping, email: -1 })).toBe(false);
    expect(mapsContact({ ...mapping, email: -1, phone: 2 })).toBe(true);
  });

  it('reads the same date cell alike on every row, and anew when the order or zone changes', () => {
    const dates = { ...ctx };
    const receivedOf = (cells: string[], c: ImportContext) => {
      const r = checkImportRow(cells, mapping, c);
      return r.ok ? r.row.input.receivedAt : r.problems;
    };
    expect(receivedOf(good, dates)).toBe('2024-03-02T00:00:00.000Z');
    expect(receivedOf(good, dates)).toBe('2024-03-02T00:00:00.000Z');
    dates.dateOrder = 'mdy';
    expect(receivedOf(good, dates)).toBe('2024-02-03T00:00:00.000Z');
    dates.timeZone = 'America/New_York';
    expect(receivedOf(good, dates)).toBe('2024-02-03T05:00:00.000Z');
    expect(receivedOf(withCell(1, '31/02/2024'), { ...ctx })).toEqual([
      expect.objectContaining({ field: 'receivedAt', code: 'bad-date' }),
    ]);
  });

  it("finds a category and subcategory in the office's spelling, the first of two that read alike", () => {
    const taxonomy = [
      { category: 'Billing – Fees', subcategories: ['Late fee', 'LATE FEE!'] },
      { category: 'billing fees', subcategories: ['Other'] },
    ];
    const cells = withCell(4, 'BILLING FEES');
    cells[5] = 'Late Fee';
    const found = checkImportRow(cells, mapping, { ...ctx, taxonomy });
    expect(found.ok && [found.row.input.category, found.row.input.subcategory]).toEqual([
      'Billing – Fees',
      'Late fee',
    ]);
    cells[5] = 'Early fee';
    expect(checkImportRow(cells, mapping, { ...ctx, taxonomy })).toMatchObject({
      ok: false,
      problems: [{ field: 'subcategory', code: 'unknown-subcategory' }],
    });
  });
});

describe('neutralizeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['Ann', 'Ann'],
    ['', ''],
  ])('%j → %j', (v, expected) => expect(neutralizeCell(v)).toBe(expected));
});
