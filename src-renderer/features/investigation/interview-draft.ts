import type { InterviewInput } from '../../../src-shared/domain/investigation';

// An interview being typed is kept in localStorage on every keystroke, so a reload or a crash
// mid-interview loses nothing. One draft per case and interview ('new' for one not yet saved);
// cleared once the record is saved or the investigator discards it.
const PREFIX = 'redress.draft.interview:';
const keyOf = (caseId: string, interviewId: string | null) => `${PREFIX}${caseId}:${interviewId ?? 'new'}`;

export interface InterviewDraft {
  interviewId: string | null;
  values: InterviewInput;
  savedAt: string;
}

export function saveInterviewDraft(caseId: string, draft: InterviewDraft): boolean {
  try {
    localStorage.setItem(keyOf(caseId, draft.interviewId), JSON.stringify(draft));
    return true;
  } catch {
    return false; // storage full: the form still holds the text
  }
}

export function clearInterviewDraft(caseId: string, interviewId: string | null): void {
  localStorage.removeItem(keyOf(caseId, interviewId));
}

/** The draft left open for this case, if any (the newest one when there are several). */
export function findInterviewDraft(caseId: string): InterviewDraft | null {
  const prefix = `${PREFIX}${caseId}:`;
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
