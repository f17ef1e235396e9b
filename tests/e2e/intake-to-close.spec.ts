import { expect, openAppAs, test } from './fixtures';
import { CasePage } from './pages/case';
import { CommunicationsTab } from './pages/communications';
import { IntakePage } from './pages/intake';
import { ResolutionPage } from './pages/resolution';
import { InvestigationPage } from './pages/investigation';

test('a complaint goes through all five steps: acknowledge, investigate, resolve, implement, close', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  // The whole five-step journey: about 35 s on a quiet 2-core machine, over a minute on a busy one (CI, once).
  test.setTimeout(120_000);
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Ngũgĩ Kamau',
    category: 'Payments',
    subcategory: 'Card blocked',
    description: 'My card was blocked abroad and nobody answered for two weeks.',
    severity: 'High',
  });
  const reference = await intake.submit();
  const c = new CasePage(page);
  await c.expectStatus('Received');
  await expect(page.getByRole('region', { name: 'Deadlines' })).toContainText('Acknowledge by');

  await c.move('Acknowledge', 'Acknowledged');
  // Moving on needs the stage's required checklist items: the refusal names the one missing.
  await c.workflow.getByRole('button', { name: 'Start investigation' }).click();
  await expect(c.workflow.getByRole('alert')).toContainText('Not possible yet');
  await expect(c.workflow.getByRole('alert')).toContainText('Confirm receipt');
  await c.expectStatus('Acknowledged');
  await c.tick('Confirm receipt', 'Outline next steps');
  await c.move('Start investigation', 'Investigating');

  await c.tick('Gather records', 'Find the root cause', 'Document findings');
  // The overview shows the finding; it is recorded in the Investigation tab.
  const summary = page.getByRole('region', { name: 'Finding and root cause' });
  await expect(summary).toContainText('Not yet decided');
  await summary.getByRole('link', { name: 'Record the finding' }).click();
  const inv = new InvestigationPage(page);
  await inv.recordFinding({
    rootCause: 'Process',
    finding: 'Upheld',
    rationale: 'Fraud rule blocked all cards used in Kenya.',
  });
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(summary).toContainText('Upheld');
  await expect(summary).toContainText('Fraud rule blocked all cards used in Kenya.');
  // Proposing rests on a written proposal: the next step takes the officer to the Resolution tab.
  const resolution = new ResolutionPage(page);
  await resolution.proposeApology({
    why: 'Our fraud rule was wrong.',
    summary: 'We apologise and have corrected the fraud rule.',
  });
  await resolution.approval.getByRole('button', { name: 'Record response' }).click();
  await c.expectStatus('Resolution accepted');

  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(async () => c.tick('Evaluate options', 'Communicate the outcome')).toPass();
  await c.move('Start implementing', 'Implementing');
  await c.move('Start follow-up', 'Follow-up');
  await expect(async () => c.tick('Carry out the remedy', 'Follow up with the complainant')).toPass();

  // Closing rests on the follow-up, recorded on its tab; and on the final response having been sent.
  await c.workflow.getByRole('link', { name: 'Close case' }).click();
  const follow = page.getByRole('region', { name: 'Follow-up' });
  await follow.getByRole('radio', { name: '5', exact: true }).check();
  await follow.getByRole('radio', { name: 'Yes' }).check();
  await follow.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(follow.getByRole('alert')).toContainText(
    'Record the final response sent to the complainant (Communications → Write a letter) before closing.',
  );
  await c.expectStatus('Follow-up');
  const comms = new CommunicationsTab(page);
  await comms.record({
    direction: 'Sent to the complainant',
    kind: 'Final response',
    // Sent this minute: a letter dated before the complaint was received is refused.
    at: await page.evaluate(() => {
      const d = new Date();
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    }),
    subject: 'Our final response',
    body: 'We uphold your complaint and apologise.',
  });
  await page.getByRole('tab', { name: 'Implementation and follow-up' }).click();
  await follow.getByRole('radio', { name: '5', exact: true }).check();
  await follow.getByRole('radio', { name: 'Yes' }).check();
  await follow.getByRole('button', { name: 'Record follow-up' }).click();
  await c.expectStatus('Closed');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'Deadlines' })).toContainText('Met by the final response');

  // The timeline tells the story, with who and when.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  for (const step of [
    'Received → Acknowledged',
    'Acknowledged → Investigating',
    'Investigating → Resolution proposed',
    'Follow-up → Closed',
  ]) {
    await expect(timeline).toContainText(step);
  }
  await expect(timeline).toContainText('Finding recorded');

  // Reopening needs a reason, which the timeline keeps.
  await c.move('Reopen', 'Reopened', 'The card was blocked again.');
  await expect(timeline).toContainText('Reason: The card was blocked again.');

  await page.goto(`${harness.url}#/cases?status=reopened`);
  await expect(
    page.getByRole('table', { name: 'Cases, newest first' }).getByRole('link', { name: reference }),
  ).toBeVisible();
});

test('a withdrawal without a reason is refused, with the text kept', async ({ page, harness }) => {
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Siobhán Byrne', description: 'Letter about fees.' });
  await intake.submit();
  await page
    .getByRole('region', { name: 'Next step' })
    .getByRole('button', { name: 'Mark withdrawn' })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Mark withdrawn' }).click();
  await expect(dialog.getByRole('alert')).toContainText('reason');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Complainant phoned to withdraw.');
  await dialog.getByRole('button', { name: 'Mark withdrawn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Withdrawn');
});

test('a next step double-clicked moves the case once, with no refusal', async ({ page, harness }) => {
  await openAppAs(page, harness, 'Alex Officer');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Dara Ní Bhriain', description: 'Charged twice for one order.' });
  await intake.submit();
  const casePage = new CasePage(page);
  await casePage.workflow.getByRole('button', { name: 'Acknowledge', exact: true }).dblclick();
  await casePage.expectStatus('Acknowledged');
  await expect(page.getByText('Case moved to “Acknowledged”')).toBeVisible();
  // The second press found the case already moved, and said so as a refusal, a moment after.
  await page.waitForTimeout(1000);
  await expect(casePage.workflow.getByRole('alert')).toHaveCount(0);
});
