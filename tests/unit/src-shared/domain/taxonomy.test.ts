import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TAXONOMY,
  TaxonomySchema,
  TaxonomyTextSchema,
  taxonomyToText,
} from '../../../../src-shared/domain/taxonomy';

const messages = (text: string) => TaxonomyTextSchema.safeParse(text).error?.issues.map((i) => i.message);

describe('the categories typed as text', () => {
  it('reads one category a line, its subcategories after a colon, skipping blank lines', () => {
    expect(TaxonomyTextSchema.parse('Billing: Late fee, Refund,\n\n  Service  \n')).toEqual([
      { category: 'Billing', subcategories: ['Late fee', 'Refund'] },
      { category: 'Service', subcategories: [] },
    ]);
  });

  it('reads back what it wrote', () => {
    expect(TaxonomyTextSchema.parse(taxonomyToText(DEFAULT_TAXONOMY))).toEqual(DEFAULT_TAXONOMY);
  });

  it.each([
    ['Billing\n: Refund', ['Line 2: name the category before the colon.']],
    ['Billing\nbilling: Refund', ['Two categories have the same name.']],
    ['\n  \n', ['Keep at least one category.']],
    [`Billing\n\n${'x'.repeat(101)}: Refund`, ['Line 3: use at most 100 characters for each name.']],
    [`Billing: Refund, ${'y'.repeat(101)}`, ['Line 1: use at most 100 characters for each name.']],
  ])('refuses %j', (text, expected) => {
    expect(messages(text)).toEqual(expected);
  });
});

describe('the categories as stored', () => {
  it('says its limits in words', () => {
    const messages = (value: unknown) => TaxonomySchema.safeParse(value).error?.issues.map((i) => i.message);
    expect(messages([{ category: 'x'.repeat(101), subcategories: [] }])).toEqual([
      'Use at most 100 characters for a category.',
    ]);
    expect(
      messages([{ category: 'Billing', subcategories: Array.from({ length: 101 }, (_, i) => `s${i}`) }]),
    ).toEqual(['Use at most 100 subcategories in a category.']);
  });
});
