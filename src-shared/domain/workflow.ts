import type { ProposalState } from './proposal-state';

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
// Messages are plain English for the complaints officer, like the zod messages in case.ts.

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

/** Button verb for moving a case to a status. No transition leads to `received`; its label exists only to keep the map total. */
export const TRANSITION_LABELS: Record<CaseStatus, string> = {
  received: 'Mark received',
  acknowledged: 'Acknowledge',
  investigating: 'Start investigation',
  'resolution-proposed': 'Propose resolution',
  'resolution-accepted': 'Record acceptance',
  'resolution-rejected': 'Record rejection',
  implementing: 'Start implementing',
  'follow-up': 'Start follow-up',
  closed: 'Close case',
  withdrawn: 'Mark withdrawn',
  reopened: 'Reopen',
};

/** The button verb for one move; a few moves read better than the plain target label. */
export function transitionLabel(from: CaseStatus, to: CaseStatus): string {
  if (to === 'closed' && isSummaryClose(from)) return 'Close by summary resolution';
  if (to === 'resolution-proposed' && from === 'resolution-rejected') return 'Revise proposal';
  if (to === 'resolution-proposed' && from === 'follow-up') return 'Adjust resolution';
  return TRANSITION_LABELS[to];
}

export interface ChecklistItem {
  id: string;
  label: string;
  help: string;
  /** Required before leaving the stage unless the office configured its own required items. */
  requiredByDefault: boolean;
}

export const CHECKLISTS: Record<Stage, readonly ChecklistItem[]> = {
  acknowledge: [
    {
      id: 'confirm-receipt',
      label: 'Confirm receipt',
      help: 'Tell the complainant the complaint has arrived and give them its reference number.',
      requiredByDefault: true,
    },
    {
      id: 'express-empathy',
      label: 'Express empathy',
      help: 'Recognise how the matter has affected the complainant, without deciding fault before the facts are known.',
      requiredByDefault: false,
    },
    {
      id: 'outline-next-steps',
      label: 'Outline next steps and the deadline',
      help: 'Say what happens next, who is handling the complaint and the date by which the complainant will have a response.',
      requiredByDefault: true,
    },
  ],
  investigate: [
    {
      id: 'gather-records',
      label: 'Gather records',
      help: 'Collect the documents, messages, call notes and account history that bear on the complaint.',
      requiredByDefault: true,
    },
    {
      id: 'interview-people',
      label: 'Interview the people involved',
      help: 'Speak to the complainant and the staff involved, and note what each said.',
      requiredByDefault: false,
    },
    {
      id: 'find-root-cause',
      label: 'Find the root cause',
      help: 'Work out why it happened, not only what happened, so the fix lasts.',
      requiredByDefault: true,
    },
    {
      id: 'document-findings',
      label: 'Document findings',
      help: 'Write down what the evidence shows and whether the complaint is upheld.',
      requiredByDefault: true,
    },
  ],
  resolve: [
    {
      id: 'evaluate-options',
      label: 'Evaluate options',
      help: 'Weigh the possible remedies (apology, explanation, correction, refund, compensation) against what the complainant asked for and what is fair.',
      requiredByDefault: true,
    },
    {
      id: 'consult-stakeholders',
      label: 'Consult stakeholders',
      help: 'Check the proposed remedy with the people who must approve it or carry it out.',
      requiredByDefault: false,
    },
    {
      id: 'communicate-outcome',
      label: 'Communicate the outcome',
      help: 'Tell the complainant the decision, the reasons for it and what they can do if they are not satisfied.',
      requiredByDefault: true,
    },
  ],
  implement: [
    {
      id: 'carry-out-remedy',
      label: 'Carry out the remedy',
      help: 'Do what was agreed (the correction, payment or change) and keep proof that it was done.',
      requiredByDefault: true,
    },
    {
      id: 'monitor-remedy',
      label: 'Monitor the remedy',
      help: 'Check that the remedy took effect and that the problem has not come back.',
      requiredByDefault: false,
    },
    {
      id: 'follow-up-complainant',
      label: 'Follow up with the complainant',
      help: 'Ask the complainant whether the matter is now resolved for them.',
      requiredByDefault: true,
    },
  ],
  review: [
    {
      id: 'collect-feedback',
      label: 'Collect feedback',
      help: 'Ask the complainant how well their complaint was handled.',
      requiredByDefault: false,
    },
    {
      id: 'record-lessons',
      label: 'Record lessons learned',
      help: 'Note what the office will change so the same complaint does not arise again.',
      requiredByDefault: true,
    },
  ],
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

export type WorkflowCheck = { ok: true } | { ok: false; message: string; field?: string };

const OK: WorkflowCheck = { ok: true };
const refuse = (message: string, field?: string): WorkflowCheck =>
  field === undefined ? { ok: false, message } : { ok: false, message, field };

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

// Status names as the officer sees them, for messages.
const STATUS_NAMES: Record<CaseStatus, string> = {
  received: 'Received',
  acknowledged: 'Acknowledged',
  investigating: 'Investigating',
  'resolution-proposed': 'Resolution proposed',
  'resolution-accepted': 'Resolution accepted',
  'resolution-rejected': 'Resolution rejected',
  implementing: 'Implementing',
  'follow-up': 'Follow-up',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
  reopened: 'Reopened',
};

// "<subject> can only be <moves>": how each status reads in that sentence.
const CASE_THAT_IS: Record<CaseStatus, string> = {
  received: 'A case that is Received',
  acknowledged: 'A case that is Acknowledged',
  investigating: 'A case under investigation',
  'resolution-proposed': 'A case with a proposed resolution',
  'resolution-accepted': 'A case whose resolution was accepted',
  'resolution-rejected': 'A case whose resolution was rejected',
  implementing: 'A case whose resolution is being implemented',
  'follow-up': 'A case in follow-up',
  closed: 'A case that is Closed',
  withdrawn: 'A case that is Withdrawn',
  reopened: 'A case that is Reopened',
};
const MOVE_PHRASES: Record<CaseStatus, string> = {
  received: 'received',
  acknowledged: 'acknowledged',
  investigating: 'investigated',
  'resolution-proposed': 'given a proposed resolution',
  'resolution-accepted': 'marked accepted',
  'resolution-rejected': 'marked rejected',
  implementing: 'implemented',
  'follow-up': 'followed up',
  closed: 'closed',
  withdrawn: 'withdrawn',
  reopened: 'reopened',
};

/** `a, b and c` / `a, b or c`. */
function joinWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

function reasonMessage(from: CaseStatus, to: CaseStatus): string {
  if (to === 'withdrawn') return 'Give a reason for marking this case withdrawn.';
  if (to === 'reopened') return 'Give a reason for reopening this case.';
  if (to === 'closed') return 'Describe the summary resolution before closing this case.';
  return from === 'follow-up'
    ? 'Say why the complainant is not satisfied before adjusting the resolution.'
    : 'Give a reason for this change.';
}

/** May a case move from one status to another, given what the caller knows about it? */
export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  ctx: TransitionContext = {},
): WorkflowCheck {
  // Statuses can arrive from stored data or IPC, so check them at run time too.
  if (!isCaseStatus(from)) return refuse(`“${String(from)}” is not a case status Redress knows.`);
  if (!isCaseStatus(to)) return refuse(`“${String(to)}” is not a case status Redress knows.`);
  if (from === to) return refuse(`This case is already “${STATUS_NAMES[from]}”.`);

  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const moves = allowed.map((next) =>
      next === 'closed' && isSummaryClose(from) ? 'closed by summary resolution' : MOVE_PHRASES[next],
    );
    return refuse(`${CASE_THAT_IS[from]} can only be ${joinWords(moves, 'or')}.`);
  }

  if (to === 'closed' && isSummaryClose(from) && ctx.summaryResolutionRegime === false) {
    return refuse(
      'This regulatory regime has no summary-resolution route, so the case cannot be closed without an investigation. Start an investigation instead.',
    );
  }
  if (to === 'closed' && isSummaryClose(from) && ctx.summaryResolutionAllowed !== true) {
    return refuse(
      'The summary-resolution window has passed, so this case cannot be closed without an investigation. Start an investigation instead.',
    );
  }

  if (requiresReason(from, to) && !ctx.reason?.trim()) return refuse(reasonMessage(from, to), 'reason');

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
    if (!finding && !rootCause)
      return refuse('Record the finding and the root cause before proposing a resolution.', 'finding');
    if (!finding) return refuse('Record the finding before proposing a resolution.', 'finding');
    if (!rootCause) return refuse('Record the root cause before proposing a resolution.', 'rootCause');
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
      return refuse(
        `Tick ${joinWords(
          missing.map((item) => `“${item.label}”`),
          'and',
        )} before moving on.`,
        `checklist.${first.id}`,
      );
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
    if (proposal === null)
      return refuse('Write the proposed resolution on the Resolution tab first.', 'proposal');
    if (proposal === 'awaiting-approval')
      return refuse(
        'A manager must approve the proposed resolution first (see the Resolution tab).',
        'proposal',
      );
    if (proposal !== 'approved' && proposal !== 'approval-not-needed')
      return refuse(
        'The proposed resolution must be revised and approved first (see the Resolution tab).',
        'proposal',
      );
  }
  if (to === 'closed') {
    if (ctx.escalated)
      return refuse(
        'This case is escalated. Clear the escalation (say how it was settled) before closing it.',
        'escalation',
      );
    if (from === 'follow-up') {
      if (!ctx.satisfaction)
        return refuse(
          'Record the follow-up with the complainant (Follow-up tab) before closing.',
          'satisfaction',
        );
      if (!ctx.satisfaction.resolved && !ctx.reason?.trim())
        return refuse('Give the reason for closing although the complainant is not satisfied.', 'reason');
    }
    if (ctx.responseRecorded !== true)
      return refuse(
        isSummaryClose(from)
          ? 'Record the summary resolution communication sent to the complainant (Communications → Write a letter) before closing.'
          : 'Record the final response sent to the complainant (Communications → Write a letter) before closing.',
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
  if (!input.reason?.trim()) return refuse('Give a reason for escalating this case.', 'reason');
  if (!input.ownerId?.trim()) return refuse('Choose who will own the escalated case.', 'ownerId');
  return OK;
}
