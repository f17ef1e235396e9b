// Every section of the management report prints when it has data, however long its labels: root
// causes written as sentences (as the seeded cases' are) once made section 4 vanish, because a
// block kept on one page was taller than the page.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { printedLines } from '../../../../../src-main/services/pdf/management-doc';
import { buildPdf } from '../../../../../src-main/services/pdf/pdf-jobs';
import { management } from './pdf-fixtures';

const SENTENCE = 'The fee waiver was not carried over when the account moved to a new product code';

let dir: string;
let text = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-mgmt-'));
  const d = management(true);
  let running = 0;
  d.rootCauses = Array.from({ length: 25 }, (_, i) => {
    running += 25 - i;
    return { cause: `${SENTENCE} (${i + 1}).`, count: 25 - i, cumulativePct: (running / 325) * 100 };
  });
  const file = join(dir, 'management.pdf');
  await writeFile(file, await buildPdf({ kind: 'management-report', data: d }, resolveFontsDir()));
  text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the management report', () => {
  it('numbers its sections 1 to 7 without a gap when root causes are long sentences', () => {
    const numbers = [...text.matchAll(/(?:^| )(\d)\. (?=\p{Lu})/gu)].map((m) => Number(m[1]));
    expect(numbers.filter((n, i) => numbers.indexOf(n) === i)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(text).toContain('4. Root causes (Pareto)');
    expect(text).toContain(`${SENTENCE} (25).`);
  });

  it('counts printed lines, not rows, to decide what stays on one page', () => {
    expect(printedLines(['Billing', 'Fees'])).toBe(2);
    expect(printedLines([SENTENCE])).toBeGreaterThan(1);
  });
});
