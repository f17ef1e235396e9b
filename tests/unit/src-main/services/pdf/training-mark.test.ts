// Every PDF made in a training profile says TRAINING atop every page, read back with pdftotext; the
// profile is main's, so a live profile's PDFs never do.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../src-main/handlers';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { buildPdf, type PdfJob } from '../../../../../src-main/services/pdf/pdf-jobs';
import { openProfile } from '../../../../../src-main/services/profile/profile';
import { CASE_REPORT_SECTIONS } from '../../../../../src-shared/ipc/channels/reports';
import type { ProfileKind } from '../../../../../src-shared/ipc/channels/training';
import { caseReportFixture } from '../../../src-shared/reports/case-report-fixture';
import { ADMIN, TEST_SCRYPT } from '../accounts/fixtures';
import { letter, management } from './pdf-fixtures';

const MARK = 'TRAINING — practice data, not real complaints';
const ALL = { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true };

/** The text of each page, in order. */
const pagesOf = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((page) => page.trim() !== '');
/** The first line with words on it: what the running header says. */
const topLine = (page: string) =>
  page
    .split('\n')
    .find((line) => line.trim() !== '')!
    .trim();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-training-pdf-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function caseReportIn(profile: ProfileKind): Promise<string[]> {
  const handlers = createHandlers({
    dataDir: dir,
    appVersion: '1',
    runtime: 'harness',
    profile: await openProfile(dir, profile === 'training'),
    insecureScryptForTests: TEST_SCRYPT,
  });
  await handlers['auth:setup']({ name: ADMIN.name, password: ADMIN.password });
  const saved = await handlers['reports:case-pdf']({
    data: caseReportFixture(),
    options: ALL,
    destination: { kind: 'ask', suggestedName: 'case.pdf' },
  });
  if (!saved.saved) throw new Error('not saved');
  return pagesOf(saved.path);
}

describe('PDFs in a training profile', { timeout: 60_000 }, () => {
  it('a case report says TRAINING atop every page, above its own header', async () => {
    const pages = await caseReportIn('training');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(topLine(page)).toBe(MARK);
      // The report's own header (the office and the reference) is still there beneath.
      expect(page).toContain(caseReportFixture().case.reference);
    }
  });

  it('a live profile’s case report never says TRAINING', async () => {
    const pages = await caseReportIn('live');
    for (const page of pages) expect(page).not.toContain('TRAINING');
  });

  const jobs: [string, Omit<PdfJob, 'training'>][] = [
    ['a management report', { kind: 'management-report', data: management(true) }],
    [
      'a three-page letter',
      {
        kind: 'letter',
        data: {
          ...letter('CMP-2026-000042'),
          body: Array(60).fill('A paragraph of the letter.').join('\n\n'),
        },
      },
    ],
  ];
  it.each(jobs)('%s says TRAINING atop every page', async (_, job) => {
    const file = join(dir, 'out.pdf');
    await writeFile(file, await buildPdf({ ...job, training: true } as PdfJob, resolveFontsDir()));
    const pages = pagesOf(file);
    expect(pages.length).toBeGreaterThan(job.kind === 'letter' ? 1 : 0);
    for (const page of pages) expect(topLine(page)).toBe(MARK);
    await writeFile(file, await buildPdf({ ...job, training: false } as PdfJob, resolveFontsDir()));
    for (const page of pagesOf(file)) expect(page).not.toContain('TRAINING');
  });
});
