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
