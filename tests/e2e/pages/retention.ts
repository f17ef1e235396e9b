import { expect, type Page } from '@playwright/test';

/** Marks the open case withdrawn from its Next step panel, with `reason`. */
export async function withdraw(page: Page, reason: string) {
  await page
    .getByRole('region', { name: 'Next step' })
    .getByRole('button', { name: 'Mark withdrawn' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Mark withdrawn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Withdrawn');
}

/** On the Retention screen: an erasure request for `name`'s one case, with `reason`. */
export async function eraseOneCase(page: Page, name: string, reason: string) {
  await page.getByRole('link', { name: 'Retention' }).click();
  await page.getByRole('button', { name: 'Erasure request…' }).click();
  const erasure = page.getByRole('dialog', { name: 'Erasure request' });
  await erasure.getByRole('textbox', { name: 'Complainant name' }).fill(name);
  await erasure.getByRole('button', { name: 'Find cases' }).click();
  await expect(erasure.getByRole('status')).toHaveText('1 case found');
  await erasure.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await erasure.getByRole('button', { name: 'Anonymise 1 case' }).click();
  await expect(erasure).toBeHidden();
}
