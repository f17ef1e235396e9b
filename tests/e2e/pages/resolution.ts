import { expect, type Page } from '@playwright/test';
import { chooseOption } from './select-option';

/** Page model of a case's Resolution tab. */
export class ResolutionPage {
  constructor(readonly page: Page) {}

  get proposal() {
    return this.page.getByRole('region', { name: 'Proposed resolution' });
  }

  get approval() {
    return this.page.getByRole('region', { name: /^Approval/ });
  }

  /**
   * From the Next step panel: "Propose resolution" leads here, where an apology (no approval
   * needed) is written and put to the complainant.
   */
  async proposeApology(v: { why: string; summary: string }) {
    await this.page
      .getByRole('region', { name: 'Next step' })
      .getByRole('link', { name: 'Propose resolution' })
      .click();
    const remedy = this.proposal.getByRole('group', { name: 'Remedy 1' });
    await chooseOption(remedy.getByRole('combobox', { name: 'Remedy' }), 'Apology');
    await remedy.getByRole('textbox', { name: /^Why this is fair/ }).fill(v.why);
    await this.proposal.getByRole('textbox', { name: /^Summary for the complainant/ }).fill(v.summary);
    await this.proposal.getByRole('button', { name: 'Save proposal' }).click();
    await this.approval.getByRole('button', { name: 'Put to the complainant' }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('Resolution proposed');
  }
}
