import { describe, expect, it } from 'vitest';
import {
  ActionDoneSchema,
  ApprovalDecisionSchema,
  ApprovalRulesSchema,
  approvalReasons,
  ComplainantResponseSchema,
  ConsultationAnswerSchema,
  DEFAULT_APPROVAL_RULES,
  FollowUpDateSchema,
  fairnessSummary,
  isSatisfied,
  ProposalSchema,
  proposalNotInLetter,
  resolutionForLetter,
  similarKey,
  totals,
  type ProposalState,
  type Remedy,
} from '../../../../src-shared/domain/resolution';

const refund = (amount: number, currency = 'GBP'): Remedy => ({
  type: 'refund',
  amount,
  currency,
  rationale: 'r',
});
const apology: Remedy = { type: 'apology', amount: null, currency: '', rationale: 'r' };

describe('what a letter may say of the proposal', () => {
  const label = (r: Remedy) => `${r.type}: ${r.rationale}`;
  const proposal = (state: ProposalState, remedies = [refund(5000), apology]) => ({
    state,
    summary: 'We will refund the fees.',
    remedies,
  });

  it('says only a proposal that may go to the complainant', () => {
    for (const state of ['approved', 'approval-not-needed'] as const)
      expect(resolutionForLetter(proposal(state), label)).toEqual({
        summary: 'We will refund the fees.',
        remedies: ['refund: r', 'apology: r'],
        total: { currency: 'GBP', amount: 5000 },
      });
    // A manager rejected it, or it waits: the letter promises nothing (its fields stay empty).
    for (const state of ['draft', 'awaiting-approval', 'rejected', 'changes-requested'] as const)
      expect(resolutionForLetter(proposal(state), label)).toBeNull();
    expect(resolutionForLetter(null, label)).toBeNull();
  });

  it('leaves the total empty when the money is in more than one currency', () => {
    expect(
      resolutionForLetter(proposal('approved', [refund(100), refund(50, 'EUR')]), label)?.total,
    ).toBeNull();
    expect(resolutionForLetter(proposal('approved', [apology]), label)?.total).toBeNull();
  });

  it('says why a letter cannot state the proposal, so the officer knows what to do', () => {
    expect(proposalNotInLetter(null)).toBe('none');
    for (const state of ['draft', 'awaiting-approval', 'rejected', 'changes-requested'] as const)
      expect(proposalNotInLetter(proposal(state))).toBe(state);
    expect(proposalNotInLetter(proposal('approved', [refund(100), refund(50, 'EUR')]))).toBe('currencies');
    for (const state of ['approved', 'approval-not-needed'] as const)
      expect(proposalNotInLetter(proposal(state))).toBeNull();
    // An apology alone has no total, and nothing is missing from the letter for it.
    expect(proposalNotInLetter(proposal('approved', [apology]))).toBeNull();
  });
});

describe('approval rules', () => {
  it.each([
    [[refund(500)], 'medium', false, []],
    [[refund(500.01)], 'medium', false, ['amount']],
    [[refund(300), { ...refund(250), type: 'goodwill' as const }], 'medium', false, ['amount']],
    // Different currencies are never added together.
    [[refund(300), refund(300, 'EUR')], 'medium', false, []],
    [[apology], 'critical', false, ['critical']],
    [[apology], 'low', true, ['legal']],
    [[refund(900)], 'critical', true, ['amount', 'critical', 'legal']],
  ] as const)('%j, severity %s, legal %s → %j', (remedies, severity, legal, expected) => {
    const reasons = approvalReasons({ remedies: [...remedies], legal }, severity, DEFAULT_APPROVAL_RULES);
    expect(reasons.map((r) => r.rule)).toEqual(expected);
  });

  it('reports the total and the threshold, and each rule can be turned off', () => {
    expect(approvalReasons({ remedies: [refund(600)], legal: false }, 'low', DEFAULT_APPROVAL_RULES)).toEqual(
      [{ rule: 'amount', total: { amount: 600, currency: 'GBP' }, threshold: 500 }],
    );
    const off = { monetaryThreshold: null, critical: false, legal: false };
    expect(approvalReasons({ remedies: [refund(99999)], legal: true }, 'critical', off)).toEqual([]);
  });
});

describe('proposal validation', () => {
  it('requires an amount and currency for money remedies and a rationale for each', () => {
    const r = ProposalSchema.safeParse({
      summary: 's',
      legal: false,
      remedies: [{ type: 'refund', amount: null, currency: '', rationale: '' }],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['remedies.0.amount', 'remedies.0.currency', 'remedies.0.rationale']),
    );
    expect(ProposalSchema.safeParse({ summary: 's', legal: false, remedies: [apology] }).success).toBe(true);
  });
});

describe('fairness summary', () => {
  it('counts cases per remedy and gives the range and median of amounts per currency', () => {
    const s = fairnessSummary([
      { caseId: 'a', remedies: [refund(100), apology] },
      { caseId: 'b', remedies: [refund(300)] },
      { caseId: 'c', remedies: [refund(200), refund(50, 'EUR')] },
      { caseId: 'd', remedies: [apology] },
    ]);
    expect(s.caseCount).toBe(4);
    expect(s.remedies[0]).toEqual({
      type: 'refund',
      cases: 3,
      money: [
        { currency: 'GBP', min: 100, median: 200, max: 300 },
        { currency: 'EUR', min: 50, median: 50, max: 50 },
      ],
    });
    expect(s.remedies[1]).toEqual({ type: 'apology', cases: 2, money: [] });
  });

  it('matches similar cases by category and root cause, ignoring case, accents and spacing', () => {
    expect(similarKey('Payments', ' Batch  ran TWICE ')).toBe(similarKey('Payments', 'batch ran twice'));
    expect(similarKey('Payments', 'x')).not.toBe(similarKey('Lending', 'x'));
  });

  it('adds money per currency', () => {
    expect(totals([refund(10.1), refund(0.2), apology, refund(5, 'USD')])).toEqual([
      { currency: 'GBP', amount: 10.3 },
      { currency: 'USD', amount: 5 },
    ]);
  });
});

it('a follow-up is satisfied when resolved and scored 4 or 5', () => {
  expect(isSatisfied({ score: 4, resolved: true })).toBe(true);
  expect(isSatisfied({ score: 5, resolved: false })).toBe(false);
  expect(isSatisfied({ score: 3, resolved: true })).toBe(false);
});

/** The messages of a failed parse by field, or {} when it passes. */
const refusals = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('the schemas the resolution forms and repositories share', () => {
  it.each([
    ['approved', '', {}],
    ['changes-requested', '  ', { comment: 'Say why, so the officer knows what to change.' }],
    ['rejected', '', { comment: 'Say why, so the officer knows what to change.' }],
    ['rejected', 'Too generous.', {}],
  ] as const)('a manager’s decision %s with comment %j', (outcome, comment, expected) => {
    expect(refusals(ApprovalDecisionSchema.safeParse({ outcome, comment }))).toEqual(expected);
  });

  it.each([
    ['accepted', '', {}],
    ['no-reply', '', {}],
    ['rejected', ' ', { note: 'Say why the complainant rejected it.' }],
    ['rejected', 'Wants more.', {}],
  ] as const)('the complainant’s response %s with note %j', (outcome, note, expected) => {
    expect(refusals(ComplainantResponseSchema.safeParse({ outcome, note, escalateTo: null }))).toEqual(
      expected,
    );
  });

  it('asks for an answer, an outcome and a follow-up date in words an officer can act on', () => {
    expect(refusals(ConsultationAnswerSchema.safeParse({ answer: '  ' }))).toEqual({
      answer: 'Enter the answer.',
    });
    expect(refusals(ActionDoneSchema.safeParse({ outcome: '' }))).toEqual({ outcome: 'Say what was done.' });
    expect(refusals(FollowUpDateSchema.safeParse({ dueAt: '' }))).toEqual({
      dueAt: 'Enter the follow-up date.',
    });
    expect(FollowUpDateSchema.safeParse({ dueAt: '2026-04-01' }).success).toBe(true);
  });

  it('refuses an amount in smaller units than its currency has, and one that could not be read', () => {
    expect(
      refusals(ProposalSchema.safeParse({ summary: 's', legal: false, remedies: [refund(10.005)] })),
    ).toEqual({ 'remedies.0.amount': 'Use at most 2 decimal places for GBP.' });
    expect(
      refusals(ProposalSchema.safeParse({ summary: 's', legal: false, remedies: [refund(0.001)] })),
    ).toEqual({ 'remedies.0.amount': 'Use at most 2 decimal places for GBP.' });
    expect(
      refusals(ProposalSchema.safeParse({ summary: 's', legal: false, remedies: [refund(Number.NaN)] })),
    ).toEqual({ 'remedies.0.amount': 'Enter the amount in figures, without a currency sign.' });
    expect(ProposalSchema.safeParse({ summary: 's', legal: false, remedies: [refund(0.29)] }).success).toBe(
      true,
    );
  });

  it('says the largest amount it accepts, and asks for a threshold or an empty box', () => {
    expect(
      refusals(ProposalSchema.safeParse({ summary: 's', legal: false, remedies: [refund(20_000_000)] })),
    ).toEqual({ 'remedies.0.amount': 'Use at most 10,000,000.' });
    expect(
      refusals(ApprovalRulesSchema.safeParse({ monetaryThreshold: Number.NaN, critical: true, legal: true })),
    ).toEqual({ monetaryThreshold: 'Enter an amount in figures, or leave it empty.' });
    expect(
      ApprovalRulesSchema.safeParse({ monetaryThreshold: null, critical: true, legal: true }).success,
    ).toBe(true);
  });
});
