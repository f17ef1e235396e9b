import type { NewCaseInput } from '../../../src-shared/domain/case';

// The intake draft lives in localStorage: written on every change, so an accidental close or
// reload loses nothing; cleared only once the case is saved or the officer discards it. One per
// person, as every form draft is: another account at the same desk never sees it.
const keyOf = (userId: string) => `redress.draft.new-case:${userId}`;

export function loadDraft(userId: string): NewCaseInput | null {
  try {
    const raw = localStorage.getItem(keyOf(userId));
    return raw ? (JSON.parse(raw) as NewCaseInput) : null;
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, values: NewCaseInput): void {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(values));
  } catch {
    /* storage full: the form still holds the values */
  }
}

export function clearDraft(userId: string): void {
  localStorage.removeItem(keyOf(userId));
  localStorage.removeItem(emailsKeyOf(userId));
}

// The subjects of the e-mails imported into the draft. Their files are staged in main only while
// the page is open (removed once it is left unsaved), so a restored draft names them to import again.
const emailsKeyOf = (userId: string) => `redress.draft.new-case.emails:${userId}`;

export function saveDraftEmails(userId: string, subjects: readonly string[]): void {
  try {
    if (subjects.length) localStorage.setItem(emailsKeyOf(userId), JSON.stringify(subjects));
    else localStorage.removeItem(emailsKeyOf(userId));
  } catch {
    /* storage full: the e-mails are on screen */
  }
}

export function loadDraftEmails(userId: string): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(emailsKeyOf(userId)) ?? '[]');
    return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
