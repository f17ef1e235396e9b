import type { Page } from '@playwright/test';
import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';

/** Nothing wider than the window: no button or field cut off at the right. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('at 1366 × 768 the Investigation tab and the Cases list fit the window, a long name whole on hover', async ({
  page,
  harness,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAppAs(page, harness, 'Priya Shah');
  const name = 'Maximiliana Wolfeschlegelsteinhausen-Bergerdorff Ó Briain';
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name, description: 'Charged twice.' });
  const reference = await intake.submit();
  await page.getByRole('tab', { name: 'Investigation' }).click();
  await expect(page.getByRole('button', { name: 'Record enquiry' })).toBeVisible();
  expect(await fitsWidth(page)).toBe(true);
  await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
  const link = page.getByRole('link', { name: reference });
  await expect(link).toBeVisible();
  // The reference on one line.
  const box = (await link.boundingBox())!;
  expect(box.height).toBeLessThan(30);
  await expect(page.getByTitle(name)).toBeVisible();
  expect(await fitsWidth(page)).toBe(true);
});

test('a screen opened from far down a long one starts at its top', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Administrator']);
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  // Scrolled to its foot once its charts are drawn (it opens short while it counts).
  await expect
    .poll(() =>
      page.evaluate(() => {
        window.scrollTo(0, document.documentElement.scrollHeight);
        return window.scrollY;
      }),
    )
    .toBeGreaterThan(500);
  // Settings is drawn at its full length at once: it opened as far down as the dashboard was.
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
