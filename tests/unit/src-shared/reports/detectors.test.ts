import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_PATTERNS, SettingsPatchSchema } from '../../../../src-shared/domain/settings';
import { luhn } from '../../../../src-shared/reports/detectors';
import { fold } from '../../../../src-shared/reports/fold';
import { createRedactor, joinPlaceholder } from '../../../../src-shared/reports/redact';

const r = createRedactor([], [], { patterns: DEFAULT_REFERENCE_PATTERNS });

describe('fold', () => {
  it.each([
    ['Zoë Đặng', 'zoe dang'],
    ['Straße', 'strasse'],
    ['Łukasz', 'lukasz'],
    ['Søren Ørsted', 'soren orsted'],
    ['Nguyễn', 'nguyen'],
    ['Ngũgĩ wa Thiong’o', "ngugi wa thiong'o"],
    ['王小明', '王小明'],
  ])('%s folds to %s', (text, folded) => expect(fold(text)).toBe(folded));
});

describe('detectors', () => {
  it.each([
    ['Postcode LS6 2QT here', 'Postcode [postcode] here'],
    ['lives at 221 Pine Avenue, Springfield, IL 62704', 'lives at [address], Springfield, IL [postcode]'],
    ['5 George Street, Sydney NSW 2000', '[address], Sydney NSW [postcode]'],
    ['card 4539 1488 0343 6467 charged', 'card [card number] charged'],
    ['IBAN GB33BUKB20201555555555', 'IBAN [account]'],
    ['born on 3 March 1984 in Hull', 'born on [date of birth] in Hull'],
    ['DOB: 03/03/1984', 'DOB: [date of birth]'],
    ['customer file ZD-4471', 'customer file [reference]'],
    ['Lan Nguyễn (sister) will come', '[name] (sister) will come'],
    ['Ask Lan Nguyễn to confirm', 'Ask [name] to confirm'],
    ['my sister Lan will come', 'my sister [name] will come'],
    ['Dear Mrs Okafor,', 'Dear Mrs [name],'],
    // Months written the ISO way are dates, not account numbers.
    ['Due in 2026-12, reviewed in 2027-01.', 'Due in 2026-12, reviewed in 2027-01.'],
  ])('%s → %s', (text, out) => expect(r.text(text)).toBe(out));

  it.each([
    'We paid 2000 GBP in 2026 and 450 in March.',
    'Case CMP-2026-000042 was opened on 2026-03-02.',
    'The payment of £1,250.00 reached the branch at 10:30.',
    'A 16-digit number that fails Luhn: 1234 5678 9012 3456 is an account number.',
    'The Payments Team and the Customer Relations office replied.',
    'Under section 12 of the agreement, 5 working days apply.',
  ])('leaves ordinary text alone: %s', (text) => {
    const out = r.text(text);
    expect(out.replace('[number]', '')).not.toMatch(/\[(?!number)/);
  });

  it('checks card numbers with Luhn', () => {
    expect(luhn('4539148803436467')).toBe(true);
    expect(luhn('1234567890123456')).toBe(false);
  });

  it('reports each hit with its kind and where it was', () => {
    const rr = createRedactor([{ name: 'Zoë Đặng', as: 'Complainant', inText: 'the complainant' }], []);
    rr.text('zoe dang called from LS6 2QT', 'case.description');
    expect(rr.hits).toEqual([
      { term: 'zoe dang', kind: 'name', replacement: 'the complainant', where: 'case.description' },
      { term: 'LS6 2QT', kind: 'postcode', replacement: '[postcode]', where: 'case.description' },
    ]);
  });
});

describe('placeholders read naturally', () => {
  it.each([
    ['Witness ', 'Witness 1', 'Witness 1'],
    ['the witness ', 'Witness 1', 'Witness 1'],
    ['I am ', 'the complainant', 'I am the complainant'],
    ['', 'the complainant', 'The complainant'],
    ['Fine. ', 'the complainant', 'Fine. The complainant'],
    ['the complainant ', 'the complainant', 'the complainant'],
    ['Dear Ms ', 'the complainant', 'Dear Complainant'],
  ])('%j + %j → %j', (before, placeholder, out) => expect(joinPlaceholder(before, placeholder)).toBe(out));
});

describe('the office’s file-number patterns', () => {
  // Checked in full when saved; a stored file is only checked for shape (see the settings store).
  const check = (patterns: string[]) => SettingsPatchSchema.safeParse({ redactionPatterns: patterns });
  it('accepts the default and refuses invalid or empty-matching patterns when saved', () => {
    expect(check(DEFAULT_REFERENCE_PATTERNS).success).toBe(true);
    expect(check(['POL-[0-9']).error?.issues[0]?.message).toBe(
      'This is not a valid pattern (a regular expression).',
    );
    expect(check(['\\d*']).error?.issues[0]?.message).toBe('This pattern matches empty text.');
  });
});
