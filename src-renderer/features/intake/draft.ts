import type { NewCaseInput } from '../../../src-shared/domain/case';

// The intake draft lives in localStorage: written on every change, so an accidental close or
// reload loses nothing; cleared only once the case is saved or the officer discards it.
const KEY = 'redress.draft.new-case';

export function loadDraft(): NewCaseInput | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as NewCaseInput) : null;
  } catch {
    return null;
  }
}

export function saveDraft(values: NewCaseInput): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(values));
  } catch {
    /* storage full: the form still holds the values */
  }
}

export function clearDraft(): void {
  localStorage.removeItem(KEY);
  localStorage.removeItem(EMAILS_KEY);
}

// The subjects of the e-mails imported into the draft. Their files are staged in main only while
// the page is open (removed once it is left unsaved), so a restored draft names them to import again.
const EMAILS_KEY = 'redress.draft.new-case.emails';

export function saveDraftEmails(subjects: readonly string[]): void {
  try {
    if (subjects.length) localStorage.setItem(EMAILS_KEY, JSON.stringify(subjects));
    else localStorage.removeItem(EMAILS_KEY);
  } catch {
    /* storage full: the e-mails are on screen */
  }
}

export function loadDraftEmails(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(EMAILS_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
