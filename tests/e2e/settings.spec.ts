import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

/** Settings, through the main navigation. */
async function openSettings(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

test('settings are saved to the data folder, and a bad value is refused next to its field', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  await openSettings(page);
  await expect(page.getByText(harness.dataDir)).toBeVisible();

  const locale = page.getByLabel('Language and region for dates and numbers');
  await locale.fill('not a locale!');
  await page.getByRole('button', { name: 'Save office' }).click();
  await expect(page.getByText('Use a locale tag such as en-GB or en-AU.')).toBeVisible();
  await expect(locale).toHaveValue('not a locale!');

  await locale.fill('en-AU');
  await page.getByRole('textbox', { name: 'Office name', exact: true }).fill('Harbour Bank Complaints');
  await page.getByRole('button', { name: 'Save office' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Harbour Bank Complaints');

  const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;
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

test('the office calendar, categories and workflow rules are configurable, and bad values are refused', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  await page.goto(`${harness.url}#/settings`);
  const deadlines = page.getByRole('form', { name: 'Deadlines and calendar' });
  await deadlines.getByRole('textbox', { name: 'Office closure days' }).fill('2026-12-24\n24/12/2026');
  await deadlines.getByRole('button', { name: 'Save deadlines and calendar' }).click();
  await expect(deadlines.getByText('“24/12/2026” is not a date: use dates like 2026-12-24.')).toBeVisible();
  await deadlines.getByRole('textbox', { name: 'Office closure days' }).fill('2026-12-24');
  await deadlines.getByRole('textbox', { name: 'Public holidays of (country)' }).fill('au');
  await deadlines.getByRole('textbox', { name: 'Region' }).fill('nsw');
  await deadlines.getByRole('textbox', { name: 'Office time zone' }).fill('Australia/Sydney');
  await deadlines.getByRole('button', { name: 'Save deadlines and calendar' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  const categories = page.getByRole('form', { name: 'Categories' });
  await categories.getByRole('textbox', { name: 'Categories' }).fill('Billing: Late fee, Refund\nService');
  await categories.getByRole('button', { name: 'Save categories' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(onDisk).toMatchObject({
    closures: ['2026-12-24'],
    holidayCountry: 'AU',
    holidayRegion: 'NSW',
    timeZone: 'Australia/Sydney',
    taxonomy: [
      { category: 'Billing', subcategories: ['Late fee', 'Refund'] },
      { category: 'Service', subcategories: [] },
    ],
  });

  // The intake form offers the new categories.
  await page.goto(`${harness.url}#/cases/new`);
  await page.getByRole('combobox', { name: 'Category', exact: true }).click();
  await expect(page.getByRole('option')).toHaveText(['Billing', 'Service']);
});

test('a manager checks that the audit trail is intact', async ({ page, harness }) => {
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Zoë Ng', description: 'Charged twice.' });
  await intake.submit();
  await page.goto(`${harness.url}#/settings`);
  const section = page.getByRole('region', { name: 'Audit trail' });
  await section.getByRole('button', { name: 'Check the audit trail' }).click();
  // Logging the complaint wrote the first entries (accounts are in main's security log instead).
  // …and agrees with the checkpoints main keeps outside the database (sent within seconds).
  await expect(section.getByRole('alert')).toHaveText(
    /^The audit trail is intact: [1-9]\d* entr(y|ies) checked\. (It matches the [\d,]+ checkpoints? kept outside the database|No checkpoints have been kept outside the database yet)/,
  );
});

test('a small office makes the dashboard flag smaller rises, in Settings → Emerging issues', async ({
  page,
  harness,
}) => {
  // Four complaints about one new category this week: under the default minimum of five.
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  const intake = new IntakePage(page);
  for (let i = 1; i <= 4; i++) {
    await intake.open(harness.url);
    await intake.fill({ name: `Customer ${i}`, category: 'Claims', description: `Claim refused ${i}.` });
    await intake.submit();
  }
  await page.goto(`${harness.url}#/dashboard`);
  const emerging = page.getByRole('region', { name: 'Emerging issues' });
  await expect(emerging).toContainText('Nothing unusual in the last week or four weeks.');

  await emerging.getByRole('link', { name: 'Change when a rise is flagged' }).click();
  const section = page.getByRole('form', { name: 'Emerging issues' });
  const minimum = section.getByRole('spinbutton', { name: 'Fewest complaints that can be flagged' });
  await minimum.fill('1');
  await section.getByRole('button', { name: 'Save emerging issues' }).click();
  // Refused next to the field, in plain words, with what was typed kept.
  await expect(section.getByText('Use 2 or more: one case is never a trend.', { exact: true })).toBeVisible();
  await expect(minimum).toHaveAccessibleDescription('Use 2 or more: one case is never a trend.');
  await expect(minimum).toHaveAttribute('aria-invalid', 'true');
  await expect(minimum).toBeFocused();
  await expect(minimum).toHaveValue('1');
  // An empty box is asked for again, not read as 0.
  await minimum.fill('');
  await section.getByRole('button', { name: 'Save emerging issues' }).click();
  await expect(minimum).toHaveAccessibleDescription('Enter a number of cases.');

  await minimum.fill('3');
  await chooseOption(section.getByRole('combobox', { name: 'How readily to flag a rise' }), /^Sensitive/);
  await section.getByRole('button', { name: 'Save emerging issues' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as {
    emergingIssues: unknown;
  };
  expect(onDisk.emergingIssues).toEqual({ minCount: 3, sensitivity: 'sensitive' });

  await page.goto(`${harness.url}#/dashboard`);
  await expect(emerging).toContainText('Category: Claims');
  await expect(emerging.getByRole('link', { name: 'Open the 4 cases' })).toBeVisible();
});

test('an administrator keeps the office’s redaction patterns, and a bad one is refused next to the field', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  await openSettings(page);
  const section = page.getByRole('form', { name: 'Redaction patterns' });
  const patterns = section.getByRole('textbox', { name: 'Patterns, one per line' });
  await patterns.fill('POL\\d{6}\n[A-Z');
  await section.getByRole('button', { name: 'Save redaction patterns' }).click();
  await expect(
    section.getByText('Line 2: This is not a valid pattern (a regular expression).'),
  ).toBeVisible();
  await patterns.fill('POL\\d{6}\n\\d+');
  await section.getByRole('button', { name: 'Save redaction patterns' }).click();
  await expect(section.getByText(/^Line 2: This pattern is too broad/)).toBeVisible();

  await patterns.fill('POL\\d{6}');
  await section.getByRole('button', { name: 'Save redaction patterns' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as {
    redactionPatterns: string[];
  };
  expect(onDisk.redactionPatterns).toEqual(['POL\\d{6}']);
});

test('a saved pattern a stricter check now refuses still loads, and the administrator is told to fix it', async ({
  page,
  harness,
}) => {
  // Written by a version whose check did not yet spare dates such as 2026-03-02.
  await writeFile(
    join(harness.dataDir, 'settings.json'),
    JSON.stringify({ officeName: 'Harbour Bank', redactionPatterns: ['POL\\d{6}', '\\d{4}-\\d{2}'] }),
  );
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  await openSettings(page);
  const section = page.getByRole('form', { name: 'Redaction patterns' });
  await expect(section.getByRole('alert')).toContainText('Some saved patterns are no longer accepted');
  await expect(section.getByRole('list', { name: 'Patterns to fix' })).toContainText(
    'Line 2: This pattern is too broad: it matches ordinary text such as “2026-03-02”.',
  );
  await expect(page.getByRole('textbox', { name: 'Office name' })).toHaveValue('Harbour Bank');
});
