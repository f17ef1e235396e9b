// Channels of the PDF reports: the case report, the management report, letters on the
// letterhead, and the folder picker for batch export. The renderer gathers the data from Dexie;
// the main process builds the PDF from these validated inputs and writes it atomically.
import { z } from 'zod';
import { LogoDataUrlSchema } from '../../domain/settings';

const s = (max = 2000) => z.string().max(max, `Use at most ${max.toLocaleString('en')} characters.`);
const long = s(200_000);
const when = z.string().max(40);
const optWhen = when.nullable();
const list = <T extends z.ZodType>(item: T, max = 5000) =>
  z.array(item).max(max, `At most ${max.toLocaleString('en')} entries can go into one report.`);

/** Where a PDF goes: ask the user (save dialog), or a file in a folder chosen with `reports:choose-folder`. */
export const DestinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ask'), suggestedName: s(200) }),
  z.object({ kind: z.literal('folder'), folderId: s(100), fileName: s(200) }),
]);
export type Destination = z.output<typeof DestinationSchema>;

export const SaveResultSchema = z.discriminatedUnion('saved', [
  z.object({
    saved: z.literal(true),
    path: z.string(),
    pages: z.number(),
    bytes: z.number(),
    /** A case report's document ID, printed on every page (see src-main/services/pdf/document-id.ts). */
    documentId: z.string().optional(),
  }),
  z.object({ saved: z.literal(false) }),
]);
export type SaveResult = z.output<typeof SaveResultSchema>;

/** Formatting context shared by every document. */
const DocContextSchema = z.object({
  officeName: s(200),
  locale: s(40),
  timeZone: s(80),
  generatedAt: when,
  generatedBy: s(200),
});
export type DocContext = z.output<typeof DocContextSchema>;

// ——— Case report ———

export const CASE_REPORT_SECTIONS = [
  'summary',
  'complainant',
  'complaint',
  'timeline',
  'investigation',
  'evidence',
  'finding',
  'resolution',
  'approvals',
  'communications',
  'followUp',
] as const;
export type CaseReportSection = (typeof CASE_REPORT_SECTIONS)[number];

const DeadlineRow = z.object({
  label: s(200),
  due: when,
  doneAt: optWhen,
  /** The letter that met it (its kind, in words), when met. */
  metBy: s(200).default(''),
  state: z.enum(['met', 'missed', 'pending', 'overdue', 'not-needed']),
});
const TimelineRow = z.object({ at: when, actor: s(200), event: s(300), detail: s(5000), reason: s(5000) });
const PlanStep = z.object({ step: s(5000), owner: s(200), dueAt: optWhen, status: s(100) });
const Note = z.object({ at: when, author: s(200), text: long });
const Addendum = z.object({ text: long, reason: s(5000), by: s(200), at: when });
const Interview = z.object({
  interviewee: s(200),
  role: s(200),
  /** How to reach the person interviewed. */
  contact: s(300),
  interviewer: s(200),
  othersPresent: s(500),
  at: when,
  durationMinutes: z.number().min(0).max(100_000).nullable(),
  method: s(100),
  location: s(500),
  consentGiven: z.boolean(),
  /** Told how the interview record will be used (privacy notice). */
  noticeGiven: z.boolean(),
  statement: long,
  keyPoints: list(s(5000), 500),
  followUpActions: list(s(5000), 500),
  status: s(100),
  signedOffBy: s(200).nullable(),
  signedOffAt: optWhen,
  addenda: list(Addendum, 500),
});
const Enquiry = z.object({
  department: s(200),
  question: long,
  askedBy: s(200),
  askedAt: when,
  answer: long,
  answeredBy: s(200),
  answeredAt: optWhen,
  status: s(100),
});
const Evidence = z.object({
  name: s(500),
  size: z.number().min(0),
  type: s(200),
  sha256: s(64),
  addedBy: s(200),
  addedAt: when,
  description: s(5000),
  superseded: z.boolean(),
});
const Remedy = z.object({
  kind: s(200),
  amount: z.number().nullable(),
  currency: s(10),
  rationale: s(10_000),
});
const Action = z.object({
  text: s(5000),
  owner: s(200),
  dueAt: optWhen,
  doneAt: optWhen,
  status: s(100),
  outcome: s(5000),
});
/** The investigator's reasoning behind the finding and root cause (null when not recorded). */
const FindingDetail = z.object({
  rationale: long,
  contributingFactors: s(10_000),
  recurrence: s(100),
  similarCases: list(s(100), 50),
});
const Approval = z.object({
  requestedBy: s(200),
  approver: s(200),
  decision: s(100),
  /** The decision approved the case's current proposal (the approver then signs the report off). */
  approved: z.boolean().default(false),
  comment: s(10_000),
  at: when,
});
const Consultation = z.object({ with: s(200), topic: s(1000), advice: long, by: s(200), at: when });
const Communication = z.object({
  at: when,
  direction: z.enum(['inbound', 'outbound', 'internal']),
  channel: s(100),
  from: s(500),
  to: s(500),
  subject: s(1000),
  text: long,
});
const FollowUp = z.object({ at: when, by: s(200), outcome: s(1000), notes: long });
const AuditRow = z.object({
  seq: z.number(),
  at: when,
  actor: s(200),
  entity: s(100),
  action: s(100),
  changes: s(20_000),
  reason: s(5000),
  hash: s(64),
});

/** What a personal value was: a person's name (and whose), a contact detail, an address… */
export const PERSONAL_KINDS = [
  'complainant',
  'witness',
  'staff',
  'person',
  'contact',
  'address',
  'needs',
  'account',
  'file',
  'other',
] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

/**
 * What a redacted copy must remove beyond the report's own fields: every value a personal field
 * ever held (read from the audit trail) and the office's patterns for customer, file and policy
 * numbers. Never printed; main checks the finished PDF's text against it.
 */
const RedactionSchema = z.object({
  history: list(
    z.object({
      kind: z.enum(PERSONAL_KINDS),
      value: s(5000),
      /** For a former name: the person's current name, so they keep one pseudonym. */
      sameAs: s(200).default(''),
    }),
    20_000,
  ),
  patterns: list(s(200), 50).default([]),
  /** Terms the user added at review: redacted everywhere, and checked for in the built PDF. */
  added: list(z.string().trim().min(3, 'Use at least 3 characters.').max(200), 200).optional(),
  /** Terms the user chose to show at review (their reasons are on the audit trail). */
  kept: list(z.string().trim().min(1).max(200), 200).optional(),
});
export type RedactionContext = z.output<typeof RedactionSchema>;

export const CaseReportDataSchema = z.object({
  context: DocContextSchema,
  confidentiality: s(200),
  latestAuditHash: s(64),
  case: z.object({
    reference: s(100),
    title: s(500),
    status: s(100),
    severity: s(100),
    regime: s(200),
    officer: s(200),
    channel: s(100),
    category: s(200),
    product: s(200),
    accountRef: s(200),
    receivedAt: when,
    acknowledgedAt: optWhen,
    closedAt: optWhen,
    escalation: s(2000),
    description: long,
    desiredOutcome: long,
    finding: s(100),
    rootCause: s(10_000),
    findingDetail: FindingDetail.nullable(),
    deadlines: list(DeadlineRow, 20),
  }),
  complainant: z.object({
    name: s(200),
    email: s(320),
    phone: s(40),
    address: s(1000),
    preferredContact: s(100),
    needs: s(2000),
    vulnerable: z.boolean(),
    consentToContact: z.boolean(),
  }),
  timeline: list(TimelineRow, 20_000),
  investigation: z.object({
    plan: list(PlanStep, 500),
    notes: list(Note, 5000),
    interviews: list(Interview, 500),
    enquiries: list(Enquiry, 500),
  }),
  evidence: list(Evidence, 5000),
  resolution: z.object({ summary: long, remedies: list(Remedy, 500), actions: list(Action, 500) }),
  approvals: list(Approval, 500),
  consultations: list(Consultation, 500),
  communications: list(Communication, 5000),
  followUp: z.object({
    entries: list(FollowUp, 500),
    satisfaction: z
      .object({ score: z.number().int().min(1).max(5), resolved: z.boolean(), at: when })
      .nullable(),
  }),
  audit: list(AuditRow, 20_000),
  redaction: RedactionSchema.optional(),
});
export type CaseReportData = z.output<typeof CaseReportDataSchema>;

export const CaseReportOptionsSchema = z.object({
  sections: z.array(z.enum(CASE_REPORT_SECTIONS)).max(CASE_REPORT_SECTIONS.length),
  redact: z.boolean(),
  includeAudit: z.boolean(),
});
export type CaseReportOptions = z.output<typeof CaseReportOptionsSchema>;

export const CasePdfInputSchema = z.object({
  data: CaseReportDataSchema,
  options: CaseReportOptionsSchema,
  destination: DestinationSchema,
});
export type CasePdfInput = z.input<typeof CasePdfInputSchema>;

// ——— Management report ———

const Count = z.number().int().min(0);
const Pct = z.number().min(0).max(100).nullable();
export const ManagementReportDataSchema = z.object({
  context: DocContextSchema,
  range: z.object({ from: when, to: when }),
  filtersLabel: s(1000),
  kpis: z.object({
    received: Count,
    closed: Count,
    openAtEnd: Count,
    acknowledgedWithinTargetPct: Pct,
    /** Final responses (or summary resolutions) sent on time, of those whose deadline was settled in the period. */
    finalResponseOnTimePct: Pct,
    medianDaysToResolve: z.number().nullable(),
    p90DaysToResolve: z.number().nullable(),
    upheldRatePct: Pct,
    averageSatisfaction: z.number().nullable(),
    satisfactionResponses: Count,
    reopenedPct: Pct,
  }),
  byMonth: list(z.object({ month: s(7), received: Count, closed: Count }), 240),
  byCategory: list(z.object({ category: s(200), count: Count }), 500),
  rootCauses: list(z.object({ cause: s(500), count: Count, cumulativePct: z.number() }), 500),
  slaTrend: list(
    z.object({
      month: s(7),
      responses: Count,
      withinDeadline: Count,
      pct: Pct,
      acknowledgedOnTimePct: Pct,
    }),
    240,
  ),
  topIssues: list(z.object({ issue: s(500), count: Count, open: Count }), 100),
  improvements: list(
    z.object({ title: s(1000), owner: s(200), status: s(100), dueAt: optWhen, linkedCases: Count }),
    1000,
  ),
});
export type ManagementReportData = z.output<typeof ManagementReportDataSchema>;

export const ManagementPdfInputSchema = z.object({
  data: ManagementReportDataSchema,
  destination: DestinationSchema,
});
export type ManagementPdfInput = z.input<typeof ManagementPdfInputSchema>;

// ——— Letters ———

export const LetterPdfDataSchema = z.object({
  letterhead: z.object({
    officeName: s(200),
    address: s(1000),
    footer: s(1000),
    logoDataUrl: LogoDataUrlSchema.nullable(),
  }),
  locale: s(40),
  timeZone: s(80),
  recipient: z.object({ name: s(200), address: s(1000) }),
  date: when,
  reference: s(200),
  subject: s(500),
  body: long,
  /**
   * The square-bracketed text of the template the letter was written from (templatePlaceholders):
   * main refuses the letter while any is left in it. None for a letter written without a template.
   */
  placeholders: z.array(s(202)).max(200).optional(),
});
export type LetterPdfData = z.output<typeof LetterPdfDataSchema>;

export const LetterPdfInputSchema = z.object({ data: LetterPdfDataSchema, destination: DestinationSchema });
export type LetterPdfInput = z.input<typeof LetterPdfInputSchema>;

export const reportsChannels = {
  'reports:case-pdf': { input: CasePdfInputSchema, output: SaveResultSchema },
  'reports:management-pdf': { input: ManagementPdfInputSchema, output: SaveResultSchema },
  'reports:choose-folder': {
    input: z.undefined({ error: 'This call takes no input.' }),
    output: z.object({ folderId: z.string(), path: z.string() }).nullable(),
  },
  'letters:pdf': { input: LetterPdfInputSchema, output: SaveResultSchema },
} as const;
