import type { InterviewInput } from '../../../src-shared/domain/investigation';
import { formDraftKey } from '../../components/form-draft';

// An interview being typed is kept in localStorage on every keystroke, so a reload or a crash
// mid-interview loses nothing. One draft per person, case and interview ('new' for one not yet
// saved), keyed as every form draft is (another account never sees it); cleared once the record
// is saved or the investigator discards it.
const keyOf = (userId: string, caseId: string, interviewId: string | null) =>
  formDraftKey(userId, caseId, `interview:${interviewId ?? 'new'}`);

export interface InterviewDraft {
  interviewId: string | null;
  values: InterviewInput;
  savedAt: string;
}

export function saveInterviewDraft(userId: string, caseId: string, draft: InterviewDraft): boolean {
  try {
    localStorage.setItem(keyOf(userId, caseId, draft.interviewId), JSON.stringify(draft));
    return true;
  } catch {
    return false; // storage full: the form still holds the text
  }
}

export function clearInterviewDraft(userId: string, caseId: string, interviewId: string | null): void {
  localStorage.removeItem(keyOf(userId, caseId, interviewId));
}

/** The draft left open for this case, if any (the newest one when there are several). */
export function findInterviewDraft(userId: string, caseId: string): InterviewDraft | null {
  const prefix = formDraftKey(userId, caseId, 'interview:');
  let newest: InterviewDraft | null = null;
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (!key?.startsWith(prefix)) continue;
    try {
      const draft = JSON.parse(localStorage.getItem(key) ?? '') as InterviewDraft;
      if (!newest || draft.savedAt > newest.savedAt) newest = draft;
    } catch {
      localStorage.removeItem(key);
    }
  }
  return newest;
}
