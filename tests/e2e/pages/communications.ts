import { expect, type Locator, type Page } from '@playwright/test';
import { dateField, typeDate } from './date-field';

export interface ContactValues {
  direction: 'Sent to the complainant' | 'Received from the complainant';
  /** What the letter is (outbound only), as the list names it: 'Final response', 'Holding reply', … */
  kind?: string;
  /** Wall-clock time in the office's zone, e.g. 2026-03-20T09:00. */
  at: string;
  subject: string;
  body: string;
}

/** Page model of a case's Communications tab. */
export class CommunicationsTab {
  constructor(readonly page: Page) {}

  get log() {
    return this.page.getByRole('list', { name: 'Communications log' });
  }

  async open() {
    await this.page.getByRole('tab', { name: 'Communications' }).click();
  }

  /**
   * Picks `option` from a select and waits for its menu to close. A click that lands while the menu
   * is still opening can leave it open over the dialog (seen once in CI): the pick is tried again.
   */
  private async choose(combobox: Locator, option: string) {
    const menu = this.page.getByRole('listbox');
    await expect(async () => {
      if (!(await menu.isVisible())) await combobox.click();
      await this.page.getByRole('option', { name: option, exact: true }).click({ timeout: 2000 });
      await expect(menu).toBeHidden({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await expect(combobox).toHaveText(option);
  }

  /** Records a contact made outside a template (a letter sent from the mail room, a call). */
  async record(v: ContactValues) {
    await this.open();
    await this.page.getByRole('button', { name: 'Record a contact' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Record a contact' });
    await this.choose(dialog.getByRole('combobox', { name: 'Direction' }), v.direction);
    if (v.kind) await this.choose(dialog.getByRole('combobox', { name: 'What this letter is' }), v.kind);
    await typeDate(dateField(dialog, 'Date and time'), v.at);
    await dialog.getByRole('textbox', { name: /^Subject/ }).fill(v.subject);
    await dialog.getByRole('textbox', { name: /^Summary or full text/ }).fill(v.body);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.log.getByRole('listitem', { name: v.subject })).toBeVisible();
  }
}
