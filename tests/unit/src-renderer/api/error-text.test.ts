import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { errorText, STORAGE_FAILED } from '../../../../src-renderer/api/error-text';
import { ApiError } from '../../../../src-renderer/api/client';
import { validationErrorFromZod, ValidationError } from '../../../../src-shared/errors';
import { z } from 'zod';

describe('an error as a banner shows it', () => {
  it('leaves out the internal key of the field a schema refusal names', () => {
    const zodError = z
      .object({ reason: z.string().min(10, 'Say why, in a sentence.') })
      .safeParse({ reason: 'x' });
    const error = validationErrorFromZod(zodError.error!);
    expect(error.message).toBe('reason: Say why, in a sentence.');
    expect(errorText(error)).toBe('Say why, in a sentence.');
    // As it comes back over IPC to the renderer.
    expect(errorText(new ApiError('VALIDATION', 'reason: Say why, in a sentence.', 'reason'))).toBe(
      'Say why, in a sentence.',
    );
  });

  it('keeps a message that names no field, or does not start with it, as it is', () => {
    expect(errorText(new ValidationError('The disk is full: nothing was saved.'))).toBe(
      'The disk is full: nothing was saved.',
    );
    expect(errorText(new ApiError('VALIDATION', 'Use at most 300 characters.', 'subject'))).toBe(
      'Use at most 300 characters.',
    );
    expect(errorText('plain text')).toBe('plain text');
  });
});

describe('IndexedDB failing to store (a full disk)', () => {
  // What Chromium gave when the desk's disk filled (tests/e2e/desk-disk-full.spec.ts): the commit
  // aborted, Dexie's AbortError wrapping the browser's, or a bulk write's rows each failing so.
  const aborted = () =>
    new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');

  it('says the disk may be full, whichever way Dexie reports it', () => {
    for (const error of [
      new Dexie.AbortError('The transaction was aborted, so the request cannot be fulfilled.', aborted()),
      new Dexie.QuotaExceededError('Quota exceeded.'),
      new Dexie.UnknownError('Internal error committing transaction.'),
      new Dexie.BulkError('audit.bulkAdd(): 1 of 1 operations failed.', { 0: aborted() }),
      new Dexie.ModifyError('cases.modify(): 2 of 2 operations failed.', [aborted(), aborted()], 0, []),
      new Dexie.DatabaseClosedError(new Dexie.QuotaExceededError('Quota exceeded.')),
      new DOMException('Quota exceeded.', 'QuotaExceededError'),
    ])
      expect(errorText(error), error.name).toBe(STORAGE_FAILED);
  });

  it('leaves our own cancels and refusals, and other database errors, as they are', () => {
    expect(errorText(new DOMException('Cancelled.', 'AbortError'))).toBe('Cancelled.');
    expect(errorText(new Dexie.ConstraintError('Key already exists in the object store.'))).toBe(
      'Key already exists in the object store.',
    );
    const refused = new ValidationError('Write the note first.');
    expect(
      errorText(new Dexie.BulkError('notes.bulkAdd(): 1 of 1 operations failed.', { 0: refused })),
    ).not.toBe(STORAGE_FAILED);
  });
});
