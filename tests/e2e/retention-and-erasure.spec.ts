// A manager, four years on, disposes of a case past its three-year retention; a legal hold keeps
// another; an erasure request anonymises one complainant across two cases, the timeline no longer
// shows their details (nor does a draft typed on one), and the audit trail still checks as intact. Restoring a backup made before
// an erasure erases the person again.
import type { Page } from '@playwright/test';
import { expect, openAppAs, signIn, signOut, test } from './fixtures';
import { BackupsPage } from './pages/backups';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { eraseOneCase, withdraw } from './pages/retention';

const MANAGER = 'Morgan Manager';

async function log(page: Page, baseUrl: string, name: string, description: string, accountRef?: string) {
  const intake = new IntakePage(page);
  await intake.open(baseUrl);
  await intake.fill({
    name,
    email: 'quintessa@example.org',
    description,
    ...(accountRef ? { accountRef } : {}),
  });
  return intake.submit();
}

/** Opens a case through the app's own links: a reload would put the moved clock in before the app loads. */
async function openCase(page: Page, reference: string) {
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
}

test('a manager disposes of a case past retention, a legal hold keeps another, and an erasure request anonymises a complainant', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(180_000);
  await openAppAs(page, harness, MANAGER, 'Manager');

  const old = await log(page, harness.url, 'Walter Oldfield', 'Fees charged twice on the old account.');
  await withdraw(page, 'No longer pursued.');
  // Withdrawn the day it came in: its first response was not needed, not missed.
  await expect(page.getByRole('region', { name: 'Service targets' })).toContainText(
    /First response by.*Not needed — closed .*, before it fell due/,
  );
  const held = await log(page, harness.url, 'Hannah Holdsworth', 'Mis-sold insurance.');
  await withdraw(page, 'Taken to court instead.');
  await page.getByRole('button', { name: 'Place legal hold…' }).click();
  const holdDialog = page.getByRole('dialog', { name: 'Place a legal hold' });
  await holdDialog.getByRole('textbox', { name: 'Reason' }).fill('Court claim HC-17 pending.');
  await holdDialog.getByRole('button', { name: 'Place legal hold' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Legal hold');
  await expect(page.getByRole('button', { name: 'Lift legal hold' })).toBeVisible();

  const first = await log(
    page,
    harness.url,
    'Quintessa Marlowe',
    'Quintessa Marlowe was charged twice on ACC-55119933.',
    'ACC-55119933',
  );
  const second = await log(
    page,
    harness.url,
    'Quintessa Marlowe',
    'Quintessa’s card was declined at 12 Analytical Row.',
  );
  // A note typed on her case and never saved: it stays in this desk's drafts until the erasure.
  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.notes
    .getByRole('textbox', { name: /^Note/ })
    .fill('Quintessa Marlowe rang again from 12 Analytical Row.');
  const drafts = () => page.evaluate(() => Object.values(localStorage).join('\n'));
  await expect.poll(drafts).toContain('Quintessa Marlowe rang again');

  // Four years on (the renderer's clock only: moved while signed out, so the idle lock starts afresh).
  await signOut(page);
  await page.clock.setFixedTime(new Date(Date.now() + 4 * 365 * 86_400_000));
  await signIn(page, MANAGER);
  // Quintessa's complaints close now: an erasure request does not wait for retention.
  for (const reference of [first, second]) {
    await openCase(page, reference);
    await withdraw(page, 'Settled by phone.');
  }
  await page.getByRole('link', { name: 'Retention' }).click();
  await expect(page.getByRole('heading', { name: 'Retention and erasure', level: 1 })).toBeVisible();

  const due = page.getByRole('table', { name: 'Cases due for disposal' });
  await expect(due.getByRole('row').filter({ hasText: old })).toContainText(
    /Kept 3 years after closure; due since/,
  );
  await expect(due.getByRole('row').filter({ hasText: held })).toContainText(
    'On legal hold: Court claim HC-17 pending.',
  );
  await expect(due.getByRole('checkbox', { name: `Select ${held}` })).toBeDisabled();
  await expect(due.getByRole('row').filter({ hasText: first })).toHaveCount(0);

  await due.getByRole('checkbox', { name: `Select ${old}` }).check();
  await expect(page.getByText('1 case selected')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('1-due.png'), fullPage: true });
  await page.getByRole('button', { name: 'Dispose…' }).click();
  const dispose = page.getByRole('dialog', { name: 'Dispose of cases' });
  await dispose.getByRole('radio', { name: 'Delete' }).check();
  await dispose.getByRole('textbox', { name: 'Reason' }).fill('Three-year retention period ended.');
  await page.screenshot({ path: test.info().outputPath('2-dispose.png') });
  await dispose.getByRole('button', { name: 'Dispose of 1 case' }).click();
  await expect(dispose).toBeHidden();

  const records = page.getByRole('table', { name: 'Disposal records' });
  await expect(records.getByRole('row').filter({ hasText: old })).toContainText('Deleted');
  await expect(records.getByRole('row').filter({ hasText: old })).toContainText(MANAGER);
  await expect(records.getByRole('row').filter({ hasText: old })).toContainText(
    'Three-year retention period ended.',
  );
  await expect(due.getByRole('row').filter({ hasText: old })).toHaveCount(0);
  await expect(due.getByRole('row').filter({ hasText: held })).toHaveCount(1);

  // The erasure request: find the person, preview, give a reason, confirm.
  await page.getByRole('button', { name: 'Erasure request…' }).click();
  const erasure = page.getByRole('dialog', { name: 'Erasure request' });
  await erasure.getByRole('textbox', { name: 'Complainant name' }).fill('quintessa  marlowe');
  await erasure.getByRole('button', { name: 'Find cases' }).click();
  await expect(erasure.getByRole('status')).toHaveText('2 cases found');
  const preview = erasure.getByRole('list', { name: 'Cases to anonymise' });
  await expect(preview.getByRole('listitem')).toHaveCount(2);
  await expect(preview).toContainText(first);
  await expect(preview).toContainText(second);
  await erasure.getByRole('textbox', { name: 'Reason' }).fill('Erasure request received by letter.');
  await page.screenshot({ path: test.info().outputPath('3-erasure.png') });
  await erasure.getByRole('button', { name: 'Anonymise 2 cases' }).click();
  await expect(erasure).toBeHidden();
  await expect(records.getByRole('row').filter({ hasText: first })).toContainText('Erasure request');
  // Nothing typed on her cases is kept on this desk either.
  expect(await drafts()).not.toMatch(/Quintessa|Analytical Row/);
  await page.screenshot({ path: test.info().outputPath('4-records.png'), fullPage: true });

  // The case shows placeholders; its timeline keeps what happened but not the old values.
  await openCase(page, first);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Anonymised');
  await expect(page.getByText(/Quintessa|ACC-55119933|quintessa@example\.org/)).toHaveCount(0);
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Anonymised on an erasure request');
  await expect(timeline).toContainText('Details erased on');
  // Nothing can change it now: the page says so once, and offers no step that could only fail.
  await expect(
    page.getByRole('alert').filter({
      hasText:
        /^This case was anonymised on .+: its personal details were removed and it can no longer be changed\./,
    }),
  ).toBeVisible();
  const nextStep = page.getByRole('region', { name: 'Next step' });
  await expect(nextStep).toContainText('This case is at the end of its workflow.');
  await expect(nextStep.getByRole('button')).toHaveCount(0);
  for (const checkbox of await nextStep.getByRole('checkbox').all()) await expect(checkbox).toBeDisabled();
  for (const action of [
    'Reopen',
    'Reassign',
    'Escalate',
    'Record the finding',
    'Restrict access…',
    'Place legal hold…',
  ])
    await expect(page.getByRole('button', { name: action })).toHaveCount(0);
  // Not said again in each panel either.
  await expect(page.getByText('it can no longer be changed', { exact: false })).toHaveCount(1);
  // Reading and exporting stay.
  await expect(page.getByRole('button', { name: 'Export PDF' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export bundle…' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('5-case.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Investigation' }).click();
  await expect(page.getByRole('region', { name: 'Notes', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add note' })).toHaveCount(0);
  await expect(page.getByText('Reopen the case to add to it')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Communications' }).click();
  await expect(page.getByRole('heading', { name: 'Communications log' })).toBeVisible();
  for (const action of ['Write a letter', 'Record a contact'])
    await expect(page.getByRole('button', { name: action })).toHaveCount(0);
  await openCase(page, second);
  await expect(page.getByText(/Quintessa|Analytical Row/)).toHaveCount(0);

  // The audit check still says intact.
  await page.getByRole('link', { name: 'Settings' }).click();
  const audit = page.getByRole('region', { name: 'Audit trail' });
  await audit.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(audit.getByRole('alert')).toHaveText(/^The audit trail is intact: [1-9]\d* entries checked\./);
});

test('an erasure made after a backup is made again when that backup is restored', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(240_000);
  const ADMIN = 'Ada Admin';
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  const erased = await log(
    page,
    harness.url,
    'Quintessa Marlowe',
    'Quintessa Marlowe was charged twice on ACC-55119933.',
    'ACC-55119933',
  );
  await withdraw(page, 'Settled by phone.');
  const kept = await log(page, harness.url, 'Walter Oldfield', 'Fees charged twice on the old account.');

  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase('copper kettle under the stairs');
  await backups.backUpNow();

  // After the backup, the person asks to be erased.
  await eraseOneCase(page, 'Quintessa Marlowe', 'Erasure request received by letter.');
  // Main keeps it in the disposal ledger, outside the case database.
  await expect(
    page.getByText(
      '1 case disposed of is recorded in this computer’s disposal ledger, kept outside the case database: restoring an older backup disposes of it again.',
    ),
  ).toBeVisible();

  // The backup from before the erasure is restored (a failing disk, a mistake undone).
  await backups.open();
  const dialog = await backups.replaceWith('By hand');
  await expect(dialog.getByText('Restored. Redress restarts')).toBeVisible({ timeout: 90_000 });
  await expect(dialog).toContainText(
    '1 case this computer disposed of after the backup was made was disposed of again (Retention → Disposal records).',
  );
  await page.screenshot({ path: test.info().outputPath('restore-reapplied.png') });
  await dialog.getByRole('button', { name: 'Restart Redress now' }).click();

  await signIn(page, ADMIN);
  await openCase(page, erased);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Anonymised');
  await expect(page.getByText(/Quintessa|ACC-55119933|quintessa@example\.org/)).toHaveCount(0);
  await openCase(page, kept);
  await expect(page.getByRole('main')).toContainText('Walter Oldfield');

  await page.getByRole('link', { name: 'Retention' }).click();
  const records = page.getByRole('table', { name: 'Disposal records' });
  const again = records.getByRole('row').filter({ hasText: 'Made again after a backup was restored' });
  await expect(again).toContainText(erased);
  await expect(again).toContainText(ADMIN);
  await page.screenshot({ path: test.info().outputPath('records-after-restore.png'), fullPage: true });

  await page.getByRole('link', { name: 'Settings' }).click();
  const audit = page.getByRole('region', { name: 'Audit trail' });
  await audit.getByRole('button', { name: 'Check the audit trail' }).click();
  await expect(audit.getByRole('alert')).toHaveText(/^The audit trail is intact: [1-9]\d* entries checked\./);
});

test('an erasure made while the disposal ledger cannot be written is still made; its line waits and is written later', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(120_000);
  await openAppAs(page, harness, MANAGER, 'Manager');
  await log(page, harness.url, 'Quintessa Marlowe', 'Quintessa Marlowe was charged twice.');
  await withdraw(page, 'Settled by phone.');
  // Main refuses the ledger's lines (as with its disk full).
  await page.route('**/__api/disposals%3Arecord', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'DISK_FULL', message: 'The disk is full.' } }),
    }),
  );
  await eraseOneCase(page, 'Quintessa Marlowe', 'Erasure request received by letter.');
  await expect(
    page.getByText(/1 line of the disposal ledger could not be written and waits on this computer/),
  ).toBeVisible();
  const records = page.getByRole('table', { name: 'Disposal records' });
  await expect(records).toContainText('Erasure request received by letter.');
  const waiting = page
    .getByRole('alert')
    .filter({ hasText: 'line of the disposal ledger could not be written yet' });
  await expect(waiting).toContainText('A restore here still disposes of that case again');
  await page.screenshot({ path: test.info().outputPath('ledger-waiting.png'), fullPage: true });

  // Main takes them again: written at the officer's word.
  await page.unroute('**/__api/disposals%3Arecord');
  await waiting.getByRole('button', { name: 'Write it now' }).click();
  await expect(waiting).toBeHidden();
  await expect(
    page.getByText(/^1 case disposed of is recorded in this computer’s disposal ledger/),
  ).toBeVisible();
});
