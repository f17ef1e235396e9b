// A staff complaint restricted by a manager, and another restricted at intake by the officer who
// logs it: an officer they are not given to finds neither in the case list, search or dashboard,
// nor by the case's address; the manager sees both, and each opening of one is on its timeline.
import type { Page } from '@playwright/test';
import { ensureAccount, expect, openAppAs, signIn, signOut, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { previewLetter } from './pages/templates';

/** Logs a complaint; returns its reference and its page's address. */
async function log(page: Page, baseUrl: string, name: string, description: string, restricted = false) {
  const intake = new IntakePage(page);
  await intake.open(baseUrl);
  await intake.fill({ name, description });
  if (restricted) {
    const box = intake.form.getByRole('checkbox', { name: 'Restricted (staff complaint, whistleblowing)' });
    await box.check();
    await expect(intake.form.getByText('Only a manager can lift this.', { exact: false })).toBeVisible();
  }
  const reference = await intake.submit();
  return { reference, url: page.url() };
}

const caseList = (page: Page) => page.getByRole('table', { name: /^Cases/ });
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });
const views = (page: Page) =>
  timeline(page).getByRole('listitem').filter({ hasText: 'Viewed (restricted case)' });

async function casesCount(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}#/cases`);
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  return page.getByText(/^\d+ cases?$/);
}

/** Types a search and waits for the list to take it (it reaches the address after a pause). */
async function search(page: Page, words: string) {
  await page.getByRole('search').getByRole('textbox', { name: 'Search' }).fill(words);
  await expect(page).toHaveURL((url) => new URLSearchParams(url.hash.split('?')[1]).get('q') === words);
}

async function dashboardTotal(page: Page) {
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  return page.getByText(/complaints? received from/);
}

test('restricted cases: only the assignee, the escalation owner and managers see them, and every view is recorded', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(120_000);
  await ensureAccount(harness, 'Priya Shah', 'Complaint officer');
  await ensureAccount(harness, 'Sam Lee', 'Complaint officer');

  // Priya logs a whistleblowing complaint restricted from the start, and an ordinary one.
  await openAppAs(page, harness, 'Priya Shah');
  const whistle = await log(
    page,
    harness.url,
    'Robin Vale',
    'Whistleblowing: the payroll figures were altered.',
    true,
  );
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Restricted');
  const ordinary = await log(page, harness.url, 'Grace Okafor', 'My statement arrived three weeks late.');
  await signOut(page);

  // A manager logs a staff complaint and restricts it, with a reason.
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  const staff = await log(
    page,
    harness.url,
    'Dana Reyes',
    'The branch manager shouted at me at the counter.',
  );
  await page.getByRole('button', { name: 'Restrict access…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restrict access to this case' });
  await dialog.getByRole('button', { name: 'Restrict access' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Say why who may see this case changes.');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('A complaint about a member of staff.');
  await dialog.getByRole('button', { name: 'Restrict access' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Restricted');
  await expect(timeline(page)).toContainText('Access restricted — Morgan Manager');
  await expect(timeline(page)).toContainText('Reason: A complaint about a member of staff.');
  await expect(page.getByRole('button', { name: 'Lift restriction…' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('manager-case.png'), fullPage: true });

  // The manager sees all three, the restricted ones marked, in the list, search and the dashboard.
  await expect(await casesCount(page, harness.url)).toHaveText('3 cases');
  for (const c of [whistle, ordinary, staff])
    await expect(page.getByRole('link', { name: c.reference })).toBeVisible();
  await expect(caseList(page).getByRole('row').filter({ hasText: staff.reference })).toContainText(
    'Restricted',
  );
  await page.screenshot({ path: test.info().outputPath('manager-list.png') });
  await search(page, 'branch manager shouted');
  await expect(caseList(page).getByRole('row').filter({ hasText: staff.reference })).toBeVisible();
  await expect(await dashboardTotal(page)).toHaveText(/^3 complaints received/);
  await signOut(page);

  // Sam, an officer neither case is given to, sees only the ordinary one: not listed, counted,
  // found or charted, and not by its address either.
  await signIn(page, 'Sam Lee');
  await expect(await casesCount(page, harness.url)).toHaveText('1 case');
  await expect(page.getByRole('link', { name: ordinary.reference })).toBeVisible();
  await expect(page.getByRole('link', { name: staff.reference })).toHaveCount(0);
  await expect(page.getByRole('link', { name: whistle.reference })).toHaveCount(0);
  await search(page, 'branch manager shouted');
  await expect(page.getByText(/^No case matches this search\./)).toBeVisible();
  await search(page, staff.reference);
  await expect(page.getByText(/^No case matches this search\./)).toBeVisible();
  await search(page, 'payroll');
  await expect(page.getByText(/^No case matches this search\./)).toBeVisible();
  await expect(await dashboardTotal(page)).toHaveText(/^1 complaint received/);
  await page.goto(staff.url);
  // The snackbar of the complaint logged earlier may still be showing: find the refusal among the alerts.
  await expect(page.getByRole('alert').filter({ hasText: 'You can’t see this case.' })).toBeVisible();
  await expect(page.getByText('Dana Reyes')).toHaveCount(0);
  await expect(page.getByText(staff.reference)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('officer-refused.png') });
  // Nor through a letter template's preview, which would show the complainant's details.
  const { previewCase, preview } = await previewLetter(page, 'Acknowledgement', ordinary.reference);
  await expect(preview).toContainText('Grace Okafor');
  await previewCase.fill(staff.reference);
  await expect(previewCase).toHaveAccessibleDescription('No case has this reference.');
  await expect(preview).toHaveCount(0);
  await expect(page.getByText('Dana Reyes')).toHaveCount(0);
  await signOut(page);

  // Priya still has her restricted case (it is assigned to her); opening it is recorded once.
  await signIn(page, 'Priya Shah');
  await expect(await casesCount(page, harness.url)).toHaveText('2 cases');
  await page.goto(whistle.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(whistle.reference);
  await expect(views(page).filter({ hasText: 'Priya Shah' })).toHaveCount(2); // on logging it, and now
  await signOut(page);

  // The manager opens the staff complaint: each opening adds one line, moving between tabs none.
  await signIn(page, 'Morgan Manager');
  await page.goto(staff.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(staff.reference);
  await expect(views(page)).toHaveCount(2); // when restricted with the page open, and this opening
  await page.getByRole('tab', { name: 'Investigation' }).click();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(timeline(page)).toBeVisible();
  await page.reload();
  await expect(views(page)).toHaveCount(3);
  await expect(views(page).last()).toContainText('Morgan Manager');
  await page.screenshot({ path: test.info().outputPath('manager-timeline.png'), fullPage: true });
});
