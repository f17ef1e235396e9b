import { describe, expect, it } from 'vitest';
import { factOutcome, toCaseFact } from '../../../../src-shared/analytics/facts';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import type { ResponsesSent } from '../../../../src-shared/domain/deadlines';
import { projectCase, projectFact } from '../../../../src-shared/reports/management';

// PSD, received Mon 2 Mar 2026 in England: acknowledge by Tue 3 Mar, final response by Mon 23 Mar,
// or by Wed 22 Apr (35 business days, over Easter) after a holding reply.
const DUE = {
  acknowledgeDue: '2026-03-03T23:59:59.999Z',
  finalResponseDue: '2026-03-23T23:59:59.999Z',
  extendedFinalDue: '2026-04-22T22:59:59.999Z',
};
/** The fields of a case the facts read; the rest do not matter here. */
const psdCase = (sent: Partial<ResponsesSent>, over: Partial<CaseRecord> = {}): CaseRecord =>
  ({
    id: 'c1',
    receivedAt: '2026-03-02T10:00:00.000Z',
    regime: 'uk-fca-psd',
    deadlines: DUE,
    status: 'investigating',
    open: 1,
    closedAt: null,
    nextDueAt: null,
    category: 'Payments',
    subcategory: '',
    channel: 'email',
    product: '',
    severity: 'medium',
    assigneeId: '',
    rootCause: '',
    finding: null,
    complainantKey: 'zoe adams',
    createdBy: { id: 'u1', name: 'Priya Shah' },
    escalation: null,
    acknowledgedAt: null,
    ...sent,
    ...over,
  }) as CaseRecord;
const ms = Date.parse;

describe('toCaseFact reads the live deadline lines', () => {
  it.each([
    ['nothing sent', {}, DUE.finalResponseDue, null, null],
    [
      'acknowledged and answered',
      { acknowledgedAt: '2026-03-02T15:00:00.000Z', finalResponseAt: '2026-03-20T10:00:00.000Z' },
      DUE.finalResponseDue,
      '2026-03-02T15:00:00.000Z',
      '2026-03-20T10:00:00.000Z',
    ],
    [
      'a holding reply: the extended line',
      { acknowledgedAt: '2026-03-02T15:00:00.000Z', holdingReplyAt: '2026-03-20T10:00:00.000Z' },
      DUE.extendedFinalDue,
      '2026-03-02T15:00:00.000Z',
      null,
    ],
    [
      'a holding reply, then the final response',
      {
        acknowledgedAt: '2026-03-02T15:00:00.000Z',
        holdingReplyAt: '2026-03-20T10:00:00.000Z',
        finalResponseAt: '2026-04-15T10:00:00.000Z',
      },
      DUE.extendedFinalDue,
      '2026-03-02T15:00:00.000Z',
      '2026-04-15T10:00:00.000Z',
    ],
    [
      'a final response that acknowledged too',
      { finalResponseAt: '2026-03-03T10:00:00.000Z' },
      DUE.finalResponseDue,
      '2026-03-03T10:00:00.000Z',
      '2026-03-03T10:00:00.000Z',
    ],
  ] as const)('%s', (_name, sent, finalDue, ackMet, finalMet) => {
    const c = psdCase(sent);
    const f = toCaseFact(c);
    expect(f).toMatchObject({
      ackDueMs: ms(DUE.acknowledgeDue),
      ackMetMs: ackMet && ms(ackMet),
      finalDueMs: ms(finalDue),
      finalMetMs: finalMet && ms(finalMet),
      acknowledgedMs: c.acknowledgedAt ? ms(c.acknowledgedAt) : null,
    });
    // The management report reads the same lines from the record and from the fact.
    const projected = projectCase(c);
    expect(projected).toMatchObject({
      acknowledgeDue: DUE.acknowledgeDue,
      acknowledgedAt: ackMet,
      finalDue,
      finalMetAt: finalMet,
      withdrawn: false,
    });
    expect(projectFact(f)).toMatchObject({
      acknowledgedAt: projected.acknowledgedAt,
      finalDue: projected.finalDue,
      finalMetAt: projected.finalMetAt,
      withdrawn: false,
    });
  });

  it('marks a withdrawn case for both', () => {
    const c = psdCase({}, { status: 'withdrawn', open: 0, closedAt: '2026-03-05T10:00:00.000Z' });
    expect(projectCase(c).withdrawn).toBe(true);
    expect(projectFact(toCaseFact(c)).withdrawn).toBe(true);
  });
});

describe('factOutcome', () => {
  const due = ms(DUE.finalResponseDue);
  it.each([
    ['met on time', due, 'closed', due + 1, true],
    ['met late', due + 1, 'closed', due + 2, false],
    ['overdue', null, 'investigating', due + 1, false],
    ['not due yet', null, 'investigating', due, null],
    ['withdrawn before it was met', null, 'withdrawn', due + 1, null],
    ['met, then withdrawn', due - 1, 'withdrawn', due + 1, true],
  ] as const)('%s', (_name, metMs, status, now, expected) => {
    expect(factOutcome(due, metMs, status, now)).toBe(expected);
  });
});
