// Text folding shared by the search index and result highlighting. Both must fold the same way,
// or a highlighted word would not be the word the index matched.

/** Letters NFKD does not decompose but a user types without the stroke or ligature. */
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  // Lower-casing a whole word gives a final sigma, one letter at a time does not: make them equal.
  ς: 'σ',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'gu');

const MARKS = /\p{M}/gu;
/** Anything that is not a letter or digit separates words (the index's encoder splits the same way). */
export const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** Lower-cases and removes accents: "Zoë Ångström" → "zoe angstrom", "Łukasz" → "lukasz". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** The distinct folded words of a query, in the order typed. */
export function tokenize(query: string): string[] {
  const seen = new Set<string>();
  for (const word of foldText(query).split(WORD_SEPARATOR)) {
    if (word) seen.add(word);
  }
  return [...seen];
}
