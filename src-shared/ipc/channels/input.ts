import { z } from 'zod';

/** The input of a channel that takes none. */
export const NoInput = z.undefined({ error: 'This call takes no input.' });

const MAX_KEYS_NAMED = 5;
const MAX_KEY_CHARS = 40;
const shortKey = (key: string) => (key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key);

/**
 * An input object that refuses keys it does not know (a typo, or `__proto__`) instead of ignoring
 * them, naming a few of them, shortened: the message goes back to the screen, and a key may be huge.
 */
export const strictInput = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((k) => `"${shortKey(k)}"`);
      const more =
        issue.keys.length > MAX_KEYS_NAMED ? ` and ${issue.keys.length - MAX_KEYS_NAMED} more` : '';
      return `This call does not take ${named.join(', ')}${more}.`;
    },
  });

/**
 * A file the renderer sends whole, as base64: its name must end in one of `types` (else
 * `wrongType`), and its bytes must fit in `maxBytes` (else `tooLarge`).
 */
export const sentFile = (options: {
  types: readonly string[];
  wrongType: string;
  maxBytes: number;
  tooLarge: string;
}) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, 'The file has no name.')
      .max(255, 'The file name is too long (at most 255 characters).')
      .refine((name) => options.types.some((ext) => name.toLowerCase().endsWith(ext)), options.wrongType),
    data: z
      .base64('The file was not sent as expected.')
      .min(1, 'The file is empty.')
      .max(Math.ceil(options.maxBytes / 3) * 4, options.tooLarge),
  });

/** A part of a file sent in chunks: base64 of at most `chunkBytes` bytes. */
export const fileChunk = (chunkBytes: number) =>
  z
    .base64('A part of the file was not sent as expected.')
    .max(Math.ceil(chunkBytes / 3) * 4, 'A part of the file is too large.');
