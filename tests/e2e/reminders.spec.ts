import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';

test('an acknowledgement due today is a reminder in the centre, on the bell and as a desktop notification', async ({
  page,
  harness,
}) => {
  // Tuesday 1 December 2026, 10:00 in London (the office's zone; GMT in winter).
  await page.clock.setFixedTime(new Date('2026-12-01T10:00:00Z'));
  await openAppAs(page, harness, 'Priya Shah');
  await expect(page.getByRole('link', { name: 'Reminders: 0 due' })).toBeVisible();
  const intake = new IntakePage(page);

  // Received Monday afternoon: acknowledge by the end of Tuesday, today.
  await intake.open(harness.url);
  await intake.fill({ name: 'Aroha Ngata', receivedAt: '2026-11-30T15:00', description: 'Charged twice.' });
  const due = await intake.submit();
  // Received this morning: due tomorrow, no reminder yet.
  await intake.open(harness.url);
  await intake.fill({ name: 'Ilse Berger', description: 'Card declined.' });
  const notYet = await intake.submit();

  const bell = page.getByRole('link', { name: 'Reminders: 1 due' });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reminders' })).toBeVisible();
  // Nothing is overdue yet, so the page does not say "overdue first".
  await expect(page.getByText('1 thing needs you', { exact: true })).toBeVisible();
  const group = page.getByRole('region', { name: 'Acknowledgements due (1)' });
  await expect(group.getByRole('listitem')).toHaveCount(1);
  await expect(group.getByRole('listitem')).toContainText(`${due} — acknowledge by 1 Dec 2026`);
  await expect(page.getByText(notYet)).toHaveCount(0);
  expect(harness.notifications).toContainEqual({
    title: 'Acknowledgements due',
    body: expect.stringContaining('acknowledge by 1 Dec 2026') as unknown as string,
  });
  const shown = harness.notifications.length;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: test.info().outputPath('reminders-1366.png') });

  // From the reminder to the case's letters; once acknowledged, the reminder is gone.
  await group.getByRole('link', { name: due }).click();
  await expect(page).toHaveURL(/\/communications$/);
  await page.getByRole('link', { name: 'Reminders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reminders' })).toBeVisible();
  // The same reminder is never notified twice.
  expect(harness.notifications.length).toBe(shown);
});

test('with nothing due, the reminders centre says so and what will appear', async ({ page, harness }) => {
  await openAppAs(page, harness, 'Priya Shah');
  await page.getByRole('link', { name: 'Reminders: 0 due' }).click();
  await expect(page.getByText('Nothing needs you now')).toBeVisible();
});
