// A restore cut short: the browser dies while the backup is being imported. On the next start the
// office is as it was (the pointer to the case database never moved) and the half-imported
// database is deleted. A persistent browser profile the test owns makes "the next start" real.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { expect, openAppAs, signIn, test } from './fixtures';
import { BackupsPage } from './pages/backups';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

// The office is filled with demo data, which only a training profile accepts.
test.use({ training: true });

const ADMIN = 'Ada Admin';

/** The browser process of this profile (not its renderers and helpers, which carry --type=). */
function browserPid(profile: string): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const main = lines.find((l) => l.includes(`--user-data-dir=${profile}`) && !l.includes('--type='));
  if (!main) throw new Error('The browser process of the test profile was not found');
  return Number(main.trim().split(/\s+/)[0]);
}

async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

test('the browser killed during a restore: the office is as it was, the half import deleted', async ({
  harness,
}) => {
  test.setTimeout(300_000);
  const profile = await mkdtemp(join(tmpdir(), 'redress-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      headless: true,
      ...(CHROMIUM_PATH ? { executablePath: CHROMIUM_PATH } : {}),
      args: CHROMIUM_ARGS,
    });
  try {
    let context = await launch();
    let page = await firstPage(context);
    await openAppAs(page, harness, ADMIN, ['Administrator', 'Manager']);
    // Enough rows that the import takes a moment.
    await page.getByRole('link', { name: 'Settings' }).click();
    await chooseOption(page.getByLabel('How many cases'), '1,000');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await expect(page.getByText('1,000 demo cases added')).toBeVisible({ timeout: 120_000 });

    const backups = new BackupsPage(page);
    await backups.open();
    await backups.setPassphrase('copper kettle under the stairs');
    await backups.backUpNow();
    const intake = new IntakePage(page);
    await intake.open(harness.url);
    await intake.fill({ name: 'Made after the backup', description: 'Logged after the backup was made.' });
    await intake.submit();

    await backups.open();
    await backups.list
      .getByRole('row')
      .last()
      .getByRole('button', { name: /^Restore the backup of / })
      .click();
    const dialog = page.getByRole('dialog', { name: /^Restore the backup of / });
    await dialog.getByLabel('I understand that what is here now will be replaced').check();
    // A slow computer: the import then takes long enough to be cut short.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await dialog.getByRole('button', { name: 'Replace with this backup' }).click();
    await expect(dialog.getByText(/^Restoring the case database: /)).toBeVisible({ timeout: 120_000 });
    const halfImports = await page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name).filter((n) => n !== 'redress'),
    );
    expect(halfImports).toHaveLength(1);
    process.kill(browserPid(profile), 'SIGKILL');
    await context.close().catch(() => undefined);

    // The next start, on the same profile.
    context = await launch();
    page = await firstPage(context);
    await harness.call('auth:sign-out');
    await page.goto(harness.url);
    await signIn(page, ADMIN);
    await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await expect(page.getByRole('main')).toContainText('Made after the backup');
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
      .toEqual(['redress']);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
