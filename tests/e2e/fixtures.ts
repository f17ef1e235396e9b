// Every spec gets a fresh data folder, a harness serving the real renderer and handlers, and a
// page that fails the test on any console error.
import { rm } from 'node:fs/promises';
import { test as base, expect, type Page } from '@playwright/test';
import { startHarness, type Harness } from './harness/server';

export const test = base.extend<{ harness: Harness; consoleErrors: string[] }>({
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.close();
    await rm(harness.dataDir, { recursive: true, force: true });
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
    expect(errors, 'console errors during the test').toEqual([]);
  },
});
export { expect };

/** Opens the app and, on first run, adds the acting officer. */
export async function openAppAs(
  page: Page,
  harness: Harness,
  name = 'Alex Officer',
  role = 'Complaint officer',
) {
  await page.goto(harness.url);
  const dialog = page.getByRole('dialog', { name: 'Who is using Redress?' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByLabel('Your role').click();
  await page.getByRole('option', { name: role }).click();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(`Acting as ${name}`)).toBeVisible();
}
