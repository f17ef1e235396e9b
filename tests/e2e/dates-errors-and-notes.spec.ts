import { expect, openAppAs, test } from './fixtures';
import { CasePage } from './pages/case';
import { dateField, dayShown, typeDate } from './pages/date-field';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';

test('intake lists every error at the top, each a link to its field, and refuses a received date in 1900', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer', 'Complaint officer');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  const summary = intake.form.getByRole('alert').filter({ hasText: /There (is a problem|are problems)/ });
  // One click straight from the empty name field: leaving it shows its own message, which must not
  // move the button from under the pointer and swallow the click.
  await intake.form.getByRole('textbox', { name: 'Complainant name' }).focus();
  await intake.form.getByRole('button', { name: 'Log complaint' }).click();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('button', { name: /^Complainant name: / })).toBeVisible();

  const receivedOn = dateField(intake.form, 'Received on');
  // The year is typed digit by digit with the keyboard, and kept.
  await typeDate(receivedOn, '1900-01-01T09:30');
  await expect(receivedOn.locator('input')).toHaveValue('01/01/1900 09:30');
  await intake.form.getByRole('button', { name: 'Log complaint' }).click();
  await expect(summary).toBeFocused();
  const links = summary.getByRole('button');
  await expect(links.first()).toHaveText(/^Complainant name: /);
  await expect(
    summary.getByRole('button', { name: 'Received on: The received date cannot be before 1 January 2000.' }),
  ).toBeVisible();
  await expect(summary.getByRole('button', { name: /^What is the complaint about\?: / })).toBeVisible();
  // Each error also stands beside its field.
  await expect(receivedOn).toHaveAccessibleDescription(/The received date cannot be before 1 January 2000\./);

  // A link in the summary takes the officer to the field.
  await summary.getByRole('button', { name: /^Complainant name: / }).click();
  await expect(intake.form.getByRole('textbox', { name: 'Complainant name' })).toBeFocused();

  await intake.fill({ name: 'Mere Tane', receivedAt: '2026-03-02T09:30', description: 'Charged twice.' });
  await intake.submit();
  await expect(page.getByText('2 Mar 2026, 09:30')).toBeVisible();
});

test('the Cases date filters take a typed date, and a range that ends before it starts is refused beside the field', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer', 'Complaint officer');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Ana Silva', receivedAt: '2026-03-02T09:30', description: 'Late payment.' });
  await intake.submit();

  await page.getByRole('link', { name: 'Cases' }).click();
  const filters = page.getByRole('search');
  const from = dateField(filters, 'Received from');
  const to = dateField(filters, 'Received to');
  const anaRow = page.getByRole('row', { name: /Ana Silva/ });
  await typeDate(from, '2026-03-01');
  await typeDate(to, '2026-03-31');
  await expect(page).toHaveURL(/from=.*to=/);
  await expect(anaRow).toBeVisible();
  expect(await dayShown(from)).toBe('2026-03-01');

  // The year alone is typed over: 31 March 2025 ends before 1 March 2026.
  await to.getByRole('spinbutton', { name: 'Year' }).click();
  await page.keyboard.type('2025');
  await expect(to).toHaveAccessibleDescription('The end date is before the start date.');
  expect(await dayShown(to)).toBe('2025-03-31'); // kept as typed, not swapped
  expect(await dayShown(from)).toBe('2026-03-01');

  await typeDate(to, '2026-04-30');
  await expect(to).not.toHaveAccessibleDescription('The end date is before the start date.');
  await expect(anaRow).toBeVisible();
});

test('a note keeps text in angle brackets, on the note and on the timeline', async ({ page, harness }) => {
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Zoë Adams', description: 'No call back.' });
  await intake.submit();
  const c = new CasePage(page);
  await c.startInvestigation();

  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.notes.getByRole('textbox', { name: /^Note/ }).fill('**Called** back. <No answer> left voicemail');
  await inv.notes.getByRole('button', { name: 'Add note' }).click();
  const note = inv.notes.getByRole('article', { name: 'Note by Priya Shah' });
  await expect(note).toContainText('Called back. <No answer> left voicemail');
  await expect(note.locator('strong')).toHaveText('Called');

  await page.getByRole('tab', { name: 'Overview' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('Called back. <No answer> left voicemail');
  await expect(timeline).not.toContainText('**Called**');
});
