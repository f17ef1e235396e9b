// The desk's own disk fills while an officer works. The browser profile (and so the case database)
// lives on a small filesystem of its own, which a filler file fills. Chromium's IndexedDB does not
// fail cleanly on a full disk: the write is aborted, the browser closes the database, and the one it
// opens next may be empty. So Redress watches the disk and stops writing first; and should the disk
// fill faster than it looks, it says so in words, holds the app until the person has freed space and
// opens the database again, and checks it before anything is written.
import type { BrowserContext, Page, PlaywrightWorkerArgs } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { CANNOT_FILL_A_DISK, mountSmallDisk, skipDiskFilling, type SmallDisk } from '../support/full-disk';
import { expect, openAppAs, test, type RoleLabel } from './fixtures';
import { startHarness, type Harness } from './harness/server';
import { BackupsPage } from './pages/backups';
import { IntakePage } from './pages/intake';

const MiB = 1024 * 1024;
const DESCRIPTION = 'Charged twice for the March bill — “please refund me” (£42.10).';
const NAME = 'Siobhán Ó Briain';

/** A page whose browser profile is on `disk`. */
async function deskOn(
  playwright: PlaywrightWorkerArgs['playwright'],
  disk: SmallDisk,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await playwright.chromium.launchPersistentContext(`${disk.dir}/profile`, {
    ...(CHROMIUM_PATH ? { executablePath: CHROMIUM_PATH } : {}),
    args: CHROMIUM_ARGS,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1366, height: 768 },
  });
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/**
 * Runs `use` with a small disk, a harness (watching that disk too, when `watchDisk`) and a page on
 * it, signed in as `person` (an officer unless given).
 */
async function withSmallDisk(
  playwright: PlaywrightWorkerArgs['playwright'],
  watchDisk: boolean,
  use: (desk: { disk: SmallDisk; harness: Harness; page: Page }) => Promise<void>,
  person: { name: string; roles: RoleLabel[] } = { name: 'Alex Officer', roles: ['Complaint officer'] },
): Promise<void> {
  const disk = await mountSmallDisk('128m');
  try {
    const harness = await startHarness(watchDisk ? { storagePaths: [disk.dir] } : {});
    try {
      const { context, page } = await deskOn(playwright, disk);
      try {
        await openAppAs(page, harness, person.name, person.roles);
        await use({ disk, harness, page });
      } finally {
        await context.close();
      }
    } finally {
      await harness.close();
    }
  } finally {
    await disk.remove();
  }
}

test.beforeEach(async () => {
  test.skip(await skipDiskFilling(), CANNOT_FILL_A_DISK);
});

test('with the disk nearly full the officer is warned; almost full, nothing is saved and nothing typed is lost; freed, it saves', async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  await withSmallDisk(playwright, true, async ({ disk, harness, page }) => {
    const intake = new IntakePage(page);
    const first = await intake.log(harness.url, {
      name: 'Đặng Thị Hoa',
      description: 'Logged with room to spare.',
    });

    // Nearly full (under a tenth of this small disk left): a warning on every screen, saving goes on.
    await disk.fill(8 * MiB);
    const low = page.getByRole('status').filter({ hasText: 'disk is nearly full' });
    await expect(low).toContainText(/This computer’s disk is nearly full: \d MB left/);
    await expect(low).toContainText('Free some disk space soon');
    const second = await intake.log(harness.url, {
      name: 'Ngũgĩ wa Thiong’o',
      description: 'Logged while warned.',
    });

    // Almost full: every save is refused before the database is asked, and says why.
    await intake.open(harness.url);
    await intake.fill({ name: NAME, email: 'siobhan@example.ie', description: DESCRIPTION });
    await disk.fill(1 * MiB);
    const critical = page
      .getByRole('alert')
      .filter({ hasText: 'Redress saves nothing until space is freed, so that' });
    await expect(critical).toContainText('Redress saves nothing until space is freed');
    await intake.form.getByRole('button', { name: 'Log complaint' }).click();
    const refused = intake.form.getByRole('alert').filter({ hasText: 'The complaint was not saved' });
    await expect(refused).toContainText(
      /The complaint was not saved: This computer’s disk is almost full \(\d MB left\), so Redress saves nothing until space is freed/,
    );
    await expect(refused).toContainText('What you typed is still here.');
    await expect(intake.form.getByRole('textbox', { name: 'What is the complaint about?' })).toHaveValue(
      DESCRIPTION,
    );
    await expect(intake.form.getByRole('textbox', { name: 'Complainant name' })).toHaveValue(NAME);
    await page.screenshot({ path: test.info().outputPath('disk-almost-full.png'), fullPage: true });

    // Space freed: the warning goes, and the same click logs the complaint.
    await disk.free();
    await expect(critical).toBeHidden();
    const third = await intake.submit();
    await page.goto(`${harness.url}#/cases`);
    for (const reference of [first, second, third])
      await expect(page.getByRole('link', { name: reference })).toBeVisible();
    await expect(page.getByRole('link', { name: /^CMP-\d{4}-\d{6}$/ })).toHaveCount(3);
  });
});

test('a disk that fills faster than Redress looks: the save is refused in words, the app holds until the database is opened again, and never shows an empty office', async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  // The harness watches only its own data folder: the page's disk fills unseen.
  await withSmallDisk(playwright, false, async ({ disk, harness, page }) => {
    const intake = new IntakePage(page);
    const first = await intake.log(harness.url, {
      name: 'Đặng Thị Hoa',
      description: 'Logged before the disk filled.',
    });
    await intake.open(harness.url);
    await intake.fill({ name: NAME, email: 'siobhan@example.ie', description: DESCRIPTION });
    await disk.fill();
    await intake.form.getByRole('button', { name: 'Log complaint' }).click();
    // The dialog below hides the page from the accessibility tree: the form is read behind it.
    const behind = page.getByRole('form', { name: 'New complaint', includeHidden: true });
    const refused = behind.getByText('The complaint was not saved');
    await expect(refused).toContainText(
      'The complaint was not saved: This computer could not write to its case database: its disk may be full.',
    );
    await expect(refused).not.toContainText('transaction');

    // The browser closed the database: the app says so and holds, the form still filled behind it.
    const closed = page.getByRole('dialog', { name: 'The case database was closed' });
    await expect(closed).toContainText('most likely because this computer’s disk is full');
    await page.screenshot({ path: test.info().outputPath('database-closed.png') });
    await expect(
      behind.getByRole('textbox', { name: 'What is the complaint about?', includeHidden: true }),
    ).toHaveValue(DESCRIPTION);

    // Space freed, opened again: Redress checks the database (the census gate) before anything is
    // written, finds it whole, and the same click logs the complaint. (Opened again while the disk
    // was still full, Chromium has handed back an empty database here; the census gate would then
    // show what was lost rather than an empty office.)
    await disk.free();
    await closed.getByRole('button', { name: 'Open the database again' }).click();
    await expect(closed).toBeHidden();
    const second = await intake.submit();
    await expect(page.getByRole('heading', { name: 'The case database needs attention' })).toHaveCount(0);
    await page.goto(`${harness.url}#/cases`);
    for (const reference of [first, second])
      await expect(page.getByRole('link', { name: reference })).toBeVisible();
    await expect(page.getByRole('link', { name: /^CMP-\d{4}-\d{6}$/ })).toHaveCount(2);
  });
});

test('a restore started while the disk is almost full is refused in words before anything is written, and the office stays as it was', async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  const admin = { name: 'Ada Admin', roles: ['Administrator', 'Manager'] as RoleLabel[] };
  await withSmallDisk(
    playwright,
    true,
    async ({ disk, harness, page }) => {
      const intake = new IntakePage(page);
      const first = await intake.log(harness.url, { name: 'Đặng Thị Hoa', description: 'In the backup.' });
      const backups = new BackupsPage(page);
      await backups.open();
      await backups.setPassphrase('copper kettle under the stairs');
      await backups.backUpNow();
      const second = await intake.log(harness.url, { name: NAME, description: 'Made after the backup.' });

      // The restore writes the backup's rows into a new database in a worker, which the page's
      // guard does not reach: the worker hears the disk too, and refuses its first write.
      await disk.fill(1 * MiB);
      await backups.open();
      await expect(
        page.getByRole('alert').filter({ hasText: 'saves nothing until space is freed' }),
      ).toBeVisible();
      const dialog = await backups.replaceWith('By hand');
      await expect(dialog.getByRole('alert')).toContainText(
        /This computer’s disk is almost full \(\d MB left\), so Redress saves nothing until space is freed/,
        { timeout: 60_000 },
      );
      await page.screenshot({ path: test.info().outputPath('restore-refused-disk-full.png') });
      await dialog.getByRole('button', { name: 'Close' }).click();

      // Nothing changed: both cases are here, the one made after the backup too.
      await disk.free();
      await page.goto(`${harness.url}#/cases`);
      for (const reference of [first, second])
        await expect(page.getByRole('link', { name: reference })).toBeVisible();
      await expect(page.getByRole('link', { name: /^CMP-\d{4}-\d{6}$/ })).toHaveCount(2);
    },
    admin,
  );
});
