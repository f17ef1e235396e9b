import { describe, expect, it } from 'vitest';
import {
  checkImportRow,
  fitMapping,
  guessMapping,
  headerSignature,
  neutralizeCell,
  parseImportDate,
  type ImportContext,
} from '../../../../src-shared/domain/case-import';
import { DEFAULT_TAXONOMY } from '../../../../src-shared/domain/taxonomy';

const now = new Date('2026-06-01T12:00:00Z');
const ctx: ImportContext = {
  taxonomy: DEFAULT_TAXONOMY,
  timeZone: 'Europe/London',
  dateOrder: 'dmy',
  defaultRegime: 'uk-fca-general',
  now,
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

  it('lists every problem of a row, not just the first', () => {
    expect(problemsOf(['L-9', 'soon', '', '', 'Parking', '', '', ''])).toEqual([
      ['name', 'missing'],
      ['description', 'missing'],
      ['receivedAt', 'bad-date'],
      ['category', 'unknown-category'],
      // No e-mail or phone: intake then needs a postal address to reply to.
      ['address', 'missing'],
    ]);
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
