// What a case report carries to be read, filed and traced: a table of contents with page numbers
// and bookmarks, a document ID on every page, DRAFT across the pages of an open case, a sign-off
// block, and the marks of a tagged PDF/A-2b file. Real fonts and pdfmake, read back with poppler.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentId } from '../../../../../src-main/services/pdf/document-id';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { buildPdf } from '../../../../../src-main/services/pdf/pdf-jobs';
import {
  CASE_REPORT_SECTIONS,
  type CaseReportData,
  type CaseReportOptions,
} from '../../../../../src-shared/ipc/channels/reports';
import { caseReportFixture } from '../../../src-shared/reports/case-report-fixture';
import { management } from './pdf-fixtures';

const ALL: CaseReportOptions = { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true };
const ID = 'DOC-BCDF-2345-GHJK';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-report-record-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
const outlineOf = (file: string) =>
  [
    ...execFileSync('pdftohtml', ['-xml', '-stdout', '-i', '-q', file], { encoding: 'utf8' }).matchAll(
      /<item page="\d+">([^<]*)<\/item>/g,
    ),
  ].map((m) => m[1]);
async function pdfOf(data: CaseReportData, options = ALL, id: string | undefined = ID): Promise<string> {
  const file = join(dir, `r${(n += 1)}.pdf`);
  await writeFile(
    file,
    await buildPdf({ kind: 'case-report', data, options, documentId: id }, resolveFontsDir()),
  );
  return file;
}
/** The text of each page, in order, spaces folded. */
const pagesOf = (file: string, layout = true) =>
  execFileSync('pdftotext', [...(layout ? ['-layout'] : ['-raw']), file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/[ \t]+/g, ' '));
const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

const open = (): CaseReportData => {
  const d = caseReportFixture();
  return { ...d, case: { ...d.case, closedAt: null } };
};

describe('the case report as a record', { timeout: 60_000 }, () => {
  it('lists every numbered section on a contents page with the page it starts on', async () => {
    const pages = pagesOf(await pdfOf(caseReportFixture()));
    const toc = pages[1]!;
    expect(toc).toContain('Contents');
    const titles = [
      '1. Summary',
      '4. Timeline',
      '11. Follow-up and satisfaction',
      'Sign-off',
      '12. Appendix: audit trail',
    ];
    for (const title of titles) {
      const line = toc.split('\n').find((l) => l.includes(title));
      expect(line, title).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)![1]);
      // The section's heading is on the page the contents name.
      expect(pages[page - 1], title).toContain(title);
    }
  });

  it('bookmarks the contents and every listed heading in the outline', async () => {
    expect(outlineOf(await pdfOf(caseReportFixture()))).toEqual([
      'Contents',
      '1. Summary',
      '2. Complainant',
      '3. The complaint as received',
      '4. Timeline',
      '5. Investigation',
      '6. Evidence',
      '7. Root cause and finding',
      '8. Resolution',
      '9. Approvals and consultations',
      '10. Communications',
      '11. Follow-up and satisfaction',
      'Sign-off',
      '12. Appendix: audit trail',
    ]);
  });

  it('prints the document ID in the footer of every page', async () => {
    const pages = pagesOf(await pdfOf(caseReportFixture()));
    expect(pages.length).toBeGreaterThan(3);
    for (const [i, page] of pages.entries()) expect(page, `page ${i + 1}`).toContain(`Document ID ${ID}`);
  });

  it('marks every page of an open case DRAFT, and no page of a closed one', async () => {
    // The slanted word's letters read back on lines of their own: joined up again here.
    const joined = (page: string) => page.replace(/\s+/g, '');
    const draft = pagesOf(await pdfOf(open()), false);
    for (const [i, page] of draft.entries()) expect(joined(page), `page ${i + 1}`).toContain('DRAFT');
    const closed = pagesOf(await pdfOf(caseReportFixture()), false);
    for (const page of closed) expect(joined(page)).not.toContain('DRAFT');
  });

  it('ends with who prepared it and who approved the decision, with lines to sign', async () => {
    const text = pagesOf(await pdfOf(caseReportFixture())).join('\n');
    const signOff = text.slice(text.lastIndexOf('Sign-off'));
    expect(signOff).toMatch(/Prepared by\s+Approved by/);
    // The manager exported it on 20 April; the same manager approved the remedy on 30 March.
    expect(signOff).toContain('Tomasz Wójcik, 20 Apr 2026');
    expect(signOff).toContain('Tomasz Wójcik, 30 Mar 2026');
    expect(signOff.match(/Signature/g)).toHaveLength(2);
  });

  it('keeps the sign-off whole, heading and all, where it would fall at the foot of a page', async () => {
    // The redacted copy of this case leaves the sign-off a few lines at the foot of a page.
    const pages = pagesOf(await pdfOf(caseReportFixture(), { ...ALL, redact: true }));
    const at = pages.findIndex((page) => /^Sign-off\s*$/m.test(page));
    expect(at).toBeGreaterThan(1);
    expect(pages[at]).toMatch(/Prepared by\s+Approved by/);
    expect(pages[at]).toContain('Staff member 1, 20 Apr 2026');
    expect(pages[1]).toMatch(new RegExp(`Sign-off\\s+${at + 1}\\n`));
  });

  it('leaves the approver to be written in by hand when no approval is recorded', async () => {
    const d = open();
    const text = pagesOf(await pdfOf({ ...d, approvals: [] })).join('\n');
    expect(text.slice(text.lastIndexOf('Sign-off'))).toContain(
      'No approval recorded: name and date by hand.',
    );
  });

  it('is a tagged PDF/A-2b file with its language and title', async () => {
    const file = await pdfOf(caseReportFixture());
    const about = info(file);
    expect(about).toMatch(/Tagged:\s+yes/);
    expect(about).toMatch(/Title:\s+Case report CMP-2026-000042/);
    expect(about).toMatch(/Author:\s+Northern Ombudsman Liaison Office/);
    expect(about).toMatch(/PDF version:\s+1\.7/);
    const raw = (await readFile(file)).toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });
});

describe('the management report as a record', { timeout: 60_000 }, () => {
  it('is a tagged PDF/A-2b file with its language, each section bookmarked', async () => {
    const file = join(dir, 'management.pdf');
    await writeFile(
      file,
      await buildPdf({ kind: 'management-report', data: management(true) }, resolveFontsDir()),
    );
    expect(info(file)).toMatch(/Tagged:\s+yes/);
    const raw = (await readFile(file)).toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(outlineOf(file)).toEqual([
      '1. Key figures',
      '2. Volume by month',
      '3. Volume by category',
      '4. Root causes (Pareto)',
      '5. SLA compliance trend',
      '6. Top recurring issues',
      '7. Improvement actions in progress',
    ]);
  });
});

describe('documentId', () => {
  it('is the same for the same export and differs for another', () => {
    const a = documentId('CMP-1', '2026-04-20T09:00:00.000Z', { x: 1 });
    expect(a).toMatch(/^DOC-[2-9B-DF-HJ-NP-TV-XZ]{4}-[2-9B-DF-HJ-NP-TV-XZ]{4}-[2-9B-DF-HJ-NP-TV-XZ]{4}$/);
    expect(documentId('CMP-1', '2026-04-20T09:00:00.000Z', { x: 1 })).toBe(a);
    expect(documentId('CMP-1', '2026-04-20T09:00:01.000Z', { x: 1 })).not.toBe(a);
    expect(documentId('CMP-1', '2026-04-20T09:00:00.000Z', { x: 2 })).not.toBe(a);
  });
});
