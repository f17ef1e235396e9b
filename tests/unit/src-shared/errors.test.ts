import { describe, expect, it } from 'vitest';
import {
  AppError,
  INTERNAL_MESSAGE,
  NotFoundError,
  systemError,
  toIpcError,
  ValidationError,
  withoutPaths,
} from '../../../src-shared/errors';

/** A Node system error as fs throws it: code, syscall, path and a message naming the path. */
function nodeError(code: string, path = '/home/alex/.config/Redress/evidence/abc'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something happened, open '${path}'`), {
    code,
    errno: -1,
    syscall: 'open',
    path,
  });
}

describe('Node system errors become plain words with a stable code', () => {
  it.each([
    ['ENOSPC', 'DISK_FULL', 'The disk is full: nothing was saved.'],
    ['EDQUOT', 'DISK_FULL', 'The disk is full: nothing was saved.'],
    ['EMFILE', 'TOO_MANY_FILES', 'Too many files are open: try again in a moment.'],
    ['ENFILE', 'TOO_MANY_FILES', 'Too many files are open: try again in a moment.'],
    ['ELOOP', 'LINK_REFUSED', 'This file is a link Redress will not follow.'],
    ['EISDIR', 'IS_FOLDER', 'This is a folder, not a file.'],
    ['ENOENT', 'FILE_MISSING', 'The file is no longer there.'],
    ['ENOTDIR', 'FILE_MISSING', 'The file is no longer there.'],
    ['EACCES', 'FILE_PERMISSION', 'Redress may not read or write this file: check its permissions.'],
    ['EPERM', 'FILE_PERMISSION', 'Redress may not read or write this file: check its permissions.'],
    ['EROFS', 'READ_ONLY_DISK', 'This disk is read-only: nothing was saved.'],
    ['EIO', 'IO', 'The disk could not be read or written: check the disk or drive, then try again.'],
    ['EBUSY', 'FILE_BUSY', 'Another program is using this file: close it, then try again.'],
    ['ENAMETOOLONG', 'NAME_TOO_LONG', 'The file name or its folder path is too long.'],
  ])('%s → %s', (nodeCode, code, message) => {
    expect(toIpcError(nodeError(nodeCode))).toEqual({ code, message });
  });

  it('keeps the system error as the cause, for the main process log', () => {
    const original = nodeError('ENOSPC');
    expect(systemError(original)?.cause).toBe(original);
  });

  it.each([
    ['an error with an unknown code', Object.assign(new Error('boom at /srv/x'), { code: 'ERR_SOMETHING' })],
    ['a code that is an Object property name', Object.assign(new Error('x'), { code: 'constructor' })],
    ['a plain error naming a POSIX path', new Error("ENOENT: no such file, open '/home/alex/secret.pdf'")],
    ['a plain error naming a Windows path', new Error('cannot open C:\\Users\\Alex\\AppData\\Roaming\\x')],
    ['a thrown string', 'disk on fire at /var/lib/redress'],
    ['null', null],
    ['undefined', undefined],
  ])('anything else (%s) is INTERNAL, with a fixed message', (_label, thrown) => {
    expect(toIpcError(thrown)).toEqual({ code: 'INTERNAL', message: INTERNAL_MESSAGE });
  });
});

describe('typed errors keep their words, never a path', () => {
  it('a ValidationError keeps its message and field', () => {
    expect(toIpcError(new ValidationError('Enter the customer’s name.', 'complainant.name'))).toEqual({
      code: 'VALIDATION',
      message: 'Enter the customer’s name.',
      field: 'complainant.name',
    });
    expect(toIpcError(new NotFoundError('No such case.'))).toEqual({
      code: 'NOT_FOUND',
      message: 'No such case.',
    });
  });

  it.each([
    ['/home/alex/Documents/Reports/CMP-1.pdf', 'CMP-1.pdf'],
    ['C:\\Users\\Alex\\Documents\\CMP-1.pdf', 'CMP-1.pdf'],
    ['C:/Users/Alex/Documents/CMP-1.pdf', 'CMP-1.pdf'],
    ['\\\\fileserver\\complaints\\CMP-1.pdf', 'CMP-1.pdf'],
    ['/home/alex/exports/', '…'],
  ])('a message naming %s shows only %s', (path, shown) => {
    const ipc = toIpcError(new AppError('IO', `Could not write “${path}”. Choose another folder.`));
    expect(ipc.message).toBe(`Could not write “${shown}”. Choose another folder.`);
    expect(ipc.message).not.toMatch(/alex|Alex|fileserver/);
  });

  it.each([
    'Use a date like 2026/12/24 or 24/12/2026.',
    'Dates and/or times are missing.',
    'See https://example.org/help for details.',
    'Cases / Reports',
    'The PDF builder stopped unexpectedly (exit code 3). Try again.',
  ])('leaves a message without a path alone: %s', (message) => {
    expect(withoutPaths(message)).toBe(message);
  });
});
