// What the regulators' returns need to know about a complaint, and the codes they count it under.
//
// Sources, and how far each value here was checked against one (read 2026-12-04 through stored
// copies of public pages; no live fetch was possible, so an office must check these lists against
// the regulator's current publication before each return, and edits its own lists in Settings):
//
// FCA (UK)
// - DISP 1.10 (complaints reporting rules, FCA Handbook, version last updated 07/04/2026): twice a
//   year a firm reports complaints from eligible complainants in the format of DISP 1 Annex 1R.
// - Product/service groupings: CONFIRMED. The five names below are the ones the FCA publishes its
//   aggregate complaints data under ("Banking and credit cards", "Decumulation & pensions",
//   "Home finance", "Insurance & pure protection", "Investments": FCA aggregate complaints data
//   2024 H2, via data.gov.uk) and a firm's own DISP 1 Annex 1B publication (Scottish Friendly,
//   January to June 2016), which lists a sixth row, "Credit related", for consumer credit business:
//   that grouping is not offered here (this app does not produce the credit-related table).
// - Cause categories: NOT CONFIRMED from a source read. The five categories below ("Advising,
//   selling and arranging", "Terms and disputed sums/charges", "General admin/customer service",
//   "Arrears related", "Other") are the Annex 1R headings as the issue brief quotes them; no
//   stored copy of the Annex 1R table itself could be read to check that wording.
// - Payment services: DISP 1 Annex 1AD (electronic money and payment services complaints return
//   form) with its notes, DISP 1 Annex 1AA (version as on 2024-02-27, read): complaints go to the
//   service grouping they most closely relate to, and e-money issuing/redemption has its own
//   grouping. The 15 / 35 business-day split is the payment services reply deadline; the Annex
//   1AD service groupings themselves are NOT listed here (the return counts by timeliness only).
// - Upheld counts partly upheld complaints (firms' published notes on "upheld" say a complaint
//   upheld in part is reported as upheld).
//
// ASIC (Australia)
// - RG 271 Internal dispute resolution, and ASIC's IDR data dictionary: drafts of May 2019
//   (attachment 2 to CP 311) and December 2020 (attachment 2 to 20-327MR), and the pilot version
//   of July 2021 (21-177MR) with its data glossary. Reporting periods are 1 January – 30 June and
//   1 July – 31 December; the first mandatory period was 1 January – 30 June 2023.
// - The dictionary's data elements (read): a unique complaint identifier, brand, type of complaint,
//   gender, age and postcode (demographics optional to report), status, how received, dates
//   received and closed, days to resolve, product or service, issue, outcome.
// - Codes: NOT CONFIRMED. The dictionary's "Appendix: Codes reference tables" (its contents name
//   "Product or service" and "Complaint issue" tables, among others) could not be read in any stored
//   copy, so the ASIC product, issue and outcome values below remain descriptive ids of our own,
//   not ASIC's numbered codes. The ASIC IDR CSV export writes these ids; before lodging, an office
//   must map them to the dictionary version in force. Do not replace them with remembered codes:
//   replace them from the dictionary itself, with a Dexie upgrade (or a map on read) for the ids
//   already stored in cases and settings.
import { z } from 'zod';
import type { Finding } from './findings';
import { amountPrecisionProblem } from './money';

// ── FCA DISP 1 Annex 1R ───────────────────────────────────────────────────────────────────────
export const FCA_PRODUCT_GROUPS = [
  'banking-credit-cards',
  'home-finance',
  'insurance-pure-protection',
  'decumulation-pensions',
  'investments',
] as const;
export type FcaProductGroup = (typeof FCA_PRODUCT_GROUPS)[number];

export const FCA_CAUSES = [
  'advising-selling-arranging',
  'terms-disputed-sums-charges',
  'general-admin-customer-service',
  'arrears',
  'other',
] as const;
export type FcaCause = (typeof FCA_CAUSES)[number];

// ── ASIC IDR data dictionary ──────────────────────────────────────────────────────────────────
export const ASIC_PRODUCTS = [
  'deposit-taking',
  'credit-cards',
  'home-loans',
  'personal-loans',
  'small-business-loans',
  'general-insurance',
  'life-insurance',
  'superannuation',
  'investments',
  'payment-systems',
  'financial-advice',
  'other',
] as const;
export type AsicProduct = (typeof ASIC_PRODUCTS)[number];

export const ASIC_ISSUES = [
  'advice',
  'charges',
  'customer-service',
  'financial-difficulty',
  'instructions',
  'privacy-confidentiality',
  'scams-fraud',
  'service-quality',
  'transactions',
  'other',
] as const;
export type AsicIssue = (typeof ASIC_ISSUES)[number];

export const ASIC_OUTCOMES = [
  'complainant-favour',
  'partial-complainant-favour',
  'firm-favour',
  'withdrawn',
  'referred-elsewhere',
] as const;
export type AsicOutcome = (typeof ASIC_OUTCOMES)[number];

// ── The office's lists (Settings) ─────────────────────────────────────────────────────────────
const listId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Use lower-case letters, digits and hyphens.');
const listName = z.string().trim().min(1, 'Enter a name.').max(200, 'Use at most 200 characters.');

/** One of the office's products, and where each regulator counts it. */
export const RegulatoryProductSchema = z.object({
  id: listId,
  name: listName,
  fcaGroup: z.enum(FCA_PRODUCT_GROUPS, { error: 'Choose the FCA product group.' }),
  asicProduct: z.enum(ASIC_PRODUCTS, { error: 'Choose the ASIC product or service.' }),
});
export type RegulatoryProduct = z.output<typeof RegulatoryProductSchema>;

/** One complaint cause, and where each regulator counts it. */
export const ComplaintCauseSchema = z.object({
  id: listId,
  name: listName,
  fcaCause: z.enum(FCA_CAUSES, { error: 'Choose the FCA cause category.' }),
  asicIssue: z.enum(ASIC_ISSUES, { error: 'Choose the ASIC issue.' }),
});
export type ComplaintCause = z.output<typeof ComplaintCauseSchema>;

/** A list whose ids are unique: a case stores the id, so two entries must never share one. */
const uniqueIds = <T extends z.ZodType<{ id: string }>>(item: T) =>
  z
    .array(item)
    .max(300, 'Use at most 300 entries.')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      for (const [i, entry] of list.entries()) {
        if (seen.has(entry.id))
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Each entry needs its own id.' });
        seen.add(entry.id);
      }
    });
export const RegulatoryProductListSchema = uniqueIds(RegulatoryProductSchema);
export const ComplaintCauseListSchema = uniqueIds(ComplaintCauseSchema);

export const DEFAULT_REGULATORY_PRODUCTS: RegulatoryProduct[] = [
  {
    id: 'current-account',
    name: 'Current account',
    fcaGroup: 'banking-credit-cards',
    asicProduct: 'deposit-taking',
  },
  {
    id: 'savings',
    name: 'Savings and cash ISA',
    fcaGroup: 'banking-credit-cards',
    asicProduct: 'deposit-taking',
  },
  { id: 'credit-card', name: 'Credit card', fcaGroup: 'banking-credit-cards', asicProduct: 'credit-cards' },
  {
    id: 'personal-loan',
    name: 'Personal loan',
    fcaGroup: 'banking-credit-cards',
    asicProduct: 'personal-loans',
  },
  {
    id: 'payments',
    name: 'Payments and transfers',
    fcaGroup: 'banking-credit-cards',
    asicProduct: 'payment-systems',
  },
  { id: 'mortgage', name: 'Mortgage', fcaGroup: 'home-finance', asicProduct: 'home-loans' },
  {
    id: 'general-insurance',
    name: 'General insurance',
    fcaGroup: 'insurance-pure-protection',
    asicProduct: 'general-insurance',
  },
  {
    id: 'life-protection',
    name: 'Life and protection',
    fcaGroup: 'insurance-pure-protection',
    asicProduct: 'life-insurance',
  },
  { id: 'pension', name: 'Pension', fcaGroup: 'decumulation-pensions', asicProduct: 'superannuation' },
  { id: 'investment', name: 'Investment', fcaGroup: 'investments', asicProduct: 'investments' },
];

export const DEFAULT_COMPLAINT_CAUSES: ComplaintCause[] = [
  { id: 'advice-sale', name: 'Advice or sale', fcaCause: 'advising-selling-arranging', asicIssue: 'advice' },
  {
    id: 'fees-charges',
    name: 'Fees, charges or terms',
    fcaCause: 'terms-disputed-sums-charges',
    asicIssue: 'charges',
  },
  {
    id: 'service',
    name: 'Service or administration',
    fcaCause: 'general-admin-customer-service',
    asicIssue: 'service-quality',
  },
  {
    id: 'transaction',
    name: 'Transaction or instruction',
    fcaCause: 'general-admin-customer-service',
    asicIssue: 'transactions',
  },
  { id: 'arrears', name: 'Arrears or hardship', fcaCause: 'arrears', asicIssue: 'financial-difficulty' },
  { id: 'fraud', name: 'Fraud or scam', fcaCause: 'other', asicIssue: 'scams-fraud' },
  { id: 'privacy', name: 'Privacy', fcaCause: 'other', asicIssue: 'privacy-confidentiality' },
  { id: 'other', name: 'Other', fcaCause: 'other', asicIssue: 'other' },
];

// ── What a case records for the returns ───────────────────────────────────────────────────────
export const COMPLAINANT_TYPES = ['individual', 'small-business'] as const;
export type ComplainantType = (typeof COMPLAINANT_TYPES)[number];

export const GENDERS = ['female', 'male', 'other', 'not-stated'] as const;
export const AGE_BANDS = [
  'under-25',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-74',
  '75-plus',
  'not-stated',
] as const;

export const OMBUDSMAN_OUTCOMES = [
  'pending',
  'complainant-favour',
  'firm-favour',
  'settled',
  'not-considered',
] as const;
export type OmbudsmanOutcome = (typeof OMBUDSMAN_OUTCOMES)[number];

/** The remedy types redress can be paid as (resolution.ts's money-moving remedies). */
export const REDRESS_TYPES = ['refund', 'credit', 'goodwill', 'compensation', 'interest'] as const;
export type RedressType = (typeof REDRESS_TYPES)[number];

// Payments and referrals are dated by the office's calendar day, as the paperwork says them.
const day = (what: string) => z.iso.date({ error: `Enter ${what}.` });

export const RedressPaymentSchema = z
  .object({
    type: z.enum(REDRESS_TYPES, { error: 'Choose the remedy type.' }),
    amount: z
      .number({ error: 'Enter the amount paid, in figures.' })
      .positive('Enter an amount above 0.')
      .max(100_000_000, 'Use at most 100,000,000.'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as GBP.'),
    paidOn: day('the date it was paid'),
  })
  .superRefine((p, ctx) => {
    const problem = amountPrecisionProblem(p.amount, p.currency);
    if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
  });
export type RedressPayment = z.output<typeof RedressPaymentSchema>;

export const OmbudsmanReferralSchema = z.object({
  referredOn: day('when the complaint was referred'),
  outcome: z.enum(OMBUDSMAN_OUTCOMES, { error: 'Choose the outcome.' }),
  outcomeOn: day('when the outcome was known').nullable(),
});
export type OmbudsmanReferral = z.output<typeof OmbudsmanReferralSchema>;

/** What an officer records on a case for the returns. Empty strings mean "not recorded yet". */
export const CaseReturnDataSchema = z
  .object({
    productId: z.string().max(60),
    causeId: z.string().max(60),
    /** Whether the complaint is reportable (an eligible complainant under DISP 2.7 / RG 271). */
    reportable: z.boolean(),
    complainantType: z.enum(COMPLAINANT_TYPES, { error: 'Choose individual or small business.' }),
    postcode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z0-9][A-Z0-9 ]{1,8}[A-Z0-9])?$/, 'Enter a postcode such as SW1A 1AA or 2000.'),
    gender: z.enum([...GENDERS, '']),
    ageBand: z.enum([...AGE_BANDS, '']),
    /** ASIC outcome; '' derives it from the finding (asicOutcomeOf). */
    asicOutcome: z.enum([...ASIC_OUTCOMES, '']),
    redress: z.array(RedressPaymentSchema).max(50, 'Record at most 50 payments.'),
    ombudsman: OmbudsmanReferralSchema.nullable(),
  })
  .superRefine((d, ctx) => {
    const referral = d.ombudsman;
    if (referral?.outcomeOn && referral.outcomeOn < referral.referredOn)
      ctx.addIssue({
        code: 'custom',
        path: ['ombudsman', 'outcomeOn'],
        message: 'The outcome cannot come before the referral.',
      });
    if (referral && referral.outcome !== 'pending' && !referral.outcomeOn)
      ctx.addIssue({
        code: 'custom',
        path: ['ombudsman', 'outcomeOn'],
        message: 'Enter when the outcome was known.',
      });
  });
export type CaseReturnDataInput = z.input<typeof CaseReturnDataSchema>;
export type CaseReturnData = z.output<typeof CaseReturnDataSchema>;

export const emptyReturnData = (): CaseReturnData => ({
  productId: '',
  causeId: '',
  reportable: true,
  complainantType: 'individual',
  postcode: '',
  gender: '',
  ageBand: '',
  asicOutcome: '',
  redress: [],
  ombudsman: null,
});

/** FCA counts a complaint upheld when it is upheld in whole or in part (DISP 1 Annex 1R notes). */
export const fcaUpheld = (finding: Finding | null): boolean | null =>
  finding === null ? null : finding !== 'not-upheld';

/** The ASIC outcome: as recorded, else from the finding (withdrawn cases say so); null when unknown. */
export function asicOutcomeOf(c: {
  finding: Finding | null;
  status: string;
  returnData?: Pick<CaseReturnData, 'asicOutcome'> | null;
}): AsicOutcome | null {
  if (c.returnData?.asicOutcome) return c.returnData.asicOutcome;
  if (c.status === 'withdrawn') return 'withdrawn';
  const byFinding: Record<Finding, AsicOutcome> = {
    upheld: 'complainant-favour',
    'partially-upheld': 'partial-complainant-favour',
    'not-upheld': 'firm-favour',
  };
  return c.finding ? byFinding[c.finding] : null;
}

/**
 * What the office's lists refuse in recorded return data, or null: a product or cause must be one
 * of Settings' entries (an id removed since stays readable on old cases, but is not chosen anew).
 */
export function returnDataListProblem(
  data: Pick<CaseReturnData, 'productId' | 'causeId'>,
  lists: { products: readonly { id: string }[]; causes: readonly { id: string }[] },
  before?: Pick<CaseReturnData, 'productId' | 'causeId'> | null,
): { field: 'productId' | 'causeId'; message: string } | null {
  const known = (id: string, list: readonly { id: string }[], was?: string) =>
    !id || id === was || list.some((e) => e.id === id);
  if (!known(data.productId, lists.products, before?.productId))
    return { field: 'productId', message: 'Choose a product from the list in Settings.' };
  if (!known(data.causeId, lists.causes, before?.causeId))
    return { field: 'causeId', message: 'Choose a cause from the list in Settings.' };
  return null;
}

/** A new list entry's id from its name (cases store the id, so it never changes after): unique in `taken`. */
export function listIdFor(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'entry';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * A list as saved from Settings: an entry added there (id '') gets its id from its name, once, unique
 * in the list; an existing entry keeps its id, as cases store it.
 */
export function withListIds<T extends { id: string; name: string }>(list: readonly T[]): T[] {
  const taken = list.map((e) => e.id).filter(Boolean);
  return list.map((e) => {
    if (e.id) return e;
    const id = listIdFor(e.name, taken);
    taken.push(id);
    return { ...e, id };
  });
}

/**
 * Entries whose name another entry of the list already has (ignoring case and spaces at the ends):
 * an officer choosing from the list could not tell them apart. Checked when a list is saved, not when
 * settings.json is read, so a file written before the check still opens.
 */
export function duplicateListNames(list: readonly { name: string }[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  for (const [i, entry] of list.entries()) {
    const key = entry.name.trim().toLocaleLowerCase();
    if (!key) continue;
    if (seen.has(key)) repeated.push(i);
    seen.add(key);
  }
  return repeated;
}
