// A drill-down to an exact set of cases (a return's cell): the ids can run to thousands, too many
// for an address, so they stay in this window's session storage and the address holds only a key.
import type { CaseDrill } from '../../db/case-query';

const PREFIX = 'redress.drill.';
// Also kept in memory, in case session storage is full or refused.
const inMemory = new Map<string, CaseDrill>();

/** Keeps the drill-down and returns the Cases list address that shows exactly those cases. */
export function drillPath(drill: CaseDrill): string {
  const key = crypto.randomUUID();
  inMemory.set(key, drill);
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(drill));
  } catch {
    // Too many ids for session storage: the drill-down still works until the window reloads.
  }
  return `/cases?drill=${key}`;
}

/** The drill-down kept under `key`; null when it is gone (another window, or storage cleared). */
export function readDrill(key: string): CaseDrill | null {
  const kept = inMemory.get(key);
  if (kept) return kept;
  if (typeof sessionStorage === 'undefined') return null;
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as CaseDrill).label === 'string' &&
      Array.isArray((parsed as CaseDrill).ids)
    ) {
      const drill = parsed as CaseDrill;
      inMemory.set(key, drill);
      return drill;
    }
  } catch {
    // A damaged entry is treated as gone.
  }
  return null;
}
