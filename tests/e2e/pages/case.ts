import { expect, type Page } from '@playwright/test';
import { chooseOption } from './select-option';

/** Page model of one case. */
export class CasePage {
  constructor(readonly page: Page) {}

  get workflow() {
    return this.page.getByRole('region', { name: 'Next step' });
  }

  async expectStatus(status: string) {
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(status);
  }

  async tick(...items: string[]) {
    for (const item of items) {
      const box = this.page.getByRole('checkbox', { name: new RegExp(`^${item}`) });
      await box.check();
      await expect(box).toBeChecked();
    }
  }

  /** From Received to Investigating: acknowledge, tick the acknowledgement checklist, start. */
  async startInvestigation() {
    await this.move('Acknowledge', 'Acknowledged');
    await this.tick('Confirm receipt', 'Outline next steps');
    await this.move('Start investigation', 'Investigating');
  }

  /**
   * A manager restricts the open case to those it is given to (with `why`), and takes it over:
   * everyone else, officers of other desks included, no longer sees it.
   */
  async restrictAndTakeOver(manager: string, why: string, takeOver: string) {
    const m = this.page;
    await m.getByRole('button', { name: 'Restrict access…' }).click();
    const restrict = m.getByRole('dialog', { name: 'Restrict access to this case' });
    await restrict.getByRole('textbox', { name: 'Reason' }).fill(why);
    await restrict.getByRole('button', { name: 'Restrict access' }).click();
    await expect(restrict).toBeHidden();
    await this.reassign(manager, takeOver);
  }

  /** Gives the open case to `name` (an option of "Assign to"), saying why. */
  async reassign(name: string, reason: string) {
    const m = this.page;
    const owner = m.getByRole('region', { name: 'Officer' });
    await owner.getByRole('button', { name: 'Reassign' }).click();
    const assign = m.getByRole('dialog', { name: 'Assign the case' });
    await chooseOption(assign.getByRole('combobox', { name: 'Assign to' }), new RegExp(name));
    await assign.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await assign.getByRole('button', { name: 'Confirm' }).click();
    await expect(owner).toContainText(name);
  }

  /** Clicks a next-step button; answers the reason dialog when one is asked. */
  async move(button: string, expectStatus: string, reason?: string) {
    await this.workflow.getByRole('button', { name: button, exact: true }).click();
    if (reason) {
      const dialog = this.page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
      await dialog.getByRole('button', { name: button }).click();
    }
    await this.expectStatus(expectStatus);
  }
}
