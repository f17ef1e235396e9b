// Typed errors thrown by services and repositories. The IPC layer turns them into
// `IpcError` values ({ code, message, field? }) that the renderer shows where the user is looking.
import type { ZodError } from 'zod';

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'PERMISSION',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'IO',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  field?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
  toIpcError(): IpcError {
    return this.field
      ? { code: this.code, message: this.message, field: this.field }
      : { code: this.code, message: this.message };
  }
}

export class ValidationError extends AppError {
  constructor(message: string, field?: string) {
    super('VALIDATION', message, field);
  }
}
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super('CONFLICT', message, field);
  }
}
export class PermissionError extends AppError {
  constructor(message: string) {
    super('PERMISSION', message);
  }
}

/** Dotted path of a zod issue, e.g. `complainant.email`; `undefined` for the root. */
export function issuePath(path: readonly PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

/** The first issue of a zod error as a ValidationError naming its field. */
export function validationErrorFromZod(error: ZodError, prefix?: string): ValidationError {
  const issue = error.issues[0];
  if (!issue) return new ValidationError('The input is not valid.');
  const field = issuePath(issue.path);
  const where = field ?? prefix;
  return new ValidationError(where ? `${where}: ${issue.message}` : issue.message, field);
}

/** Any thrown value as an IpcError; unknown errors become INTERNAL without leaking a stack. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) return error.toIpcError();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: message || 'Something went wrong.' };
}
