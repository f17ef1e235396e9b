// axe-core (WCAG 2.1 A and AA rules) over what an officer, a manager and an administrator meet, in
// the light and the dark theme: first-run setup, sign-in, every screen, the dialogs a few clicks
// away, and the lock screen. No serious or critical violation on any of them. One browser context
// per theme walks it all, from a fresh data folder.
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { expect, signIn, signOut, TEST_PASSWORD, test } from './fixtures';
import { BackupsPage } from './pages/backups';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { chooseOption } from './pages/select-option';

const ME = 'Morgan Manager';

/** The WCAG 2.1 A and AA rules. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Serious and critical violations on the page, or only inside `within` (an open dialog). axe-core
 * is put into the document once and run there: @axe-core/playwright injected its 600 KB anew and
 * opened a page of its own for every judgement (about 1.4 s each, 47 of them per theme), and the
 * app has no frames for it to reach into.
 */
async function violations(page: Page, within?: string) {
  // Let the screen settle (lists load, transitions end) before it is judged.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  // Transitions over (a dialog fading in, a button's colour): contrast is judged as it will stay.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(
    ([include, tags]) =>
      (window as unknown as { axe: typeof axe }).axe.run(include ?? document, {
        runOnly: { type: 'tag', values: tags },
      }),
    [within, TAGS] as const,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const isDark = (page: Page) =>
  page.evaluate(() => {
    const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
    return rgb[0]! + rgb[1]! + rgb[2]! < 200;
  });

// A legacy export with one row the office cannot take, so the dry run shows its table of refusals.
const LEGACY = [
  'Date received;Customer name;E-mail;Category;Details',
  '02/03/2024;Ann Lee;ann@example.com;Service;Kept waiting on the phone',
  '31/02/2024;Cat Ng;cat@example.com;Service;Rude staff',
].join('\r\n');

for (const mode of ['light', 'dark'] as const) {
  test(`every screen and dialog passes axe in the ${mode} theme`, async ({ page, harness }) => {
    test.setTimeout(900_000);
    // The desk's own theme choice, set before the first screen so setup and sign-in wear it too.
    await page.addInitScript((m) => localStorage.setItem('redress.theme', m), mode);
    const found: Record<string, string[]> = {};
    const check = async (name: string, within?: string) => {
      found[name] = await violations(page, within);
    };
    /** Opens a dialog, judges the page with it open, and closes it with Escape. */
    const inDialog = async (name: string | RegExp, open: () => Promise<unknown>) => {
      await open();
      const dialog = page.getByRole('dialog', { name });
      await expect(dialog).toBeVisible();
      // The screen behind was judged on its own; only the dialog is judged here.
      await check(`Dialog: ${String(name)}`, '[role="dialog"]');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    };

    // ── First-run setup and sign-in ──
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Set up Redress' })).toBeVisible();
    await expect.poll(() => isDark(page)).toBe(mode === 'dark');
    await check('First-run setup');
    await page.getByRole('textbox', { name: 'Your name' }).fill(ME);
    await page.getByLabel(/^New password/).fill(TEST_PASSWORD);
    await page.getByLabel('Type the new password again').fill(TEST_PASSWORD);
    await page.getByRole('checkbox', { name: 'Manager' }).check();
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await expect(page.getByRole('button', { name: `Signed in as ${ME}` })).toBeVisible();
    await signOut(page);
    await check('Sign in');
    await signIn(page, ME, 'not the right password');
    await expect(page.getByRole('alert')).toHaveText('The name or password is not right.');
    await check('Sign in: refused');
    await signIn(page, ME);
    const me = page.getByRole('button', { name: `Signed in as ${ME}` });
    await expect(me).toBeVisible();

    // ── A new complaint, its error summary, and the case's tabs ──
    const intake = new IntakePage(page);
    await intake.open(harness.url);
    await check('New complaint');
    // From the keyboard: the name field's own message, shown as it loses the focus, moves the button.
    await intake.form.getByRole('button', { name: 'Log complaint' }).press('Enter');
    await expect(
      intake.form.getByRole('alert').filter({ hasText: /There (is a problem|are problems)/ }),
    ).toBeFocused();
    await check('New complaint: error summary');
    await intake.fill({ name: 'Aroha Ngata', description: 'Charged twice.' });
    const reference = await intake.submit();
    expect(reference).toMatch(/^CMP-/);
    for (const tab of [
      'Overview',
      'Investigation',
      'Resolution',
      'Implementation and follow-up',
      'Communications',
      'Return data',
    ]) {
      await page.getByRole('tab', { name: tab }).click();
      found[`Case: ${tab}`] = await violations(page);
    }

    // ── The case's dialogs ──
    await page.getByRole('tab', { name: 'Overview' }).click();
    await inDialog('Restrict access to this case', () =>
      page.getByRole('button', { name: 'Restrict access…' }).click(),
    );
    await inDialog('Assign the case', () =>
      page.getByRole('region', { name: 'Officer' }).getByRole('button', { name: 'Reassign' }).click(),
    );
    await inDialog('Pause the service clock', () =>
      page
        .getByRole('region', { name: 'Service targets' })
        .getByRole('button', { name: 'Waiting on complainant' })
        .click(),
    );
    await inDialog('Export case report', () => page.getByRole('button', { name: 'Export PDF' }).click());
    await page.getByRole('tab', { name: 'Communications' }).click();
    await inDialog('Record a contact', () => page.getByRole('button', { name: 'Record a contact' }).click());
    await inDialog('Write a letter', () => page.getByRole('button', { name: 'Write a letter' }).click());
    const inv = new InvestigationPage(page);
    await inv.open();
    const interview = await inv.recordInterview({
      interviewee: 'Dana Cole',
      statement: 'The retry job re-ran the batch.',
      consent: true,
    });
    await inDialog('Sign off this interview?', () =>
      interview.getByRole('button', { name: 'Sign off' }).click(),
    );
    // Evidence is uploaded in place, not in a dialog: judged with the files chosen, before they are added.
    await inv.evidence
      .getByLabel('Choose files')
      .setInputFiles([{ name: 'letter.txt', mimeType: 'text/plain', buffer: Buffer.from('Dear Sir') }]);
    await expect(inv.evidence.getByRole('button', { name: 'Add 1 file' })).toBeVisible();
    await check('Case: evidence upload');
    await inv.evidence.getByRole('button', { name: 'Add 1 file' }).click();
    await expect(inv.evidence.getByRole('list', { name: 'Evidence files' })).toContainText('letter.txt');

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('link', { name: 'Complainant record' }).click();
    await check('Complainant record');

    // ── Every screen in the navigation ──
    const nav = (name: string) =>
      page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    for (const name of [
      'My work',
      'Reminders',
      'Cases',
      'Dashboard',
      'Improvements',
      'Templates',
      'Reports',
      'People and access',
      'Retention',
      'Backups',
    ]) {
      await nav(name);
      await check(name);
    }

    // Returns: the FCA return, then the ASIC report.
    await nav('Returns');
    await expect(page.getByRole('heading', { name: 'Regulatory returns', level: 1 })).toBeVisible();
    await check('Returns: FCA');
    await chooseOption(page.getByRole('combobox', { name: 'Return' }), 'ASIC IDR data report');
    // The one case is a UK (FCA) complaint: the ASIC report leaves it out.
    await expect(page.getByText(/^0 complaints in the report/)).toBeVisible();
    await check('Returns: ASIC');

    // Settings, with its Regulatory returns and Team server sections.
    await nav('Settings');
    await expect(page.getByRole('form', { name: 'Regulatory returns' })).toBeVisible();
    await page.getByRole('region', { name: 'Team server' }).scrollIntoViewIfNeeded();
    await expect(page.getByText('This desk works alone: no team server is set.')).toBeVisible();
    await check('Settings (Regulatory returns, Team server)');

    // Import: the mapping step, the dry run, then the report.
    await nav('Cases');
    await inDialog('Import a case bundle', () =>
      page.getByRole('button', { name: 'Import bundle…' }).click(),
    );
    await page.getByRole('link', { name: 'Import…' }).click();
    await expect(page.getByRole('heading', { name: 'Import complaints' })).toBeVisible();
    await check('Import: choose a file');
    await page.getByLabel('Spreadsheet file (.csv or .xlsx)').setInputFiles({
      name: 'legacy.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(LEGACY, 'utf8'),
    });
    const mapping = page.getByRole('region', { name: 'Which column holds what' });
    await expect(mapping.getByRole('combobox', { name: 'Received (required)' })).toHaveText('Date received');
    await check('Import: mapping');
    await mapping.getByRole('button', { name: 'Check every row' }).click();
    const dryRun = page.getByRole('region', { name: 'What the import will do' });
    await expect(dryRun.getByText('1 row will not be imported:')).toBeVisible();
    await check('Import: dry run');
    await dryRun.getByRole('button', { name: 'Import 1 row' }).click();
    const report = page.getByRole('region', { name: 'Import report' });
    await expect(report.getByRole('combobox', { name: 'Show' })).toHaveText('Rows not imported (1)');
    await check('Import: report');

    // ── Dialogs on the administrative screens ──
    await nav('People and access');
    await inDialog('Add a person', () => page.getByRole('button', { name: 'Add a person' }).click());
    await inDialog(`Edit ${ME}`, () => page.getByRole('button', { name: `Edit ${ME}` }).click());
    await nav('Retention');
    await inDialog('Erasure request', () => page.getByRole('button', { name: 'Erasure request…' }).click());
    await nav('Backups');
    await inDialog('Backup settings', () =>
      page.getByRole('button', { name: 'Change backup settings…' }).click(),
    );
    await inDialog('Set the backup passphrase', () =>
      page.getByRole('button', { name: 'Set backup passphrase' }).click(),
    );
    await new BackupsPage(page).setPassphrase('a long office backup phrase');
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText(/^Backup made: /)).toBeVisible({ timeout: 60_000 });
    await inDialog(/^Restore the backup of /, () =>
      page
        .getByRole('table', { name: 'Backups' })
        .getByRole('button', { name: /^Restore the backup of / })
        .first()
        .click(),
    );

    // ── The person's menu: change password, then the lock screen and its sign-out question ──
    await inDialog('Change password', async () => {
      await me.click();
      await page.getByRole('menuitem', { name: /^Change password/ }).click();
    });
    await me.click();
    await page.getByRole('menuitem', { name: /^Lock/ }).click();
    const lock = page.getByRole('dialog', { name: 'Redress is locked' });
    await expect(lock).toBeVisible();
    await check('Lock screen');
    await lock.getByRole('button', { name: 'Sign out instead' }).click();
    await expect(page.getByRole('dialog', { name: 'Sign out?' })).toBeVisible();
    await check('Lock screen: sign out?');

    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    // Everything above was judged, not skipped: 47 screens, steps and dialogs.
    expect(Object.keys(found)).toHaveLength(47);
  });
}
