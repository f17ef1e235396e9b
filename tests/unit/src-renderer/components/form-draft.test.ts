import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearFormDraft,
  forgetCaseDrafts,
  formDraftKey,
  keepFormDraft,
  loadFormDraft,
  typedFields,
} from '../../../../src-renderer/components/form-draft';
import {
  clearInterviewDraft,
  findInterviewDraft,
  saveInterviewDraft,
} from '../../../../src-renderer/features/investigation/interview-draft';
import type { InterviewInput } from '../../../../src-shared/domain/investigation';
import { memoryStorage } from '../memory-storage';

describe('form drafts', () => {
  beforeEach(() => {
    vi.stubGlobal('localStorage', memoryStorage());
  });

  it('keys a draft by person, case and form, so neither another account nor another case sees it', () => {
    const key = formDraftKey('u-priya', 'c-1', 'note');
    keepFormDraft(key, { typed: { text: 'Half a note' }, base: null });
    expect(loadFormDraft(key)?.typed).toEqual({ text: 'Half a note' });
    expect(loadFormDraft(formDraftKey('u-morgan', 'c-1', 'note'))).toBeNull();
    expect(loadFormDraft(formDraftKey('u-priya', 'c-2', 'note'))).toBeNull();
    expect(loadFormDraft(formDraftKey('u-priya', 'c-1', 'plan-item'))).toBeNull();
  });

  it('keeps only the fields typed, a list as a whole', () => {
    const shown = { summary: '', legal: false, remedies: [{ type: 'apology', rationale: '' }] };
    expect(typedFields(shown, shown)).toEqual({});
    const values = { summary: 'Sorry', legal: false, remedies: [{ type: 'apology', rationale: 'Fair' }] };
    expect(typedFields(values, shown)).toEqual({ summary: 'Sorry', remedies: values.remedies });
  });

  it('forgets the draft once nothing is typed, or when cleared', () => {
    const key = formDraftKey('u', 'c', 'note');
    keepFormDraft(key, { typed: { text: 'x' }, base: '{"text":""}' });
    expect(loadFormDraft(key)?.base).toBe('{"text":""}');
    keepFormDraft(key, { typed: {}, base: null });
    expect(loadFormDraft(key)).toBeNull();
    keepFormDraft(key, { typed: { text: 'x' }, base: null });
    clearFormDraft(key);
    expect(loadFormDraft(key)).toBeNull();
  });

  it('reads a damaged draft as none', () => {
    localStorage.setItem(formDraftKey('u', 'c', 'note'), '{not json');
    expect(loadFormDraft(formDraftKey('u', 'c', 'note'))).toBeNull();
  });

  it('finds an interview draft only for the person who typed it, on that case', () => {
    const values = { intervieweeName: 'Dana Cole' } as Partial<InterviewInput> as InterviewInput;
    saveInterviewDraft('u-priya', 'c-1', { interviewId: null, values, savedAt: '2030-01-01T10:00:00Z' });
    expect(findInterviewDraft('u-priya', 'c-1')?.values).toEqual(values);
    expect(findInterviewDraft('u-morgan', 'c-1')).toBeNull();
    expect(findInterviewDraft('u-priya', 'c-2')).toBeNull();
    // Not a form's draft on the same case either.
    keepFormDraft(formDraftKey('u-priya', 'c-1', 'note'), { typed: { text: 'x' }, base: null });
    clearInterviewDraft('u-priya', 'c-1', null);
    expect(findInterviewDraft('u-priya', 'c-1')).toBeNull();
  });

  it('forgets every draft typed on a disposed-of case, by anyone, and no other', () => {
    const values = { intervieweeName: 'Dana Cole' } as Partial<InterviewInput> as InterviewInput;
    keepFormDraft(formDraftKey('u-priya', 'c-1', 'note'), { typed: { text: 'Dana said' }, base: null });
    keepFormDraft(formDraftKey('u-morgan', 'c-1', 'proposal'), { typed: { summary: 'Refund' }, base: null });
    saveInterviewDraft('u-priya', 'c-1', { interviewId: 'i-9', values, savedAt: '2030-01-01T10:00:00Z' });
    keepFormDraft(formDraftKey('u-priya', 'c-2', 'note'), { typed: { text: 'Other case' }, base: null });
    localStorage.setItem('redress.draft.new-case:u-priya', '{"description":"c-1"}');

    expect(forgetCaseDrafts(['c-1'])).toBe(3);
    expect(loadFormDraft(formDraftKey('u-priya', 'c-1', 'note'))).toBeNull();
    expect(loadFormDraft(formDraftKey('u-morgan', 'c-1', 'proposal'))).toBeNull();
    expect(findInterviewDraft('u-priya', 'c-1')).toBeNull();
    expect(loadFormDraft(formDraftKey('u-priya', 'c-2', 'note'))?.typed).toEqual({ text: 'Other case' });
    expect(localStorage.getItem('redress.draft.new-case:u-priya')).not.toBeNull();
    expect(forgetCaseDrafts([])).toBe(0);
  });
});
