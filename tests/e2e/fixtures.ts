// Every spec gets a fresh data folder, a harness serving the real renderer and handlers, and a
// page that fails the test on any console error.
import { rm } from 'node:fs/promises';
import { test as base, expect, type Page } from '@playwright/test';
import { startHarness, type Harness } from './harness/server';

export const test = base.extend<{
  harness: Harness;
  consoleErrors: string[];
  training: boolean;
  productionScrypt: boolean;
}>({
  /** `test.use({ training: true })` starts the harness on a training profile. */
  training: [false, { option: true }],
  /** `test.use({ productionScrypt: true })`: passwords hashed at the app's own cost (see HarnessOptions). */
  productionScrypt: [false, { option: true }],
  harness: async ({ training, productionScrypt }, use) => {
    const harness = await startHarness({ training, productionScrypt });
    await use(harness);
    await harness.close();
    // Retried: a write the page started just before the end can still be landing in the folder.
    await rm(harness.dataDir, { recursive: true, force: true, maxRetries: 5 });
  },
  /**
   * Every test fails on a console error or an uncaught exception in the page, whether it asks or
   * not. It takes the harness so that it ends before the harness stops: a request the page makes
   * as the server goes away is the test's end, not its error.
   */
  consoleErrors: [
    async ({ page, harness: _harness }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** The password every test account gets (the office's rules accept it). */
export const TEST_PASSWORD = 'lantern harbour orchard';
/** The administrator the fixtures set Redress up with, when the test's person is not one. */
export const FIXTURE_ADMIN = 'Ada Admin';

const ROLE_LABELS = {
  'Complaint officer': 'officer',
  Investigator: 'investigator',
  Manager: 'manager',
  Administrator: 'administrator',
} as const;
export type RoleLabel = keyof typeof ROLE_LABELS;

async function value(harness: Harness, channel: string, input?: unknown): Promise<unknown> {
  const result = await harness.call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/**
 * Makes sure `name` has an account with these roles, through the main process's account service
 * (as an administrator would): sets Redress up on first use, then adds the person. Leaves nobody
 * signed in.
 */
export async function ensureAccount(
  harness: Harness,
  name: string,
  roles: RoleLabel | readonly RoleLabel[],
  options: { approvalLimit?: number | null } = {},
): Promise<void> {
  const wanted = (Array.isArray(roles) ? roles : [roles]) as readonly RoleLabel[];
  const roleIds = wanted.map((r) => ROLE_LABELS[r]);
  const status = (await value(harness, 'auth:status')) as { setUp: boolean };
  if (!status.setUp) {
    const isAdmin = roleIds.includes('administrator');
    await value(harness, 'auth:setup', {
      name: isAdmin ? name : FIXTURE_ADMIN,
      password: TEST_PASSWORD,
      // Setup makes an administrator; other roles go with it only when there are some.
      ...(isAdmin && roleIds.length > 1 ? { roles: roleIds.filter((r) => r !== 'administrator') } : {}),
    });
    if (isAdmin) return void (await value(harness, 'auth:sign-out'));
  } else {
    await value(harness, 'auth:sign-in', { name: FIXTURE_ADMIN, password: TEST_PASSWORD });
  }
  const { accounts } = (await value(harness, 'accounts:list')) as { accounts: { name: string }[] };
  if (!accounts.some((a) => a.name === name)) {
    await value(harness, 'accounts:add', {
      name,
      roles: roleIds,
      password: TEST_PASSWORD,
      approvalLimit: options.approvalLimit ?? null,
    });
  }
  await value(harness, 'auth:sign-out');
}

/** Signs in through the sign-in screen. */
export async function signIn(page: Page, name: string, password = TEST_PASSWORD) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();
  await form.getByLabel('Your name').fill(name);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the app as `name` (an account with `role` is made if there is none) and signs in. */
export async function openAppAs(
  page: Page,
  harness: Harness,
  name = 'Alex Officer',
  role: RoleLabel | readonly RoleLabel[] = 'Complaint officer',
) {
  await ensureAccount(harness, name, role);
  await page.goto(harness.url);
  await signIn(page, name);
  await expect(page.getByRole('button', { name: `Signed in as ${name}` })).toBeVisible();
}

/** Signs out through the person's menu; the sign-in screen follows. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^Signed in as / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
}
