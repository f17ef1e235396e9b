import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import {
  anonymiseCase,
  auditPayloadIsPersonal,
  canDispose,
  canErase,
  closedOnOrBefore,
  completePolicy,
  defaultRetentionPolicy,
  disposalDueAt,
  disposalState,
  PERSONAL_FIELDS,
  retentionFromOf,
  stripPersonal,
  type RetentionSubject,
} from '../../../../src-shared/domain/retention';

const policy = { ...defaultRetentionPolicy(), 'us-cfpb': 7 };
const hold = { reason: 'Court claim', by: { id: 'm1', name: 'Morgan Reid' }, at: '2029-01-01T00:00:00.000Z' };
const subject = (over: Partial<RetentionSubject> = {}): RetentionSubject => ({
  regime: 'uk-fca-general',
  status: 'closed',
  closedAt: '2026-02-01T10:00:00.000Z',
  ...over,
});

describe('disposalDueAt', () => {
  it.each([
    ['three years after closure by default', subject(), '2029-02-01T10:00:00.000Z'],
    ['the regime’s own period', subject({ regime: 'us-cfpb' }), '2033-02-01T10:00:00.000Z'],
    [
      '29 February rolls to 1 March',
      subject({ closedAt: '2024-02-29T12:00:00.000Z' }),
      '2027-03-01T12:00:00.000Z',
    ],
    ['never while open', subject({ closedAt: null, status: 'investigating' }), null],
  ])('%s', (_, c, expected) => {
    expect(disposalDueAt(c, policy)).toBe(expected);
  });

  it('fills a stored policy with the default for any regime it lacks', () => {
    expect(completePolicy({ 'us-cfpb': 7 })).toEqual(policy);
  });
});

describe('disposalState and what it allows', () => {
  const now = new Date('2029-06-01T00:00:00Z');
  it.each([
    ['open', subject({ closedAt: null, status: 'received' }), 'open', /still open/],
    [
      'closed, not yet due',
      subject({ closedAt: '2027-01-01T00:00:00.000Z' }),
      'kept',
      /kept until 2030-01-01/,
    ],
    ['due', subject(), 'due', null],
    ['due the very instant it falls due', subject({ closedAt: '2026-06-01T00:00:00.000Z' }), 'due', null],
    ['due but held', subject({ legalHold: hold }), 'held', /legal hold/],
    [
      'held before it is due',
      subject({ closedAt: '2028-01-01T00:00:00.000Z', legalHold: hold }),
      'held',
      /legal hold/,
    ],
    ['already anonymised', subject({ anonymised: { at: 'x', recordId: 'd1' } }), 'anonymised', /already/],
  ])('%s', (_, c, state, refusal) => {
    expect(disposalState(c, policy, now)).toBe(state);
    const check = canDispose(c, policy, now);
    if (refusal) expect(check).toEqual({ ok: false, message: expect.stringMatching(refusal) });
    else expect(check).toEqual({ ok: true });
  });

  it.each([
    ['a closed case of any age may be erased', subject({ closedAt: '2029-05-31T00:00:00.000Z' }), true],
    ['an open one may not, until closed or withdrawn', subject({ closedAt: null }), false],
    ['a held case may not', subject({ legalHold: hold }), false],
    ['nor one anonymised already', subject({ anonymised: { at: 'x', recordId: 'd1' } }), false],
  ])('erasure: %s', (_, c, ok) => {
    expect(canErase(c).ok).toBe(ok);
  });

  it('gives the index range’s cut-off as the inverse of the due date', () => {
    const cut = closedOnOrBefore('uk-fca-general', policy, now);
    expect(cut).toBe('2026-06-01T00:00:00.000Z');
    expect(disposalDueAt({ closedAt: cut, regime: 'uk-fca-general' }, policy)).toBe(now.toISOString());
  });

  it.each([
    [{ closedAt: '2026-01-01T00:00:00.000Z' }, '2026-01-01T00:00:00.000Z'],
    [{ closedAt: null }, undefined],
    [{ closedAt: '2026-01-01T00:00:00.000Z', anonymised: { at: 'x', recordId: 'd' } }, undefined],
  ])('retentionFrom of %j is %s', (c, expected) => {
    expect(retentionFromOf(c)).toBe(expected);
  });
});

describe('anonymisation', () => {
  const record = {
    id: 'c1',
    reference: 'CMP-2026-000001',
    complainant: {
      name: 'Ada Quill',
      email: 'ada@example.org',
      phone: '+44 7700 900123',
      address: '1 Lane',
      preferredContact: 'email',
      needs: 'Large print',
      vulnerable: true,
      consentToContact: true,
    },
    accountRef: 'ACC-1',
    description: 'Ada was charged twice',
    desiredOutcome: 'Refund to Ada',
    category: 'Charges and fees',
    product: 'Ada’s joint current account',
    regime: 'uk-fca-general',
    finding: 'upheld',
    rootCause: 'System',
    closedAt: '2026-02-01T00:00:00.000Z',
    escalation: {
      reason: 'Ada is upset',
      owner: { id: 'm1', name: 'Morgan' },
      at: 'x',
      by: { id: 'm1', name: 'Morgan' },
    },
    slaPauses: [{ from: 'a', to: 'b', reason: 'Waiting on Ada' }],
    findingDetail: {
      rationale: 'Ada said',
      contributingFactors: 'Ada',
      recurrence: 'isolated',
      similarCaseIds: [],
    },
    complainantKey: 'ada quill',
    accountKey: 'acc 1',
    retentionFrom: '2026-02-01T00:00:00.000Z',
    assignee: { id: 'u1', name: 'Priya Shah' },
  } as unknown as CaseRecord;

  it('removes every personal field, keeps the statistics and the staff, and marks the case', () => {
    const mark = { at: '2029-06-01T00:00:00.000Z', recordId: 'd1' };
    const out = anonymiseCase(record, { placeholder: 'Anonymised', pseudonym: 'erased d1', mark });
    expect(JSON.stringify(out)).not.toMatch(/Ada|example|7700|Lane|ACC|Large/);
    expect(out).toMatchObject({
      complainant: { name: 'Anonymised', email: '', vulnerable: false, consentToContact: false },
      description: 'Anonymised',
      category: 'Charges and fees',
      product: '',
      finding: 'upheld',
      rootCause: 'System',
      closedAt: record.closedAt,
      complainantKey: 'erased d1',
      accountKey: '',
      anonymised: mark,
      assignee: { name: 'Priya Shah' },
    });
    expect(out.retentionFrom).toBeUndefined();
    expect(record.complainant.name).toBe('Ada Quill');
  });

  it.each(Object.entries(PERSONAL_FIELDS))('leaves absent and null parts of %s rows alone', (_, fields) => {
    expect(stripPersonal({ id: 'r1', caseId: 'c1' }, fields, 'Anonymised')).toEqual({
      id: 'r1',
      caseId: 'c1',
    });
  });

  it.each([
    [
      'interviews',
      { intervieweeName: 'Ada', addenda: [{ text: 'Ada again', reason: 'Ada', by: { name: 'Priya' } }] },
      { intervieweeName: 'X', addenda: [{ text: '', reason: '', by: { name: 'Priya' } }] },
    ],
    [
      'resolutions',
      { summary: 'Pay Ada', remedies: [{ amount: 50, rationale: 'Ada' }], decision: null },
      { summary: 'X', remedies: [{ amount: 50, rationale: '' }], decision: null },
    ],
    [
      'enquiries',
      { recipient: 'Ada’s bank', answer: { answer: 'Yes', recordedBy: { name: 'P' } } },
      { recipient: 'X', answer: { answer: '', recordedBy: { name: 'P' } } },
    ],
    ['evidence', { name: 'ada.pdf', sha256: 'ab', size: 3 }, { name: 'X', sha256: '', size: 3 }],
  ] as const)(
    '%s: replaces text and empties the rest, in arrays and nested records',
    (table, row, expected) => {
      expect(stripPersonal(row, PERSONAL_FIELDS[table], 'X')).toEqual(expected);
    },
  );
});

describe('which audit payloads anonymisation erases', () => {
  const entry = (over: object) => ({ entity: 'case', changes: [], ...over });
  it.each([
    ['a status move', entry({ changes: [{ field: 'status', before: 'received', after: 'closed' }] }), false],
    ['a status move with a reason', entry({ changes: [{ field: 'status' }], reason: 'Ada withdrew' }), true],
    ['a name change', entry({ changes: [{ field: 'complainant.name', before: 'A', after: 'B' }] }), true],
    ['a note', entry({ entity: 'note', changes: [{ field: 'text', before: null, after: 'x' }] }), true],
    ['an entry with nothing in it', entry({ entity: 'note' }), false],
    [
      'one already erased',
      entry({ changes: [], erased: { at: 'x', recordId: 'd' }, reason: undefined }),
      false,
    ],
  ])('%s: %s', (_, e, expected) => {
    expect(auditPayloadIsPersonal(e as never)).toBe(expected);
  });
});
