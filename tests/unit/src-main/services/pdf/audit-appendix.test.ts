// The audit appendix stays on the page: long unbroken strings break inside their column, the
// hash column ends at the margin and a five-digit sequence number does not wrap.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { breakLongTokens } from '../../../../../src-main/services/pdf/doc-kit';
import { buildPdf } from '../../../../../src-main/services/pdf/pdf-jobs';
import { caseReportFixture } from '../../../src-shared/reports/case-report-fixture';

const A4_WIDTH = 595.28;
const MARGIN = 40;

interface Word {
  xMin: number;
  xMax: number;
  text: string;
}

let dir: string;
let words: Word[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-appendix-'));
  const d = caseReportFixture();
  d.audit = d.audit.map((a, i) => ({
    ...a,
    seq: 10_000 + i,
    actor: 'Bartholomew Featherstonehaugh-Smythe',
    changes: `evidence.sha256: — → ${'ab12'.repeat(16)}; note: https://example.org/${'very-long-path-segment'.repeat(4)}`,
  }));
  const file = join(dir, 'appendix.pdf');
  const options = { sections: [], redact: false, includeAudit: true };
  await writeFile(file, await buildPdf({ kind: 'case-report', data: d, options }, resolveFontsDir()));
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  words = [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]), text: m[3]! }));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the audit appendix', () => {
  it('keeps every word within the page margins', () => {
    expect(words.length).toBeGreaterThan(100);
    const outside = words.filter((w) => w.xMin < MARGIN - 1 || w.xMax > A4_WIDTH - MARGIN + 1);
    expect(outside).toEqual([]);
  });

  it('prints each sequence number whole, on one line', () => {
    for (let seq = 10_000; seq < 10_012; seq++) expect(words.map((w) => w.text)).toContain(String(seq));
  });

  it('breaks long tokens into pieces, leaving short words alone', () => {
    expect(breakLongTokens('short words stay')).toBe('short words stay');
    expect(breakLongTokens('a'.repeat(40)).split('\u200B')).toEqual([
      'a'.repeat(16),
      'a'.repeat(16),
      'a'.repeat(8),
    ]);
  });
});
