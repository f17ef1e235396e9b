import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, openAppAs, test } from './fixtures';

test('settings are saved to the data folder, and a bad value is refused next to its field', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByText(harness.dataDir)).toBeVisible();

  const locale = page.getByLabel('Language and region for dates and numbers');
  await locale.fill('not a locale!');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Use a locale tag such as en-GB or en-AU.')).toBeVisible();
  await expect(locale).toHaveValue('not a locale!');

  await locale.fill('en-AU');
  await page.getByRole('textbox', { name: 'Office name', exact: true }).fill('Harbour Bank Complaints');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Harbour Bank Complaints');

  const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(onDisk).toMatchObject({ officeName: 'Harbour Bank Complaints', locale: 'en-AU' });

  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Harbour Bank Complaints');
});

test('the theme switch changes the whole app and is remembered', async ({ page, harness }) => {
  await openAppAs(page, harness);
  const body = page.locator('body');
  const before = await body.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.getByRole('button', { name: 'Switch between light and dark theme' }).click();
  await expect.poll(() => body.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(before);
  const after = await body.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.reload();
  await expect.poll(() => body.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(after);
});
