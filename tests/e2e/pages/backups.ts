import { expect, type Page } from '@playwright/test';

/** Page model of the Backups screen. */
export class BackupsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Backups' }).click();
    await expect(this.page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
  }

  get list() {
    return this.page.getByRole('table', { name: 'Backups' });
  }

  async setPassphrase(passphrase: string) {
    await this.page.getByRole('button', { name: 'Set backup passphrase' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Set the backup passphrase' });
    await expect(dialog).toContainText('if it is lost, the backups are lost too');
    await dialog.getByLabel('New passphrase').fill(passphrase);
    await dialog.getByLabel('Type the passphrase again').fill(passphrase);
    await dialog.getByRole('button', { name: 'Save passphrase' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      this.page.getByText('Backups are encrypted with the office’s backup passphrase'),
    ).toBeVisible();
  }

  /** Backs up now and waits for the new backup in the list. */
  async backUpNow() {
    const rows = await this.list
      .getByRole('row')
      .count()
      .catch(() => 0);
    await this.page.getByRole('button', { name: 'Back up now' }).click();
    await expect(this.page.getByText(/^Backup made: /)).toBeVisible({ timeout: 60_000 });
    await expect(this.list.getByRole('row')).toHaveCount(Math.max(2, rows + 1));
  }

  /** Restores the backup in the row holding `text` over what is here (confirmed); the dialog. */
  async replaceWith(text: string) {
    await this.list
      .getByRole('row')
      .filter({ hasText: text })
      .getByRole('button', { name: /^Restore the backup of / })
      .click();
    const dialog = this.page.getByRole('dialog', { name: /^Restore the backup of / });
    await dialog.getByLabel('I understand that what is here now will be replaced').check();
    await dialog.getByRole('button', { name: 'Replace with this backup' }).click();
    return dialog;
  }
}
