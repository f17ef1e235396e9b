// The investigation workspace: what an investigator records while finding out what happened.
// Pure rules (who may edit what, when something is overdue) and the zod schemas of every input.
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './audit';
import { RECURRENCE, type Actor } from './case';
import { isOverdue } from './deadlines';

const text = (max: number, required?: string) =>
  required
    ? z.string().trim().min(1, required).max(max, `Use at most ${max} characters.`)
    : z.string().trim().max(max, `Use at most ${max} characters.`);
const isoDate = z.union([z.literal(''), z.iso.date({ error: 'Use a date like 2026-12-24.' })]);

// ── Investigation plan ────────────────────────────────────────────────────────────────────────
export const PLAN_KINDS = ['question', 'record'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PlanItemInputSchema = z.object({
  kind: z.enum(PLAN_KINDS),
  text: text(500, 'Say what to answer or gather.'),
  ownerId: z.string().max(100),
  ownerName: z.string().max(200),
  /** A calendar date (yyyy-mm-dd) or '' for none. */
  dueDate: isoDate,
});
export type PlanItemInput = z.input<typeof PlanItemInputSchema>;

export interface PlanItem extends z.output<typeof PlanItemInputSchema> {
  id: string;
  caseId: string;
  createdAt: string;
  createdBy: Actor;
  done: { by: Actor; at: string } | null;
}

export const planItemOverdue = (item: PlanItem, today: string) => isOverdue(item.dueDate, !!item.done, today);

// ── Notes ──────────────────────────────────────────────────────────────────────────────────────
export const NoteInputSchema = z.object({
  text: text(20_000, 'Write the note first.'),
  pinned: z.boolean(),
});
export type NoteInput = z.input<typeof NoteInputSchema>;

export interface InvestigationNote extends z.output<typeof NoteInputSchema> {
  id: string;
  caseId: string;
  author: Actor;
  createdAt: string;
  editedAt: string | null;
}

export type Permission = { ok: true } | { ok: false; message: string };

/** Notes are the author's own words: only they may change one, and only while the case is open. */
export function canEditNote(
  note: Pick<InvestigationNote, 'author'>,
  actorId: string,
  caseOpen: boolean,
): Permission {
  if (!caseOpen) return { ok: false, message: 'The case is closed: its notes can no longer be changed.' };
  if (note.author.id !== actorId)
    return { ok: false, message: `Only ${note.author.name}, who wrote this note, can change it.` };
  return { ok: true };
}

/** Pinned first, then newest first; optionally one author's only. */
export function sortNotes(notes: InvestigationNote[], authorId = ''): InvestigationNote[] {
  return notes
    .filter((n) => !authorId || n.author.id === authorId)
    .sort((a, b) => Number(b.pinned) - Number(a.pinned) || (a.createdAt < b.createdAt ? 1 : -1));
}

// ── Interviews ────────────────────────────────────────────────────────────────────────────────
export const INTERVIEW_METHODS = ['in-person', 'phone', 'video'] as const;
export type InterviewMethod = (typeof INTERVIEW_METHODS)[number];

export const InterviewInputSchema = z.object({
  intervieweeName: text(200, 'Name the person interviewed.'),
  intervieweeRole: text(200),
  intervieweeContact: text(300),
  interviewer: text(200, 'Name the interviewer.'),
  othersPresent: text(500),
  date: z.iso.date({ error: 'Give the date of the interview.' }),
  time: z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 14:30.')]),
  durationMinutes: z
    .number()
    .int()
    .min(0, 'Use 0 or more.')
    .max(1440, 'Use at most 1440 minutes.')
    .nullable(),
  method: z.enum(INTERVIEW_METHODS),
  location: text(300),
  consentGiven: z.boolean(),
  noticeGiven: z.boolean(),
  statement: text(200_000),
  keyPoints: text(20_000),
  followUpActions: text(20_000),
});
export type InterviewInput = z.input<typeof InterviewInputSchema>;
export type InterviewFields = z.output<typeof InterviewInputSchema>;

/** What a sign-off agrees to: the interview's content (who, when, how, what was said). */
export const INTERVIEW_CONTENT_FIELDS = Object.keys(InterviewInputSchema.shape) as (keyof InterviewFields)[];

/**
 * A fingerprint of an interview's content as it was signed off (SHA-256 of its canonical JSON).
 * The team server compares it with the content it holds, so that a sign-off never lands on a
 * statement another desk changed meanwhile (team-sync.ts mergeChange).
 */
export function interviewContentHash(data: object): string {
  const fields = data as Readonly<Record<string, unknown>>;
  const content = Object.fromEntries(INTERVIEW_CONTENT_FIELDS.map((f) => [f, fields[f] ?? null]));
  return sha256Hex(canonicalJson(content));
}

export interface Addendum {
  id: string;
  text: string;
  reason: string;
  by: Actor;
  at: string;
}

export interface InterviewRecord extends InterviewFields {
  id: string;
  caseId: string;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  status: 'draft' | 'signed-off';
  /** Who signed it off and when; `contentHash` (interviewContentHash) on sign-offs since it was kept. */
  signedOff: { by: Actor; at: string; contentHash?: string } | null;
  addenda: Addendum[];
}

export const emptyInterview = (interviewer: string, date: string): InterviewInput => ({
  intervieweeName: '',
  intervieweeRole: '',
  intervieweeContact: '',
  interviewer,
  othersPresent: '',
  date,
  time: '',
  durationMinutes: null,
  method: 'in-person',
  location: '',
  consentGiven: false,
  noticeGiven: false,
  statement: '',
  keyPoints: '',
  followUpActions: '',
});

/** A signed-off interview is the record as it was agreed: it is never edited, only added to. */
export function canEditInterview(interview: Pick<InterviewRecord, 'status' | 'signedOff'>): Permission {
  if (interview.status === 'signed-off') {
    const who = interview.signedOff ? ` by ${interview.signedOff.by.name}` : '';
    return {
      ok: false,
      message: `This interview was signed off${who} and is locked. Add an addendum to correct or add to it.`,
    };
  }
  return { ok: true };
}

/**
 * A desk's interview as another desk's copy arrives (team mode): a record this desk has signed off
 * stays as it was agreed, whatever the other copy says, and takes only addenda it does not have yet.
 */
export function mergePulledInterview(local: InterviewRecord, incoming: InterviewRecord): InterviewRecord {
  if (canEditInterview(local).ok) return incoming;
  const known = new Set(local.addenda.map((a) => a.id));
  const added = (incoming.addenda ?? []).filter((a) => !known.has(a.id));
  return added.length ? { ...local, addenda: [...local.addenda, ...added] } : local;
}

/** Sign-off needs a statement: an empty record signed off would say nothing forever. */
export function canSignOff(
  interview: Pick<InterviewRecord, 'status' | 'signedOff' | 'statement'>,
): Permission {
  const editable = canEditInterview(interview);
  if (!editable.ok) return { ok: false, message: 'This interview is already signed off.' };
  if (!interview.statement.trim()) return { ok: false, message: 'Write the statement before signing off.' };
  return { ok: true };
}

export const AddendumInputSchema = z.object({
  text: text(20_000, 'Write the addendum.'),
  reason: text(1000, 'Say why the record needs this addendum.'),
});
export type AddendumInput = z.input<typeof AddendumInputSchema>;

/** Addenda belong to signed-off records; a draft is simply corrected. */
export function canAddAddendum(interview: Pick<InterviewRecord, 'status'>): Permission {
  return interview.status === 'signed-off'
    ? { ok: true }
    : { ok: false, message: 'This interview is still a draft: correct the record itself.' };
}

// ── Internal enquiries ──────────────────────────────────────────────────────────────────────
export const EnquiryInputSchema = z
  .object({
    recipient: text(200, 'Name the department or person asked.'),
    question: text(10_000, 'Write the question.'),
    sentDate: z.iso.date({ error: 'Give the date it was sent.' }),
    dueDate: isoDate,
  })
  .superRefine((v, ctx) => {
    const dates = checkEnquiryDates(v);
    if (!dates.ok) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: dates.message });
  });
export type EnquiryInput = z.input<typeof EnquiryInputSchema>;

export const EnquiryAnswerSchema = z.object({
  answer: text(20_000, 'Write the answer received.'),
  answeredDate: z.iso.date({ error: 'Give the date the answer came back.' }),
});
export type EnquiryAnswerInput = z.input<typeof EnquiryAnswerSchema>;

export interface Enquiry extends z.output<typeof EnquiryInputSchema> {
  id: string;
  caseId: string;
  createdAt: string;
  createdBy: Actor;
  answer: (z.output<typeof EnquiryAnswerSchema> & { recordedBy: Actor; recordedAt: string }) | null;
}

export type EnquiryState = 'answered' | 'overdue' | 'awaiting';

export function enquiryState(enquiry: Pick<Enquiry, 'answer' | 'dueDate'>, today: string): EnquiryState {
  if (enquiry.answer) return 'answered';
  return isOverdue(enquiry.dueDate, false, today) ? 'overdue' : 'awaiting';
}

export function checkEnquiryDates(input: { sentDate: string; dueDate: string }): Permission {
  return input.dueDate && input.dueDate < input.sentDate
    ? { ok: false, message: 'The due date cannot be before the date sent.' }
    : { ok: true };
}

// ── Evidence ───────────────────────────────────────────────────────────────────────────────────
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface EvidenceRecord {
  id: string;
  caseId: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
  description: string;
  addedBy: Actor;
  addedAt: string;
  superseded: { reason: string; by: Actor; at: string } | null;
}

export const EvidenceInputSchema = z.object({
  name: text(255, 'The file has no name.'),
  size: z.number().int().positive('The file is empty.'),
  type: z.string().max(200),
  sha256: z.string().regex(SHA256_HEX, 'The file’s fingerprint is not valid.'),
  description: text(2000),
});
export type EvidenceInput = z.input<typeof EvidenceInputSchema>;

// ── Root cause and finding ──────────────────────────────────────────────────────────────────
export const DEFAULT_ROOT_CAUSES = [
  'People',
  'Process',
  'Product',
  'System',
  'Third party',
  'Communication',
  'Policy',
] as const;

export const RootCauseTaxonomySchema = z
  .array(z.string().trim().min(1, 'Name the root cause.').max(100, 'Use at most 100 characters.'))
  .min(1, 'Keep at least one root cause.')
  .max(100)
  .refine(
    (l) => new Set(l.map((s) => s.toLowerCase())).size === l.length,
    'Two root causes have the same name.',
  );

export const RootCauseFindingSchema = z
  .object({
    finding: z.enum(['upheld', 'partially-upheld', 'not-upheld'], { error: 'Choose the finding.' }),
    rootCause: text(100, 'Choose the root cause.'),
    rationale: text(20_000, 'Explain why you reached this finding.'),
    contributingFactors: text(5000),
    recurrence: z.enum(RECURRENCE),
    similarCaseIds: z.array(z.string().min(1).max(100)).max(50),
  })
  .refine((v) => v.recurrence === 'recurring' || v.similarCaseIds.length === 0, {
    message: 'Only a recurring issue links to similar cases.',
    path: ['similarCaseIds'],
  });
export type RootCauseFindingInput = z.input<typeof RootCauseFindingSchema>;
export type RootCauseFindingOutput = z.output<typeof RootCauseFindingSchema>;
