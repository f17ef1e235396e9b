import type { IpcError } from '../errors';

/** What crosses IPC: errors keep their code and field instead of becoming bare strings. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: IpcError): Result<never> => ({ ok: false, error });
