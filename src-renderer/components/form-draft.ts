// What was typed into a form and not yet saved, kept in localStorage on every change (the way the
// interview draft is), so leaving the tab, the case or the app loses nothing. One draft per person,
// case and form: another account at the same desk never sees it, nor does another case.
const PREFIX = 'redress.draft.form:';

export const formDraftKey = (userId: string, caseId: string, form: string) =>
  `${PREFIX}${userId}:${caseId}:${form}`;

export interface FormDraft<T> {
  /** The fields typed (those that differ from what the form showed). */
  typed: Partial<T>;
  /** The stored record the form showed when they were typed (JSON), to tell a change since. */
  base: string | null;
}

/** The fields of `values` that differ from `shown` (a list compares as a whole). */
export function typedFields<T extends object>(values: T, shown: T): Partial<T> {
  const typed: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T)[]) {
    if (JSON.stringify(values[key]) !== JSON.stringify(shown[key])) typed[key] = values[key];
  }
  return typed;
}

/** Keeps what was typed, or forgets the draft once nothing is (saved, cleared, shown as stored). */
export function keepFormDraft<T>(key: string, draft: FormDraft<T>): void {
  try {
    if (Object.keys(draft.typed).length) localStorage.setItem(key, JSON.stringify(draft));
    else localStorage.removeItem(key);
  } catch {
    /* storage full: the form still holds the text */
  }
}

export function loadFormDraft<T>(key: string): FormDraft<T> | null {
  try {
    const draft = JSON.parse(localStorage.getItem(key) ?? 'null') as FormDraft<T> | null;
    return draft && typeof draft.typed === 'object' ? draft : null;
  } catch {
    return null;
  }
}

export function clearFormDraft(key: string): void {
  localStorage.removeItem(key);
}

/**
 * Forgets every draft typed on these cases at this desk, by any person and in any form (the
 * interview drafts included): a disposed-of or erased case must not leave the complainant's words
 * in the desk's storage, where no form of the case could show them again. Returns how many.
 */
export function forgetCaseDrafts(caseIds: Iterable<string>): number {
  // Unit tests of the case database run without a browser's storage.
  if (typeof localStorage === 'undefined') return 0;
  const cases = new Set(caseIds);
  if (!cases.size) return 0;
  const keys: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      // The key is PREFIX + person + ':' + case + ':' + form (formDraftKey); a case id is a UUID.
      if (!key?.startsWith(PREFIX)) continue;
      const [, ...afterPerson] = key.slice(PREFIX.length).split(':');
      if (afterPerson.some((part) => cases.has(part))) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    /* storage unreadable: nothing of it can be shown either */
  }
  return keys.length;
}
