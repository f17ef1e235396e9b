// The case database of this computer disappears (another browser profile against the same data
// folder has an empty IndexedDB) while a backup exists: the next start, after sign-in, stops at the
// loss screen and offers the latest backup, and restoring it brings the cases back.
import { expect, openAppAs, signIn, signOut, test } from './fixtures';
import { BackupsPage } from './pages/backups';
import { IntakePage } from './pages/intake';

const ADMIN = 'Ada Admin';
const PASSPHRASE = 'copper kettle under the stairs';
const NAMES = ['Zoë Đặng', 'Łukasz Nowak'];

test('a database found empty while a backup exists is restored from the loss screen', async ({
  page,
  harness,
  browser,
  consoleErrors: _,
}) => {
  test.setTimeout(240_000);
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  const intake = new IntakePage(page);
  for (const name of NAMES) {
    await intake.open(harness.url);
    await intake.fill({ name, description: `Charged twice (${name}).` });
    await intake.submit();
  }
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase(PASSPHRASE);
  await backups.backUpNow();
  await signOut(page);

  // Another browser profile: its IndexedDB is empty, while main's data folder remembers.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(harness.url);
  await signIn(fresh, ADMIN);
  await expect(fresh.getByRole('heading', { name: 'The case database needs attention' })).toBeVisible();
  await expect(fresh.getByRole('alert').first()).toContainText('it held 2 cases');
  await fresh.getByRole('button', { name: 'Restore from the latest backup' }).click();

  const dialog = fresh.getByRole('dialog', { name: /^Restore the backup of / });
  await expect(dialog.getByRole('row', { name: 'Cases 2 0' })).toBeVisible();
  const passphrase = dialog.getByLabel('Backup passphrase');
  if (await passphrase.isVisible()) await passphrase.fill(PASSPHRASE);
  await dialog.getByLabel('I understand that what is here now will be replaced').check();
  await fresh.screenshot({ path: test.info().outputPath('database-loss-restore.png') });
  await dialog.getByRole('button', { name: 'Replace with this backup' }).click();
  await expect(dialog.getByText('Restored. Redress restarts')).toBeVisible({ timeout: 90_000 });

  // Redress starts again on the restored database: sign in, and the cases are back.
  await signIn(fresh, ADMIN);
  await expect(fresh.getByRole('button', { name: `Signed in as ${ADMIN}` })).toBeVisible();
  await expect(fresh.getByRole('heading', { name: 'The case database needs attention' })).toBeHidden();
  await fresh.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
  for (const name of NAMES) await expect(fresh.getByRole('main')).toContainText(name);
  await other.close();
});
