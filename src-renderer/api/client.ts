// The renderer's one way to reach the main process: `window.api`, built by the preload from the
// IPC contract. Calls return a Result; `call` unwraps it and throws an ApiError that keeps the
// error's code and field, so a form can show the message next to the right input.
import type { Api } from '../../src-shared/ipc/contract';
import type { ErrorCode } from '../../src-shared/errors';
import type { Result } from '../../src-shared/ipc/result';

declare global {
  interface Window {
    api?: Api;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function api(): Api {
  if (!window.api) throw new ApiError('INTERNAL', 'Redress is not connected to its main process.');
  return window.api;
}

type SessionLost = (code: 'SIGNED_OUT' | 'LOCKED') => void;
const sessionListeners = new Set<SessionLost>();

/**
 * Tells the session screen when main refused a call for want of a session (another sign-in, a
 * turned-off account) or because the screen is locked, so it can show the sign-in or lock screen.
 */
export function onSessionLost(listener: SessionLost): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  const { code } = result.error;
  if (code === 'SIGNED_OUT' || code === 'LOCKED') for (const listener of sessionListeners) listener(code);
  throw new ApiError(code, result.error.message, result.error.field);
}
