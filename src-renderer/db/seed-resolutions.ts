// The resolution proposals a demo case's history implies, written as the resolution repository
// would have written them (saveProposal → decideApproval → proposeToComplainant → recordResponse),
// with their audit drafts: so demo cases past investigation show their proposal, the fairness aid
// has history to compare against, and a manager in training finds proposals waiting for approval.
import type { AuditDraft } from '../../src-shared/domain/audit';
import type { Actor, CaseRecord } from '../../src-shared/domain/case';
import type { Rng } from '../../src-shared/demo/rng';
import {
  approvalReasons,
  similarKey,
  type ApprovalRules,
  type Remedy,
} from '../../src-shared/domain/resolution';
import type { CaseStatus } from '../../src-shared/domain/workflow';
import type { ResolutionRecord } from '../../src-shared/domain/resolution';
import { resolutionAuditDraft } from './resolution';

export interface DemoTransition {
  to: CaseStatus;
  at: string;
  by: Actor;
  reason?: string;
}

export interface DemoResolutionContext {
  /** Draws the remedies. Not the ids: see `proposalId`. */
  rng: Rng;
  /** The id of the case's n-th proposal (0, 1, …): distinct for every case and n. */
  proposalId: (n: number) => string;
  now: Date;
  manager: Actor;
  approvalRules: ApprovalRules;
  /** When the case's history began (its creation), so every proposal comes after it. */
  startedAt: string;
  /** Whether a case still under investigation has a refund proposal waiting for a manager. */
  pendingApproval: boolean;
}

const ms = Date.parse;
const iso = (t: number) => new Date(t).toISOString();
const between = (from: string, to: string, f: number) => iso(ms(from) + (ms(to) - ms(from)) * f);

function remediesFor(c: CaseRecord, rng: Rng, aboveThreshold: number | null): Remedy[] {
  const currency = c.regime.startsWith('au-') ? 'AUD' : 'GBP';
  if (c.finding === 'not-upheld')
    return [
      {
        type: 'explanation',
        amount: null,
        currency: '',
        rationale: 'We explained how the charge arose and why it stands.',
      },
    ];
  const amount = aboveThreshold ?? rng.int(2, 45) * 10;
  const remedies: Remedy[] = [
    { type: 'refund', amount, currency, rationale: 'Puts the complainant back where they would have been.' },
    { type: 'apology', amount: null, currency: '', rationale: 'We got this wrong and say so.' },
  ];
  if (rng.chance(0.3))
    remedies.push({
      type: 'goodwill',
      amount: rng.int(5, 15) * 10,
      currency,
      rationale: 'For the distress and inconvenience caused.',
    });
  return remedies;
}

const summaryFor = (c: CaseRecord) =>
  c.finding === 'not-upheld'
    ? 'We do not uphold the complaint, and explain why.'
    : c.finding === 'partially-upheld'
      ? 'We partly uphold the complaint and put right what we got wrong.'
      : c.finding === 'upheld'
        ? 'We uphold the complaint, refund the loss and apologise.'
        : 'We propose to put this right: a refund of the loss and an apology.';

/** Proposals (oldest first) and their audit drafts, for a case whose history is `transitions`. */
export function demoResolutions(
  c: CaseRecord,
  transitions: readonly DemoTransition[],
  drafts: readonly AuditDraft[],
  ctx: DemoResolutionContext,
): { rows: ResolutionRecord[]; drafts: AuditDraft[] } {
  const rows: ResolutionRecord[] = [];
  const out: AuditDraft[] = [];
  /** The latest moment before `at` anything happened on the case: a proposal is saved after it. */
  const lastBefore = (at: string) =>
    drafts.reduce((last, d) => (d.at < at && d.at > last ? d.at : last), ctx.startedAt);

  const save = (createdAt: string, by: Actor, remedies: Remedy[]): ResolutionRecord => {
    const reasons = approvalReasons({ remedies, legal: false }, c.severity, ctx.approvalRules);
    const row: ResolutionRecord = {
      id: ctx.proposalId(rows.length),
      caseId: c.id,
      caseReference: '', // allocated with the case's reference, in the seeding transaction
      createdAt,
      createdBy: by,
      updatedAt: createdAt,
      summary: summaryFor(c),
      remedies,
      legal: false,
      similarKey: similarKey(c.category, c.rootCause),
      state: reasons.length ? 'awaiting-approval' : 'approval-not-needed',
      approvalReasons: reasons,
      requestedAt: reasons.length ? createdAt : null,
      decision: null,
      proposedAt: null,
      response: null,
    };
    out.push(resolutionAuditDraft(null, row, by, 'proposal-create'));
    return row;
  };
  const change = (
    row: ResolutionRecord,
    patch: Partial<ResolutionRecord>,
    by: Actor,
    action: string,
    reason?: string,
  ) => {
    const next = { ...row, ...patch };
    out.push(resolutionAuditDraft(row, next, by, action, reason));
    return next;
  };

  transitions.forEach((t, i) => {
    if (t.to !== 'resolution-proposed') return;
    const before = lastBefore(t.at);
    let row = save(between(before, t.at, 0.4), t.by, remediesFor(c, ctx.rng, null));
    if (row.state === 'awaiting-approval') {
      const at = between(before, t.at, 0.7);
      row = change(
        row,
        {
          state: 'approved',
          decision: { outcome: 'approved', comment: '', by: ctx.manager, at },
          updatedAt: at,
        },
        ctx.manager,
        'approval-approved',
      );
    }
    row = change(row, { proposedAt: t.at, updatedAt: t.at }, t.by, 'proposal-sent');
    const answer = transitions[i + 1];
    if (answer?.to === 'resolution-accepted' || answer?.to === 'resolution-rejected') {
      const outcome = answer.to === 'resolution-accepted' ? 'accepted' : 'rejected';
      const note = answer.reason ?? (outcome === 'rejected' ? 'The complainant wants more.' : '');
      row = change(
        row,
        { response: { outcome, note, at: answer.at, by: answer.by }, updatedAt: answer.at },
        answer.by,
        `response-${outcome}`,
        note || undefined,
      );
    }
    rows.push(row);
  });

  // Still under investigation, with a refund in mind: some proposals wait for a manager now.
  if (ctx.pendingApproval && c.status === 'investigating' && c.finding !== 'not-upheld') {
    const last = drafts.reduce((m, d) => (d.at > m ? d.at : m), ctx.startedAt);
    const at = between(last, ctx.now.toISOString(), 0.5);
    const threshold = ctx.approvalRules.monetaryThreshold;
    const amount = threshold === null ? null : threshold + ctx.rng.int(1, 20) * 50;
    rows.push(save(at, c.assignee ?? c.createdBy, remediesFor(c, ctx.rng, amount)));
  }
  return { rows, drafts: out };
}
