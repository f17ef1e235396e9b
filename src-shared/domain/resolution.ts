// Resolution rules: remedies, when a proposal needs a manager's approval, and what similar past
// cases received (the fairness aid). Pure: the repositories apply them.
import { z } from 'zod';
import { matchKey, type Actor, type Severity } from './case';
import { amountPrecisionProblem, type Money } from './money';
import type { ProposalSubject } from './permissions';

export const REMEDY_TYPES = [
  'refund',
  'replacement',
  'repair',
  'credit',
  'goodwill',
  'apology',
  'explanation',
  'process-change',
  'no-action',
] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];

/** Remedies that move money, and so need an amount and a currency. */
export const MONETARY_REMEDIES: readonly RemedyType[] = ['refund', 'credit', 'goodwill'];
export const isMonetary = (type: RemedyType) => MONETARY_REMEDIES.includes(type);

export const RemedySchema = z
  .object({
    type: z.enum(REMEDY_TYPES, { error: 'Choose a remedy.' }),
    amount: z
      .number({ error: 'Enter the amount in figures, without a currency sign.' })
      .min(0, 'Use 0 or more.')
      .max(10_000_000, 'Use at most 10,000,000.')
      .nullable(),
    currency: z
      .string()
      .regex(/^([A-Z]{3})?$/, 'Use a three-letter currency code such as GBP.')
      .default(''),
    rationale: z
      .string()
      .trim()
      .min(1, 'Say why this remedy is fair.')
      .max(5000, 'Use at most 5,000 characters.'),
  })
  .superRefine((r, ctx) => {
    if (!isMonetary(r.type)) return;
    if (r.amount === null || r.amount <= 0)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter the amount.' });
    else if (r.currency) {
      const problem = amountPrecisionProblem(r.amount, r.currency);
      if (problem) ctx.addIssue({ code: 'custom', path: ['amount'], message: problem });
    }
    if (!r.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'Enter the currency.' });
  });
export type Remedy = z.output<typeof RemedySchema>;

export const ProposalSchema = z.object({
  summary: z
    .string()
    .trim()
    .min(1, 'Summarise the resolution in a sentence or two.')
    .max(5000, 'Use at most 5,000 characters.'),
  remedies: z.array(RemedySchema).min(1, 'Add at least one remedy.').max(20),
  legal: z.boolean(),
});
export type ProposalInput = z.input<typeof ProposalSchema>;
export type ProposalOutput = z.output<typeof ProposalSchema>;

export const ApprovalRulesSchema = z.object({
  /** A proposal paying more than this (in any one currency) needs approval; null turns the rule off. */
  monetaryThreshold: z
    .number({ error: 'Enter an amount in figures, or leave it empty.' })
    .min(0, 'Use 0 or more.')
    .max(10_000_000, 'Use at most 10,000,000.')
    .nullable(),
  critical: z.boolean(),
  legal: z.boolean(),
});
export type ApprovalRules = z.output<typeof ApprovalRulesSchema>;
export const DEFAULT_APPROVAL_RULES: ApprovalRules = { monetaryThreshold: 500, critical: true, legal: true };

/** Money per currency: amounts in different currencies are never added together. */
export function totals(remedies: readonly Pick<Remedy, 'type' | 'amount' | 'currency'>[]): Money[] {
  const sums = new Map<string, number>();
  for (const r of remedies) {
    if (isMonetary(r.type) && r.amount) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.amount);
  }
  return [...sums].map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }));
}

export type ApprovalReason =
  { rule: 'amount'; total: Money; threshold: number } | { rule: 'critical' } | { rule: 'legal' };

/** Why this proposal needs a manager's approval; empty when it does not. */
export function approvalReasons(
  proposal: { remedies: readonly Remedy[]; legal: boolean },
  severity: Severity,
  rules: ApprovalRules,
): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (rules.monetaryThreshold !== null) {
    const over = totals(proposal.remedies).find((t) => t.amount > rules.monetaryThreshold!);
    if (over) reasons.push({ rule: 'amount', total: over, threshold: rules.monetaryThreshold });
  }
  if (rules.critical && severity === 'critical') reasons.push({ rule: 'critical' });
  if (rules.legal && proposal.legal) reasons.push({ rule: 'legal' });
  return reasons;
}

/** The key of "similar cases": same category and the same root cause (case, accents and spacing ignored). */
export const similarKey = (category: string, rootCause: string) => `${category}|${matchKey(rootCause)}`;

export interface RemedyStats {
  type: RemedyType;
  /** How many of the similar cases received this remedy. */
  cases: number;
  /** Per currency: the range and median paid. */
  money: { currency: string; min: number; median: number; max: number }[];
}

/** What similar past cases received, most common remedy first. */
export function fairnessSummary(
  past: readonly { caseId: string; remedies: readonly Pick<Remedy, 'type' | 'amount' | 'currency'>[] }[],
): { caseCount: number; remedies: RemedyStats[] } {
  const byType = new Map<RemedyType, { cases: Set<string>; amounts: Map<string, number[]> }>();
  for (const p of past) {
    for (const r of p.remedies) {
      const entry = byType.get(r.type) ?? { cases: new Set(), amounts: new Map() };
      entry.cases.add(p.caseId);
      if (isMonetary(r.type) && r.amount) {
        entry.amounts.set(r.currency, [...(entry.amounts.get(r.currency) ?? []), r.amount]);
      }
      byType.set(r.type, entry);
    }
  }
  const remedies = [...byType].map(([type, e]) => ({
    type,
    cases: e.cases.size,
    money: [...e.amounts].map(([currency, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return { currency, min: sorted[0]!, median, max: sorted.at(-1)! };
    }),
  }));
  remedies.sort((a, b) => b.cases - a.cases || REMEDY_TYPES.indexOf(a.type) - REMEDY_TYPES.indexOf(b.type));
  return { caseCount: new Set(past.map((p) => p.caseId)).size, remedies };
}

/** The proposal as the approval rules see it: who wrote it, who changed it, what it pays. */
export const proposalSubject = (
  r: Pick<ResolutionRecord, 'createdBy' | 'editedBy' | 'remedies'>,
): ProposalSubject => ({
  createdById: r.createdBy.id,
  editedByIds: (r.editedBy ?? []).map((a) => a.id),
  totals: totals(r.remedies),
});

export const APPROVAL_DECISIONS = ['approved', 'rejected', 'changes-requested'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** A manager's decision: anything but approval says why, so the officer knows what to change. */
export const ApprovalDecisionSchema = z
  .object({ outcome: z.enum(APPROVAL_DECISIONS), comment: z.string().trim() })
  .superRefine((d, ctx) => {
    if (d.outcome !== 'approved' && !d.comment)
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: 'Say why, so the officer knows what to change.',
      });
  });
export type ApprovalDecisionInput = z.input<typeof ApprovalDecisionSchema>;

/** Where a proposal stands. */
export { canGoToComplainant, type ProposalState } from './proposal-state';
import { canGoToComplainant, type ProposalState } from './proposal-state';

export const COMPLAINANT_RESPONSES = ['accepted', 'rejected', 'no-reply'] as const;
export type ComplainantResponse = (typeof COMPLAINANT_RESPONSES)[number];

/** The complainant's answer; a rejection says why (and may go to a manager as an escalation). */
export const ComplainantResponseSchema = z
  .object({
    outcome: z.enum(COMPLAINANT_RESPONSES),
    note: z.string().trim(),
    escalateTo: z.object({ id: z.string().min(1), name: z.string() }).nullish(),
  })
  .superRefine((r, ctx) => {
    if (r.outcome === 'rejected' && !r.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say why the complainant rejected it.' });
  });
export type ComplainantResponseInput = z.input<typeof ComplainantResponseSchema>;
export type ComplainantResponseOutput = z.output<typeof ComplainantResponseSchema>;

/** The answer to a consultation. */
export const ConsultationAnswerSchema = z.object({
  answer: z.string().trim().min(1, 'Enter the answer.'),
});

/** What was done to complete an implementation action. */
export const ActionDoneSchema = z.object({ outcome: z.string().trim().min(1, 'Say what was done.') });

/** The day the officer plans to check back with the complainant. */
export const FollowUpDateSchema = z.object({ dueAt: z.iso.date({ error: 'Enter the follow-up date.' }) });

export const SATISFIED_SCORE = 4;
/** A follow-up counts as satisfied when the complainant says it is resolved and scores 4 or 5. */
export const isSatisfied = (f: { score: number; resolved: boolean }) =>
  f.resolved && f.score >= SATISFIED_SCORE;

// ── Records (the repositories in src-renderer/db store them) ────────────────────────────────
export interface Decision {
  outcome: ApprovalDecision;
  comment: string;
  by: Actor;
  at: string;
}

export interface ResolutionRecord {
  id: string;
  caseId: string;
  caseReference: string;
  createdAt: string;
  createdBy: Actor;
  /** Everyone who changed the proposal in place after it was written (absent on older records: none). */
  editedBy?: Actor[];
  updatedAt: string;
  summary: string;
  remedies: Remedy[];
  legal: boolean;
  /** Category and root cause at proposal time, for the fairness aid. */
  similarKey: string;
  state: ProposalState;
  approvalReasons: ApprovalReason[];
  requestedAt: string | null;
  decision: Decision | null;
  /** When the proposal was put to the complainant. */
  proposedAt: string | null;
  response: { outcome: ComplainantResponse; note: string; at: string; by: Actor } | null;
}

/**
 * What a letter may say of a proposal (its resolution.* merge fields): only one that may go to the
 * complainant (approved, or no approval needed). A draft, one awaiting approval or one a manager
 * rejected gives null, so the fields stay empty and the letter says so rather than promise it. A
 * total in more than one currency is null too: one amount cannot say it.
 */
export function resolutionForLetter(
  proposal: Pick<ResolutionRecord, 'state' | 'summary' | 'remedies'> | null,
  remedyLabel: (remedy: Remedy) => string,
): { summary: string; remedies: string[]; total: Money | null } | null {
  if (!proposal || !canGoToComplainant(proposal.state)) return null;
  const sums = totals(proposal.remedies);
  return {
    summary: proposal.summary,
    remedies: proposal.remedies.map(remedyLabel),
    total: sums.length === 1 ? sums[0]! : null,
  };
}

/** Why a letter's resolution.* fields are empty (see resolutionForLetter), for the officer. */
export type ProposalNotInLetter =
  'none' | Exclude<ProposalState, 'approved' | 'approval-not-needed'> | 'currencies';

/**
 * Why a letter cannot state the case's proposal, or null when it can: no proposal yet, one not yet
 * approved ('draft', 'awaiting-approval', 'changes-requested', 'rejected'), or remedies in more than
 * one currency (the total is left for the officer to write).
 */
export function proposalNotInLetter(
  proposal: Pick<ResolutionRecord, 'state' | 'remedies'> | null,
): ProposalNotInLetter | null {
  if (!proposal) return 'none';
  const { state } = proposal;
  if (!canGoToComplainant(state)) return state;
  return totals(proposal.remedies).length > 1 ? 'currencies' : null;
}

export const CONSULTEES = ['legal', 'compliance', 'senior-management', 'other'] as const;

export const ConsultationSchema = z.object({
  with: z.enum(CONSULTEES, { error: 'Choose who was consulted.' }),
  person: z.string().trim().min(1, 'Enter who was asked.').max(200, 'Use at most 200 characters.'),
  question: z.string().trim().min(1, 'Enter what was asked.').max(5000, 'Use at most 5,000 characters.'),
  askedAt: z.iso.datetime({ offset: true, error: 'Enter when they were asked.' }),
});
export type ConsultationInput = z.input<typeof ConsultationSchema>;

export interface ConsultationRecord extends z.output<typeof ConsultationSchema> {
  id: string;
  caseId: string;
  answer: string;
  answeredAt: string | null;
  recordedBy: Actor;
}
