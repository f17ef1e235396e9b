import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

test('a backdated letter is shown overdue, on the case and in the Overdue view', async ({
  page,
  harness,
}) => {
  // Friday 20 March 2026, 10:00 in London. The letter was received on Monday 2 March:
  // acknowledgement was due by the end of Tuesday 3 March (13 business days ago); the final
  // response by 27 April: 24 business days left, Good Friday and Easter Monday not counted.
  await page.clock.setFixedTime(new Date('2026-03-20T10:00:00Z'));
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Đặng Văn Minh',
    channel: 'Letter',
    receivedAt: '2026-03-02T09:30',
    description: 'Letter about an unexpected fee.',
  });
  const reference = await intake.submit();

  const deadlines = page.getByRole('region', { name: 'Deadlines' });
  await expect(deadlines).toContainText('3 Mar 2026, 23:59');
  await expect(deadlines).toContainText('Overdue by 13 business days');
  await expect(deadlines).toContainText('27 Apr 2026, 23:59');
  await expect(deadlines).toContainText('24 business days left');

  await page.goto(`${harness.url}#/cases?view=overdue`);
  const row = page
    .getByRole('table', { name: 'Cases, nearest deadline first' })
    .getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText('Overdue by 13 business days');

  // A case received today is not in the Overdue view.
  await intake.open(harness.url);
  await intake.fill({ name: 'Fresh Case', description: 'Arrived today.' });
  const fresh = await intake.submit();
  await page.goto(`${harness.url}#/cases?view=overdue`);
  await expect(
    page.getByRole('table', { name: 'Cases, nearest deadline first' }).getByRole('link', { name: reference }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: fresh })).toHaveCount(0);
  await page.goto(`${harness.url}#/cases?view=due-soon`);
  await expect(page.getByRole('link', { name: fresh })).toBeVisible();
});

test('a repeat complaint is flagged while typing and linked instead of logged twice', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Zoë Adams', accountRef: 'ACC-4411', description: 'Charged twice.' });
  const first = await intake.submit();

  await intake.open(harness.url);
  await intake.form.getByRole('textbox', { name: 'Complainant name' }).fill('zoe adams');
  const warning = page.getByRole('region', { name: 'Possible repeat complaint' });
  await expect(warning).toContainText(first);
  await warning.getByRole('button', { name: 'Link' }).click();
  await expect(warning.getByRole('button', { name: 'Linked' })).toBeDisabled();
  await expect(intake.form.getByText('Linked cases:')).toBeVisible();
  await intake.fill({ name: 'Zoe Adams', description: 'Still charged twice, a month later.' });
  await intake.submit();
  await expect(page.getByRole('link', { name: first })).toBeVisible();

  // The same account reference with another name is flagged too.
  await intake.open(harness.url);
  await intake.form.getByRole('textbox', { name: 'Account or transaction reference' }).fill('acc 4411');
  await expect(page.getByRole('region', { name: 'Possible repeat complaint' })).toContainText(first);
});

test('a half-typed complaint survives a reload, and can be discarded', async ({ page, harness }) => {
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.form.getByRole('textbox', { name: 'Complainant name' }).fill('Aroha Ngata');
  await intake.form
    .getByRole('textbox', { name: 'What is the complaint about?' })
    .fill('Half of what she said on the phone');
  await page.reload();
  await expect(page.getByText('Your unsaved draft was restored.')).toBeVisible();
  await expect(intake.form.getByRole('textbox', { name: 'Complainant name' })).toHaveValue('Aroha Ngata');
  await expect(intake.form.getByRole('textbox', { name: 'What is the complaint about?' })).toHaveValue(
    'Half of what she said on the phone',
  );
  await intake.form.getByRole('button', { name: 'Discard draft' }).click();
  await intake.open(harness.url);
  await expect(intake.form.getByRole('textbox', { name: 'Complainant name' })).toHaveValue('');
});

test('waiting on the complainant pauses the service clock but not the regulatory one', async ({
  page,
  harness,
}) => {
  await page.clock.setFixedTime(new Date('2026-06-01T09:00:00Z')); // Monday
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Aisha Bello', description: 'Needs her statements checked.' });
  await intake.submit();
  const sla = page.getByRole('region', { name: 'Service targets' });
  await expect(sla).toContainText('Medium severity');
  await sla.getByRole('button', { name: 'Waiting on complainant' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause the service clock' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Waiting for her bank statements.');
  await dialog.getByRole('button', { name: 'Waiting on complainant' }).click();
  await expect(sla).toContainText('Paused since');
  await expect(sla).toContainText('Waiting for her bank statements.');
  await expect(sla.getByText('Paused', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Deadlines' })).toContainText('business day');
  await sla.getByRole('button', { name: 'Resume the clock' }).click();
  await expect(sla.getByRole('button', { name: 'Waiting on complainant' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Service clock paused');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(
    'Reason: Waiting for her bank statements.',
  );
});

test('the Update owed view lists cases whose complainant has heard nothing, until an update is sent', async ({
  page,
  harness,
}) => {
  // Friday 20 March 2026, 11:00 in London. A complaint received on Monday 2 March with no news
  // since: its 10 business days (the default) ended on Monday 16 March.
  await page.clock.setFixedTime(new Date('2026-03-20T11:00:00Z'));
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Ngozi Okafor',
    receivedAt: '2026-03-02T09:30',
    description: 'No reply to my letter.',
  });
  const waiting = await intake.submit();
  await expect(page.getByText('Update owed', { exact: true })).toBeVisible();
  await intake.open(harness.url);
  await intake.fill({ name: 'Fresh Case', description: 'Arrived today.' });
  const fresh = await intake.submit();

  const table = page.getByRole('table', { name: 'Cases, longest without news first' });
  await page.goto(`${harness.url}#/cases`);
  await chooseOption(page.getByRole('combobox', { name: 'View' }), 'Update owed');
  await expect(page).toHaveURL(/view=update-owed/);
  await expect(table.getByRole('link', { name: waiting })).toBeVisible();
  await expect(table.getByRole('link', { name: fresh })).toHaveCount(0);
  await expect(table.getByRole('columnheader', { name: 'Last news from us' })).toBeVisible();
  const row = table.getByRole('row', { name: new RegExp(waiting) });
  await expect(row).toContainText('2 Mar 2026, 09:30');
  await expect(row).toContainText('None since received');
  await expect(row).toContainText('Update owed');

  // My work lists the officer's waiting complainants too, and leads to the same view.
  await page.goto(`${harness.url}#/cases?view=my-work`);
  const queue = page.getByRole('region', { name: 'A complainant waiting for news from you' });
  await expect(queue).toContainText(`${waiting} — Ngozi Okafor · no news since received 2 Mar 2026, 09:30`);
  await expect(queue).not.toContainText(fresh);
  await queue.getByRole('link', { name: 'All of them in the Cases list' }).click();
  await expect(page).toHaveURL(/view=update-owed&assignee=/);

  // A call to the complainant, recorded in the communications log, settles it.
  await table.getByRole('link', { name: waiting }).click();
  await page.getByRole('tab', { name: 'Communications' }).click();
  await page.getByRole('button', { name: 'Record a contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a contact' });
  await chooseOption(dialog.getByRole('combobox', { name: 'Direction' }), 'Sent to the complainant');
  // Saved too soon: every field refused says why at once, not one at a time. A pasted list of
  // recipients too long to keep is one of them.
  const to = dialog.getByRole('textbox', { name: 'To' });
  await to.fill(Array.from({ length: 30 }, (_, i) => `person.${i}@example.org`).join('; '));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(to).toHaveAccessibleDescription('Use at most 300 characters.');
  await expect(dialog.getByRole('textbox', { name: /^Subject/ })).toHaveAccessibleDescription(
    'Enter a subject.',
  );
  await expect(dialog.getByRole('textbox', { name: /^Summary or full text/ })).toHaveAccessibleDescription(
    'Enter a summary or the full text.',
  );
  await expect(to).toHaveValue(/^person\.0@example\.org; /);
  await dialog.screenshot({ path: test.info().outputPath('contact-refused.png') });
  await dialog.getByRole('textbox', { name: /^Subject/ }).fill('Progress call');
  await dialog
    .getByRole('textbox', { name: /^Summary or full text/ })
    .fill('Told her the review ends next week.');
  // A click beside the dialog does not close it (what was typed would go with it).
  await page.mouse.click(5, 5);
  await page.waitForTimeout(500); // a closing dialog fades out in 225 ms
  await expect(dialog).toBeVisible();
  await to.fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status', { name: 'Keep informed' })).toContainText(
    'Complainant last updated 20 Mar 2026',
  );
  await expect(page.getByText('Update owed', { exact: true })).toHaveCount(0);

  await page.goto(`${harness.url}#/cases?view=my-work`);
  await expect(page.getByRole('link', { name: waiting })).toBeVisible();
  await expect(page.getByRole('region', { name: /waiting for news/ })).toHaveCount(0);
  await page.goto(`${harness.url}#/cases?view=update-owed`);
  await expect(page.getByText(/No complainant is waiting for news/)).toContainText(
    'within the last 10 business days',
  );
  await expect(table.getByRole('link', { name: waiting })).toHaveCount(0);
});
