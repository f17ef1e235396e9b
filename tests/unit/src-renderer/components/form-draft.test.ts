import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearFormDraft,
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

/** localStorage as the renderer has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

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
});
