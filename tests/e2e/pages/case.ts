import { expect, type Page } from '@playwright/test';

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
