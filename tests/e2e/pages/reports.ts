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

  /** Chooses the options and presses Export; a redacted copy then opens the review. */
  async start(opts: { redact?: boolean; audit?: boolean } = {}) {
    await this.open();
    const d = this.dialog;
    if (opts.redact) await d.getByRole('checkbox', { name: 'Redact personal data for sharing' }).check();
    if (opts.audit === false)
      await d.getByRole('checkbox', { name: 'Include the audit trail appendix' }).uncheck();
    await d.getByRole('button', { name: 'Export', exact: true }).click();
  }

  /**
   * Waits for the dialog to close; returns the saved path from the notice. The notice of an earlier
   * export may still be fading out: a redacted copy's is told apart by its name.
   */
  async saved(redacted?: boolean): Promise<string> {
    await expect(this.dialog).toBeHidden({ timeout: 20_000 });
    const name =
      redacted === undefined
        ? /^Saved .*\.pdf \(\d+ pages\)$/
        : redacted
          ? /^Saved .*-redacted\.pdf \(\d+ pages\)$/
          : /^Saved (?!.*-redacted\.pdf).*\.pdf \(\d+ pages\)$/;
    const notice = this.page.getByText(name).last();
    await expect(notice).toBeVisible();
    return /^Saved (.*\.pdf) \(/.exec((await notice.textContent()) ?? '')![1]!;
  }

  /** Exports with the given options (a redacted copy for the ombudsman); returns the saved path. */
  async export(opts: { redact?: boolean; audit?: boolean } = {}): Promise<string> {
    await this.start(opts);
    if (opts.redact) {
      const review = new RedactionReview(this.page);
      await review.forWhom('Financial Ombudsman Service', 'Referral of the complaint');
      await review.exportButton.click();
    }
    return this.saved(!!opts.redact);
  }
}

/** Page model of the review before a redacted copy is built. */
export class RedactionReview {
  constructor(readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog', { name: 'Review the redacted copy' });
  }

  get text() {
    return this.dialog.getByRole('region', { name: 'Redacted text' });
  }

  get removed() {
    return this.dialog.getByRole('region', { name: 'Removed from the copy' });
  }

  get exportButton() {
    return this.dialog.getByRole('button', { name: 'Export redacted copy' });
  }

  async addTerm(term: string) {
    await this.dialog.getByRole('textbox', { name: 'Term to redact' }).fill(term);
    await this.dialog.getByRole('button', { name: 'Redact term' }).click();
  }

  async forWhom(recipient: string, purpose: string) {
    await this.dialog.getByRole('textbox', { name: 'For whom (recipient)' }).fill(recipient);
    await this.dialog.getByRole('textbox', { name: 'Why (purpose)' }).fill(purpose);
  }
}
