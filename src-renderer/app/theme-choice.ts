// The light/dark switch in the app bar is this desk's own choice, kept in the browser's storage:
// changing the office's settings is an administrator's job, choosing a theme is not. Settings'
// theme stays the office default for desks that never chose.
import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'redress.theme';
type Choice = 'light' | 'dark';
const listeners = new Set<() => void>();

function read(): Choice | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** This desk's theme choice (null: follow the office setting), and a way to change it. */
export function useThemeChoice(): [Choice | null, (choice: Choice | null) => void] {
  const choice = useSyncExternalStore(subscribe, read);
  const choose = useCallback((next: Choice | null) => {
    try {
      if (next) localStorage.setItem(KEY, next);
      else localStorage.removeItem(KEY);
    } catch {
      // Storage full or refused: the choice lasts until the window closes.
    }
    for (const l of listeners) l();
  }, []);
  return [choice, choose];
}
