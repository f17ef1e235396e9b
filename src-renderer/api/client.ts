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

export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message, result.error.field);
}
