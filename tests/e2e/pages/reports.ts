import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { Harness } from '../harness/server';

/** Where the harness's save "dialog" puts PDFs, and their text as pdftotext reads it. */
export const exportsDir = (harness: Harness) => join(harness.dataDir, 'exports');
export const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** Page model of the case report export dialog on a case page. */
export class ExportCaseDialog {
  constructor(readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog', { name: 'Export case report' });
  }

  async open() {
    await this.page.getByRole('button', { name: 'Export PDF' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Exports with the given options; returns the saved path from the notice. */
  async export(opts: { redact?: boolean; audit?: boolean } = {}): Promise<string> {
    await this.open();
    const d = this.dialog;
    if (opts.redact) await d.getByRole('checkbox', { name: 'Redact personal data for sharing' }).check();
    if (opts.audit === false)
      await d.getByRole('checkbox', { name: 'Include the audit trail appendix' }).uncheck();
    await d.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(d).toBeHidden({ timeout: 20_000 });
    const notice = this.page.getByText(/^Saved .*\.pdf \(\d+ pages\)$/).last();
    await expect(notice).toBeVisible();
    return /^Saved (.*\.pdf) \(/.exec((await notice.textContent()) ?? '')![1]!;
  }
}
