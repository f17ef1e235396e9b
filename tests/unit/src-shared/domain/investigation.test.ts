import { describe, expect, it } from 'vitest';
import { isOverdue, localDate } from '../../../../src-shared/domain/deadlines';
import {
  canAddAddendum,
  canEditInterview,
  canEditNote,
  canSignOff,
  checkEnquiryDates,
  EnquiryInputSchema,
  enquiryState,
  InterviewInputSchema,
  emptyInterview,
  mergePulledInterview,
  type InterviewRecord,
  RootCauseFindingSchema,
  RootCauseTaxonomySchema,
  sortNotes,
  type InvestigationNote,
} from '../../../../src-shared/domain/investigation';

const priya = { id: 'u1', name: 'Priya Shah' };
const tom = { id: 'u2', name: 'Tom Lee' };

describe('interview sign-off lock', () => {
  it('lets a draft be edited and refuses a signed-off record with a clear message', () => {
    expect(canEditInterview({ status: 'draft', signedOff: null })).toEqual({ ok: true });
    const locked = canEditInterview({
      status: 'signed-off',
      signedOff: { by: priya, at: '2026-03-01T10:00:00Z' },
    });
    expect(locked).toEqual({
      ok: false,
      message:
        'This interview was signed off by Priya Shah and is locked. Add an addendum to correct or add to it.',
    });
  });

  it.each([
    [{ status: 'draft' as const, signedOff: null, statement: 'She said…' }, true],
    [{ status: 'draft' as const, signedOff: null, statement: '   ' }, false],
    [{ status: 'signed-off' as const, signedOff: { by: priya, at: 'x' }, statement: 'x' }, false],
  ])('sign-off of %o allowed: %s', (interview, allowed) => {
    expect(canSignOff(interview).ok).toBe(allowed);
  });

  it('takes addenda only on signed-off records', () => {
    expect(canAddAddendum({ status: 'signed-off' })).toEqual({ ok: true });
    expect(canAddAddendum({ status: 'draft' }).ok).toBe(false);
  });

  it('keeps a signed-off interview as agreed when another desk’s copy arrives, taking only new addenda', () => {
    const base: InterviewRecord = {
      ...emptyInterview('Priya Shah', '2026-03-02'),
      intervieweeName: 'Siobhán Ó Ceallaigh',
      statement: 'I was told the fee would be waived.',
      id: 'i1',
      caseId: 'c1',
      createdAt: '2026-03-02T10:00:00Z',
      createdBy: priya,
      updatedAt: '2026-03-02T11:00:00Z',
      status: 'signed-off',
      signedOff: { by: priya, at: '2026-03-02T11:00:00Z' },
      addenda: [
        { id: 'a1', text: 'Date was 3 March', reason: 'Typo', by: priya, at: '2026-03-03T09:00:00Z' },
      ],
    };
    const addendum = {
      id: 'a2',
      text: 'Recording attached',
      reason: 'Evidence',
      by: tom,
      at: '2026-03-04T09:00:00Z',
    };
    const edited = { ...base, statement: 'I was never told anything.', addenda: [...base.addenda, addendum] };
    expect(mergePulledInterview(base, edited)).toEqual({ ...base, addenda: [...base.addenda, addendum] });
    expect(mergePulledInterview(base, { ...edited, addenda: base.addenda })).toBe(base);
    // A draft here takes the other desk's copy whole (it may have been signed off there).
    const draft = { ...base, status: 'draft' as const, signedOff: null };
    expect(mergePulledInterview(draft, base)).toBe(base);
  });

  it('validates the interview fields', () => {
    const ok = InterviewInputSchema.safeParse({
      ...emptyInterview('Alex', '2026-03-02'),
      intervieweeName: 'Sam',
    });
    expect(ok.success).toBe(true);
    const bad = InterviewInputSchema.safeParse({ ...emptyInterview('', '2026-03-02'), time: '25:00' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path[0])).toEqual([
      'intervieweeName',
      'interviewer',
      'time',
    ]);
  });
});

describe('note edit permission', () => {
  it.each([
    [priya.id, true, true],
    [tom.id, true, false],
    [priya.id, false, false],
  ])('actor %s, case open %s → may edit %s', (actorId, open, allowed) => {
    expect(canEditNote({ author: priya }, actorId, open).ok).toBe(allowed);
  });

  it('names the author when someone else tries', () => {
    expect(canEditNote({ author: priya }, tom.id, true)).toEqual({
      ok: false,
      message: 'Only Priya Shah, who wrote this note, can change it.',
    });
  });

  it('sorts pinned notes first, then newest, and filters by author', () => {
    const note = (
      id: string,
      author: typeof priya,
      createdAt: string,
      pinned = false,
    ): InvestigationNote => ({
      id,
      caseId: 'c',
      author,
      createdAt,
      editedAt: null,
      text: id,
      pinned,
    });
    const notes = [
      note('a', priya, '2026-01-01'),
      note('b', tom, '2026-01-03'),
      note('c', priya, '2026-01-02', true),
    ];
    expect(sortNotes(notes).map((n) => n.id)).toEqual(['c', 'b', 'a']);
    expect(sortNotes(notes, priya.id).map((n) => n.id)).toEqual(['c', 'a']);
  });
});

describe('plan and enquiry due dates', () => {
  it.each([
    ['2026-03-09', false, '2026-03-10', true],
    ['2026-03-10', false, '2026-03-10', false],
    ['2026-03-09', true, '2026-03-10', false],
    ['', false, '2026-03-10', false],
  ])('due %s, settled %s, today %s → overdue %s', (due, settled, today, overdue) => {
    expect(isOverdue(due, settled, today)).toBe(overdue);
  });

  it('gives an enquiry its state', () => {
    const answer = { answer: 'Yes', answeredDate: '2026-03-05', recordedBy: priya, recordedAt: 'x' };
    expect(enquiryState({ dueDate: '2026-03-01', answer }, '2026-03-10')).toBe('answered');
    expect(enquiryState({ dueDate: '2026-03-01', answer: null }, '2026-03-10')).toBe('overdue');
    expect(enquiryState({ dueDate: '2026-03-20', answer: null }, '2026-03-10')).toBe('awaiting');
  });

  it('refuses a due date before the date sent', () => {
    expect(checkEnquiryDates({ sentDate: '2026-03-10', dueDate: '2026-03-09' }).ok).toBe(false);
    expect(checkEnquiryDates({ sentDate: '2026-03-10', dueDate: '' }).ok).toBe(true);
  });

  it('the enquiry schema refuses a due date before the date sent, beside the due date', () => {
    const enquiry = { recipient: 'Billing', question: 'Why?', sentDate: '2026-03-10' };
    const early = EnquiryInputSchema.safeParse({ ...enquiry, dueDate: '2026-03-09' });
    expect(early.success).toBe(false);
    expect(early.error?.issues).toEqual([
      expect.objectContaining({ path: ['dueDate'], message: 'The due date cannot be before the date sent.' }),
    ]);
    expect(EnquiryInputSchema.safeParse({ ...enquiry, dueDate: '2026-03-10' }).success).toBe(true);
    expect(EnquiryInputSchema.safeParse({ ...enquiry, dueDate: '' }).success).toBe(true);
  });

  it('reads today in the office time zone', () => {
    const lateEvening = new Date('2026-03-10T23:30:00Z');
    expect(localDate(lateEvening, 'Europe/London')).toBe('2026-03-10');
    expect(localDate(lateEvening, 'Australia/Sydney')).toBe('2026-03-11');
  });
});

describe('root cause and finding', () => {
  const base = {
    finding: 'upheld',
    rootCause: 'Process',
    rationale: 'The fee was applied twice.',
    contributingFactors: '',
    recurrence: 'isolated',
    similarCaseIds: [],
  };
  it('needs a finding, a root cause and a rationale', () => {
    expect(RootCauseFindingSchema.safeParse(base).success).toBe(true);
    const bad = RootCauseFindingSchema.safeParse({ ...base, finding: '', rootCause: '', rationale: ' ' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path[0])).toEqual([
      'finding',
      'rootCause',
      'rationale',
    ]);
  });
  it('links similar cases only to a recurring issue', () => {
    expect(RootCauseFindingSchema.safeParse({ ...base, similarCaseIds: ['c2'] }).success).toBe(false);
    expect(
      RootCauseFindingSchema.safeParse({ ...base, recurrence: 'recurring', similarCaseIds: ['c2'] }).success,
    ).toBe(true);
  });
  it('refuses duplicate root-cause names in Settings', () => {
    expect(RootCauseTaxonomySchema.safeParse(['People', 'people']).success).toBe(false);
  });
});
