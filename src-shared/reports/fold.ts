// Folding for matching personal data: case, accents and the letters NFKD does not decompose
// (ß, Ł, đ, Ø…) are set aside, so "ZOË", "zoë" and "Zoe" all match "Zoë". The fold keeps a map
// back to the original text, so a match found in folded text replaces the right original span.
// Invisible characters (zero-width joiners, word joiners, soft hyphens, byte-order marks, the Arabic
// tatweel) are dropped and any run of white space (a line break, a no-break space) is one space, so
// "Had\u2060dad" and "Li\nNa" are found as "Haddad" and "Li Na".

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
  ŀ: 'l',
  Ŀ: 'l',
  '’': "'",
  '‘': "'",
  ʼ: "'",
};

const MARKS = /\p{M}/gu;
const INVISIBLE = /^[\p{Cf}\u0640]$/u;
const SPACE = /^\s$/u;

/** One character (code point) folded: possibly empty (a combining mark) or longer (ß → ss). */
function foldChar(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  if (INVISIBLE.test(ch)) return '';
  if (SPACE.test(ch)) return ' ';
  return ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** `ch` folded, after `out`: nothing for a space that would follow a space. */
const foldAfter = (out: string, ch: string) => {
  const f = foldChar(ch);
  return f === ' ' && out.endsWith(' ') ? '' : f;
};

/** The folded form of a text, for comparing. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) out += foldAfter(out, ch);
  return out;
}

export interface Folded {
  text: string;
  /** For each code unit of `text`, the index of the original code unit it came from. */
  origin: number[];
}

/** The folded text with, for each of its code units, where it came from in the original. */
export function foldWithMap(text: string): Folded {
  let out = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldAfter(out, ch);
    out += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  return { text: out, origin };
}

/** The original span [start, end) behind a folded span, whole characters only. */
export function originalSpan(f: Folded, original: string, start: number, end: number): [number, number] {
  const from = f.origin[start] ?? original.length;
  const last = f.origin[end - 1] ?? from;
  const cp = original.codePointAt(last) ?? 0;
  let to = last + (cp > 0xffff ? 2 : 1);
  // Combining marks after the last character belong to it.
  while (to < original.length && /\p{M}/u.test(original[to]!)) to++;
  return [from, to];
}
