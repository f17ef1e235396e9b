// Who is acting: first-run setup, sign-in refusals, the lock screen (on demand and after idle) that
// keeps what was typed, and signing out. Main holds the session; the page only shows it. At the
// app's own password-hashing cost (the other specs run at a cheap one).
import { createAccountStore } from '../../src-main/services/accounts/account-store';
import { PRODUCTION_SCRYPT } from '../../src-main/services/accounts/passwords';
import { IntakePage } from './pages/intake';
import { TEST_PASSWORD, ensureAccount, expect, openAppAs, signIn, signOut, test } from './fixtures';

test.use({ productionScrypt: true });

test('first run makes the administrator, with the password rules checked beside the fields', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Set up Redress' })).toBeVisible();
  const name = page.getByRole('textbox', { name: 'Your name' });
  const password = page.getByLabel(/^New password/);
  const confirm = page.getByLabel('Type the new password again');
  await name.fill('José Díaz');
  await password.fill('Password2024!');
  await confirm.fill('Password2024!');
  await page.getByRole('checkbox', { name: 'Manager' }).check();
  await page.getByRole('button', { name: 'Set up and sign in' }).click();
  await expect(page.getByText('That password is too common or too easy to guess')).toBeVisible();
  await password.fill('josé díaz');
  await page.getByRole('button', { name: 'Set up and sign in' }).click();
  await expect(page.getByText(/Use at least 12 characters|not your name/)).toBeVisible();
  await password.fill(TEST_PASSWORD);
  await confirm.fill(TEST_PASSWORD + ' ');
  await page.getByRole('button', { name: 'Set up and sign in' }).click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();
  await expect(name).toHaveValue('José Díaz'); // nothing typed is lost
  await page.screenshot({ path: test.info().outputPath('setup.png'), fullPage: true });
  await confirm.fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Set up and sign in' }).click();

  const me = page.getByRole('button', { name: 'Signed in as José Díaz' });
  await expect(me).toBeVisible();
  await me.click();
  await expect(page.getByRole('menu')).toContainText('Manager, Administrator');
  await page.keyboard.press('Escape');

  // A reload keeps the session: main holds it, not the page.
  await page.reload();
  await expect(me).toBeVisible();
  // Set up once only.
  const again = await harness.call('auth:setup', { name: 'Mallory', password: 'another long phrase' });
  expect(again).toMatchObject({ ok: false, error: { message: /already set up/ } });
  // Stored at the production cost, as on an office's computer.
  const { ln, r, p } = PRODUCTION_SCRYPT;
  const [stored] = (await createAccountStore(harness.dataDir).read()).accounts;
  expect(stored?.passwordHash.startsWith(`$scrypt$ln=${ln},r=${r},p=${p}$`)).toBe(true);
});

test('a wrong password is refused and written to the security log; the right one signs in', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await ensureAccount(harness, 'Priya Shah', 'Complaint officer');
  await page.goto(harness.url);
  await signIn(page, 'priya shah', 'not my password at all');
  await expect(page.getByRole('alert')).toHaveText('The name or password is not right.');
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('priya shah');
  // The same words for a name nobody has, so the screen does not tell who has an account.
  await signIn(page, 'Nobody Here', TEST_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText('The name or password is not right.');
  await page.screenshot({ path: test.info().outputPath('sign-in-refused.png'), fullPage: true });
  // Names match without case or accents.
  await signIn(page, 'PRIYA SHAH');
  await expect(page.getByRole('button', { name: 'Signed in as Priya Shah' })).toBeVisible();
  await signOut(page);

  await harness.call('auth:sign-in', { name: 'Ada Admin', password: TEST_PASSWORD });
  const log = await harness.call('accounts:security-log', {});
  expect(log.ok).toBe(true);
  const entries = (log as { value: { entries: { event: string; subject: { name: string } | null }[] } }).value
    .entries;
  expect(entries).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        event: 'sign-in-failed',
        subject: expect.objectContaining({ name: 'Priya Shah' }),
      }),
      expect.objectContaining({ event: 'sign-in-failed', subject: null }),
      expect.objectContaining({ event: 'sign-in', subject: expect.objectContaining({ name: 'Priya Shah' }) }),
      expect.objectContaining({
        event: 'sign-out',
        subject: expect.objectContaining({ name: 'Priya Shah' }),
      }),
    ]),
  );
});

test('the lock screen keeps a half-typed complaint: Ctrl+L, a wrong password, then the right one', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.form.getByRole('textbox', { name: 'Complainant name' }).fill('Zoë Ng');
  const about = intake.form.getByRole('textbox', { name: 'What is the complaint about?' });
  await about.fill('Charged twice for the same transfer on 3 March; the branch said');

  await page.keyboard.press('Control+l');
  const lock = page.getByRole('dialog', { name: 'Redress is locked' });
  await expect(lock).toBeVisible();
  await expect(lock).toContainText('Priya Shah is signed in.');
  // Nothing behind it answers while locked, nor can it be selected and copied (Select All).
  await expect(intake.form).toBeHidden();
  await page.mouse.click(5, 5);
  await page.keyboard.press('Control+a');
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  expect(selected).not.toContain('What is the complaint about');
  expect(selected).not.toContain('My work');
  await page.screenshot({ path: test.info().outputPath('locked.png'), fullPage: true });
  const status = await harness.call('reports:choose-folder');
  expect(status).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

  await lock.getByLabel('Password').fill('wrong password here');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toHaveText('That password is not right.');
  await expect(lock.getByLabel('Password')).toHaveValue('');
  await lock.getByLabel('Password').fill(TEST_PASSWORD);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toBeHidden();
  await expect(intake.form.getByRole('textbox', { name: 'Complainant name' })).toHaveValue('Zoë Ng');
  await expect(about).toHaveValue('Charged twice for the same transfer on 3 March; the branch said');
  await about.pressSequentially(' it was pending.');
  await expect(about).toHaveValue(
    'Charged twice for the same transfer on 3 March; the branch said it was pending.',
  );
});

test('the app locks itself after the office’s idle minutes, and unlocks keeping the work', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await page.clock.install();
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  const about = intake.form.getByRole('textbox', { name: 'What is the complaint about?' });
  await about.fill('Half a sentence about the');
  // Nine minutes of quiet: still open (the default idle lock is ten minutes).
  await page.clock.fastForward('09:00');
  await expect(intake.form).toBeVisible();
  await page.clock.fastForward('01:10');
  const lock = page.getByRole('dialog', { name: 'Redress is locked' });
  await expect(lock).toBeVisible();
  await lock.getByLabel('Password').fill(TEST_PASSWORD);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(about).toHaveValue('Half a sentence about the');
});

test('signing out from the lock screen warns that unsaved work is lost', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors; // fails the test on any console error
  await openAppAs(page, harness, 'Priya Shah');
  await page.getByRole('button', { name: 'Signed in as Priya Shah' }).click();
  await page.getByRole('menuitem', { name: /^Lock/ }).click();
  const lock = page.getByRole('dialog', { name: 'Redress is locked' });
  await lock.getByRole('button', { name: 'Sign out instead' }).click();
  const confirm = page.getByRole('dialog', { name: 'Sign out?' });
  await expect(confirm).toContainText('Anything typed but not yet saved');
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
});
