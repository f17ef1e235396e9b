// Backups and restore, end to end: an administrator sets the backup passphrase and backs up an
// office whose complainants' names are not all Latin, with an evidence file; a new computer (a
// second harness with a fresh data folder and a fresh browser profile) restores it from the
// first-run screen and has the same cases, names and evidence. A backup with one byte changed is
// refused with one plain message and changes nothing.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openAppAs, signIn, signOut, test, TEST_PASSWORD } from './fixtures';
import { startHarness, type Harness } from './harness/server';
import { BackupsPage } from './pages/backups';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';

const ADMIN = 'Ada Admin';
const PASSPHRASE = 'copper kettle under the stairs';
const NAMES = ['Đặng Thị 🙂 Nguyễn', 'محمد عبد الله الفاسي', '王秀英 김민준'];
const LETTER = 'Dear Sir or Madam, I was charged twice. — Đặng 🙂';
const DAMAGED = 'The backup is damaged or the passphrase is wrong.';

async function logComplaint(page: Page, url: string, name: string) {
  const intake = new IntakePage(page);
  await intake.open(url);
  await intake.fill({ name, description: `Charged twice in March (${name}).` });
  await intake.submit();
}

/** An administrator with one complaint logged, the backup passphrase set and one backup made. */
async function oneBackupMade(page: Page, harness: Harness): Promise<BackupsPage> {
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  await logComplaint(page, harness.url, NAMES[0]!);
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase(PASSPHRASE);
  await backups.backUpNow();
  return backups;
}

/** The one backup file in a data folder's backups folder. */
async function backupFile(dataDir: string): Promise<string> {
  const files = (await readdir(join(dataDir, 'backups'))).filter((f) => f.endsWith('.redressbackup'));
  expect(files).toHaveLength(1);
  return join(dataDir, 'backups', files[0]!);
}

test('a backup made here is restored on a new computer from the first-run screen', async ({
  page,
  harness,
  browser,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(240_000);
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  for (const name of NAMES) await logComplaint(page, harness.url, name);
  // The last one gets an evidence file.
  const c = new CasePage(page);
  await c.startInvestigation();
  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.addEvidence('letter.txt', LETTER);

  const backups = new BackupsPage(page);
  await backups.open();
  await expect(page.getByText('No backups yet')).toBeVisible();
  await backups.setPassphrase(PASSPHRASE);
  await backups.backUpNow();
  const row = backups.list.getByRole('row').nth(1);
  await expect(row).toContainText('Cases: 3');
  await expect(row).toContainText('Evidence files: 1');
  await expect(row).toContainText('By hand');
  await expect(row).toContainText(ADMIN);
  await page.screenshot({ path: test.info().outputPath('backups-screen.png'), fullPage: true });

  // Verify: the key is on this desk for the session, so no passphrase is asked. While main reads
  // the file (held up here, as a large backup would be) the check shows, and is not started twice.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/__api/backup%3Averify', async (route) => {
    await held;
    await route.continue();
  });
  const verifyButton = row.getByRole('button', { name: /^Verify the backup of / });
  await verifyButton.click();
  await expect(page.getByRole('status')).toContainText(
    /^Checking the backup of .*: reading and decrypting every part…$/,
  );
  await expect(verifyButton).toBeDisabled();
  await page.screenshot({ path: test.info().outputPath('backup-verifying.png') });
  release();
  await expect(page.getByText(/^The backup of .* is whole and readable\.$/)).toBeVisible();
  await expect(page.getByText(/^Checking the backup of /)).toHaveCount(0);
  await expect(verifyButton).toBeEnabled();
  await page.unroute('**/__api/backup%3Averify');

  // A new computer: its own data folder (the backup copied into its backups folder) and browser.
  const second = await startHarness();
  const context = await browser.newContext();
  try {
    await mkdir(join(second.dataDir, 'backups'), { recursive: true });
    const file = await backupFile(harness.dataDir);
    await copyFile(file, join(second.dataDir, 'backups', 'from-the-office.redressbackup'));
    const fresh = await context.newPage();
    const freshErrors: string[] = [];
    fresh.on('console', (msg) => msg.type() === 'error' && freshErrors.push(msg.text()));
    await fresh.goto(second.url);
    await fresh.getByRole('button', { name: 'Restore from a backup instead' }).click();
    await expect(fresh.getByRole('heading', { name: 'Restore from a backup' })).toBeVisible();
    await fresh.getByRole('button', { name: /^Restore the backup of / }).click();
    const dialog = fresh.getByRole('dialog', { name: /^Restore the backup of / });
    const preview = dialog.getByRole('table', { name: 'What the backup holds, and what is here now' });
    await expect(preview.getByRole('row', { name: /Cases/ })).toContainText('3');
    await expect(preview.getByRole('row', { name: /Evidence files/ })).toContainText('1');
    // A wrong passphrase first: the one message, and nothing happens.
    await dialog.getByLabel('Backup passphrase').fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(DAMAGED);
    await dialog.getByLabel('Backup passphrase').fill(PASSPHRASE);
    await fresh.screenshot({ path: test.info().outputPath('restore-preview-first-run.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(dialog.getByText('Restored. Redress restarts')).toBeVisible({ timeout: 60_000 });

    // The page starts again on the sign-in screen; the accounts came with the backup.
    await expect(fresh.getByRole('form', { name: 'Sign in' })).toBeVisible({ timeout: 15_000 });
    await signIn(fresh, ADMIN, TEST_PASSWORD);
    await fresh.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    for (const name of NAMES) await expect(fresh.getByRole('main')).toContainText(name);
    await fresh.getByRole('main').getByText(NAMES[2]!).first().click();
    const restoredInv = new InvestigationPage(fresh);
    await restoredInv.open();
    await restoredInv.evidence.getByRole('button', { name: 'Verify integrity' }).click();
    await expect(restoredInv.evidence.getByRole('alert')).toContainText('The file is intact');
    expect(freshErrors).toEqual([]);
  } finally {
    await context.close();
    await second.close();
  }
});

test('a backup with one byte changed is refused with one message, and nothing changes', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(180_000);
  const backups = await oneBackupMade(page, harness);
  await logComplaint(page, harness.url, 'Made after the backup');
  await backups.open();

  const file = await backupFile(harness.dataDir);
  await expect(backups.list.getByRole('row').last()).toContainText('By hand');
  const pristine = await readFile(file);
  // The header's summary slot is padded with spaces: a space turned into a tab still parses, so
  // only the seal can tell. Then a byte in the middle, and the very last byte.
  const keyHeaderLength = pristine.readUInt32BE(10);
  const summarySlotEnd = 14 + keyHeaderLength + 4 + pristine.readUInt32BE(14 + keyHeaderLength);
  const places = {
    header: summarySlotEnd - 1,
    middle: Math.floor((summarySlotEnd + pristine.length) / 2),
    last: pristine.length - 1,
  };
  for (const [where, at] of Object.entries(places)) {
    const altered = Buffer.from(pristine);
    altered[at] = where === 'header' ? 0x09 : altered[at]! ^ 0x01;
    await writeFile(file, altered);
    await page.reload();
    await expect(backups.list, where).toBeVisible();
    // The oldest: each restore attempt first backs up what is here ("Before a restore").
    const row = backups.list.getByRole('row').last();

    await row.getByRole('button', { name: /^Verify the backup of / }).click();
    const ask = page.getByRole('dialog', { name: 'Backup passphrase' });
    await ask.getByLabel('Backup passphrase').fill(PASSPHRASE);
    await ask.getByRole('button', { name: 'Verify' }).click();
    await expect(ask.getByRole('alert'), where).toHaveText(DAMAGED);
    await ask.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: /^Restore the backup of / }).click();
    const dialog = page.getByRole('dialog', { name: /^Restore the backup of / });
    await expect(dialog).toContainText('Everything added since');
    if (where === 'header') await page.screenshot({ path: test.info().outputPath('restore-preview.png') });
    await dialog.getByLabel('I understand that what is here now will be replaced').check();
    await dialog.getByRole('button', { name: 'Replace with this backup' }).click();
    await expect(dialog.getByRole('alert'), where).toContainText(DAMAGED, { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  // Nothing changed: the case made after the backup is still here.
  await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
  await expect(page.getByRole('main')).toContainText('Made after the backup');
});

test('after sign-in, the day’s automatic backup runs in the background and is listed', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(120_000);
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  await logComplaint(page, harness.url, NAMES[1]!);
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase(PASSPHRASE);

  // The next sign-in finds no backup made today.
  await signOut(page);
  await signIn(page, ADMIN);
  await expect(page.getByText('Automatic backup made')).toBeVisible({ timeout: 60_000 });
  await backups.open();
  const row = backups.list.getByRole('row').nth(1);
  await expect(row).toContainText('Daily');
  await expect(row).toContainText('Automatic');
  await expect(row).toContainText('Cases: 1');
});

test('an administrator turns automatic backups off and keeps fewer; a count out of range is refused beside the field', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  const backups = new BackupsPage(page);
  await backups.open();
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText('The newest 14');
  await page.getByRole('button', { name: 'Change backup settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backup settings' });
  const keep = dialog.getByLabel('Backups to keep');
  await keep.fill('0');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Keep between 1 and 365 backups.')).toBeVisible();
  await expect(keep).toHaveValue('0');
  await keep.fill('3');
  await dialog.getByLabel('Automatic backups: one a day and one when Redress closes').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Backup settings saved.')).toBeVisible();
  await expect(status).toContainText('The newest 3');
  await expect(status).toContainText('Off');
  // Kept by main: a reload shows the same.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Status' })).toContainText('The newest 3');

  // The settings file cut short (a crash, a failing disk): the defaults show, flagged, until the
  // administrator checks and saves them.
  const file = join(harness.dataDir, 'backup.json');
  await writeFile(file, (await readFile(file, 'utf8')).slice(0, 10));
  await page.reload();
  await expect(status.getByRole('alert')).toContainText(
    'This computer’s backup settings were found damaged. Redress shows its defaults below and removes no old backup until you check them',
  );
  await expect(status).toContainText('The newest 14');
  await page.getByRole('button', { name: 'Change backup settings…' }).click();
  await keep.fill('3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toContainText('The newest 3');
  await expect(status.getByRole('alert')).toHaveCount(0);
});

test('a backup made while an evidence file no longer matches its fingerprint says so, and is marked in the list', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase(PASSPHRASE);
  // An evidence file whose bytes changed on disk since it was added (a failing sector, an edit).
  const added = Buffer.from(LETTER);
  const name = createHash('sha256').update(added).digest('hex');
  await mkdir(join(harness.dataDir, 'evidence'), { recursive: true });
  await writeFile(join(harness.dataDir, 'evidence', name), Buffer.from(LETTER.replace('twice', 'once')));

  await page.getByRole('button', { name: 'Back up now' }).click();
  const notice = page.getByText(/^Backup made, but 1 evidence file on this computer no longer matches/);
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('no older backup was removed');
  await expect(backups.list.getByRole('row').nth(1)).toContainText(
    'Evidence files: 1 · 1 of them damaged when backed up',
  );
  await page.screenshot({ path: test.info().outputPath('damaged-evidence.png') });
});

test('a backup another computer made in a shared backup folder is listed, marked as made on another computer', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  const backups = await oneBackupMade(page, harness);
  // This desk's backups carry its tag; another desk writing to the same folder names its own with its tag.
  const own = await backupFile(harness.dataDir);
  expect(own).toMatch(/\.desk-[0-9a-f]{8}\.redressbackup$/);
  await copyFile(
    own,
    join(harness.dataDir, 'backups', 'redress-20261201-090000Z-daily.desk-0000beef.redressbackup'),
  );
  await page.reload();
  await expect(backups.list.getByRole('row')).toHaveCount(3);
  const elsewhere = backups.list.getByRole('row').filter({ hasText: 'Made on another computer' });
  await expect(elsewhere).toHaveCount(1);
  await expect(elsewhere.locator('[title*="Redress here never deletes it"]')).toHaveText(
    'Made on another computer',
  );
  await page.screenshot({ path: '/tmp/backups-made-elsewhere.png', fullPage: true });
});
