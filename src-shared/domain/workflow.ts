import { sharedEn, tEn, type MessageParam, type MessageParams } from '../i18n';
import type { ProposalState } from './proposal-state';

const workflowEn = sharedEn.workflow;

/** The stages a case moves through (the five steps: acknowledge, investigate, resolve, implement, review). */
export const CASE_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'resolution-proposed',
  'resolution-accepted',
  'resolution-rejected',
  'implementing',
  'follow-up',
  'closed',
  'withdrawn',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const INITIAL_STATUS: CaseStatus = 'received';

// The status machine is pure: callers (repositories, the UI) work out the facts it needs —
// deadlines, ticked checklist items, recorded findings — and pass them in `TransitionContext`.
// Its words are keys into the shared resources (src-shared/i18n/en/workflow.ts): each process
// shows them in its own language; a refusal also carries its English `message`.

export const STAGES = ['acknowledge', 'investigate', 'resolve', 'implement', 'review'] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_OF: Record<CaseStatus, Stage> = {
  received: 'acknowledge', // acknowledgement pending
  acknowledged: 'acknowledge',
  investigating: 'investigate',
  reopened: 'investigate',
  'resolution-proposed': 'resolve',
  'resolution-accepted': 'resolve',
  'resolution-rejected': 'resolve',
  implementing: 'implement',
  'follow-up': 'implement',
  closed: 'review',
  withdrawn: 'review',
};

export function stageOf(status: CaseStatus): Stage {
  return STAGE_OF[status];
}

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/** Every move a case may make. Other rules (reasons, checklists, deadlines) are in `checkTransition`. */
export const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['acknowledged', 'withdrawn', 'closed'],
  acknowledged: ['investigating', 'withdrawn', 'closed'],
  investigating: ['resolution-proposed', 'withdrawn'],
  'resolution-proposed': ['resolution-accepted', 'resolution-rejected', 'withdrawn'],
  'resolution-rejected': ['resolution-proposed', 'withdrawn'],
  'resolution-accepted': ['implementing'],
  implementing: ['follow-up'],
  'follow-up': ['closed', 'resolution-proposed'],
  closed: ['reopened'],
  withdrawn: ['reopened'],
  reopened: ['investigating', 'resolution-proposed'],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return isCaseStatus(from) ? TRANSITIONS[from] : [];
}

/** Button verb for moving a case to a status, in English. No transition leads to `received`; its label exists only to keep the map total. */
export const TRANSITION_LABELS: Record<CaseStatus, string> = workflowEn.transition;

export type TransitionLabelKey =
  | `workflow.transition.${CaseStatus}`
  | `workflow.transitionSpecial.${keyof typeof workflowEn.transitionSpecial}`;

/** The key of the button verb for one move; a few moves read better than the plain target label. */
export function transitionLabelKey(from: CaseStatus, to: CaseStatus): TransitionLabelKey {
  if (to === 'closed' && isSummaryClose(from)) return 'workflow.transitionSpecial.closeBySummary';
  if (to === 'resolution-proposed' && from === 'resolution-rejected')
    return 'workflow.transitionSpecial.reviseProposal';
  if (to === 'resolution-proposed' && from === 'follow-up')
    return 'workflow.transitionSpecial.adjustResolution';
  return `workflow.transition.${to}`;
}

/** The button verb for one move, in English (screens show `transitionLabelKey` through `t`). */
export function transitionLabel(from: CaseStatus, to: CaseStatus): string {
  return tEn(transitionLabelKey(from, to));
}

type ChecklistItemId = keyof typeof workflowEn.checklist;

export interface ChecklistItem {
  id: string;
  /** Keys of the item's name and its explanation in the shared resources: screens show them through `t`. */
  labelKey: `workflow.checklist.${ChecklistItemId}.label`;
  helpKey: `workflow.checklist.${ChecklistItemId}.help`;
  /** The same in English, for logs and tests. */
  label: string;
  help: string;
  /** Required before leaving the stage unless the office configured its own required items. */
  requiredByDefault: boolean;
}

const item = (id: ChecklistItemId, requiredByDefault: boolean): ChecklistItem => ({
  id,
  labelKey: `workflow.checklist.${id}.label`,
  helpKey: `workflow.checklist.${id}.help`,
  label: workflowEn.checklist[id].label,
  help: workflowEn.checklist[id].help,
  requiredByDefault,
});

export const CHECKLISTS: Record<Stage, readonly ChecklistItem[]> = {
  acknowledge: [
    item('confirm-receipt', true),
    item('express-empathy', false),
    item('outline-next-steps', true),
  ],
  investigate: [
    item('gather-records', true),
    item('interview-people', false),
    item('find-root-cause', true),
    item('document-findings', true),
  ],
  resolve: [
    item('evaluate-options', true),
    item('consult-stakeholders', false),
    item('communicate-outcome', true),
  ],
  implement: [
    item('carry-out-remedy', true),
    item('monitor-remedy', false),
    item('follow-up-complainant', true),
  ],
  review: [item('collect-feedback', false), item('record-lessons', true)],
};

/** The items of a stage that must be ticked before leaving it. */
export function requiredChecklistItems(
  stage: Stage,
  requiredItems?: readonly string[],
): readonly ChecklistItem[] {
  const items = CHECKLISTS[stage];
  return requiredItems
    ? items.filter((item) => requiredItems.includes(item.id))
    : items.filter((item) => item.requiredByDefault);
}

export interface TransitionContext {
  /** The state of the case's current resolution proposal; null when none has been written. */
  proposal?: ProposalState | null;
  /** The complainant's answer at follow-up; null until recorded. */
  satisfaction?: { resolved: boolean } | null;
  /** A final response or summary resolution communication has been recorded as sent (deadlines.ts). */
  responseRecorded?: boolean;
  /** The case carries an escalation flag. */
  escalated?: boolean;
  /** Does the case's regime have a summary-resolution window at all (deadlines.ts hasSummaryResolution)? */
  summaryResolutionRegime?: boolean;
  /** Why the move is made; required for the moves `requiresReason` names. For a summary resolution, what was resolved. */
  reason?: string;
  /** Computed by the caller from the deadline rules: is the case still inside the summary-resolution window? */
  summaryResolutionAllowed?: boolean;
  /** Checklist item id → done. */
  checklist?: Record<string, boolean>;
  /** Item ids the office made required; when undefined, each item's `requiredByDefault` applies. */
  requiredItems?: readonly string[];
  findingRecorded?: boolean;
  rootCauseRecorded?: boolean;
  /** Defaults to true. */
  requireFindingToLeaveInvestigation?: boolean;
}

export type WorkflowRefusalCode = `workflow.refusal.${keyof typeof workflowEn.refusal}`;

/**
 * Why a move is refused: `code` is the key of the sentence in the shared resources, `params` fill
 * it in (show it with `formatMessage(t, code, params)`), `message` is the same in English and
 * `field` names what the person must fix.
 */
export interface WorkflowRefusal {
  ok: false;
  code: WorkflowRefusalCode;
  params?: MessageParams;
  message: string;
  field?: string;
}
export type WorkflowCheck = { ok: true } | WorkflowRefusal;

const OK: WorkflowCheck = { ok: true };
function refuse(code: WorkflowRefusalCode, field?: string, params?: MessageParams): WorkflowRefusal {
  const message = tEn(code, params);
  return {
    ok: false,
    code,
    ...(params ? { params } : {}),
    message,
    ...(field === undefined ? {} : { field }),
  };
}

/** Closing before any investigation is a summary resolution, allowed only inside its window. */
function isSummaryClose(from: CaseStatus): boolean {
  return from === 'received' || from === 'acknowledged';
}

/** Does this move need a written reason? The UI uses it to ask for one. */
export function requiresReason(from: CaseStatus, to: CaseStatus): boolean {
  return (
    to === 'withdrawn' ||
    to === 'reopened' ||
    (from === 'follow-up' && to === 'resolution-proposed') ||
    (to === 'closed' && isSummaryClose(from))
  );
}

const statusName = (status: CaseStatus): MessageParam => ({ key: `workflow.status.${status}` });
const quoted = (key: string): MessageParam => ({ key: 'grammar.quoted', params: { text: { key } } });

function reasonCode(from: CaseStatus, to: CaseStatus): WorkflowRefusalCode {
  if (to === 'withdrawn') return 'workflow.refusal.reasonToWithdraw';
  if (to === 'reopened') return 'workflow.refusal.reasonToReopen';
  if (to === 'closed') return 'workflow.refusal.reasonToCloseBySummary';
  return from === 'follow-up' ? 'workflow.refusal.reasonToAdjust' : 'workflow.refusal.reasonForChange';
}

/** May a case move from one status to another, given what the caller knows about it? */
export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  ctx: TransitionContext = {},
): WorkflowCheck {
  // Statuses can arrive from stored data or IPC, so check them at run time too.
  if (!isCaseStatus(from))
    return refuse('workflow.refusal.unknownStatus', undefined, { status: String(from) });
  if (!isCaseStatus(to)) return refuse('workflow.refusal.unknownStatus', undefined, { status: String(to) });
  if (from === to) return refuse('workflow.refusal.alreadyInStatus', undefined, { status: statusName(from) });

  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const moves = allowed.map((next): MessageParam =>
      next === 'closed' && isSummaryClose(from)
        ? { key: 'workflow.movePhraseSummaryClose' }
        : { key: `workflow.movePhrase.${next}` },
    );
    return refuse('workflow.refusal.notAllowed', undefined, {
      subject: { key: `workflow.caseThatIs.${from}` },
      moves: { list: moves, join: 'or' },
    });
  }

  if (to === 'closed' && isSummaryClose(from) && ctx.summaryResolutionRegime === false) {
    return refuse('workflow.refusal.noSummaryRoute');
  }
  if (to === 'closed' && isSummaryClose(from) && ctx.summaryResolutionAllowed !== true) {
    return refuse('workflow.refusal.summaryWindowPassed');
  }

  if (requiresReason(from, to) && !ctx.reason?.trim()) return refuse(reasonCode(from, to), 'reason');

  // A resolution must rest on a recorded finding. `reopened` belongs to the investigate stage,
  // so proposing straight from it is also leaving investigation.
  const fromStage = STAGE_OF[from];
  const toStage = STAGE_OF[to];
  if (
    fromStage === 'investigate' &&
    to === 'resolution-proposed' &&
    (ctx.requireFindingToLeaveInvestigation ?? true)
  ) {
    const finding = ctx.findingRecorded === true;
    const rootCause = ctx.rootCauseRecorded === true;
    if (!finding && !rootCause) return refuse('workflow.refusal.findingAndRootCauseMissing', 'finding');
    if (!finding) return refuse('workflow.refusal.findingMissing', 'finding');
    if (!rootCause) return refuse('workflow.refusal.rootCauseMissing', 'rootCause');
  }

  const flowRefusal = checkFlow(from, to, ctx);
  if (flowRefusal) return flowRefusal;

  // The checklist gates moving on to a later stage. Withdrawal and reopening end or restart
  // the work, and going back a stage (an adjusted resolution) redoes it, so none of them is gated.
  const movesOn = STAGES.indexOf(toStage) > STAGES.indexOf(fromStage);
  if (movesOn && to !== 'withdrawn' && to !== 'reopened') {
    const missing = requiredChecklistItems(fromStage, ctx.requiredItems).filter(
      (item) => ctx.checklist?.[item.id] !== true,
    );
    const first = missing[0];
    if (first) {
      return refuse('workflow.refusal.checklistUnticked', `checklist.${first.id}`, {
        items: { list: missing.map((item) => quoted(item.labelKey)), join: 'and' },
      });
    }
  }

  return OK;
}

/**
 * The guards that tie a move to what has really happened: a proposal that may go to the complainant,
 * the follow-up with them, the response letter sent, the escalation settled.
 */
function checkFlow(from: CaseStatus, to: CaseStatus, ctx: TransitionContext): WorkflowCheck | null {
  if (to === 'resolution-proposed' || to === 'resolution-accepted' || to === 'resolution-rejected') {
    const proposal = ctx.proposal ?? null;
    if (proposal === null) return refuse('workflow.refusal.proposalMissing', 'proposal');
    if (proposal === 'awaiting-approval')
      return refuse('workflow.refusal.proposalAwaitingApproval', 'proposal');
    if (proposal !== 'approved' && proposal !== 'approval-not-needed')
      return refuse('workflow.refusal.proposalNotApproved', 'proposal');
  }
  if (to === 'closed') {
    if (ctx.escalated) return refuse('workflow.refusal.escalated', 'escalation');
    if (from === 'follow-up') {
      if (!ctx.satisfaction) return refuse('workflow.refusal.followUpMissing', 'satisfaction');
      if (!ctx.satisfaction.resolved && !ctx.reason?.trim())
        return refuse('workflow.refusal.reasonToCloseUnsatisfied', 'reason');
    }
    if (ctx.responseRecorded !== true)
      return refuse(
        isSummaryClose(from)
          ? 'workflow.refusal.summaryResolutionNotSent'
          : 'workflow.refusal.finalResponseNotSent',
        'response',
      );
  }
  return null;
}

/** Moves that only a dedicated screen makes, because it records what the move rests on. */
export type TransitionFlow = 'resolution' | 'follow-up';
export function transitionFlow(from: CaseStatus, to: CaseStatus): TransitionFlow | null {
  if (from === 'follow-up' && (to === 'closed' || to === 'resolution-proposed')) return 'follow-up';
  if (to === 'resolution-proposed' || to === 'resolution-accepted' || to === 'resolution-rejected')
    return 'resolution';
  return null;
}

/** The moves to offer: the status machine's, less a summary close where the regime has no such route. */
export function availableTransitions(
  from: CaseStatus,
  ctx: Pick<TransitionContext, 'summaryResolutionRegime'>,
): readonly CaseStatus[] {
  return allowedTransitions(from).filter(
    (to) => !(to === 'closed' && isSummaryClose(from) && ctx.summaryResolutionRegime === false),
  );
}

export interface EscalationInput {
  escalated: boolean;
  reason?: string;
  ownerId?: string;
}

/** Escalation is a flag beside the status, not a status: an escalated case needs a reason and someone who owns it. */
export function checkEscalation(input: EscalationInput): WorkflowCheck {
  if (!input.escalated) return OK;
  if (!input.reason?.trim()) return refuse('workflow.refusal.escalationReasonMissing', 'reason');
  if (!input.ownerId?.trim()) return refuse('workflow.refusal.escalationOwnerMissing', 'ownerId');
  return OK;
}
