// Text to be matched literally inside a regular expression built at run time.

/** `text` with every character a RegExp gives a meaning to escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
