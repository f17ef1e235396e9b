// Typed errors thrown by services and repositories. The IPC layer turns them into
// `IpcError` values ({ code, message, field? }) that the renderer shows where the user is looking.
// What crosses IPC is written for the user: never a raw Node message, a stack or an absolute path
// (they tell the user nothing they can act on, and a path names the computer's user and folders).
import type { ZodError } from 'zod';

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'PERMISSION',
  // Nobody is signed in on this desk (any more), or the screen is locked: the renderer shows the
  // sign-in or lock screen instead of the message.
  'SIGNED_OUT',
  'LOCKED',
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'IO',
  'DISK_FULL',
  'TOO_MANY_FILES',
  'LINK_REFUSED',
  'IS_FOLDER',
  'FILE_MISSING',
  'FILE_PERMISSION',
  'READ_ONLY_DISK',
  'FILE_BUSY',
  'NAME_TOO_LONG',
  'UNSAFE_FILE_TYPE',
  // A backup whose tag or a part's hash does not check out, or a wrong passphrase (the two
  // cannot be told apart, by design): "backup damaged or wrong passphrase".
  'BACKUP_DAMAGED',
  // A backup just written did not read back intact from its folder (a failing drive or share):
  // it is kept aside under another name and no older backup was removed.
  'BACKUP_UNREADABLE',
  // No backup passphrase yet, or it has not been given this session.
  'BACKUP_KEY',
  // A restore's commit began (its journal is written) but could not finish: main finishes it
  // before answering anything else, at the next call or start. The restored database must stay.
  'RESTORE_UNFINISHED',
  'INTERNAL',
  // A case bundle that is not one, is damaged or altered, or is signed by a key that does not
  // match: the message names the part.
  'BUNDLE_REFUSED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  field?: string;
}

export class AppError extends Error {
  /**
   * `cause` keeps what went wrong underneath (a system error, a viewer's complaint) for the main
   * process's log; only `code`, `message` and `field` cross IPC.
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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
/** A call that needs a session when there is none, or when the screen is locked. */
export class SessionError extends AppError {
  constructor(code: 'SIGNED_OUT' | 'LOCKED', message: string) {
    super(code, message);
  }
}

export const BACKUP_DAMAGED_MESSAGE = 'The backup is damaged or the passphrase is wrong.';
/**
 * A backup that does not check out: a tag, a part's hash or its layout is wrong, or the passphrase
 * is. AES-GCM cannot tell an altered byte from a wrong key, so neither can the message.
 */
export class BackupDamagedError extends AppError {
  constructor(options?: { cause?: unknown }) {
    super('BACKUP_DAMAGED', BACKUP_DAMAGED_MESSAGE, undefined, options);
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

const DISK_FULL = { code: 'DISK_FULL', message: 'The disk is full: nothing was saved.' } as const;
const TOO_MANY_FILES = {
  code: 'TOO_MANY_FILES',
  message: 'Too many files are open: try again in a moment.',
} as const;
const FILE_MISSING = { code: 'FILE_MISSING', message: 'The file is no longer there.' } as const;
const FILE_PERMISSION = {
  code: 'FILE_PERMISSION',
  message: 'Redress may not read or write this file: check its permissions.',
} as const;

/** Node's system errors (fs, streams), by their `code`, in words a user can act on. */
const SYSTEM_ERRORS: Readonly<Record<string, { code: ErrorCode; message: string }>> = {
  ENOSPC: DISK_FULL,
  EDQUOT: DISK_FULL,
  EMFILE: TOO_MANY_FILES,
  ENFILE: TOO_MANY_FILES,
  ELOOP: { code: 'LINK_REFUSED', message: 'This file is a link Redress will not follow.' },
  EISDIR: { code: 'IS_FOLDER', message: 'This is a folder, not a file.' },
  ENOENT: FILE_MISSING,
  ENOTDIR: FILE_MISSING,
  EACCES: FILE_PERMISSION,
  EPERM: FILE_PERMISSION,
  EROFS: { code: 'READ_ONLY_DISK', message: 'This disk is read-only: nothing was saved.' },
  EIO: {
    code: 'IO',
    message: 'The disk could not be read or written: check the disk or drive, then try again.',
  },
  EBUSY: { code: 'FILE_BUSY', message: 'Another program is using this file: close it, then try again.' },
  ENAMETOOLONG: { code: 'NAME_TOO_LONG', message: 'The file name or its folder path is too long.' },
};

export const INTERNAL_MESSAGE =
  'Something went wrong. Try again; if it happens again, tell whoever looks after Redress in your office.';

/** A Node system error (anything with a known `code` such as ENOSPC) as a typed error; otherwise undefined. */
export function systemError(error: unknown): AppError | undefined {
  if (error instanceof AppError || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !Object.hasOwn(SYSTEM_ERRORS, code)) return undefined;
  const known = SYSTEM_ERRORS[code]!;
  return new AppError(known.code, known.message, undefined, { cause: error });
}

// An absolute path after a space, a quote or a bracket (or at the start): POSIX (/home/…),
// Windows (C:\…, C:/…) or UNC (\\server\share…). Its last part is kept: a file's own name helps.
const ABSOLUTE_PATH =
  /(?<=^|[\s"'(“‘«])(?:[A-Za-z]:[\\/]|\\\\|\/(?=[^\s/]))(?:[^\s"'“”‘’»)\\/]+[\\/])*([^\s"'“”‘’»)\\/]*)/g;

/** The message with every absolute path cut down to its last part (`/home/x/a.pdf` → `a.pdf`). */
export function withoutPaths(message: string): string {
  return message.replace(ABSOLUTE_PATH, (_path, last: string) => last || '…');
}

/**
 * Any thrown value as what may cross IPC: a typed error keeps its code, message (paths cut
 * down) and field; a Node system error becomes its plain words; anything else is INTERNAL with
 * a fixed message, its detail left for the main process's log.
 */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) {
    const ipc = error.toIpcError();
    return { ...ipc, message: withoutPaths(ipc.message) };
  }
  const system = systemError(error);
  if (system) return system.toIpcError();
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}
