import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, openAppAs, signOut, test } from './fixtures';
import type { Harness } from './harness/server';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { ExportCaseDialog, exportsDir, pdfText } from './pages/reports';
import { chooseOption } from './pages/select-option';

/** pdftotext output with line breaks and layout spaces folded, so wrapped sentences still match. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const STATEMENT = 'The card batch was submitted twice after a timeout.';
const EVIDENCE = 'Card batch log: run 1 at 02:00, run 2 at 02:05.';

/** Ticks checklist items, retrying while the case page re-renders from the live database. */
async function tick(c: CasePage, ...items: string[]) {
  await expect(async () => c.tick(...items)).toPass({ timeout: 15_000 });
}

/** Clicks "Save as PDF" in `scope` (a letter dialog or a logged letter); returns the file and its flattened text. */
async function saveLetterPdf(page: Page, scope: Locator, harness: Harness) {
  await scope.getByRole('button', { name: 'Save as PDF' }).click();
  const saved = page.getByText(/^Saved .*\.pdf$/).last();
  await expect(saved).toBeVisible({ timeout: 20_000 });
  const path = /^Saved (.*\.pdf)$/.exec((await saved.textContent()) ?? '')![1]!;
  expect(path.startsWith(exportsDir(harness))).toBe(true);
  return { path, text: flat(pdfText(path)) };
}

/** Opens the Templates page on the acknowledgement letter. */
async function openAcknowledgementTemplate(page: Page) {
  await page.getByRole('link', { name: 'Templates' }).click();
  await page
    .getByRole('navigation', { name: 'Templates' })
    .getByRole('button', { name: /Acknowledgement/ })
    .click();
}

/** On the Resolution tab, saves a proposal of one refund. */
async function proposeRefund(page: Page, amount: string, why: string, summary: string) {
  await page.getByRole('tab', { name: 'Resolution' }).click();
  const proposal = page.getByRole('region', { name: 'Proposed resolution' });
  const remedy = proposal.getByRole('group', { name: 'Remedy 1' });
  await chooseOption(remedy.getByRole('combobox', { name: 'Remedy' }), 'Refund');
  await remedy.getByRole('textbox', { name: /^Amount/ }).fill(amount);
  await expect(remedy.getByRole('textbox', { name: /^Currency/ })).toHaveValue('GBP');
  await remedy.getByRole('textbox', { name: /^Why this is fair/ }).fill(why);
  await proposal.getByRole('textbox', { name: /^Summary for the complainant/ }).fill(summary);
  await proposal.getByRole('button', { name: 'Save proposal' }).click();
}

/** Signs out and in again as a manager, who gets an account first if new. */
async function switchToManager(page: Page, harness: Harness, name: string) {
  await signOut(page);
  await openAppAs(page, harness, name, 'Manager');
}

/** Logs a complaint and takes it through acknowledgement and investigation to an upheld finding. */
async function upheldCase(
  page: Page,
  harness: Harness,
  complaint: { name: string; email: string; description: string },
) {
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ ...complaint, category: 'Payments' });
  await intake.submit();
  const c = new CasePage(page);
  await c.move('Acknowledge', 'Acknowledged');
  await tick(c, 'Confirm receipt', 'Outline next steps');
  await c.move('Start investigation', 'Investigating');
  await tick(c, 'Gather records', 'Find the root cause', 'Document findings');
  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.recordFinding({ rootCause: 'System', finding: 'Upheld', rationale: 'The payment run was late.' });
  return c;
}

/** From an accepted resolution: one action done, then the follow-up started and its tab open. */
async function implementAndStartFollowUp(page: Page, c: CasePage, actionTitle: string, outcome: string) {
  await page.getByRole('tab', { name: 'Overview' }).click();
  await tick(c, 'Evaluate options', 'Communicate the outcome');
  await c.move('Start implementing', 'Implementing');
  await page.getByRole('tab', { name: 'Implementation and follow-up' }).click();
  const actions = page.getByRole('region', { name: 'Actions to carry out the resolution' });
  await actions.getByRole('textbox', { name: /^What must be done/ }).fill(actionTitle);
  await actions.getByRole('button', { name: 'Add action' }).click();
  // The open action shows in the officer's My work until it is done.
  await page.getByRole('navigation').getByRole('link', { name: 'My work' }).click();
  const mine = page.getByRole('region', { name: 'My open action' });
  await expect(mine).toContainText(actionTitle);
  await mine.getByRole('link').first().click();
  const action = actions.getByRole('listitem', { name: actionTitle });
  await action.getByRole('textbox', { name: 'Outcome' }).fill(outcome);
  await action.getByRole('button', { name: 'Mark done' }).click();
  await expect(action).toContainText(outcome);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await c.move('Start follow-up', 'Follow-up');
  await page.getByRole('tab', { name: 'Implementation and follow-up' }).click();
  return { action, follow: page.getByRole('region', { name: 'Follow-up' }) };
}

test('templates, letters, approval, acceptance, actions and follow-up, as the officer and the manager see them', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(150_000);
  await openAppAs(page, harness, 'Ada Admin', ['Manager', 'Administrator']);

  // The administrator keeps the letters: a template with an unknown field is refused, saying
  // where; a valid edit becomes version 2.
  await openAcknowledgementTemplate(page);
  await expect(page.getByRole('heading', { name: 'Editing “Acknowledgement”, version 1' })).toBeVisible();
  const letterBox = page.getByRole('textbox', { name: /^Letter/ });
  const original = await letterBox.inputValue();
  await letterBox.fill(`Dear {{complainant.name}},\nYour reference is {{case.ref}}.`);
  await page.getByRole('button', { name: 'Save as new version' }).click();
  // The problem is told beside the letter box itself (its description), which is focused to fix it.
  await expect(letterBox).toHaveAccessibleDescription(/Line 2, column 21: “case\.ref” is not a merge field/);
  await expect(letterBox).toHaveAttribute('aria-invalid', 'true');
  await expect(letterBox).toBeFocused();
  await expect(letterBox).toHaveValue(/case\.ref/); // what was typed is kept
  await letterBox.fill(`${original}\n\nPS: you can reply to this letter at any time.`);
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('heading', { name: 'Editing “Acknowledgement”, version 2' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 2 — Ada Admin');

  // The officer reads the templates and writes letters from them, but does not change them.
  await signOut(page);
  await openAppAs(page, harness, 'Priya Shah');
  await openAcknowledgementTemplate(page);
  await expect(page.getByRole('heading', { name: '“Acknowledgement”, version 2' })).toBeVisible();
  await expect(page.getByText('Only an administrator can edit letter templates.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as new version' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New template' })).toHaveCount(0);

  // Log a complaint and write the acknowledgement from it.
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Zoë Adams',
    email: 'zoe@example.com',
    category: 'Payments',
    description: 'I was charged twice for the same card payment.',
  });
  const reference = await intake.submit();
  const c = new CasePage(page);
  await c.expectStatus('Received');
  await page.getByRole('tab', { name: 'Communications' }).click();
  await expect(page.getByRole('status', { name: 'Keep informed' })).toContainText(
    'has not been sent an update yet',
  );
  await page.getByRole('button', { name: 'Write a letter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Write a letter' });
  await chooseOption(dialog.getByRole('combobox', { name: /^Template/ }), 'Acknowledgement');
  const body = dialog.getByRole('textbox', { name: /^Letter/ });
  await expect(body).toHaveValue(/^Dear Zoë Adams,/);
  await expect(body).toHaveValue(new RegExp(`Your reference is ${reference}`));
  await expect(body).toHaveValue(/PS: you can reply/);
  await expect(dialog.getByRole('textbox', { name: /^Subject/ })).toHaveValue(
    `We have received your complaint — ${reference}`,
  );
  const edited = `${await body.inputValue()}\n\nI have also asked our cards team to check your statement.`;
  await body.fill(edited);

  // The letter as written, on the letterhead, saved as PDF before it is sent.
  const { path: letterPath, text: letterPdf } = await saveLetterPdf(page, dialog, harness);
  for (const s of [
    'Complaints Office',
    'Zoë Adams',
    reference,
    'I have also asked our cards team to check your statement.',
  ])
    expect(letterPdf).toContain(s);
  await rm(letterPath);
  await expect(
    dialog.getByRole('checkbox', { name: 'Mark the case acknowledged when this is sent' }),
  ).toBeChecked();
  await dialog.getByRole('button', { name: 'Send/record' }).click();
  await expect(dialog).toBeHidden();
  await c.expectStatus('Acknowledged');
  const log = page.getByRole('list', { name: 'Communications log' });
  const item = log.getByRole('listitem', { name: `We have received your complaint — ${reference}` });
  await expect(item).toContainText('From template “Acknowledgement”, version 2');
  await item.getByRole('button', { name: 'Show the full text' }).click();
  await expect(item.getByTestId('communication-text')).toHaveText(edited);
  // The letter in the log can be printed again, exactly as it was stored.
  await item.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(async () => expect((await stat(letterPath)).size).toBeGreaterThan(0)).toPass();
  expect(flat(pdfText(letterPath))).toContain('PS: you can reply to this letter at any time.');
  await expect(page.getByRole('status', { name: 'Keep informed' })).toContainText('Complainant last updated');

  // Investigate, then propose a refund above the 500 threshold: it needs a manager.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(
    'Contact sent: We have received your complaint',
  );
  // Sending the acknowledgement did what its checklist items say: the next step is open.
  for (const done of ['Confirm receipt', 'Outline next steps'])
    await expect(c.workflow.getByRole('checkbox', { name: new RegExp(`^${done}`) })).toBeChecked();
  await c.move('Start investigation', 'Investigating');

  // An interview and a piece of evidence, for the case report at the end.
  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.recordInterview({ interviewee: 'Dana Cole', statement: STATEMENT });
  await inv.evidence
    .getByLabel('Choose files')
    .setInputFiles([{ name: 'batch.log', mimeType: 'text/plain', buffer: Buffer.from(EVIDENCE) }]);
  await inv.evidence.getByRole('button', { name: 'Add 1 file' }).click();
  const evidenceSha = createHash('sha256').update(EVIDENCE).digest('hex');
  await expect(inv.evidence.getByRole('list', { name: 'Evidence files' })).toContainText(evidenceSha);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await tick(c, 'Gather records', 'Find the root cause', 'Document findings');
  await inv.open();
  await inv.recordFinding({ rootCause: 'System', finding: 'Upheld', rationale: 'Card batch ran twice.' });

  await proposeRefund(
    page,
    '750',
    'Both charges plus the overdraft fee they caused.',
    'We will refund the duplicate payment and the fee.',
  );
  const status = page.getByRole('region', { name: /^Approval/ });
  await expect(status).toContainText('Waiting for a manager’s approval');
  await expect(status).toContainText('it pays £750.00, above the £500.00 limit');
  await expect(status).toContainText('A manager must approve this proposal');
  await expect(status.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const caseUrl = page.url();
  // Until a manager approves it, a final response does not promise it: its fields stay empty, and
  // the letter says so.
  await page.getByRole('tab', { name: 'Communications' }).click();
  await page.getByRole('button', { name: 'Write a letter' }).click();
  await chooseOption(dialog.getByRole('combobox', { name: /^Template/ }), 'Final response');
  const empty = dialog.getByText('These merge fields have no value');
  await expect(empty).toContainText('The proposed resolution, in a sentence or two');
  // And why, so the officer knows what to wait for.
  await expect(empty).toContainText(
    'The proposal is awaiting a manager’s approval: a letter states it only once it is approved.',
  );
  await page.screenshot({ path: '/tmp/letter-awaiting-approval.png' });
  expect(await body.inputValue()).not.toContain('We will refund the duplicate payment and the fee.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The manager approves with a comment.
  await switchToManager(page, harness, 'Morgan Manager');
  // The manager finds it in My work, in the queue of proposals waiting for approval.
  await page.getByRole('navigation').getByRole('link', { name: 'My work' }).click();
  const approvals = page.getByRole('region', { name: 'A proposal waiting for your approval' });
  await expect(approvals).toContainText('We will refund the duplicate payment and the fee.');
  // What it pays and why it needs a decision, without opening it.
  await expect(approvals).toContainText('£750.00');
  await expect(approvals).toContainText(/above the £500\.00 limit/);
  await approvals.getByRole('link', { name: reference }).click();
  await expect(status).toContainText('This proposal needs your decision.');
  await status.getByRole('textbox', { name: 'Comment' }).fill('Fair: our error caused the fee.');
  await status.getByRole('button', { name: 'Approve' }).click();
  await expect(status).toContainText('Approved by Morgan Manager');
  await expect(status).toContainText('“Fair: our error caused the fee.”');

  // Back as the officer: put it to the complainant, who accepts.
  await signOut(page);
  await openAppAs(page, harness, 'Priya Shah');
  await page.goto(caseUrl);
  await status.getByRole('button', { name: 'Put to the complainant' }).click();
  await c.expectStatus('Resolution proposed');

  // The final response, from its template: every merge field filled, then recorded and printed.
  await page.getByRole('tab', { name: 'Communications' }).click();
  await page.getByRole('button', { name: 'Write a letter' }).click();
  await chooseOption(dialog.getByRole('combobox', { name: /^Template/ }), 'Final response');
  const finalSubject = `Our response to your complaint — ${reference}`;
  await expect(dialog.getByRole('textbox', { name: /^Subject/ })).toHaveValue(finalSubject);
  await expect(dialog.getByText('These merge fields have no value')).toHaveCount(0);
  const draft = await body.inputValue();
  expect(draft).not.toContain('{{');
  expect(draft).not.toMatch(/complaint of \(|reference \)|complaint is \./); // no field printed empty
  const finalExpected = [
    'Dear Zoë Adams,',
    `(reference ${reference})`,
    'I was charged twice for the same card payment.',
    'Our decision: your complaint is upheld.',
    'We will refund the duplicate payment and the fee.',
    'The total we will pay or credit to you is £750.00.',
    'refer your complaint to the Financial Ombudsman Service',
    'but you must do so within six months of the date of this letter.',
    'the Ombudsman will not have our permission to consider your complaint',
    'Priya Shah',
  ];
  for (const s of finalExpected) expect(draft).toContain(s);
  expect(draft).toMatch(/your complaint of \S.*\S \(reference/); // the received date
  // The one thing the template leaves to the officer is in [square brackets]: named beside the
  // letter, and the letter can be neither saved nor sent while it is there.
  await expect(body).toHaveAccessibleDescription(
    'Replace the text in square brackets before saving or sending: [Explain what happened, in plain words, and why.]',
  );
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Send/record' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Save as PDF' })).toBeDisabled();
  const finalText = draft.replace(
    /\[Explain what happened[^\]]*\]/,
    'The card batch ran twice after a timeout.',
  );
  await body.fill(finalText);
  await expect(dialog.getByText('Replace the text in square brackets')).toHaveCount(0);
  await expect(body).toHaveAttribute('aria-invalid', 'false');
  const finalPdf = await saveLetterPdf(page, dialog, harness);
  for (const s of [...finalExpected, 'Complaints Office', 'The card batch ran twice after a timeout.'])
    expect(finalPdf.text).toContain(s);
  expect(finalPdf.text).not.toContain('{{');
  await rm(finalPdf.path);
  await dialog.getByRole('button', { name: 'Send/record' }).click();
  await expect(dialog).toBeHidden();
  const finalItem = log.getByRole('listitem', { name: finalSubject });
  await expect(finalItem).toContainText('From template “Final response”, version 1');
  await finalItem.getByRole('button', { name: 'Show the full text' }).click();
  await expect(finalItem.getByTestId('communication-text')).toHaveText(finalText);
  const reprinted = await saveLetterPdf(page, finalItem, harness);
  expect(reprinted.text).toContain('The card batch ran twice after a timeout.');

  await page.getByRole('tab', { name: 'Resolution' }).click();
  await status.getByRole('button', { name: 'Record response' }).click();
  await c.expectStatus('Resolution accepted');
  await expect(status).toContainText('The complainant’s response: Accepted');

  // Implement: an action with an owner, done with its outcome; then follow up.
  const { action, follow } = await implementAndStartFollowUp(
    page,
    c,
    'Refund £750 to the card',
    'Refunded, reference RF-88.',
  );
  await expect(action).toContainText('Priya Shah');
  await follow.getByRole('radio', { name: '4', exact: true }).check();
  await follow.getByRole('radio', { name: 'Yes' }).check();
  await follow.getByRole('textbox', { name: 'Comments' }).fill('Happy with how it was handled.');
  await follow.getByRole('button', { name: 'Record follow-up' }).click();
  await c.expectStatus('Closed');
  await expect(follow).toContainText('Latest check: 4/5, resolved');

  await page.getByRole('tab', { name: 'Overview' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  for (const line of [
    'Resolution approved',
    'Complainant accepted',
    'Action done: Refund £750 to the card',
    'Follow-up recorded: 4/5, resolved',
    'Follow-up → Closed',
  ]) {
    await expect(timeline).toContainText(line);
  }

  // The case report holds what every part of the case recorded; the redacted copy names no one.
  const exporter = new ExportCaseDialog(page);
  const reportPath = await exporter.export();
  expect(reportPath).toBe(join(exportsDir(harness), `${reference}.pdf`));
  const report = pdfText(reportPath);
  expect(report.replace(/\s+/g, '')).toContain(evidenceSha);
  for (const s of [
    STATEMENT,
    'Dana Cole',
    'Refund',
    'Card batch ran twice.',
    'Both charges plus the overdraft fee they caused.',
    `We have received your complaint — ${reference}`,
    'Approved',
    'Fair: our error caused the fee.',
    'Refund £750 to the card',
    'Happy with how it was handled.',
  ])
    expect(flat(report)).toContain(s);
  const redacted = flat(pdfText(await exporter.export({ redact: true })));
  expect(redacted).toContain(STATEMENT);
  for (const s of ['Dana', 'Cole', 'Zoë', 'zoe@example.com']) expect(redacted).not.toContain(s);
});

test('a dissatisfied follow-up reopens the resolution, with the reason on the timeline', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(90_000);
  await openAppAs(page, harness, 'Priya Shah');
  const c = await upheldCase(page, harness, {
    name: 'Sam Lee',
    email: 'sam@example.com',
    description: 'A standing order was paid a day late.',
  });

  // A refund without its amount, and no summary: both are refused beside their fields, at once,
  // and the rationale typed is kept.
  await page.getByRole('tab', { name: 'Resolution' }).click();
  const proposal = page.getByRole('region', { name: 'Proposed resolution' });
  const remedy = proposal.getByRole('group', { name: 'Remedy 1' });
  await chooseOption(remedy.getByRole('combobox', { name: 'Remedy' }), 'Refund');
  await remedy.getByRole('textbox', { name: /^Why this is fair/ }).fill('The late-payment fee it caused.');
  await proposal.getByRole('button', { name: 'Save proposal' }).click();
  const amount = remedy.getByRole('textbox', { name: /^Amount/ });
  await expect(amount).toHaveAccessibleDescription('Enter the amount.');
  await expect(amount).toBeFocused(); // the first invalid field on the page, though shown last
  await expect(
    proposal.getByRole('textbox', { name: /^Summary for the complainant/ }),
  ).toHaveAccessibleDescription('Summarise the resolution in a sentence or two.');
  await expect(remedy.getByRole('textbox', { name: /^Why this is fair/ })).toHaveValue(
    'The late-payment fee it caused.',
  );
  // £1,234.56 typed the continental way is refused, not read as £1.23 needing no approval.
  await amount.fill('1.234,56');
  await proposal.getByRole('button', { name: 'Save proposal' }).click();
  await expect(amount).toHaveAccessibleDescription('Enter the amount in figures, without a currency sign.');
  await expect(amount).toHaveValue('1.234,56');
  await amount.fill('40.005');
  await proposal.getByRole('button', { name: 'Save proposal' }).click();
  await expect(amount).toHaveAccessibleDescription('Use at most 2 decimal places for GBP.');

  // £40 is under the approval limit: it goes straight to the complainant, who accepts.
  await proposeRefund(page, '40', 'The late-payment fee it caused.', 'We will refund the £40 fee.');
  const status = page.getByRole('region', { name: /^Approval/ });
  await expect(status).toContainText('No approval needed');

  // The officer starts rewording the summary while the same proposal is saved in another window:
  // what they typed stays, they are told, and can take the other version instead.
  const summary = proposal.getByRole('textbox', { name: /^Summary for the complainant/ });
  await summary.fill('We will refund the £40 fee, with our apology.');
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.getByRole('tab', { name: 'Resolution' }).click();
  const elsewhere = other.getByRole('region', { name: 'Proposed resolution' });
  await elsewhere
    .getByRole('textbox', { name: /^Summary for the complainant/ })
    .fill('We will refund the £40 late-payment fee.');
  await elsewhere.getByRole('button', { name: 'Save proposal' }).click();
  await expect(other.getByText('Proposal saved.')).toBeVisible();
  await other.close();
  await expect(proposal.getByRole('alert')).toContainText(
    'Someone saved this proposal while you were changing it.',
  );
  await expect(summary).toHaveValue('We will refund the £40 fee, with our apology.');
  await proposal.screenshot({ path: test.info().outputPath('proposal-saved-elsewhere.png') });
  await proposal.getByRole('button', { name: 'Show their version' }).click();
  await expect(summary).toHaveValue('We will refund the £40 late-payment fee.');
  await expect(proposal.getByRole('alert')).toHaveCount(0);

  // A change begun when the proposal is put to the complainant stays too (saving starts a new one).
  await summary.fill('We will refund the £40 fee and the interest.');
  await status.getByRole('button', { name: 'Put to the complainant' }).click();
  await c.expectStatus('Resolution proposed');
  await expect(proposal).toContainText('Saving starts a new proposal.');
  await expect(summary).toHaveValue('We will refund the £40 fee and the interest.');
  await status.getByRole('button', { name: 'Record response' }).click();
  await c.expectStatus('Resolution accepted');
  const { follow } = await implementAndStartFollowUp(page, c, 'Refund the £40 fee', 'Refunded.');

  // Satisfaction 2, not resolved: the officer reopens the resolution and says why.
  await follow.getByRole('radio', { name: '2', exact: true }).check();
  await follow.getByRole('radio', { name: 'No' }).check();
  await follow.getByRole('textbox', { name: 'Comments' }).fill('The bank charged interest as well.');
  await follow.getByRole('radio', { name: 'Reopen the resolution (adjust it)' }).check();
  const reason = 'The refund must also cover the £6.20 interest the bank charged.';
  await follow.getByRole('button', { name: 'Record follow-up' }).click();
  await expect(follow.getByRole('textbox', { name: /^Reason/ })).toHaveAccessibleDescription(
    'Say what must change in the resolution.',
  );
  await c.expectStatus('Follow-up');
  await follow.getByRole('textbox', { name: /^Reason/ }).fill(reason);
  await follow.getByRole('button', { name: 'Record follow-up' }).click();
  await c.expectStatus('Resolution proposed');
  await expect(follow).toContainText('Latest check: 2/5, not resolved');

  await page.getByRole('tab', { name: 'Overview' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('Follow-up recorded: 2/5, not resolved');
  await expect(timeline).toContainText('Follow-up → Resolution proposed');
  await expect(timeline).toContainText(reason);
});

test('a manager who wrote a proposal cannot approve it; another manager can', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(90_000);
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  await upheldCase(page, harness, {
    name: 'Ana Silva',
    email: 'ana@example.com',
    description: 'A direct debit was taken twice.',
  });
  await proposeRefund(page, '756.20', 'Both debits and the fee.', 'We will refund the second debit.');
  const status = page.getByRole('region', { name: /^Approval/ });
  await expect(status).toContainText('Waiting for a manager’s approval');
  await expect(status).toContainText('You proposed this remedy; another manager must approve it.');
  await expect(status.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const caseUrl = page.url();

  await switchToManager(page, harness, 'Casey Manager');
  await page.goto(caseUrl);
  await expect(status).toContainText('This proposal needs your decision.');
  await expect(status).not.toContainText('You proposed this remedy');
  await status.getByRole('button', { name: 'Approve' }).click();
  await expect(status).toContainText('Approved by Casey Manager');
});
