// A redacted case report, rendered to PDF and read back with pdftotext, holds none of the
// personal data planted in the leak fixture: not as typed, not in lower case, not without accents,
// not any part of a name.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseReportDoc } from '../../../../../src-main/services/pdf/case-report-doc';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { buildPdf } from '../../../../../src-main/services/pdf/pdf-jobs';
import { CASE_REPORT_SECTIONS } from '../../../../../src-shared/ipc/channels/reports';
import { fold } from '../../../../../src-shared/reports/fold';
import { redactCaseReport } from '../../../../../src-shared/reports/redact';
import { PLANTED, leakFixture } from '../../../src-shared/reports/leak-fixture';
import { docText } from '../../../../../src-main/services/pdf/doc-text';

const REDACT = { sections: [...CASE_REPORT_SECTIONS], redact: true, includeAudit: true };

/** Every form of a planted datum: as typed, lower case, folded (no accents). */
const forms = (term: string) => [...new Set([term, term.toLowerCase(), fold(term)])];

/** Whether `term` occurs in `text` as a whole word (anywhere, for scripts without spaces). */
function occurs(text: string, term: string): boolean {
  const t = fold(term);
  const f = fold(text).replace(/\s+/g, ' ');
  if (/\p{Script=Han}/u.test(t)) return f.includes(t);
  const esc = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*');
  return new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'u').test(f);
}

const leaksIn = (text: string) =>
  Object.entries(PLANTED).flatMap(([kind, terms]) =>
    terms.flatMap((term) =>
      forms(term)
        .filter((form) => occurs(text, form))
        .map((form) => `${kind}: ${form}`),
    ),
  );

let dir: string;
let pdfText = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-leak-'));
  const file = join(dir, 'redacted.pdf');
  await writeFile(
    file,
    await buildPdf({ kind: 'case-report', data: leakFixture(), options: REDACT }, resolveFontsDir()),
  );
  pdfText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a redacted case report', () => {
  it('the fixture plants every kind of datum in the unredacted report', () => {
    const plain = docText(caseReportDoc(leakFixture(), { ...REDACT, redact: false }));
    for (const [kind, terms] of Object.entries(PLANTED)) expect(occurs(plain, terms[0]), kind).toBe(true);
  });

  it('its PDF text holds none of the planted data, in any form', () => {
    expect(leaksIn(pdfText)).toEqual([]);
  });

  it('says REDACTED atop every page', () => {
    const pages = pdfText.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.split('\n').slice(0, 6).join(' ')).toContain('REDACTED');
  });

  it('nor does the document it was built from (scripts the font cannot print included)', () => {
    expect(leaksIn(docText(caseReportDoc(redactCaseReport(leakFixture()), REDACT)))).toEqual([]);
  });

  it('reads naturally: roles, not "Witness Witness 1"', () => {
    expect(pdfText).toContain('Witness 1');
    expect(pdfText).not.toMatch(/Witness\s+Witness/);
    expect(pdfText).toMatch(/I am the\s+complainant/);
    expect(pdfText).toContain('Evidence 1 (image/jpeg)');
  });
});
