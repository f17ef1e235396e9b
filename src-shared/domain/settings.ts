import { DEFAULT_EMERGING_SETTINGS, EMERGING_SENSITIVITIES } from '../analytics/emerging';
import { z } from 'zod';
import { REGIME_IDS, SEVERITIES, type Severity } from './case';
import { DEFAULT_SLA_TARGETS, type SlaTargets } from './deadlines';
import { DEFAULT_ROOT_CAUSES, RootCauseTaxonomySchema } from './investigation';
import { ApprovalRulesSchema, DEFAULT_APPROVAL_RULES } from './resolution';
import { DEFAULT_TAXONOMY, TaxonomySchema } from './taxonomy';
import {
  ComplaintCauseListSchema,
  DEFAULT_COMPLAINT_CAUSES,
  duplicateListNames,
  DEFAULT_REGULATORY_PRODUCTS,
  RegulatoryProductListSchema,
} from './regulatory-codes';
import { DEFAULT_REFERENCE_PATTERNS } from '../reports/reference-patterns';
import { dataUrlBytes, logoSizeProblem } from './image-size';
import { redactionPatternProblem } from './redaction-patterns';

export { DEFAULT_REFERENCE_PATTERNS };

/** Office-wide settings, kept by the main process in `<dataDir>/settings.json`. */
function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A whole number typed into a box: an empty or unreadable box (NaN) is asked for again. */
const whole = (min: number, max: number, unit = '') =>
  z
    .number({ error: 'Enter a number.' })
    .int('Use a whole number.')
    .min(min, `Use ${min}${unit} or more.`)
    .max(max, `Use at most ${max}${unit}.`);

const DurationSchema = z.object({
  amount: whole(0, 365),
  unit: z.enum(['business-days', 'calendar-days']),
});

export const THEMES = ['system', 'light', 'dark'] as const;

/** Letterhead logo: a PNG or JPEG as a data URL, about 500 KB at most once decoded. */
export const MAX_LOGO_DATA_URL = 700_000;
const LOGO_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/;
export const LogoDataUrlSchema = z
  .string()
  .max(MAX_LOGO_DATA_URL, 'The logo is too large: use an image under 500 KB.')
  .regex(LOGO_DATA_URL, 'The logo must be a PNG or JPEG image.')
  // Bytes say little about memory: the pixel count does, read from the header without decoding.
  .superRefine((url, ctx) => {
    if (!LOGO_DATA_URL.test(url)) return; // told above
    let problem: string | null;
    try {
      problem = logoSizeProblem(dataUrlBytes(url));
    } catch {
      problem = 'The logo must be a PNG or JPEG image.';
    }
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const fields = {
  officeName: z
    .string()
    .trim()
    .min(1, 'Enter the name of your office.')
    .max(200, 'Use at most 200 characters.'),
  officeAddress: z.string().max(1000, 'Use at most 1000 characters.'),
  /** The complaints mailbox: the sender of letters saved as e-mails. Empty: the mail program's own. */
  officeEmail: z
    .string()
    .trim()
    .max(320, 'Use at most 320 characters.')
    .refine(
      (v) => v === '' || z.email().safeParse(v).success,
      'Enter an e-mail address like complaints@example.com, or leave it empty.',
    ),
  locale: z.string().refine(isLocale, 'Use a locale tag such as en-GB or en-AU.'),
  theme: z.enum(THEMES),
  // Business days: the office's time zone, public holidays (bundled calendar) and closure days.
  timeZone: z.string().refine(isTimeZone, 'Use a time zone such as Europe/London or Australia/Sydney.'),
  holidayCountry: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as GB or AU.'),
  holidayRegion: z
    .string()
    .regex(/^([A-Z0-9]{1,3})?$/, 'Use a region code such as ENG or NSW, or leave it empty.'),
  closures: z
    .array(
      z.iso.date({
        // Said of the entry itself: a list of dozens does not say which one is wrong otherwise.
        error: (issue) =>
          typeof issue.input === 'string'
            ? `“${issue.input}” is not a date: use dates like 2026-12-24.`
            : 'Use dates like 2026-12-24.',
      }),
    )
    .max(1000, 'Use at most 1,000 closure days.'),
  defaultRegime: z.enum(REGIME_IDS),
  dueSoonBusinessDays: whole(0, 30),
  untouchedBusinessDays: whole(1, 60),
  taxonomy: TaxonomySchema,
  /** Internal service targets per severity (the SLA clock, which pauses while waiting on the complainant). */
  slaTargets: z.object(
    Object.fromEntries(
      SEVERITIES.map((sev) => [
        sev,
        z.object({ firstResponse: DurationSchema, nextUpdate: DurationSchema, resolution: DurationSchema }),
      ]),
    ) as Record<
      Severity,
      z.ZodObject<{
        firstResponse: typeof DurationSchema;
        nextUpdate: typeof DurationSchema;
        resolution: typeof DurationSchema;
      }>
    >,
  ),
  /** Times for the "Custom" regime. */
  customRegime: z.object({
    acknowledge: DurationSchema,
    final: DurationSchema,
  }),
  /** Checklist item ids required before a case moves on; null keeps each item's default. */
  requiredChecklistItems: z.array(z.string().max(100)).max(200).nullable(),
  requireFindingToLeaveInvestigation: z.boolean(),
  /** Root-cause classifications offered with the finding (the dashboard's Pareto groups by them). */
  rootCauseTaxonomy: RootCauseTaxonomySchema,
  /** Largest evidence file accepted, in megabytes. */
  evidenceMaxMb: whole(1, 4096, ' MB'),
  /** When a proposed resolution needs a manager's approval. */
  approvalRules: ApprovalRulesSchema,
  /** "Keep the complainant informed": flag a case with no update sent for this many business days. */
  keepInformedBusinessDays: whole(1, 60),
  /** When the dashboard flags a rise as an emerging issue. */
  emergingIssues: z.object({
    minCount: z
      .number({ error: 'Enter a number of cases.' })
      .int('Use a whole number.')
      .min(2, 'Use 2 or more: one case is never a trend.')
      .max(500, 'Use at most 500.'),
    sensitivity: z.enum(EMERGING_SENSITIVITIES, { error: 'Choose how readily to flag a rise.' }),
  }),
  /** Letterhead for letters and their PDFs (office name and address come from above). */
  letterFooter: z.string().max(1000, 'Use at most 1000 characters.'),
  letterLogo: LogoDataUrlSchema.nullable(),
  /**
   * UK FCA letters (DISP 1 Annex 3R): does the office consent to the Financial Ombudsman Service
   * considering a complaint referred after the six-month time limit? Final responses and summary
   * resolution communications must say one or the other.
   */
  ombudsmanLateReferralConsent: z.boolean(),
  /**
   * Patterns (regular expressions) for the office's customer, file and policy numbers, removed
   * from every redacted copy wherever they are typed. Only their shape is checked here, as the
   * file is read: a pattern stored before a stricter check existed must not make the whole settings
   * file "damaged". A new pattern is checked in full when it is saved (SettingsPatchSchema), and
   * Settings shows the stored ones that would no longer be accepted.
   */
  redactionPatterns: z
    .array(z.string().max(200, 'Use at most 200 characters.'))
    .max(50, 'Use at most 50 patterns.'),
  /** The office's products, each mapped to the FCA product group and the ASIC product (regulatory-codes.ts). */
  regulatoryProducts: RegulatoryProductListSchema,
  /** Complaint causes for the returns, mapped to FCA cause categories and ASIC issues. */
  complaintCauses: ComplaintCauseListSchema,
  /** FCA firm reference number (FRN), printed on the FCA return; '' until entered. */
  firmReferenceNumber: z
    .string()
    .trim()
    .regex(/^(\d{6,7})?$/, 'Use the six or seven digits of your FRN.'),
  /** ASIC Australian financial services or credit licence number; '' until entered. */
  licenceNumber: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, 'Use the six digits of your licence number.'),
  /** The accounting reference date's next day as 'MM-DD': the first half-year of the returns starts here. */
  reportingPeriodStart: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/, 'Use a month and day such as 01-01 (up to the 28th).'),
  /** Whether the office reports complainants' gender and age band (the case page asks only then). */
  reportDemographics: z.boolean(),
};

const DEFAULTS: { [K in keyof typeof fields]: z.output<(typeof fields)[K]> } = {
  officeName: 'Complaints Office',
  officeAddress: '',
  officeEmail: '',
  locale: 'en-GB',
  theme: 'system',
  timeZone: 'Europe/London',
  holidayCountry: 'GB',
  holidayRegion: 'ENG',
  closures: [],
  defaultRegime: 'uk-fca-general',
  dueSoonBusinessDays: 2,
  untouchedBusinessDays: 5,
  taxonomy: DEFAULT_TAXONOMY,
  slaTargets: structuredClone(DEFAULT_SLA_TARGETS) as Record<Severity, SlaTargets>,
  customRegime: {
    acknowledge: { amount: 1, unit: 'business-days' },
    final: { amount: 30, unit: 'calendar-days' },
  },
  requiredChecklistItems: null,
  requireFindingToLeaveInvestigation: true,
  rootCauseTaxonomy: [...DEFAULT_ROOT_CAUSES],
  evidenceMaxMb: 200,
  approvalRules: DEFAULT_APPROVAL_RULES,
  keepInformedBusinessDays: 10,
  emergingIssues: DEFAULT_EMERGING_SETTINGS,
  letterFooter: '',
  letterLogo: null,
  // No consent by default: it is the Handbook's first standard text and what Redress's letters said
  // before the choice existed, and consent stated in a final response cannot be taken back for that
  // complaint, so giving it should be the office's deliberate choice.
  ombudsmanLateReferralConsent: false,
  redactionPatterns: [...DEFAULT_REFERENCE_PATTERNS],
  regulatoryProducts: structuredClone(DEFAULT_REGULATORY_PRODUCTS),
  complaintCauses: structuredClone(DEFAULT_COMPLAINT_CAUSES),
  firmReferenceNumber: '',
  licenceNumber: '',
  reportingPeriodStart: '01-01',
  reportDemographics: false,
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every setting as checked: a Settings section's form picks its own fields from here. */
export const SettingsFieldsSchema = z.object(fields);

// A file written by an older version lacks newer fields: the defaults fill them in. A logo an
// older version accepted but this one refuses (too many pixels) is dropped, not the whole file.
export const SettingsSchema = z.preprocess((raw) => {
  if (!isRecord(raw)) return raw;
  const withDefaults = { ...DEFAULTS, ...raw };
  if (!LogoDataUrlSchema.nullable().safeParse(withDefaults.letterLogo).success)
    withDefaults.letterLogo = null;
  return withDefaults;
}, SettingsFieldsSchema);
export type Settings = z.output<typeof SettingsSchema>;

/**
 * What saving the returns' lists refuses beyond each entry's own checks: two entries of one list
 * with the same name (Settings → Regulatory returns checks it too, beside the name).
 */
export function refineRegulatoryLists(
  lists: { regulatoryProducts?: readonly { name: string }[]; complaintCauses?: readonly { name: string }[] },
  ctx: z.RefinementCtx,
): void {
  const messages = {
    regulatoryProducts: 'Another product already has this name.',
    complaintCauses: 'Another cause already has this name.',
  } as const;
  for (const key of ['regulatoryProducts', 'complaintCauses'] as const)
    for (const i of duplicateListNames(lists[key] ?? []))
      ctx.addIssue({ code: 'custom', path: [key, i, 'name'], message: messages[key] });
}

/** A change to some settings. No defaults here (a patch must not reset what it does not name),
 * and unknown keys are refused so a typo is not silently ignored. */
export const SettingsPatchSchema = SettingsFieldsSchema.partial()
  .strict()
  .superRefine((patch, ctx) => {
    for (const [i, p] of (patch.redactionPatterns ?? []).entries()) {
      const problem = redactionPatternProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', path: ['redactionPatterns', i], message: problem });
    }
    refineRegulatoryLists(patch, ctx);
  });
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export const defaultSettings = (): Settings => structuredClone(DEFAULTS);
