import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  availableTransitions,
  CASE_STATUSES,
  checkEscalation,
  checkTransition,
  CHECKLISTS,
  INITIAL_STATUS,
  isCaseStatus,
  requiredChecklistItems,
  requiresReason,
  stageOf,
  STAGES,
  TRANSITION_LABELS,
  transitionFlow,
  transitionLabel,
  TRANSITIONS,
  type CaseStatus,
  type TransitionContext,
} from '../../../../src-shared/domain/workflow';

// The transition table as the specification writes it, kept apart from TRANSITIONS so a wrong table fails.
const SPEC: Record<CaseStatus, CaseStatus[]> = {
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
const ALL: CaseStatus[] = [
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
];
const pairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));
const allowedPairs = pairs.filter(([from, to]) => SPEC[from].includes(to));
const refusedPairs = pairs.filter(([from, to]) => !SPEC[from].includes(to));

const everyItemTicked = Object.fromEntries(
  Object.values(CHECKLISTS).flatMap((items) => items.map((item) => [item.id, true])),
);
/** Everything a caller could supply, so only the table decides. */
const fullContext: TransitionContext = {
  reason: 'The complainant asked for it in writing.',
  summaryResolutionRegime: true,
  summaryResolutionAllowed: true,
  checklist: everyItemTicked,
  findingRecorded: true,
  rootCauseRecorded: true,
  proposal: 'approved',
  satisfaction: { resolved: true },
  responseRecorded: true,
  escalated: false,
};
const without = (key: keyof TransitionContext): TransitionContext => ({ ...fullContext, [key]: undefined });

describe('statuses and stages', () => {
  it('keeps the statuses other code relies on', () => {
    expect([...CASE_STATUSES]).toEqual(ALL);
    expect(INITIAL_STATUS).toBe('received');
    expect(isCaseStatus('closed')).toBe(true);
    expect(isCaseStatus('escalated')).toBe(false);
    expect(isCaseStatus(3)).toBe(false);
  });

  it('lists the five steps in order', () => {
    expect([...STAGES]).toEqual(['acknowledge', 'investigate', 'resolve', 'implement', 'review']);
  });

  it.each([
    ['received', 'acknowledge'],
    ['acknowledged', 'acknowledge'],
    ['investigating', 'investigate'],
    ['reopened', 'investigate'],
    ['resolution-proposed', 'resolve'],
    ['resolution-accepted', 'resolve'],
    ['resolution-rejected', 'resolve'],
    ['implementing', 'implement'],
    ['follow-up', 'implement'],
    ['closed', 'review'],
    ['withdrawn', 'review'],
  ] as const)('%s is in the %s stage', (status, stage) => {
    expect(stageOf(status)).toBe(stage);
  });
});

describe('transition table', () => {
  it('covers all 121 pairs of statuses', () => {
    expect(allowedPairs).toHaveLength(21);
    expect(refusedPairs).toHaveLength(100);
  });

  it.each(ALL)('allowedTransitions(%s) is what the specification lists', (from) => {
    expect([...allowedTransitions(from)].sort()).toEqual([...SPEC[from]].sort());
    expect([...TRANSITIONS[from]].sort()).toEqual([...SPEC[from]].sort());
  });

  it.each(allowedPairs)('allows %s → %s when every rule is met', (from, to) => {
    expect(checkTransition(from, to, fullContext)).toEqual({ ok: true });
  });

  it.each(refusedPairs)('refuses %s → %s even when every rule is met', (from, to) => {
    const result = checkTransition(from, to, fullContext);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(from === to ? /already/ : /can only be/);
    expect(result.field).toBeUndefined();
  });

  it('explains what a case can do instead', () => {
    expect(checkTransition('closed', 'investigating', fullContext)).toMatchObject({
      ok: false,
      message: 'A case that is Closed can only be reopened.',
    });
    expect(checkTransition('received', 'implementing', fullContext)).toMatchObject({
      ok: false,
      message: 'A case that is Received can only be acknowledged, withdrawn or closed by summary resolution.',
    });
    expect(checkTransition('follow-up', 'follow-up', fullContext)).toMatchObject({
      ok: false,
      message: 'This case is already “Follow-up”.',
    });
  });

  it('refuses statuses it does not know', () => {
    const bogus = 'escalated' as CaseStatus;
    expect(checkTransition(bogus, 'closed', fullContext)).toMatchObject({
      ok: false,
      message: '“escalated” is not a case status Redress knows.',
    });
    expect(checkTransition('received', bogus, fullContext)).toMatchObject({
      ok: false,
      message: '“escalated” is not a case status Redress knows.',
    });
    expect(allowedTransitions(bogus)).toEqual([]);
  });

  it.each(allowedPairs)('has a button label for %s → %s', (from, to) => {
    expect(transitionLabel(from, to)).toMatch(/\S/);
  });

  it('labels buttons with verbs', () => {
    expect(TRANSITION_LABELS).toMatchObject({
      acknowledged: 'Acknowledge',
      investigating: 'Start investigation',
      'resolution-proposed': 'Propose resolution',
      reopened: 'Reopen',
      withdrawn: 'Mark withdrawn',
      closed: 'Close case',
    });
    expect(transitionLabel('follow-up', 'closed')).toBe('Close case');
    expect(transitionLabel('received', 'closed')).toBe('Close by summary resolution');
    expect(transitionLabel('follow-up', 'resolution-proposed')).toBe('Adjust resolution');
    expect(transitionLabel('resolution-rejected', 'resolution-proposed')).toBe('Revise proposal');
  });
});

describe('reasons', () => {
  const needingReason = allowedPairs.filter(
    ([from, to]) =>
      to === 'withdrawn' ||
      to === 'reopened' ||
      (from === 'follow-up' && to === 'resolution-proposed') ||
      (to === 'closed' && (from === 'received' || from === 'acknowledged')),
  );
  const notNeedingReason = allowedPairs.filter((pair) => !needingReason.includes(pair));

  it.each(needingReason)('%s → %s needs a reason', (from, to) => {
    expect(requiresReason(from, to)).toBe(true);
    for (const reason of [undefined, '', '   \n']) {
      const result = checkTransition(from, to, { ...fullContext, reason });
      expect(result).toMatchObject({ ok: false, field: 'reason' });
    }
  });

  it.each(notNeedingReason)('%s → %s needs no reason', (from, to) => {
    expect(requiresReason(from, to)).toBe(false);
    expect(checkTransition(from, to, without('reason'))).toEqual({ ok: true });
  });

  it.each([
    ['closed', 'reopened', 'Give a reason for reopening this case.'],
    ['withdrawn', 'reopened', 'Give a reason for reopening this case.'],
    ['investigating', 'withdrawn', 'Give a reason for marking this case withdrawn.'],
    [
      'follow-up',
      'resolution-proposed',
      'Say why the complainant is not satisfied before adjusting the resolution.',
    ],
    ['acknowledged', 'closed', 'Describe the summary resolution before closing this case.'],
  ] as const)('%s → %s without a reason says: %s', (from, to, message) => {
    expect(checkTransition(from, to, without('reason'))).toMatchObject({
      ok: false,
      message,
      field: 'reason',
    });
  });
});

describe('summary resolution', () => {
  it.each(['received', 'acknowledged'] as const)(
    'closes from %s only inside the summary-resolution window',
    (from) => {
      expect(checkTransition(from, 'closed', fullContext)).toEqual({ ok: true });
      for (const summaryResolutionAllowed of [false, undefined]) {
        const result = checkTransition(from, 'closed', { ...fullContext, summaryResolutionAllowed });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/summary-resolution window has passed/);
      }
    },
  );

  it('says the window has passed before asking for the resolution text', () => {
    const result = checkTransition('received', 'closed', {
      summaryResolutionAllowed: false,
      checklist: everyItemTicked,
    });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/window has passed/) });
  });

  it('does not apply to closing after follow-up', () => {
    expect(
      checkTransition('follow-up', 'closed', {
        ...without('summaryResolutionAllowed'),
        summaryResolutionAllowed: false,
      }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('finding and root cause', () => {
  it.each(['investigating', 'reopened'] as const)('%s → resolution-proposed needs both recorded', (from) => {
    expect(
      checkTransition(from, 'resolution-proposed', {
        ...fullContext,
        findingRecorded: false,
        rootCauseRecorded: false,
      }),
    ).toMatchObject({
      ok: false,
      message: 'Record the finding and the root cause before proposing a resolution.',
      field: 'finding',
    });
    expect(checkTransition(from, 'resolution-proposed', without('findingRecorded'))).toMatchObject({
      ok: false,
      message: 'Record the finding before proposing a resolution.',
      field: 'finding',
    });
    expect(checkTransition(from, 'resolution-proposed', without('rootCauseRecorded'))).toMatchObject({
      ok: false,
      message: 'Record the root cause before proposing a resolution.',
      field: 'rootCause',
    });
  });

  it('is required by default and can be switched off by the office', () => {
    const noFinding = { ...fullContext, findingRecorded: false, rootCauseRecorded: false };
    expect(
      checkTransition('investigating', 'resolution-proposed', {
        ...noFinding,
        requireFindingToLeaveInvestigation: true,
      }).ok,
    ).toBe(false);
    expect(
      checkTransition('investigating', 'resolution-proposed', {
        ...noFinding,
        requireFindingToLeaveInvestigation: false,
      }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('does not apply to other moves into resolution-proposed', () => {
    const noFinding = { ...fullContext, findingRecorded: false, rootCauseRecorded: false };
    expect(checkTransition('resolution-rejected', 'resolution-proposed', noFinding)).toEqual({ ok: true });
    expect(checkTransition('follow-up', 'resolution-proposed', noFinding)).toEqual({ ok: true });
    expect(checkTransition('investigating', 'withdrawn', noFinding)).toEqual({ ok: true });
  });
});

describe('checklists', () => {
  it('has the good-practice items of each stage, with stable kebab-case ids', () => {
    const ids = Object.fromEntries(STAGES.map((stage) => [stage, CHECKLISTS[stage].map((item) => item.id)]));
    expect(ids).toEqual({
      acknowledge: ['confirm-receipt', 'express-empathy', 'outline-next-steps'],
      investigate: ['gather-records', 'interview-people', 'find-root-cause', 'document-findings'],
      resolve: ['evaluate-options', 'consult-stakeholders', 'communicate-outcome'],
      implement: ['carry-out-remedy', 'monitor-remedy', 'follow-up-complainant'],
      review: ['collect-feedback', 'record-lessons'],
    });
    for (const item of Object.values(CHECKLISTS).flat()) {
      expect(item.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(item.label).toMatch(/\S/);
      expect(item.help).toMatch(/\S/);
    }
  });

  // Each move that leaves a stage for a later one, and the items that stage requires by default.
  const stageExits = [
    ['received', 'closed', ['confirm-receipt', 'outline-next-steps']],
    ['acknowledged', 'closed', ['confirm-receipt', 'outline-next-steps']],
    ['acknowledged', 'investigating', ['confirm-receipt', 'outline-next-steps']],
    ['investigating', 'resolution-proposed', ['gather-records', 'find-root-cause', 'document-findings']],
    ['reopened', 'resolution-proposed', ['gather-records', 'find-root-cause', 'document-findings']],
    ['resolution-accepted', 'implementing', ['evaluate-options', 'communicate-outcome']],
    ['follow-up', 'closed', ['carry-out-remedy', 'follow-up-complainant']],
  ] as const;

  it.each(stageExits)('%s → %s needs the default required items ticked', (from, to, required) => {
    expect(checkTransition(from, to, without('checklist'))).toMatchObject({
      ok: false,
      field: `checklist.${required[0]}`,
    });
    const ticked = Object.fromEntries(required.map((id) => [id, true]));
    expect(checkTransition(from, to, { ...fullContext, checklist: ticked })).toEqual({ ok: true });
    for (const missing of required) {
      const result = checkTransition(from, to, {
        ...fullContext,
        checklist: { ...ticked, [missing]: false },
      });
      expect(result).toMatchObject({ ok: false, field: `checklist.${missing}` });
    }
  });

  it('names the items still to tick', () => {
    expect(
      checkTransition('acknowledged', 'investigating', { checklist: { 'outline-next-steps': true } }),
    ).toMatchObject({
      ok: false,
      message: 'Tick “Confirm receipt” before moving on.',
      field: 'checklist.confirm-receipt',
    });
    expect(
      checkTransition('investigating', 'resolution-proposed', {
        ...without('checklist'),
        checklist: { 'gather-records': true },
      }),
    ).toMatchObject({
      ok: false,
      message: 'Tick “Find the root cause” and “Document findings” before moving on.',
      field: 'checklist.find-root-cause',
    });
  });

  it('uses the items the office made required instead of the defaults', () => {
    const ctx = { ...without('checklist'), requiredItems: ['express-empathy', 'gather-records'] };
    expect(checkTransition('acknowledged', 'investigating', ctx)).toMatchObject({
      ok: false,
      message: 'Tick “Express empathy” before moving on.',
      field: 'checklist.express-empathy',
    });
    // A default item the office did not list is not needed; an item of another stage is not checked here.
    expect(
      checkTransition('acknowledged', 'investigating', { ...ctx, checklist: { 'express-empathy': true } }),
    ).toEqual({ ok: true });
    expect(checkTransition('investigating', 'resolution-proposed', ctx)).toMatchObject({
      ok: false,
      field: 'checklist.gather-records',
    });
  });

  it('requires nothing when the office made no item required', () => {
    for (const [from, to] of stageExits) {
      expect(checkTransition(from, to, { ...without('checklist'), requiredItems: [] })).toEqual({ ok: true });
    }
  });

  it('does not gate moves within a stage, withdrawal, reopening or going back a stage', () => {
    const unticked = without('checklist');
    const ungated: [CaseStatus, CaseStatus][] = [
      ['received', 'acknowledged'],
      ['reopened', 'investigating'],
      ['resolution-proposed', 'resolution-accepted'],
      ['resolution-proposed', 'resolution-rejected'],
      ['resolution-rejected', 'resolution-proposed'],
      ['implementing', 'follow-up'],
      ['follow-up', 'resolution-proposed'],
      ['closed', 'reopened'],
      ['withdrawn', 'reopened'],
      ...ALL.filter((from) => SPEC[from].includes('withdrawn')).map((from): [CaseStatus, CaseStatus] => [
        from,
        'withdrawn',
      ]),
    ];
    for (const [from, to] of ungated)
      expect(checkTransition(from, to, unticked), `${from} → ${to}`).toEqual({ ok: true });
    // Together with stageExits this accounts for every allowed move.
    expect(ungated.length + stageExits.length).toBe(allowedPairs.length);
  });

  it('lists the required items of a stage', () => {
    expect(requiredChecklistItems('resolve').map((item) => item.id)).toEqual([
      'evaluate-options',
      'communicate-outcome',
    ]);
    expect(
      requiredChecklistItems('resolve', ['consult-stakeholders', 'confirm-receipt']).map((item) => item.id),
    ).toEqual(['consult-stakeholders']);
  });
});

describe('escalation', () => {
  it('needs a reason and an owner to escalate', () => {
    expect(
      checkEscalation({ escalated: true, reason: 'Threatened referral to the ombudsman.', ownerId: 'u2' }),
    ).toEqual({ ok: true });
    expect(checkEscalation({ escalated: true, ownerId: 'u2' })).toMatchObject({
      ok: false,
      message: 'Give a reason for escalating this case.',
      field: 'reason',
    });
    expect(checkEscalation({ escalated: true, reason: '  ', ownerId: 'u2' })).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(checkEscalation({ escalated: true, reason: 'Vulnerable complainant.' })).toMatchObject({
      ok: false,
      message: 'Choose who will own the escalated case.',
      field: 'ownerId',
    });
    expect(
      checkEscalation({ escalated: true, reason: 'Vulnerable complainant.', ownerId: '' }),
    ).toMatchObject({ ok: false, field: 'ownerId' });
  });

  it('needs nothing to leave a case unescalated', () => {
    expect(checkEscalation({ escalated: false })).toEqual({ ok: true });
  });
});

describe('what a move rests on', () => {
  // The facts the flow guards read, each with the value a caller passes when it is missing, and
  // the field the refusal names.
  const MISSING = {
    proposal: { proposal: null },
    escalation: { escalated: true },
    satisfaction: { satisfaction: null },
    response: { responseRecorded: false },
  } satisfies Record<string, TransitionContext>;
  type Fact = keyof typeof MISSING;
  // Which facts each allowed move rests on, written out so a change to the guards fails here.
  const RESTS_ON: Record<string, Fact[]> = {
    'received → acknowledged': [],
    'received → withdrawn': [],
    'received → closed': ['escalation', 'response'],
    'acknowledged → investigating': [],
    'acknowledged → withdrawn': [],
    'acknowledged → closed': ['escalation', 'response'],
    'investigating → resolution-proposed': ['proposal'],
    'investigating → withdrawn': [],
    'resolution-proposed → resolution-accepted': ['proposal'],
    'resolution-proposed → resolution-rejected': ['proposal'],
    'resolution-proposed → withdrawn': [],
    'resolution-rejected → resolution-proposed': ['proposal'],
    'resolution-rejected → withdrawn': [],
    'resolution-accepted → implementing': [],
    'implementing → follow-up': [],
    'follow-up → closed': ['escalation', 'satisfaction', 'response'],
    'follow-up → resolution-proposed': ['proposal'],
    'closed → reopened': [],
    'withdrawn → reopened': [],
    'reopened → investigating': [],
    'reopened → resolution-proposed': ['proposal'],
  };

  it('names every allowed move', () => {
    expect(Object.keys(RESTS_ON).sort()).toEqual(allowedPairs.map(([from, to]) => `${from} → ${to}`).sort());
  });

  it.each(allowedPairs)('%s → %s is refused exactly when a fact it rests on is missing', (from, to) => {
    const restsOn = RESTS_ON[`${from} → ${to}`]!;
    for (const fact of Object.keys(MISSING) as Fact[]) {
      const result = checkTransition(from, to, { ...fullContext, ...MISSING[fact] });
      if (restsOn.includes(fact)) expect(result, fact).toMatchObject({ ok: false, field: fact });
      else expect(result, fact).toEqual({ ok: true });
    }
  });

  const intoResolution = allowedPairs.filter(([, to]) => to.startsWith('resolution-'));

  it.each(
    intoResolution.flatMap(([from, to]) =>
      (
        [
          [undefined, 'Write the proposed resolution on the Resolution tab first.'],
          [null, 'Write the proposed resolution on the Resolution tab first.'],
          ['draft', 'The proposed resolution must be revised and approved first (see the Resolution tab).'],
          [
            'awaiting-approval',
            'A manager must approve the proposed resolution first (see the Resolution tab).',
          ],
          [
            'rejected',
            'The proposed resolution must be revised and approved first (see the Resolution tab).',
          ],
          [
            'changes-requested',
            'The proposed resolution must be revised and approved first (see the Resolution tab).',
          ],
          ['approved', null],
          ['approval-not-needed', null],
        ] as const
      ).map(([proposal, message]) => [from, to, proposal, message] as const),
    ),
  )('%s → %s with the proposal %s: %s', (from, to, proposal, message) => {
    const result = checkTransition(from, to, { ...fullContext, proposal });
    expect(result).toMatchObject(message === null ? { ok: true } : { ok: false, message, field: 'proposal' });
  });

  const closes = allowedPairs.filter(([, to]) => to === 'closed');

  it.each(closes)('%s → closed is refused while the case is escalated', (from) => {
    expect(checkTransition(from, 'closed', { ...fullContext, escalated: true })).toMatchObject({
      ok: false,
      message: 'This case is escalated. Clear the escalation (say how it was settled) before closing it.',
      field: 'escalation',
    });
    expect(checkTransition(from, 'closed', { ...fullContext, escalated: undefined })).toEqual({ ok: true });
  });

  it.each([
    [
      'received',
      'Record the summary resolution communication sent to the complainant (Communications → Write a letter) before closing.',
    ],
    [
      'acknowledged',
      'Record the summary resolution communication sent to the complainant (Communications → Write a letter) before closing.',
    ],
    [
      'follow-up',
      'Record the final response sent to the complainant (Communications → Write a letter) before closing.',
    ],
  ] as const)('%s → closed needs the response recorded: %s', (from, message) => {
    for (const responseRecorded of [false, undefined])
      expect(checkTransition(from, 'closed', { ...fullContext, responseRecorded })).toMatchObject({
        ok: false,
        message,
        field: 'response',
      });
  });

  it('closing from follow-up needs the follow-up recorded, and a reason when the complainant is not satisfied', () => {
    for (const satisfaction of [null, undefined])
      expect(checkTransition('follow-up', 'closed', { ...fullContext, satisfaction })).toMatchObject({
        ok: false,
        message: 'Record the follow-up with the complainant (Follow-up tab) before closing.',
        field: 'satisfaction',
      });
    const unsatisfied = { ...fullContext, satisfaction: { resolved: false } };
    for (const reason of [undefined, '', '  \n'])
      expect(checkTransition('follow-up', 'closed', { ...unsatisfied, reason })).toMatchObject({
        ok: false,
        message: 'Give the reason for closing although the complainant is not satisfied.',
        field: 'reason',
      });
    expect(
      checkTransition('follow-up', 'closed', { ...unsatisfied, reason: 'Ombudsman route explained.' }),
    ).toEqual({ ok: true });
    // A satisfied complainant needs no reason.
    expect(checkTransition('follow-up', 'closed', without('reason'))).toEqual({ ok: true });
  });

  it('asks for the escalation first, then the follow-up, then the response', () => {
    const nothing = { ...fullContext, escalated: true, satisfaction: null, responseRecorded: false };
    expect(checkTransition('follow-up', 'closed', nothing)).toMatchObject({ field: 'escalation' });
    expect(checkTransition('follow-up', 'closed', { ...nothing, escalated: false })).toMatchObject({
      field: 'satisfaction',
    });
    expect(
      checkTransition('follow-up', 'closed', {
        ...nothing,
        escalated: false,
        satisfaction: { resolved: true },
      }),
    ).toMatchObject({ field: 'response' });
  });

  it('checks what the move rests on before the checklist', () => {
    expect(
      checkTransition('investigating', 'resolution-proposed', { ...without('checklist'), proposal: null }),
    ).toMatchObject({ field: 'proposal' });
  });

  it.each(['received', 'acknowledged'] as const)(
    '%s → closed is refused in a regime with no summary-resolution route, before anything else',
    (from) => {
      const message =
        'This regulatory regime has no summary-resolution route, so the case cannot be closed without an investigation. Start an investigation instead.';
      expect(
        checkTransition(from, 'closed', { ...fullContext, summaryResolutionRegime: false }),
      ).toMatchObject({
        ok: false,
        message,
      });
      expect(checkTransition(from, 'closed', { summaryResolutionRegime: false })).toMatchObject({
        ok: false,
        message,
      });
      // Unknown (undefined) is left to the window.
      expect(checkTransition(from, 'closed', without('summaryResolutionRegime'))).toEqual({ ok: true });
    },
  );

  it('a regime with no summary-resolution route still closes after follow-up', () => {
    expect(
      checkTransition('follow-up', 'closed', { ...fullContext, summaryResolutionRegime: false }),
    ).toMatchObject({
      ok: true,
    });
  });

  it.each(allowedPairs)('%s → %s is made on the screen transitionFlow names', (from, to) => {
    const expected = from === 'follow-up' ? 'follow-up' : to.startsWith('resolution-') ? 'resolution' : null;
    expect(transitionFlow(from, to)).toBe(expected);
  });

  it('offers every move of the status machine, less a summary close where the regime has none', () => {
    for (const from of ALL) {
      expect(availableTransitions(from, { summaryResolutionRegime: true })).toEqual(allowedTransitions(from));
      expect(availableTransitions(from, {})).toEqual(allowedTransitions(from));
    }
    const noSummary = Object.fromEntries(
      ALL.map((from) => [from, [...availableTransitions(from, { summaryResolutionRegime: false })]]),
    );
    expect(noSummary).toMatchObject({
      ...SPEC,
      received: ['acknowledged', 'withdrawn'],
      acknowledged: ['investigating', 'withdrawn'],
    });
  });
});
