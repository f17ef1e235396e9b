import { z } from 'zod';

/** The longest category or subcategory name. */
const NAME_MAX = 100;

/** The office's complaint categories, each with its subcategories. Configurable in Settings. */
export const TaxonomySchema = z
  .array(
    z.object({
      category: z
        .string()
        .trim()
        .min(1, 'Name the category.')
        .max(NAME_MAX, `Use at most ${NAME_MAX} characters for a category.`),
      subcategories: z
        .array(
          z
            .string()
            .trim()
            .min(1, 'Name the subcategory.')
            .max(NAME_MAX, `Use at most ${NAME_MAX} characters for a subcategory.`),
        )
        .max(100, 'Use at most 100 subcategories in a category.'),
    }),
  )
  .min(1, 'Keep at least one category.')
  .max(200, 'Use at most 200 categories.')
  .refine(
    (list) => new Set(list.map((c) => c.category.toLowerCase())).size === list.length,
    'Two categories have the same name.',
  );
export type Taxonomy = z.output<typeof TaxonomySchema>;

/** A starting point for a financial-services office; every office edits it. */
export const DEFAULT_TAXONOMY: Taxonomy = [
  {
    category: 'Charges and fees',
    subcategories: ['Unexpected fee', 'Interest', 'Double charge', 'Refund delay'],
  },
  { category: 'Service', subcategories: ['Staff conduct', 'Waiting time', 'No reply', 'Branch or office'] },
  { category: 'Products', subcategories: ['Mis-sold', 'Terms changed', 'Product fault'] },
  {
    category: 'Payments',
    subcategories: ['Failed payment', 'Fraud or scam', 'Card blocked', 'Transfer delay'],
  },
  { category: 'Accounts', subcategories: ['Opening', 'Closure', 'Statements', 'Identity checks'] },
  { category: 'Digital channels', subcategories: ['App', 'Website', 'Online banking outage'] },
  { category: 'Claims', subcategories: ['Claim declined', 'Claim delay', 'Settlement amount'] },
  { category: 'Data and privacy', subcategories: ['Data breach', 'Marketing consent', 'Access request'] },
  { category: 'Other', subcategories: [] },
];

export function isKnownCategory(taxonomy: Taxonomy, category: string, subcategory?: string): boolean {
  const entry = taxonomy.find((c) => c.category === category);
  if (!entry) return false;
  return !subcategory || entry.subcategories.includes(subcategory);
}

/** One line per category: `Category: Sub one, Sub two`. A plain format any officer can edit. */
export function taxonomyToText(taxonomy: Taxonomy): string {
  return taxonomy
    .map((c) => (c.subcategories.length ? `${c.category}: ${c.subcategories.join(', ')}` : c.category))
    .join('\n');
}

/** The text form of the taxonomy, read line by line and checked as TaxonomySchema checks it. */
export const TaxonomyTextSchema = z
  .string()
  .transform((text, ctx) => {
    const taxonomy: Taxonomy = [];
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.trim();
      if (!line) continue;
      const colon = line.indexOf(':');
      const category = (colon === -1 ? line : line.slice(0, colon)).trim();
      const subs =
        colon === -1
          ? []
          : line
              .slice(colon + 1)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
      if (!category) {
        ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: name the category before the colon.` });
        return z.NEVER;
      }
      // Said with the line: the list's own refusal can name only the category's place in it.
      if ([category, ...subs].some((name) => name.length > NAME_MAX)) {
        ctx.addIssue({
          code: 'custom',
          message: `Line ${i + 1}: use at most ${NAME_MAX} characters for each name.`,
        });
        return z.NEVER;
      }
      taxonomy.push({ category, subcategories: subs });
    }
    return taxonomy;
  })
  .pipe(TaxonomySchema);
