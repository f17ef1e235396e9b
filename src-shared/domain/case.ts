import { z } from 'zod';
import { FINDINGS, type Finding } from './findings';
import type { CaseReturnData } from './regulatory-codes';
import type { CaseStatus } from './workflow';

/** How the complaint reached the office. */
export const CHANNELS = [
  'email',
  'phone',
  'letter',
  'walk-in',
  'web-form',
  'social-media',
  'referral',
] as const;
export type ComplaintChannel = (typeof CHANNELS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** For sorting: a higher number is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export const CONTACT_METHODS = ['email', 'phone', 'letter'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Regulatory regimes; the rules of each live in deadlines.ts. */
export const REGIME_IDS = [
  'uk-fca-general',
  'uk-fca-psd',
  'au-asic-rg271',
  'au-asic-rg271-super',
  'au-asic-rg271-hardship',
  'us-cfpb',
  'custom',
] as const;
export type CaseRegimeId = (typeof REGIME_IDS)[number];

/** Received dates may lie in the past (letters arrive late) but not in the future; this allows for clock drift. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
// 1 January 2000 as it begins in the earliest time zone (UTC+14), so no office's 1 January is refused.
const EARLIEST_RECEIVED_MS = Date.parse('1999-12-31T10:00:00Z');

/**
 * Why a received date cannot be right, or null: no complaint reaches the office before 2000 (a
 * year typed wrong, such as 1900) or in the future (a few minutes' grace for a slow clock).
 */
export function receivedDateProblem(receivedAt: string, now: Date): string | null {
  const ms = Date.parse(receivedAt);
  if (Number.isNaN(ms)) return 'Enter the date and time the complaint was received.';
  if (ms < EARLIEST_RECEIVED_MS) return 'The received date cannot be before 1 January 2000.';
  if (ms > now.getTime() + FUTURE_TOLERANCE_MS) return 'The received date cannot be in the future.';
  return null;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`);
const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`);

const ComplainantSchema = z
  .object({
    name: requiredText("the complainant's name", 200),
    email: text(320).refine(
      (v) => v === '' || z.email().safeParse(v).success,
      'Enter an email address like name@example.com.',
    ),
    phone: text(40).refine(
      (v) => v === '' || /^[+()\d][\d\s().-]{5,}$/.test(v),
      'Enter a phone number using digits, spaces and + ( ) -.',
    ),
    address: text(1000),
    preferredContact: z.enum(CONTACT_METHODS, { error: 'Choose how the complainant wants to be contacted.' }),
    needs: text(2000),
    vulnerable: z.boolean(),
    consentToContact: z.boolean(),
  })
  .superRefine((c, ctx) => {
    // The preferred way of contact must be usable.
    const missing: Record<ContactMethod, [keyof typeof c, string]> = {
      email: ['email', 'Enter an email address, or choose another way to contact them.'],
      phone: ['phone', 'Enter a phone number, or choose another way to contact them.'],
      letter: ['address', 'Enter a postal address, or choose another way to contact them.'],
    };
    const [field, message] = missing[c.preferredContact];
    if (!c[field]) ctx.addIssue({ code: 'custom', path: [field], message });
  });

/** What an officer types to log a complaint. Shared by the form (react-hook-form) and the repository. */
export function makeNewCaseSchema(now: Date) {
  return z.object({
    complainant: ComplainantSchema,
    channel: z.enum(CHANNELS, { error: 'Choose how the complaint was received.' }),
    receivedAt: z.iso
      .datetime({ offset: true, error: 'Enter the date and time the complaint was received.' })
      .superRefine((v, ctx) => {
        const problem = receivedDateProblem(v, now);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    category: requiredText('a category', 100),
    subcategory: text(100),
    product: text(200),
    accountRef: text(100),
    description: requiredText('what the complaint is about', 20_000),
    desiredOutcome: text(5000),
    severity: z.enum(SEVERITIES, { error: 'Choose a severity.' }),
    regime: z.enum(REGIME_IDS, { error: 'Choose the regulatory regime that applies.' }),
    relatedCaseIds: z.array(z.string().min(1)).max(50, 'Link at most 50 cases.'),
    /** Staff complaints, whistleblowing: only the assignee, the escalation owner and managers see it. */
    restricted: z.boolean().default(false),
  });
}
export type NewCaseInput = z.input<ReturnType<typeof makeNewCaseSchema>>;
export type NewCase = z.output<ReturnType<typeof makeNewCaseSchema>>;

/** A blank intake form. */
export function emptyNewCase(now: Date, defaults: { regime: CaseRegimeId; category?: string }): NewCaseInput {
  return {
    complainant: {
      name: '',
      email: '',
      phone: '',
      address: '',
      preferredContact: 'email',
      needs: '',
      vulnerable: false,
      consentToContact: true,
    },
    channel: 'email',
    receivedAt: now.toISOString(),
    category: defaults.category ?? '',
    subcategory: '',
    product: '',
    accountRef: '',
    description: '',
    desiredOutcome: '',
    severity: 'medium',
    regime: defaults.regime,
    relatedCaseIds: [],
    restricted: false,
  };
}

// In a module of their own, so the regulatory codes can map findings without importing this one.
export { FINDINGS, type Finding };

export const RECURRENCE = ['isolated', 'recurring'] as const;
export type Recurrence = (typeof RECURRENCE)[number];

/** What the richer finding form adds to the case's `finding` and `rootCause` (the classification label). */
export interface FindingDetail {
  rationale: string;
  contributingFactors: string;
  recurrence: Recurrence;
  similarCaseIds: string[];
}

export interface Actor {
  id: string;
  name: string;
}

export interface CaseDeadlines {
  acknowledgeDue: string;
  finalResponseDue: string;
  extendedFinalDue?: string;
  summaryResolutionUntil?: string;
}

export interface Escalation {
  reason: string;
  owner: Actor;
  at: string;
  by: Actor;
}

/** A case as stored. Instants are ISO-8601 UTC strings. */
export interface CaseRecord extends Omit<NewCase, 'receivedAt' | 'restricted'> {
  id: string;
  reference: string;
  status: CaseStatus;
  receivedAt: string;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  /** The officer who owns the case; null while unassigned. */
  assignee: Actor | null;
  /** assignee.id, or '' while unassigned: flat so it can lead a compound index ("My work"). */
  assigneeId: string;
  escalation: Escalation | null;
  deadlines: CaseDeadlines;
  /** The nearest regulatory deadline still to meet (deadlines.ts activeDeadlines); null once none is. Indexed for "sort by due date". */
  nextDueAt: string | null;
  /** When the complaint was first acknowledged (the acknowledgement letter, or the Acknowledge step). */
  acknowledgedAt: string | null;
  /**
   * When the first holding reply, final response and summary resolution communication were sent:
   * stamped when such a letter is recorded, they decide which deadline is live and what met it
   * (deadlines.ts activeDeadlines). Absent on records older than these fields: read as null.
   */
  holdingReplyAt?: string | null;
  finalResponseAt?: string | null;
  summaryResolutionAt?: string | null;
  closedAt: string | null;
  /** 1 while the case is open, 0 once closed or withdrawn: IndexedDB cannot index booleans. */
  open: 0 | 1;
  severityRank: number;
  /** The investigation's conclusion; required (by default) before a resolution is proposed. */
  finding: Finding | null;
  /** The root-cause classification label (from Settings' root-cause list); the dashboard's Pareto reads it. */
  rootCause: string;
  /** Rationale, contributing factors and recurrence, recorded with the finding on the Investigation tab. */
  findingDetail?: FindingDetail | null;
  /** Internal SLA clock pauses (waiting on the complainant). The regulatory clock never pauses. */
  slaPauses: { from: string; to: string | null; reason: string }[];
  /** When the status last changed: the "next update" SLA counts from here. */
  statusChangedAt: string;
  /** Checklist items ticked, by item id. */
  checklist: Record<string, { by: Actor; at: string }>;
  /** Last change by anyone, for the "untouched for N business days" flag. */
  lastActivityAt: string;
  /**
   * When the complainant last heard from us: the latest outbound contact in the communications
   * log, else when the complaint was received. Indexed with `open` for the "Update owed" view.
   */
  informedAt: string;
  /** Lower-cased name and account reference, indexed for the duplicate check. */
  complainantKey: string;
  accountKey: string;
  /**
   * How this complainant is recognised on other cases (complainant-match.ts): name, e-mail, phone
   * and account keys, a multi-entry index. Empty once the case is anonymised.
   */
  personKeys: string[];
  /**
   * On open cases only (absent once closed): each person key with the receipt date after it
   * (complainant-match.ts openPersonKeys), a multi-entry index that gives intake's repeat check a
   * person's recent open cases newest first without reading a row. Derived from the fields above.
   */
  openPersonKeys?: string[];
  /**
   * The escalation owner's id while the case is escalated, absent otherwise: a sparse index, so
   * "escalated to me" (My work, reminders) reads just those cases. Derived from `escalation`.
   */
  escalationOwnerId?: string;
  /**
   * The complainant's latest satisfaction check at follow-up (recorded by the follow-up feature),
   * kept on the case so the dashboard and reports need not read another table. Absent until then.
   */
  satisfaction?: CaseSatisfaction | null;
  /** How many times the case was reopened after closing or withdrawal (absent on older records: 0). */
  reopenCount?: number;
  /**
   * Only its assignee, its escalation owner and managers see it (permissions.ts `case.view`).
   * Absent on records older than the mark: not restricted.
   */
  restricted?: boolean;
  /**
   * 1 on restricted cases and absent on all others, so its (sparse) index lists exactly the
   * restricted cases: IndexedDB cannot index booleans. Derived from `restricted`.
   */
  restrictedKey?: 1;
  /** Kept whatever the retention policy says while set (retention.ts). Absent: no hold. */
  legalHold?: { reason: string; by: Actor; at: string } | null;
  /** Set once the case's personal data was removed, by the disposal record named. */
  anonymised?: { at: string; recordId: string } | null;
  /**
   * closedAt while the case is closed and not anonymised, absent otherwise: its sparse index
   * [regime+retentionFrom+id] lists the cases retention has to look at. Derived (retention.ts).
   */
  retentionFrom?: string;
  /**
   * The complaint's reference in the system it was imported from (spreadsheet import); absent on
   * cases logged here. Indexed (sparse): a second import of the same row is found and skipped.
   */
  externalRef?: string;
  /** What the regulators' returns need (regulatory-codes.ts). Absent until recorded. */
  returnData?: CaseReturnData | null;
}

export interface CaseSatisfaction {
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  score: 1 | 2 | 3 | 4 | 5;
  /** Whether the complainant feels the complaint was resolved. */
  resolved: boolean;
  at: string;
}

/** Normalises a name or reference for matching: case, accents and spacing do not matter. */
export function matchKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
