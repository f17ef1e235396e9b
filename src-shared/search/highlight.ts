// Marks the words of a text that a search query matched, for showing results. Pure, so the list
// (renderer) and exports can use it alike.
import { foldText, tokenize } from './text';

export { foldText, tokenize } from './text';

export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** A word starts with a letter or digit; combining marks stay inside it (decomposed "e\u0301"). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const DIGITS = /^\d+$/;
const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');

/**
 * How many UTF-16 units at the start of `word` the query matched (0 for none). A query word
 * matches a text word it equals or begins, ignoring case and accents; the longest such query word
 * wins. Numbers also match without their leading zeros ("123" marks "000123"), as the index does.
 */
function matchedLength(word: string, tokens: readonly string[]): number {
  const chars = [...word];
  const folded = chars.map((c) => foldText(c));
  const whole = folded.join('');
  let best = 0;
  for (const token of tokens) {
    if (token.length > best && whole.startsWith(token)) best = token.length;
  }
  if (best === 0) {
    const isNumber = DIGITS.test(whole);
    const numericHit =
      isNumber && tokens.some((t) => DIGITS.test(t) && stripZeros(whole).startsWith(stripZeros(t)));
    return numericHit ? word.length : 0;
  }
  // Map the folded length back to the original characters; a character that folds to several
  // ("ß" → "ss") is marked whole, and trailing combining marks stay with their letter.
  let foldedSoFar = 0;
  let end = 0;
  let i = 0;
  while (i < chars.length && foldedSoFar < best) {
    foldedSoFar += folded[i]!.length;
    end += chars[i]!.length;
    i += 1;
  }
  while (i < chars.length && folded[i] === '') {
    end += chars[i]!.length;
    i += 1;
  }
  return end;
}

/**
 * Splits `text` into segments, marking whole-word and prefix matches of the query's words.
 * Joining the segments' text gives `text` back exactly.
 */
export function highlight(text: string, query: string | readonly string[]): HighlightSegment[] {
  if (!text) return [];
  const tokens = typeof query === 'string' ? tokenize(query) : query.flatMap((q) => tokenize(q));
  if (tokens.length === 0) return [{ text, match: false }];

  const segments: HighlightSegment[] = [];
  const push = (part: string, match: boolean) => {
    if (!part) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += part;
    else segments.push({ text: part, match });
  };

  let cursor = 0;
  for (const found of text.matchAll(WORD)) {
    const length = matchedLength(found[0], tokens);
    if (length === 0) continue;
    push(text.slice(cursor, found.index), false);
    push(text.slice(found.index, found.index + length), true);
    cursor = found.index + length;
  }
  push(text.slice(cursor), false);
  return segments;
}
