// Text as the PDF must be given it. pdfmake uses one font per run of text and lays runs out left to
// right, so a string is cut into runs by script (each with a font that has its glyphs) and put in
// display order by the Unicode bidirectional algorithm. fontkit, which pdfmake's pdfkit uses to
// shape text, shapes a run of Arabic or Hebrew letters (joining forms) and turns it right to left
// itself, and shapes Indic and South-East Asian runs (vowel signs reordered, conjuncts formed); so a run of right-to-left letters is handed over in reading order, and only the runs
// (words, spaces, numbers) are put in display order here. Pure: no fonts are read.
import bidiFactory from 'bidi-js';
import type { SCRIPT_FONT_FILES } from './fonts';

/** The fonts, by the families render.ts registers; 'Body' is the document's own. */
export type ScriptFont = 'Body' | keyof typeof SCRIPT_FONT_FILES;

/**
 * One run: text with one font, in display order; or, in a line read right to left, in reading
 * order with its bidi embedding level, to be put in display order line by line once pdfmake has
 * wrapped the paragraph (bidi-lines.ts).
 */
export interface TextRun {
  text: string;
  font: ScriptFont;
  level?: number;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/u;
// Exactly the blocks the bundled CJK subset holds (see resources/fonts/README.md): kana, CJK
// punctuation, Bopomofo, Hangul jamo and syllables, the unified ideographs with extension A,
// compatibility ideographs and full-width forms.
const CJK =
  /[\u3000-\u30FF\u3100-\u312F\u3130-\u318F\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/u;

/**
 * Each script font's letters (fonts.ts): Arabic, Hebrew and CJK by the blocks their fonts hold, the
 * others by the characters Unicode says their script uses (Script_Extensions). A danda (।) is used
 * by several Indic scripts, and prints in the Devanagari font, which has it.
 */
const SCRIPTS = {
  Arabic: ARABIC,
  Hebrew: HEBREW,
  CJK,
  Devanagari: /\p{scx=Devanagari}/u,
  Bengali: /\p{scx=Bengali}/u,
  Gurmukhi: /\p{scx=Gurmukhi}/u,
  Gujarati: /\p{scx=Gujarati}/u,
  Tamil: /\p{scx=Tamil}/u,
  Telugu: /\p{scx=Telugu}/u,
  Kannada: /\p{scx=Kannada}/u,
  Malayalam: /\p{scx=Malayalam}/u,
  Sinhala: /\p{scx=Sinhala}/u,
  Thai: /\p{scx=Thai}/u,
  Khmer: /\p{scx=Khmer}/u,
  Myanmar: /\p{scx=Myanmar}/u,
  Ethiopic: /\p{scx=Ethiopic}/u,
} satisfies Record<Exclude<ScriptFont, 'Body'>, RegExp>;
const SCRIPT_FONTS = Object.entries(SCRIPTS) as [Exclude<ScriptFont, 'Body'>, RegExp][];

const NEEDS_WORK = new RegExp(
  `${Object.values(SCRIPTS)
    .map((r) => r.source)
    .join('|')}|\\p{Emoji_Presentation}|[\\u{1F000}-\\u{1FFFF}]|[\\uFE0E\\uFE0F\\u20E3]`,
  'u',
);
/**
 * Zero-width joiner and non-joiner: inside a word of an Indic script they choose a conjunct's form,
 * which the shaper can only do if they stay in the word's run (and font).
 */
const JOINER = /[\u200C\u200D]/u;
const RIGHT_TO_LEFT = new RegExp(`${ARABIC.source}|${HEBREW.source}`, 'u');
// Digits of the Arabic script are read left to right: fontkit would turn a run of them round.
const ARABIC_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/u;

export function fontOf(char: string): ScriptFont {
  for (const [font, letters] of SCRIPT_FONTS) if (letters.test(char)) return font;
  return 'Body';
}

/**
 * The font of `char` after a character in `previous`: a joiner stays in the word it is in (bar a
 * right-to-left one, whose words are handed over whole and never hold one).
 */
function fontAfter(char: string, previous: ScriptFont | undefined): ScriptFont {
  return JOINER.test(char) && previous && previous !== 'Arabic' && previous !== 'Hebrew'
    ? previous
    : fontOf(char);
}

/** Whether a string needs more than the body font in reading order. */
export const needsRuns = (text: string) => NEEDS_WORK.test(text);

// An emoji and what hangs on it: skin tone, presentation selector, joined emoji, keycap; or a flag.
const EMOJI =
  /[\u{1F1E6}-\u{1F1FF}]{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\uFE0E)*(?:\u200D\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*)*/gu;

/**
 * Emoji, which no bundled font draws, replaced by `substitute` so none prints as a box. Symbols
 * shown as text by default (©, ™, ☺, ✓), which the body font has, stay unless asked to be emoji.
 */
export function replaceEmoji(text: string, substitute: string): string {
  return text.replace(EMOJI, (cluster) => {
    const first = cluster.codePointAt(0)!;
    const asEmoji =
      first >= 0x1f000 || /\p{Emoji_Presentation}|\uFE0F|\u200D|\u20E3|\p{Emoji_Modifier}/u.test(cluster);
    return asEmoji ? substitute : cluster.replace(/\uFE0E/gu, '');
  });
}

let bidi: ReturnType<typeof bidiFactory> | undefined;

/**
 * A string as runs in display order, each with its font. A paragraph takes its direction from its
 * first letter (as `dir="auto"` does), so "محمد Ali" reads right to left and "Ali محمد" left to right.
 */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) push(runs, { text: '\n', font: 'Body' }, true);
    if (readsRightToLeft(line)) runs.push(...logicalOrder(line));
    else for (const piece of displayOrder(line)) push(runs, piece.run, piece.joinable);
  });
  return runs;
}

/** Whether a line reads right to left: its first letter is Arabic or Hebrew (as `dir="auto"`). */
export function readsRightToLeft(line: string): boolean {
  const first = /\p{L}/u.exec(line);
  return first !== null && RIGHT_TO_LEFT.test(first[0]);
}

/**
 * A line read right to left, cut into runs in reading order, each with its embedding level: one
 * per word, per space and per character of other neutrals and Arabic digits, so that pdfmake can
 * wrap between words and each line can then be put in display order on its own. A word of
 * right-to-left letters stays whole in reading order (fontkit turns it); a bracket shown right to
 * left is mirrored.
 */
function logicalOrder(line: string): TextRun[] {
  bidi ??= bidiFactory();
  const levels = bidi.getEmbeddingLevels(line, 'rtl').levels;
  const mirrored = bidi.getMirroredCharactersMap(line, levels);
  const runs: TextRun[] = [];
  let last: (TextRun & { kind: string }) | undefined;
  for (let at = 0; at < line.length;) {
    const code = line.codePointAt(at)!;
    const char = String.fromCodePoint(code);
    const level = levels[at]!;
    const font = fontAfter(char, last?.font);
    // What may share a run: letters of one direction, digits, or spaces; anything else stands alone
    // (bar a joiner, which stays in its word).
    const kind =
      last && font === last.font && font !== 'Body' && JOINER.test(char)
        ? last.kind
        : /\s/u.test(char)
          ? 'space'
          : isRtlLetter(char)
            ? 'rtl'
            : /[\p{L}\p{M}\p{N}]/u.test(char) && !ARABIC_DIGIT.test(char)
              ? 'ltr'
              : `alone${at}`;
    if (last && last.kind === kind && last.level === level && last.font === font) last.text += char;
    else {
      last = { text: mirrored.get(at) ?? char, font, level, kind };
      runs.push(last);
    }
    at += char.length;
  }
  return runs.map(({ text, font, level }) => ({ text, font, level }));
}

interface Piece {
  run: TextRun;
  /** May merge with a neighbour of the same font (a right-to-left word may not: fontkit turns it round). */
  joinable: boolean;
}

function push(runs: TextRun[], run: TextRun, joinable: boolean): void {
  const last = runs.at(-1);
  if (joinable && last && last.font === run.font && last.font !== 'Arabic' && last.font !== 'Hebrew')
    last.text += run.text;
  else runs.push({ ...run });
}

function displayOrder(line: string): Piece[] {
  if (!RIGHT_TO_LEFT.test(line)) {
    let font: ScriptFont | undefined;
    return [...line].map((c) => ({ run: { text: c, font: (font = fontAfter(c, font)) }, joinable: true }));
  }
  bidi ??= bidiFactory();
  const levels = bidi.getEmbeddingLevels(line, 'auto');
  const order = bidi.getReorderedIndices(line, levels);
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  const glued = shortReversedSpans(levels.levels, levels.paragraphs[0]?.level ?? 0);
  const pieces: Piece[] = [];
  for (let k = 0; k < order.length; k++) {
    const at = order[k]!;
    const code = line.codePointAt(at)!;
    // bidi-js counts UTF-16 code units: a pair is taken whole at its high half.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    const font = fontAfter(char, pieces.at(-1)?.run.font);
    const rtlLetter = (font === 'Arabic' || font === 'Hebrew') && !ARABIC_DIGIT.test(char);
    if (rtlLetter && levels.levels[at]! % 2 === 1) {
      // A word of right-to-left letters shown reversed: hand it over in reading order.
      let from = at;
      while (k + 1 < order.length && order[k + 1] === from - 1 && isRtlLetter(line[from - 1]!)) {
        from--;
        k++;
      }
      pieces.push({ run: { text: line.slice(from, at + 1), font }, joinable: false });
    } else {
      const shown = char === ' ' && glued[at] ? NO_BREAK_SPACE : (mirrored.get(at) ?? char);
      pieces.push({ run: { text: shown, font }, joinable: !rtlLetter });
    }
  }
  return pieces;
}

/**
 * The words of a span shown reversed are in display order before pdfmake wraps the line, so a
 * wrap inside the span would start the next line with the span's first words. A short span (a
 * name, an address) is kept on one line: its spaces become no-break spaces, marked true here.
 * A longer one still wraps, its lines then in reverse order.
 */
function shortReversedSpans(levels: Uint8Array, base: number): boolean[] {
  const glued = new Array<boolean>(levels.length).fill(false);
  for (let start = 0; start < levels.length;) {
    if (levels[start]! <= base && base % 2 === 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < levels.length && (base % 2 === 1 || levels[end]! > base)) end++;
    if (end - start <= GLUED_SPAN) glued.fill(true, start, end);
    start = end;
  }
  return glued;
}

/** The longest span (in UTF-16 units) kept on one line: a full name with an address line fits. */
const GLUED_SPAN = 40;
const NO_BREAK_SPACE = '\u00A0';

const isRtlLetter = (c: string) => RIGHT_TO_LEFT.test(c) && !ARABIC_DIGIT.test(c);
