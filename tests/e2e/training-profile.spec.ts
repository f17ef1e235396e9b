// Practising without touching real complaints: a training profile says TRAINING on every screen,
// takes demo data and is wiped back to first-run setup in one step; a live profile refuses demo
// data, on screen and at main.
import { readdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { FIXTURE_ADMIN, ensureAccount, expect, openAppAs, signIn, test } from './fixtures';
import { chooseOption } from './pages/select-option';

const BANNER = 'TRAINING — practice data, not real complaints';
const banner = (page: Page) => page.getByRole('complementary', { name: 'Training profile' });

test.describe('a training profile', () => {
  test.use({ training: true });

  test('says TRAINING everywhere, loads demo data and is wiped back to setup', async ({
    page,
    harness,
    consoleErrors,
  }) => {
    void consoleErrors; // fails the test on any console error
    test.setTimeout(120_000);

    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Set up Redress' })).toBeVisible();
    await expect(banner(page)).toHaveText(BANNER);
    await page.screenshot({ path: test.info().outputPath('setup.png') });

    // A manager too: an administrator alone handles no cases, so sees none.
    await ensureAccount(harness, FIXTURE_ADMIN, ['Manager', 'Administrator']);
    await page.reload();
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    await expect(banner(page)).toHaveText(BANNER);
    await page.screenshot({ path: test.info().outputPath('sign-in.png') });
    await signIn(page, FIXTURE_ADMIN);
    await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
    await expect(banner(page)).toHaveText(BANNER);

    await page.getByRole('link', { name: 'Settings' }).click();
    await chooseOption(page.getByLabel('How many cases'), '100', { exact: true });
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await expect(page.getByText('100 demo cases added')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText(/The demo staff now have accounts/)).toBeVisible();

    await page.getByRole('link', { name: 'Cases' }).click();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await expect(banner(page)).toHaveText(BANNER);
    await page.screenshot({ path: test.info().outputPath('cases.png') });

    // Wiping: one confirmation, then first-run setup again, with nothing left but the marker.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Wipe the training profile…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Wipe the training profile?' });
    // Over the dialog's backdrop too (hidden from screen readers while the dialog is modal, as all else is).
    await expect(page.getByText(BANNER)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('wipe-confirm.png') });
    await confirm.getByRole('button', { name: 'Wipe everything' }).click();
    await expect(page.getByRole('heading', { name: 'Set up Redress' })).toBeVisible();
    await expect(banner(page)).toHaveText(BANNER);
    expect(await readdir(harness.dataDir)).toEqual(['profile.json']);

    // Set up afresh: the cases went with the rest.
    await openAppAs(page, harness, 'Tess Trainer', ['Manager', 'Administrator']);
    await expect(page.getByText('No complaints logged yet')).toBeVisible();
    await expect(banner(page)).toHaveText(BANNER);
  });
});

test.describe('a live profile', () => {
  test('has no banner, offers no demo data, and main refuses the demo path and the wipe', async ({
    page,
    harness,
    consoleErrors,
  }) => {
    void consoleErrors; // fails the test on any console error
    await openAppAs(page, harness, FIXTURE_ADMIN, 'Administrator');
    await page.getByRole('link', { name: 'Settings' }).click();
    const demo = page.getByRole('region', { name: 'Demo and training data' });
    await expect(demo).toContainText('Demo data is only for training profiles');
    await expect(demo).toContainText('start Redress with --training');
    await expect(demo.getByRole('button', { name: 'Load demo data' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Wipe the training profile…' })).toHaveCount(0);
    await expect(banner(page)).toHaveCount(0);
    await demo.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('live-demo-refused.png') });

    // The page calling main directly, as a script would: refused, and nothing made or deleted.
    const answers = await page.evaluate(async () => {
      const api = window.api!;
      return [await api.training.demoAccounts(), await api.training.wipe()];
    });
    for (const answer of answers)
      expect(answer).toMatchObject({ ok: false, error: { code: 'PERMISSION', message: /training profile/ } });
    const people = await page.evaluate(() => window.api!.accounts.list());
    expect(people).toMatchObject({ ok: true, value: { accounts: [{ name: FIXTURE_ADMIN }] } });
    await expect(page.getByRole('button', { name: `Signed in as ${FIXTURE_ADMIN}` })).toBeVisible();
  });

  test('notices a training database opened as the live profile', async ({ page, harness, consoleErrors }) => {
    void consoleErrors; // fails the test on any console error
    await openAppAs(page, harness, FIXTURE_ADMIN, 'Administrator');
    // The mark a training profile leaves in its database, put in this one as a copied folder would.
    await page.evaluate(async () => {
      const name = (await indexedDB.databases())[0]?.name;
      if (!name) throw new Error('The app opened no database.');
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('counters', 'readwrite');
          tx.objectStore('counters').put({ key: 'profile:training', value: 1 });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    });
    await page.reload();
    const warning = page.getByRole('complementary', { name: 'Training data in the live profile' });
    await expect(warning).toContainText('This database holds training data');
    await expect(banner(page)).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('live-holds-training.png') });
  });
});
