import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref holding `value` as last rendered, for code that ends later (an awaited save, an import, a
 * check) and must act on what is on screen now rather than on what its closure saw. Set at commit,
 * so a continuation that runs after the render reads the newest.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
