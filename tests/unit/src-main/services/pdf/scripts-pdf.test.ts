// Names in Chinese, Japanese, Korean, Arabic, Hebrew, the scripts of South and South-East Asia and
// Ethiopic through every kind of PDF: real fonts, real pdfmake, read back with poppler. pdftotext reads a right-to-left run back in reading order (between
// direction marks), so a name whose words were laid out left to right would read back reversed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { buildPdf, type PdfJob } from '../../../../../src-main/services/pdf/pdf-jobs';
import { CASE_REPORT_SECTIONS } from '../../../../../src-shared/ipc/channels/reports';
import { caseReportFixture } from '../../../src-shared/reports/case-report-fixture';
import { letter, management } from './pdf-fixtures';

const NAMES = {
  arabic: 'محمد علي',
  hebrew: 'דוד כהן',
  chinese: '王小明',
  japanese: '山田花子',
  korean: '김민준',
};
const ADDRESS = 'شارع الملك 12';
/** A name in each script with a font of its own beyond those, by the font's script name. */
const INDIC_AND_MORE = {
  Devanagari: 'प्रिया शर्मा',
  Bengali: 'রবীন্দ্রনাথ ঠাকুর',
  Gurmukhi: 'ਹਰਪ੍ਰੀਤ ਸਿੰਘ',
  Gujarati: 'નરેન્દ્ર પટેલ',
  Tamil: 'முருகன் கிருஷ்ணன்',
  Telugu: 'వెంకట రావు',
  Kannada: 'ಕುಮಾರ ಸ್ವಾಮಿ',
  Malayalam: 'അനിൽ കുമാർ',
  Sinhala: 'නිමල් පෙරේරා',
  Thai: 'สมชาย ใจดี',
  Khmer: 'សុខា ចាន់',
  Myanmar: 'အောင်ဆန်း',
  Ethiopic: 'አበበ ቢቂላ',
};
/**
 * A text's letters and marks, sorted and decomposed: what a reader gets back from shaped text,
 * whatever their order and however a two-part vowel sign (Sinhala ේ = ෙ + ්) was drawn.
 */
const letters = (text: string) => [...text.normalize('NFD').replace(/\s/gu, '')].sort().join('');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-scripts-pdf-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pdfOf(job: PdfJob, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, await buildPdf(job, resolveFontsDir()));
  return file;
}
/**
 * The text as pdftotext reads it, without the direction marks it puts round right-to-left runs, and
 * with plain spaces for the no-break spaces that keep a short right-to-left name on one line.
 */
const textOf = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .replace(/[\u202A-\u202E\u2066-\u2069]/gu, '')
    .replaceAll('\u00A0', ' ');
/** The fonts embedded in the PDF, as pdffonts lists them. */
const fontsOf = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });
/** Each word on the page with its left edge, as pdftotext -bbox finds them. */
function wordsOf(file: string): { x: number; y: number; word: string }[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/gu)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    word: m[3]!,
  }));
}

function caseWithNames() {
  const d = caseReportFixture();
  d.complainant.name = NAMES.arabic;
  d.complainant.address = ADDRESS;
  d.complainant.needs = `Interpreter for ${NAMES.hebrew}; family ${NAMES.chinese}, ${NAMES.japanese}, ${NAMES.korean}`;
  d.complainant.preferredContact = 'Email 👍 ✓';
  return d;
}

/** A case report of the complainant section alone. */
const complainantPage = (name: string) =>
  pdfOf(
    {
      kind: 'case-report',
      data: caseWithNames(),
      options: { sections: ['complainant'], redact: false, includeAudit: false },
    },
    name,
  );

describe('PDFs in every script', { timeout: 60_000 }, () => {
  it('a case report reads back CJK, Arabic and Hebrew names in reading order, in fonts that have them', async () => {
    const file = await pdfOf(
      {
        kind: 'case-report',
        data: caseWithNames(),
        options: { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: false },
      },
      'case.pdf',
    );
    const text = textOf(file);
    for (const name of Object.values(NAMES)) expect(text).toContain(name);
    expect(text).not.toContain('علي محمد');
    expect(text).not.toContain('כהן דוד');
    const fonts = fontsOf(file);
    for (const font of ['NotoSansArabic', 'NotoSansHebrew', 'NotoSansCJK']) expect(fonts).toContain(font);
  });

  it('prints names in the scripts of South and South-East Asia and Ethiopia, each in a font that has them', async () => {
    const d = caseReportFixture();
    d.complainant.name = INDIC_AND_MORE.Devanagari;
    d.complainant.needs = Object.entries(INDIC_AND_MORE)
      .map(([script, name]) => `${script}: ${name}`)
      .join('\n');
    const file = await pdfOf(
      {
        kind: 'case-report',
        data: d,
        options: { sections: ['complainant'], redact: false, includeAudit: false },
      },
      'indic.pdf',
    );
    const lines = textOf(file).split('\n');
    const fonts = fontsOf(file);
    for (const [script, name] of Object.entries(INDIC_AND_MORE)) {
      expect(fonts, script).toContain(`NotoSans${script}-Regular`);
      // A shaped word's glyphs are in display order (a vowel sign drawn before its consonant reads
      // back first), and a PDF reader gives them back so: the same letters, not always in order.
      const line = lines.find((l) => l.startsWith(`${script}: `));
      expect(line && letters(line.slice(script.length + 2)), script).toBe(letters(name));
    }
  });

  it('puts the digits of an Arabic address on the left of the words they follow', async () => {
    const file = await complainantPage('address.pdf');
    const words = wordsOf(file);
    const number = words.find((w) => w.word === '12')!;
    const street = words.find((w) => w.word.includes('ش') && Math.abs(w.y - number.y) < 8)!;
    const king = words.find((w) => w.word.includes('ك') && Math.abs(w.y - number.y) < 8)!;
    // Read right to left: street, king, 12.
    expect(street.x).toBeGreaterThan(king.x);
    expect(king.x).toBeGreaterThan(number.x);
  });

  it('prints emoji as a clear substitute and keeps text symbols', async () => {
    const file = await complainantPage('emoji.pdf');
    expect(textOf(file)).toContain('Email [emoji] ✓');
  });

  it('a management report and a letter read the names back too', async () => {
    const report = management(true);
    report.context.generatedBy = NAMES.hebrew;
    report.improvements[0]!.owner = NAMES.arabic;
    const managementText = textOf(await pdfOf({ kind: 'management-report', data: report }, 'management.pdf'));
    expect(managementText).toContain(NAMES.hebrew);
    expect(managementText).toContain(NAMES.arabic);

    const l = letter('CMP-2026-000042');
    l.recipient.name = `${NAMES.chinese} ${NAMES.korean}`;
    l.body = `Dear ${NAMES.arabic},\n\n${NAMES.japanese} ${NAMES.hebrew}`;
    const letterText = textOf(await pdfOf({ kind: 'letter', data: l }, 'letter.pdf'));
    for (const name of Object.values(NAMES)) expect(letterText).toContain(name);
  });

  it('keeps a name written right to left whole where a line wraps', async () => {
    // The same name pushed along a character at a time, so that in some paragraph it meets the end of the line.
    const l = letter('CMP-2026-000042');
    l.body = Array.from(
      { length: 60 },
      (_, n) => `${'i'.repeat(n)} ${'Complainant '.repeat(5)}${NAMES.arabic}`,
    ).join('\n\n');
    const text = textOf(await pdfOf({ kind: 'letter', data: l }, 'wrapping.pdf'));
    expect(text.split(NAMES.arabic)).toHaveLength(61);
  });

  it.each([
    ['Arabic', 'كلمة'],
    ['Hebrew', 'מילה'],
  ])('wraps a long %s paragraph with its lines in reading order, aligned right', async (script, word) => {
    // "word 1 word 2 … word 80": read line by line from the top, each line from the right, the
    // numbers count up. (pdftotext's own text puts some such lines left to right, so places are read.)
    const d = caseReportFixture();
    d.case.description = Array.from({ length: 80 }, (_, i) => `${word} ${i + 1}`).join(' ') + '.';
    const file = await pdfOf(
      {
        kind: 'case-report',
        data: d,
        options: { sections: ['complaint'], redact: false, includeAudit: false },
      },
      `${script}-paragraph.pdf`,
    );
    // The page the paragraph is on (it fits on one).
    const reversed = [...word].reverse().join('');
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' })
      .split('<page ')
      .find((page) => page.includes(`>${reversed}<`) || page.includes(`>${word}<`))!;
    const words = [
      ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/gu),
    ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), right: Number(m[3]), word: m[4]! }));
    // pdftotext -bbox gives a right-to-left word as drawn, its letters left to right.
    const lines = [
      ...new Set(words.filter((w) => w.word === word || w.word === reversed).map((w) => Math.round(w.y))),
    ].sort((a, b) => a - b);
    expect(lines.length).toBeGreaterThan(2);
    // Digits sit a little lower than the letters beside them: a word is on the line nearest it.
    const on = (y: number) => words.filter((w) => Math.abs(w.y - y) < 7);
    const numbers = lines.flatMap((y) =>
      on(y)
        .filter((w) => /\d/.test(w.word))
        .sort((a, b) => b.x - a.x)
        .map((w) => Number(/\d+/.exec(w.word)![0])),
    );
    expect(numbers).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    // Aligned right: every line starts at the right margin, 40 pt in from the edge of A4.
    for (const y of lines) expect(Math.max(...on(y).map((w) => w.right))).toBeGreaterThan(595 - 40 - 2);
  });
});
