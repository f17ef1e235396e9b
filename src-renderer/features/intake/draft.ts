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
}
