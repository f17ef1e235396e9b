import { describe, expect, it } from 'vitest';
import { errorText } from '../../../../src-renderer/api/error-text';
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
