// Times are typed and read on the office's clocks (Settings → Office time zone), whatever zone the
// computer keeps. Here the computer keeps UTC and the office is in Sydney.
import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';
import type { Page } from '@playwright/test';
import { dateField } from './pages/date-field';

/** Moves the office to Sydney (New South Wales holidays) on the Settings page. */
async function officeInSydney(page: Page, url: string) {
  await page.goto(`${url}#/settings`);
  const deadlines = page.getByRole('form', { name: 'Deadlines and calendar' });
  await deadlines.getByRole('textbox', { name: 'Office time zone' }).fill('Australia/Sydney');
  await deadlines.getByRole('textbox', { name: 'Public holidays of (country)' }).fill('AU');
  await deadlines.getByRole('textbox', { name: 'Region' }).fill('NSW');
  await deadlines.getByRole('button', { name: 'Save deadlines and calendar' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
}

/** The value shown under a label on the case page ("Received", …). */
const caseField = (page: Page, label: string) =>
  page
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('..')
    .getByRole('definition');

test.describe('with the computer on UTC and the office in Sydney', () => {
  test.use({ timezoneId: 'UTC' });

  test('a complaint received at 15:00 office time is shown at 15:00, and its deadline counts from that Sydney day', async ({
    page,
    harness,
  }) => {
    await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
    await officeInSydney(page, harness.url);

    const intake = new IntakePage(page);
    await intake.open(harness.url);
    const receivedOn = dateField(intake.form, 'Received on');
    // The field says whose clock it reads, since this computer's clock is on another zone.
    await expect(receivedOn).toHaveAccessibleDescription(/Office time \(Australia\/Sydney\)/);
    await intake.fill({
      name: 'Mere Tane',
      channel: 'Phone',
      // Monday 2 March 2026, 15:00 in Sydney (AEDT, UTC+11) = 04:00 UTC the same day. Read on the
      // computer's UTC clock it would have been 15:00 UTC = 02:00 on Tuesday 3 March in Sydney.
      receivedAt: '2026-03-02T15:00',
      description: 'Charged a fee I was told had been waived.',
    });
    await intake.choose('Regulatory regime', 'Australia ASIC RG 271 (30 days)');
    await intake.submit();

    // Shown on the office's clock, with the zone, so it is not read as the computer's 15:00.
    await expect(caseField(page, 'Received')).toHaveText('2 Mar 2026, 15:00 GMT+11');

    // ASIC RG 271: acknowledge by the end of the next business day, Tuesday 3 March; respond within
    // 30 calendar days of Monday 2 March (the Sydney day of receipt): 2 March + 30 = Wednesday
    // 1 April, due at its end, 23:59 AEDT (clocks go back only on 5 April). Counted from 3 March it
    // would have been 2 April.
    const deadlines = page.getByRole('region', { name: 'Deadlines' });
    await expect(deadlines).toContainText('Acknowledge by3 Mar 2026, 23:59 GMT+11');
    await expect(deadlines).toContainText('Final response by1 Apr 2026, 23:59 GMT+11');
    await expect(deadlines).not.toContainText('2 Apr 2026');

    // The cases list shows the same office time.
    await page.goto(`${harness.url}#/cases`);
    const row = page.getByRole('row', { name: /Mere Tane/ });
    await expect(row).toContainText('2 Mar 2026, 15:00 GMT+11');
  });
});

test('where the computer keeps the office’s zone, times carry no zone and fields no caption', async ({
  page,
  harness,
}) => {
  // The default office zone (Europe/London) is the one playwright.config.ts gives the browser.
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await expect(dateField(intake.form, 'Received on')).not.toHaveAccessibleDescription(/Office time/);
  await intake.fill({
    name: 'Tom Price',
    receivedAt: '2026-07-01T09:30',
    description: 'Letter never arrived.',
  });
  await intake.submit();
  // 1 July is in British Summer Time: 09:30 BST, shown as typed.
  await expect(caseField(page, 'Received')).toHaveText('1 Jul 2026, 09:30');
});
