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
      // Each right-to-left word stays in reading order (fontkit turns it); the words are put right to left.
      'an Arabic name',
      'محمد علي',
      [
        { text: 'علي', font: 'Arabic' },
        { text: NBSP, font: 'Body' },
        { text: 'محمد', font: 'Arabic' },
      ],
    ],
    [
      'digits in Arabic text, which read left to right on the left of the word before them',
      'شارع 12',
      [
        { text: `12${NBSP}`, font: 'Body' },
        { text: 'شارع', font: 'Arabic' },
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
      'Arabic-Indic digits, each kept in reading order',
      'رقم ١٢',
      [
        { text: '١', font: 'Arabic' },
        { text: '٢', font: 'Arabic' },
        { text: NBSP, font: 'Body' },
        { text: 'رقم', font: 'Arabic' },
      ],
    ],
    [
      'lines ordered one by one',
      'Ref 7\nمحمد علي',
      [
        { text: 'Ref 7\n', font: 'Body' },
        { text: 'علي', font: 'Arabic' },
        { text: NBSP, font: 'Body' },
        { text: 'محمد', font: 'Arabic' },
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
