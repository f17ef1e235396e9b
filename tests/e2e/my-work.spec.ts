import { ensureAccount, expect, openAppAs, signOut, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

test('cases are reassigned with a reason, escalated, and show in each officer’s My work queue', async ({
  page,
  harness,
}) => {
  // An officer exists; a manager logs the complaint, then gives it to her.
  await ensureAccount(harness, 'Priya Shah', 'Complaint officer');
  await openAppAs(page, harness, 'Sam Lee', 'Manager');

  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Mary Jones',
    description: 'Branch closed without notice.',
    severity: 'Critical',
  });
  const reference = await intake.submit();

  const owner = page.getByRole('region', { name: 'Officer' });
  await expect(owner).toContainText('Sam Lee');
  await owner.getByRole('button', { name: 'Reassign' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign the case' });
  await chooseOption(dialog.getByRole('combobox', { name: 'Assign to' }), /Priya Shah/);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Give a reason');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Priya handles branch complaints.');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(owner).toContainText('Priya Shah');

  await owner.getByRole('button', { name: 'Escalate' }).click();
  const esc = page.getByRole('dialog', { name: 'Escalate' });
  await chooseOption(esc.getByRole('combobox', { name: 'Escalation owner' }), /Sam Lee/);
  await esc.getByRole('textbox', { name: 'Reason' }).fill('Complainant contacted the local paper.');
  await esc.getByRole('button', { name: 'Escalate' }).click();
  await expect(owner).toContainText('Escalated to Sam Lee: Complainant contacted the local paper.');
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(
    'Reason: Priya handles branch complaints.',
  );

  // Sam's queue no longer has it; the Escalated view does; Priya's My work does.
  await page.goto(`${harness.url}#/cases?view=my-work`);
  await expect(page.getByRole('heading', { name: 'My work', level: 1 })).toBeVisible();
  await expect(page.getByText('No open cases are assigned to you.')).toBeVisible();
  await page.goto(`${harness.url}#/cases?view=escalated`);
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await signOut(page);
  await openAppAs(page, harness, 'Priya Shah');
  // An officer is not offered the office's settings nor the management report.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Reports' })).toHaveCount(0);
  await page.goto(`${harness.url}#/cases?view=my-work`);
  await page.getByRole('link', { name: reference }).click();
  // She works the case; assigning and escalating stay with managers, and the panel says so.
  await expect(owner).toContainText('Only a manager can assign or reassign cases.');
  await expect(owner).toContainText('Only a manager can escalate cases.');
  await expect(owner.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Next step' }).getByRole('button').first()).toBeVisible();
});
