// The idle lock: after the office's idle minutes without a key press, click, touch or scroll, the
// screen locks. Checked every few seconds against the time of the last activity, so a computer
// that slept past the limit locks as soon as it wakes.
import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

/** True once `idleMs` have passed since `lastActivity`. */
export const idleFor = (lastActivity: number, now: number, idleMs: number): boolean =>
  now - lastActivity >= idleMs;

/** Calls `onIdle` once after `minutes` without activity, while `active` (pass a stable `onIdle`). */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const type of ACTIVITY) window.addEventListener(type, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (idleFor(last, Date.now(), minutes * 60_000)) {
        last = Date.now();
        onIdle();
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, touch, { capture: true });
    };
  }, [minutes, active, onIdle]);
}

/** Ctrl+L (⌘L on a Mac) locks the screen at once. */
export const isLockShortcut = (
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';
