// A settings file that cannot be read is shown, not silently replaced: an administrator chooses
// the last good copy or the defaults; anyone else is told to call one.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Harness } from './harness/server';
import type { Page } from '@playwright/test';
import { FIXTURE_ADMIN, TEST_PASSWORD, ensureAccount, expect, signIn, test } from './fixtures';

/** Signs in; the settings dialog, being modal, hides the app from the accessibility tree. */
async function signInAs(
  page: Page,
  harness: Harness,
  name: string,
  role: 'Administrator' | 'Complaint officer',
) {
  await ensureAccount(harness, name, role);
  await page.goto(harness.url);
  await signIn(page, name);
}

/** An office with a custom approval threshold, its settings file then cut short. */
async function damagedOffice(harness: Harness) {
  await ensureAccount(harness, FIXTURE_ADMIN, 'Administrator');
  await harness.call('auth:sign-in', { name: FIXTURE_ADMIN, password: TEST_PASSWORD });
  const set = await harness.call('settings:set', {
    officeName: 'Harbour Bank',
    approvalRules: { monetaryThreshold: 2500, critical: true, legal: true },
  });
  expect(set.ok).toBe(true);
  await harness.call('auth:sign-out');
  const file = join(harness.dataDir, 'settings.json');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.slice(0, text.length / 2));
}

test('an administrator is shown the damage and goes back to the last good copy', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await damagedOffice(harness);
  await signInAs(page, harness, FIXTURE_ADMIN, 'Administrator');

  const dialog = page.getByRole('dialog', { name: 'The settings file was damaged' });
  await expect(dialog).toContainText(/It was kept aside as settings\.json\.damaged-[\dT-]+Z\./);
  await expect(dialog).toContainText('Until you choose, Redress uses the last good copy.');
  await page.screenshot({ path: test.info().outputPath('settings-damaged.png') });
  await dialog.getByRole('button', { name: /^Use the last good copy \(from .+\)$/ }).click();
  await expect(dialog).toHaveCount(0);

  // The office's own settings, not the defaults: the threshold stays 2,500.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Approval needed above this amount')).toHaveValue('2500');
  const saved = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as {
    approvalRules: { monetaryThreshold: number };
  };
  expect(saved.approvalRules.monetaryThreshold).toBe(2500);
  // The damaged file is kept for support.
  expect((await readdir(harness.dataDir)).some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);

  // Settled: a reload asks nothing.
  await page.reload();
  await expect(page.getByRole('button', { name: `Signed in as ${FIXTURE_ADMIN}` })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('someone else is told to call the administrator, who may start from the defaults', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await damagedOffice(harness);
  await signInAs(page, harness, 'Alex Officer', 'Complaint officer');
  const note = page.getByRole('dialog', { name: 'The settings file was damaged' });
  await expect(note).toContainText('Call your administrator.');
  await expect(note.getByRole('button', { name: /Use the last good copy/ })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('settings-damaged-officer.png') });
  await note.getByRole('button', { name: 'OK' }).click();
  await expect(note).toHaveCount(0);
  // Main refuses the choice to anyone but an administrator.
  expect(await harness.call('settings:keep-defaults')).toMatchObject({
    ok: false,
    error: { code: 'PERMISSION' },
  });

  await page.getByRole('button', { name: 'Signed in as Alex Officer' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInAs(page, harness, FIXTURE_ADMIN, 'Administrator');
  const dialog = page.getByRole('dialog', { name: 'The settings file was damaged' });
  await dialog.getByRole('button', { name: 'Start from the default settings' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Approval needed above this amount')).toHaveValue('500');
});
