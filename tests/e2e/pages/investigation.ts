import { expect, type Page } from '@playwright/test';
import { chooseOption } from './select-option';

/** Page model of a case's Investigation tab. */
export class InvestigationPage {
  constructor(readonly page: Page) {}

  region(name: string) {
    return this.page.getByRole('region', { name, exact: true });
  }
  get plan() {
    return this.region('Investigation plan');
  }
  get notes() {
    return this.region('Notes');
  }
  get interviews() {
    return this.region('Interviews');
  }
  get evidence() {
    return this.region('Evidence');
  }
  get enquiries() {
    return this.region('Internal enquiries');
  }
  get rootCause() {
    return this.region('Root cause and finding');
  }

  async open() {
    await this.page.getByRole('tab', { name: 'Investigation' }).click();
    await expect(this.plan).toBeVisible();
  }

  /** Adds one text file as evidence and waits until it is listed. */
  async addEvidence(name: string, text: string) {
    await this.evidence
      .getByLabel('Choose files')
      .setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from(text) }]);
    await this.evidence.getByRole('button', { name: 'Add 1 file' }).click();
    await expect(this.evidence.getByRole('list', { name: 'Evidence files' })).toContainText(name);
  }

  /** Records an interview from the tab's form and returns its card once it is listed. */
  async recordInterview(v: { interviewee: string; statement: string; consent?: boolean }) {
    await this.interviews.getByRole('button', { name: 'Record an interview' }).click();
    const form = this.interviews.getByRole('form', { name: 'New interview' });
    await form
      .getByRole('textbox', { name: /^Interviewee/ })
      .first()
      .fill(v.interviewee);
    if (v.consent) await form.getByRole('checkbox', { name: 'Consent given' }).check();
    await form.getByRole('textbox', { name: 'Statement' }).fill(v.statement);
    await form.getByRole('button', { name: 'Save interview' }).click();
    const card = this.interviews.getByRole('article', { name: `Interview with ${v.interviewee}` });
    await expect(card).toContainText(v.statement);
    return card;
  }

  /** Picks an option of an MUI select inside `scope`. */
  async choose(scope: ReturnType<Page['getByRole']>, label: string | RegExp, option: string) {
    await chooseOption(scope.getByRole('combobox', { name: label }), option, { exact: true });
  }

  /** Records the root cause and finding from the tab's form and waits for the confirmation. */
  async recordFinding(v: { rootCause: string; finding: string; rationale: string }) {
    await this.choose(this.rootCause, /^Root cause/, v.rootCause);
    await this.choose(this.rootCause, /^Finding/, v.finding);
    await this.rootCause.getByRole('textbox', { name: /^Rationale/ }).fill(v.rationale);
    await this.rootCause.getByRole('button', { name: 'Save finding' }).click();
    await expect(this.page.getByText('Finding and root cause saved')).toBeVisible();
  }
}
