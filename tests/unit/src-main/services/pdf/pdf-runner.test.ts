// The PDF worker thread: jobs built off the main thread, errors passed back as the user will see
// them, a document too large for the heap limit refused without harming the app, and idle stop.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import type { PdfJob } from '../../../../../src-main/services/pdf/pdf-jobs';
import {
  createPdfRunner,
  pdfWorkerEntry,
  type PdfRunner,
} from '../../../../../src-main/services/pdf/pdf-runner';
import { CASE_REPORT_SECTIONS } from '../../../../../src-shared/ipc/channels/reports';
import { caseReportFixture } from '../../../src-shared/reports/case-report-fixture';

const fonts = resolveFontsDir();
const letter = (subject: string): PdfJob => ({
  kind: 'letter',
  data: {
    letterhead: {
      officeName: 'Complaints Office',
      address: '1 High Street',
      footer: 'Footer',
      logoDataUrl: null,
    },
    locale: 'en-GB',
    timeZone: 'Europe/London',
    recipient: { name: 'Łukasz Ngũgĩ', address: '3 Mill Lane' },
    date: '2026-04-20T09:00:00.000Z',
    reference: 'CMP-2026-000042',
    subject,
    body: 'Dear Łukasz,\n\nThank you.',
  },
});
const caseReport = (scale: number): PdfJob => ({
  kind: 'case-report',
  data: caseReportFixture(scale),
  options: { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true },
});
const text = async (pdf: Buffer) => {
  const dir = await mkdtemp(join(tmpdir(), 'redress-runner-'));
  try {
    await writeFile(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

let runner: PdfRunner | undefined;
afterEach(() => runner?.close());

describe('PDF worker', { timeout: 60_000 }, () => {
  it('builds jobs in the worker, one after another, each answer to its own job', async () => {
    runner = createPdfRunner();
    const pdfs = await Promise.all(['First', 'Second', 'Third'].map((s) => runner!.run(letter(s), fonts)));
    const texts = await Promise.all(pdfs.map(text));
    expect(texts[0]).toContain('First');
    expect(texts[1]).toContain('Second');
    expect(texts[2]).toContain('Third');
    expect(texts[0]).toContain('Łukasz Ngũgĩ');
  });

  it('passes the worker’s error on as the user will read it, and carries on', async () => {
    runner = createPdfRunner();
    await expect(runner.run(letter('x'), '/nowhere/fonts')).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringMatching(/A font for PDF export could not be read/),
    });
    expect(await text(await runner.run(letter('Afterwards'), fonts))).toContain('Afterwards');
  });

  it('refuses a document too large for its heap limit without harming the process, then recovers', async () => {
    runner = createPdfRunner({ heapLimitMb: 24 });
    await expect(runner.run(caseReport(40), fonts)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/too large to build as one PDF \(it needs more than 24 MB\)/),
    });
    expect(await text(await runner.run(letter('Still working'), fonts))).toContain('Still working');
  });

  it('stops a job that takes too long, then recovers', async () => {
    runner = createPdfRunner({ timeoutMs: 5 });
    await expect(runner.run(caseReport(10), fonts)).rejects.toThrow(/took too long/);
    runner = createPdfRunner();
    expect(await text(await runner.run(letter('Next'), fonts))).toContain('Next');
  });

  it('stops the worker when idle, giving its memory back, and starts it again when needed', async () => {
    runner = createPdfRunner({ idleMs: 20 });
    await runner.run(letter('One'), fonts);
    expect(runner.running).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(runner.running).toBe(false);
    expect(await text(await runner.run(letter('Two'), fonts))).toContain('Two');
  });
});

describe('pdfWorkerEntry', () => {
  it('prefers the built worker beside the main bundle, else the source, else says what is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'redress-entry-'));
    try {
      expect(() => pdfWorkerEntry(dir)).toThrow(/PDF builder is missing/);
      await writeFile(join(dir, 'pdf-worker.ts'), '');
      expect(pdfWorkerEntry(dir)).toEqual({ source: join(dir, 'pdf-worker.ts') });
      await writeFile(join(dir, 'pdf-worker.js'), '');
      expect(pdfWorkerEntry(dir)).toEqual({ file: join(dir, 'pdf-worker.js') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
