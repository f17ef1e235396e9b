import { describe, expect, it } from 'vitest';
import { fontOf, needsRuns, replaceEmoji, textRuns } from '../../../../../src-main/services/pdf/text-runs';

/** What a space in a short right-to-left span becomes, to keep the span on one line. */
const NBSP = '\u00A0';

describe('textRuns', () => {
  it.each([
    ['Latin only', 'Zoë Łukasz-Đặng', [{ text: 'Zoë Łukasz-Đặng', font: 'Body' }]],
    [
      'CJK and Latin',
      '王小明 and 김민준',
      [
        { text: '王小明', font: 'CJK' },
        { text: ' and ', font: 'Body' },
        { text: '김민준', font: 'CJK' },
      ],
    ],
    [
      // A line read right to left stays in reading order, each word, space and digit run with its
      // level: pdfmake wraps it, then each line is put in display order (bidi-lines.ts).
      'an Arabic name',
      'محمد علي',
      [
        { text: 'محمد', font: 'Arabic', level: 1 },
        { text: ' ', font: 'Body', level: 1 },
        { text: 'علي', font: 'Arabic', level: 1 },
      ],
    ],
    [
      'digits in Arabic text, at a level of their own (read left to right)',
      'شارع 12',
      [
        { text: 'شارع', font: 'Arabic', level: 1 },
        { text: ' ', font: 'Body', level: 1 },
        { text: '12', font: 'Body', level: 2 },
      ],
    ],
    [
      'Hebrew after Latin, its brackets mirrored',
      'Ms דוד (כהן)',
      [
        { text: 'Ms (', font: 'Body' },
        { text: 'כהן', font: 'Hebrew' },
        { text: `)${NBSP}`, font: 'Body' },
        { text: 'דוד', font: 'Hebrew' },
      ],
    ],
    [
      'Arabic-Indic digits, each on its own (fontkit would turn a run of them round)',
      'رقم ١٢',
      [
        { text: 'رقم', font: 'Arabic', level: 1 },
        { text: ' ', font: 'Body', level: 1 },
        { text: '١', font: 'Arabic', level: 2 },
        { text: '٢', font: 'Arabic', level: 2 },
      ],
    ],
    [
      'a bracket in a line read right to left, mirrored',
      'طلب (محمد).',
      [
        { text: 'طلب', font: 'Arabic', level: 1 },
        { text: ' ', font: 'Body', level: 1 },
        { text: ')', font: 'Body', level: 1 },
        { text: 'محمد', font: 'Arabic', level: 1 },
        { text: '(', font: 'Body', level: 1 },
        { text: '.', font: 'Body', level: 1 },
      ],
    ],
    [
      'lines ordered one by one',
      'Ref 7\nمحمد علي',
      [
        { text: 'Ref 7\n', font: 'Body' },
        { text: 'محمد', font: 'Arabic', level: 1 },
        { text: ' ', font: 'Body', level: 1 },
        { text: 'علي', font: 'Arabic', level: 1 },
      ],
    ],
  ])('%s', (_name, text, runs) => {
    expect(textRuns(text)).toEqual(runs);
  });

  it('keeps every character: the runs hold the text, only reordered', () => {
    const text = 'Case 42: محمد علي (شارع 12) — דוד כהן, 山田花子';
    const runs = textRuns(text);
    expect([...runs.map((r) => r.text.replaceAll(NBSP, ' ')).join('')].sort()).toEqual(
      [...text.replace('(', ')').replace(')', '(')].sort(),
    );
  });

  it('lets a long right-to-left span wrap: only short ones are kept on one line', () => {
    const sentence = 'مرحبا بكم في مكتب الشكاوى، نحن هنا لمساعدتكم في كل وقت';
    expect(textRuns(`Said: ${sentence}`).some((r) => r.text.includes(NBSP))).toBe(false);
    expect(textRuns('Said: محمد علي').some((r) => r.text.includes(NBSP))).toBe(true);
  });

  it('picks the font by script', () => {
    expect(['a', 'ب', 'ש', '字', 'か', '한', '，'].map(fontOf)).toEqual([
      'Body',
      'Arabic',
      'Hebrew',
      'CJK',
      'CJK',
      'CJK',
      'CJK',
    ]);
  });

  it('gives each script of South and South-East Asia and Ethiopia its own font', () => {
    const letters = {
      Devanagari: 'प',
      Bengali: 'র',
      Gurmukhi: 'ਸ',
      Gujarati: 'ગ',
      Tamil: 'க',
      Telugu: 'త',
      Kannada: 'ಕ',
      Malayalam: 'മ',
      Sinhala: 'න',
      Thai: 'ส',
      Khmer: 'ស',
      Myanmar: 'မ',
      Ethiopic: 'አ',
    };
    for (const [font, letter] of Object.entries(letters)) {
      expect(fontOf(letter)).toBe(font);
      expect(needsRuns(`Name: ${letter}`)).toBe(true);
    }
    // The danda closes Bengali and Gurmukhi sentences too: the Devanagari font has it.
    expect(fontOf('।')).toBe('Devanagari');
  });

  it('keeps a joiner inside the Indic word it shapes, in that word’s run', () => {
    // क्‍ष: the zero-width joiner asks for the half form of क; split off, it would change nothing.
    expect(textRuns('Name: क्\u200Dष and रा\u200Cम')).toEqual([
      { text: 'Name: ', font: 'Body' },
      { text: 'क्\u200Dष', font: 'Devanagari' },
      { text: ' and ', font: 'Body' },
      { text: 'रा\u200Cम', font: 'Devanagari' },
    ]);
    // In a line read right to left as well.
    const runs = textRuns('محمد क्\u200Dष');
    expect(runs.find((r) => r.font === 'Devanagari')?.text).toBe('क्\u200Dष');
    // A joiner after a Latin letter stays in the body font.
    expect(textRuns('a\u200Db')).toEqual([{ text: 'a\u200Db', font: 'Body' }]);
  });

  it('leaves text the body font sets alone', () => {
    expect(needsRuns('Ngũgĩ wa Thiong’o © 2026 ✓')).toBe(false);
    for (const text of ['محمد', 'דוד', '王', '👍', 'x\uFE0F']) expect(needsRuns(text)).toBe(true);
  });
});

describe('replaceEmoji', () => {
  it('replaces emoji, with skin tones, joined families, flags and keycaps, by the substitute', () => {
    expect(replaceEmoji('Thanks 👍🏽 from 👨‍👩‍👧 in 🇬🇧, option 1️⃣ 😀', '[emoji]')).toBe(
      'Thanks [emoji] from [emoji] in [emoji], option [emoji] [emoji]',
    );
  });

  it('keeps symbols shown as text by default, and honours a request to show one as emoji', () => {
    expect(replaceEmoji('© ™ ✓ ☺ ↔', '[emoji]')).toBe('© ™ ✓ ☺ ↔');
    expect(replaceEmoji('☺\uFE0F and ☺\uFE0E', '[emoji]')).toBe('[emoji] and ☺');
  });
});
