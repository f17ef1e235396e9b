// The workflow speaks in keys: every key it hands out must be in the shared English, and each
// refusal's English message must be what its code and params say.
import { describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  CHECKLISTS,
  checkEscalation,
  checkTransition,
  TRANSITIONS,
  transitionLabel,
  transitionLabelKey,
  type CaseStatus,
  type TransitionContext,
  type WorkflowCheck,
} from '../../../../src-shared/domain/workflow';
import { formatMessage, sharedEn, translate, type Translate } from '../../../../src-shared/i18n';

const english = (key: string): string | undefined => {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], sharedEn);
  return typeof value === 'string' ? value : undefined;
};

/** Translates like the main process, but fails on any key the resources lack. */
const strict: Translate = (key, params) => {
  expect(english(key), `"${key}" is missing from the shared English`).toBeDefined();
  return translate(sharedEn, key, params);
};

const allTicked = Object.fromEntries(
  Object.values(CHECKLISTS).flatMap((items) => items.map((i) => [i.id, true])),
);
const full: TransitionContext = {
  reason: 'Asked in writing.',
  summaryResolutionRegime: true,
  summaryResolutionAllowed: true,
  checklist: allTicked,
  findingRecorded: true,
  rootCauseRecorded: true,
  proposal: 'approved',
  satisfaction: { resolved: true },
  responseRecorded: true,
};
const bogus = 'escalated' as CaseStatus;

// One row per refusal: the move, what is missing, and the code it must give.
const REFUSALS: [CaseStatus, CaseStatus, TransitionContext, string][] = [
  [bogus, 'closed', full, 'unknownStatus'],
  ['closed', 'closed', full, 'alreadyInStatus'],
  ['received', 'implementing', full, 'notAllowed'],
  ['received', 'closed', { ...full, summaryResolutionRegime: false }, 'noSummaryRoute'],
  ['received', 'closed', { ...full, summaryResolutionAllowed: false }, 'summaryWindowPassed'],
  ['investigating', 'withdrawn', { ...full, reason: ' ' }, 'reasonToWithdraw'],
  ['closed', 'reopened', { ...full, reason: undefined }, 'reasonToReopen'],
  ['acknowledged', 'closed', { ...full, reason: undefined }, 'reasonToCloseBySummary'],
  ['follow-up', 'resolution-proposed', { ...full, reason: undefined }, 'reasonToAdjust'],
  [
    'investigating',
    'resolution-proposed',
    { ...full, findingRecorded: false, rootCauseRecorded: false },
    'findingAndRootCauseMissing',
  ],
  ['investigating', 'resolution-proposed', { ...full, findingRecorded: false }, 'findingMissing'],
  ['reopened', 'resolution-proposed', { ...full, rootCauseRecorded: false }, 'rootCauseMissing'],
  ['investigating', 'resolution-proposed', { ...full, checklist: {} }, 'checklistUnticked'],
  ['investigating', 'resolution-proposed', { ...full, proposal: null }, 'proposalMissing'],
  [
    'resolution-proposed',
    'resolution-accepted',
    { ...full, proposal: 'awaiting-approval' },
    'proposalAwaitingApproval',
  ],
  [
    'resolution-rejected',
    'resolution-proposed',
    { ...full, proposal: 'changes-requested' },
    'proposalNotApproved',
  ],
  ['follow-up', 'closed', { ...full, escalated: true }, 'escalated'],
  ['follow-up', 'closed', { ...full, satisfaction: null }, 'followUpMissing'],
  [
    'follow-up',
    'closed',
    { ...full, satisfaction: { resolved: false }, reason: '' },
    'reasonToCloseUnsatisfied',
  ],
  ['received', 'closed', { ...full, responseRecorded: false }, 'summaryResolutionNotSent'],
  ['follow-up', 'closed', { ...full, responseRecorded: false }, 'finalResponseNotSent'],
];
// The escalation's refusals (tested on their own) and `reasonForChange`, the fallback for a move
// that needs a reason none of the other reason sentences fits (no such move today).
const OTHER_CODES = ['reasonForChange', 'escalationReasonMissing', 'escalationOwnerMissing'];

function expectWellFormed(check: WorkflowCheck) {
  if (check.ok) throw new Error('expected a refusal');
  expect(formatMessage(strict, check.code, check.params)).toBe(check.message);
  expect(check.message).not.toMatch(/\{\{|workflow\.|grammar\./);
}

describe('workflow keys', () => {
  it('names every checklist item and its help in the shared English', () => {
    for (const item of Object.values(CHECKLISTS).flat()) {
      expect(english(item.labelKey)).toBe(item.label);
      expect(english(item.helpKey)).toBe(item.help);
    }
  });

  it('has a button verb for every move', () => {
    for (const from of CASE_STATUSES)
      for (const to of TRANSITIONS[from]) {
        expect(english(transitionLabelKey(from, to))).toBe(transitionLabel(from, to));
      }
  });

  it.each(REFUSALS)(
    '%s → %s refuses with a code whose English is the message (%#)',
    (from, to, ctx, code) => {
      const check = checkTransition(from, to, ctx);
      expect(check).toMatchObject({ ok: false, code: `workflow.refusal.${code}` });
      expectWellFormed(check);
    },
  );

  it('gives every refusal of every pair of statuses, under any context, a well-formed message', () => {
    const contexts: TransitionContext[] = [full, {}, ...REFUSALS.map(([, , ctx]) => ctx)];
    for (const ctx of contexts)
      for (const from of [...CASE_STATUSES, bogus])
        for (const to of [...CASE_STATUSES, bogus]) {
          const check = checkTransition(from, to, ctx);
          if (!check.ok) expectWellFormed(check);
        }
  });

  it('refuses an escalation without a reason or an owner in the same way', () => {
    expect(checkEscalation({ escalated: true, ownerId: 'u1' })).toMatchObject({
      code: 'workflow.refusal.escalationReasonMissing',
      field: 'reason',
    });
    expect(checkEscalation({ escalated: true, reason: 'Ombudsman.' })).toMatchObject({
      code: 'workflow.refusal.escalationOwnerMissing',
      field: 'ownerId',
    });
    expectWellFormed(checkEscalation({ escalated: true }));
  });

  it('uses every refusal sentence in the shared English', () => {
    const used = new Set([...REFUSALS.map(([, , , code]) => code), ...OTHER_CODES]);
    expect([...used].sort()).toEqual(Object.keys(sharedEn.workflow.refusal).sort());
  });
});
