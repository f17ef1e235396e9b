import { chmod, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openAppAs, signOut, test } from './fixtures';
import type { Harness } from './harness/server';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { ResolutionPage } from './pages/resolution';
import { dateField, typeDate } from './pages/date-field';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const LETTER = 'Dear Sir, I was charged twice for March.';
const STATEMENT_LOG = 'Billing batch log: run 1 at 02:00, run 2 at 02:05 (retry).';

/** Priya records Zoë Adams's complaint, starts investigating it and opens the Investigation tab. */
async function investigating(page: Page, harness: Harness) {
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Zoë Adams',
    category: 'Charges and fees',
    subcategory: 'Double charge',
    description: 'I was charged twice for my March bill.',
    severity: 'Medium',
  });
  await intake.submit();
  const c = new CasePage(page);
  await c.startInvestigation();
  const inv = new InvestigationPage(page);
  await inv.open();
  return { c, inv };
}

test('an investigator plans, notes, interviews, keeps evidence, asks billing and records the finding', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(120_000);
  const { c, inv } = await investigating(page, harness);

  // Plan: a record to gather, owned by Priya, due on a date.
  await inv.choose(inv.plan, 'Kind', 'Record to gather');
  await inv.plan
    .getByRole('textbox', { name: /^Question or record/ })
    .fill('Get the March billing batch log');
  await inv.choose(inv.plan, 'Owner', 'Priya Shah');
  await typeDate(dateField(inv.plan, 'Due date'), '2030-01-15');
  await inv.plan.getByRole('button', { name: 'Add to plan' }).click();
  const planItem = inv.plan.getByRole('checkbox', { name: 'Get the March billing batch log' });
  await expect(planItem).not.toBeChecked();
  await expect(inv.plan).toContainText('Owner: Priya Shah');
  await planItem.click();
  await expect(planItem).toBeChecked();
  await expect(inv.plan).toContainText('done by Priya Shah');

  // A pinned Markdown note, then an edit: the timeline keeps the earlier text.
  await inv.notes.getByRole('textbox', { name: /^Note/ }).fill('Billing **confirmed** the batch ran twice.');
  await inv.notes.getByRole('checkbox', { name: 'Pin to the top' }).check();
  await inv.notes.getByRole('button', { name: 'Add note' }).click();
  const note = inv.notes.getByRole('article', { name: 'Note by Priya Shah' });
  await expect(note.locator('strong')).toHaveText('confirmed');
  await expect(note).toContainText('Pinned');
  await note.getByRole('button', { name: 'Edit note' }).click();
  await note
    .getByRole('textbox', { name: /^Note/ })
    .fill('Billing confirmed the batch ran twice on 2 March.');
  await note.getByRole('button', { name: 'Save note' }).click();
  await expect(note).toContainText('on 2 March');
  await expect(note).toContainText('edited');

  // An interview: reload mid-statement and the text is still there.
  await inv.interviews.getByRole('button', { name: 'Record an interview' }).click();
  const form = inv.interviews.getByRole('form', { name: 'New interview' });
  await form
    .getByRole('textbox', { name: /^Interviewee/ })
    .first()
    .fill('Dana Cole');
  await form
    .getByRole('textbox', { name: 'Role or relationship to the complaint' })
    .fill('Billing team lead');
  await form.getByLabel('Time').fill('14:30');
  await form.getByRole('spinbutton', { name: 'Duration (minutes)' }).fill('25');
  await form.getByRole('checkbox', { name: 'Consent given' }).check();
  await form.getByRole('textbox', { name: 'Statement' }).fill('The retry job re-ran the whole batch');
  await expect(form.getByRole('status')).toContainText('Kept on this computer');
  await page.reload();
  await inv.open();
  const restored = inv.interviews.getByRole('form', { name: 'New interview' });
  await expect(restored).toContainText('The text you were typing has been restored.');
  await expect(restored.getByRole('textbox', { name: 'Statement' })).toHaveValue(
    'The retry job re-ran the whole batch',
  );
  const statement = restored.getByRole('textbox', { name: 'Statement' });
  await statement.focus();
  await statement.press('ControlOrMeta+End');
  await statement.pressSequentially(' instead of the failed part.');
  await restored.getByRole('button', { name: 'Save interview' }).click();

  const interview = inv.interviews.getByRole('article', { name: 'Interview with Dana Cole' });
  await expect(interview).toContainText('Draft');
  await expect(interview).toContainText('The retry job re-ran the whole batch instead of the failed part.');
  await expect(interview).toContainText('25 minutes');
  await interview.getByRole('button', { name: 'Sign off' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign off' }).click();
  await expect(interview).toContainText('Signed off by Priya Shah');
  // A signed-off record cannot be edited: no Edit, and it says why and what to do instead.
  await expect(interview.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(interview).toContainText(
    'This interview was signed off by Priya Shah and is locked. Add an addendum to correct or add to it.',
  );
  await interview.getByRole('button', { name: 'Add addendum' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /^Addendum/ }).fill('The retry ran at 02:05, not 03:05.');
  await dialog.getByRole('textbox', { name: /^Reason/ }).fill('Dana corrected the time by e-mail');
  await dialog.getByRole('button', { name: 'Add addendum' }).click();
  await expect(interview.getByRole('list', { name: 'Addenda' })).toContainText('The retry ran at 02:05');
  await expect(interview.getByRole('list', { name: 'Addenda' })).toContainText(
    'Reason: Dana corrected the time',
  );

  // Evidence: two files, their hashes shown, integrity verified, then one altered on disk.
  await inv.evidence.getByLabel('Choose files').setInputFiles([
    { name: 'letter.txt', mimeType: 'text/plain', buffer: Buffer.from(LETTER) },
    { name: 'batch-log.txt', mimeType: 'text/plain', buffer: Buffer.from(STATEMENT_LOG) },
  ]);
  await inv.evidence.getByRole('textbox', { name: 'Description of letter.txt' }).fill('The complaint letter');
  await inv.evidence.getByRole('button', { name: 'Add 2 files' }).click();
  const files = inv.evidence.getByRole('list', { name: 'Evidence files' });
  await expect(files.getByRole('listitem', { name: 'letter.txt' })).toContainText(`SHA-256: ${sha(LETTER)}`);
  await expect(files.getByRole('listitem', { name: 'letter.txt' })).toContainText('The complaint letter');
  await expect(files.getByRole('listitem', { name: 'batch-log.txt' })).toContainText(
    `SHA-256: ${sha(STATEMENT_LOG)}`,
  );
  await expect(files).toContainText('added by Priya Shah');

  // An empty file is refused before anything is stored, with a message beside it.
  await inv.evidence
    .getByLabel('Choose files')
    .setInputFiles([{ name: 'blank.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }]);
  const pending = inv.evidence.getByRole('list', { name: 'Files to add' });
  await expect(pending.getByRole('alert')).toContainText('“blank.txt” is empty: there is nothing to keep.');
  await expect(inv.evidence.getByRole('button', { name: 'Add 0 files' })).toBeDisabled();
  await pending.getByRole('button', { name: 'Remove' }).click();
  await expect(pending).toHaveCount(0);

  await inv.evidence.getByRole('button', { name: 'Open letter.txt' }).click();
  await expect(page.getByText('A read-only copy of letter.txt was opened.')).toBeVisible();
  expect(harness.opened).toHaveLength(1);
  expect(harness.opened[0]).toMatch(/letter\.txt$/);

  await inv.evidence.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(inv.evidence.getByRole('alert')).toContainText('All 2 files are intact');

  const stored = join(harness.dataDir, 'evidence', sha(STATEMENT_LOG));
  await chmod(stored, 0o644);
  await writeFile(stored, 'Billing batch log: run 1 at 02:00.');
  await inv.evidence.getByRole('button', { name: 'Verify integrity' }).click();
  const report = inv.evidence.getByRole('alert');
  await expect(report).toContainText('1 file failed the integrity check');
  await expect(report).toContainText('batch-log.txt: Altered since it was added');
  await expect(files.getByRole('listitem', { name: 'letter.txt' })).toContainText('Intact');

  // A program dressed as a document is kept as evidence, but never handed to the system to open.
  await inv.evidence
    .getByLabel('Choose files')
    .setInputFiles([
      { name: 'invoice.pdf.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ]);
  await inv.evidence.getByRole('button', { name: 'Add 1 file' }).click();
  await inv.evidence.getByRole('button', { name: 'Open invoice.pdf.exe' }).click();
  await expect(
    page.getByText(
      'Redress does not open this kind of file, because it could run a program: “invoice.pdf.exe”.',
      { exact: false },
    ),
  ).toBeVisible();
  expect(harness.opened).toHaveLength(1);

  // An internal enquiry to billing, then its answer. First without a recipient and due before it was
  // sent: both are refused at once, each beside its field, and the question typed is kept.
  const recipient = inv.enquiries.getByRole('textbox', { name: /^Department or person/ });
  const question = inv.enquiries.getByRole('textbox', { name: /^Question/ });
  const dueDate = dateField(inv.enquiries, 'Due date');
  await question.fill('Why did the March batch run twice?');
  await typeDate(dueDate, '2020-01-01');
  await inv.enquiries.getByRole('button', { name: 'Record enquiry' }).click();
  await expect(recipient).toHaveAccessibleDescription('Name the department or person asked.');
  await expect(recipient).toHaveAttribute('aria-invalid', 'true');
  await expect(recipient).toBeFocused();
  await expect(dueDate).toHaveAccessibleDescription('The due date cannot be before the date sent.');
  await expect(question).toHaveValue('Why did the March batch run twice?');
  await recipient.fill('Billing operations');
  await typeDate(dueDate, '');
  await inv.enquiries.getByRole('button', { name: 'Record enquiry' }).click();
  const enquiry = inv.enquiries.getByRole('listitem', { name: 'Enquiry to Billing operations' });
  await expect(enquiry).toContainText('Awaiting answer');
  await enquiry.getByRole('button', { name: 'Record answer' }).click();
  await enquiry
    .getByRole('textbox', { name: /^Answer/ })
    .fill('A retry re-ran the full batch; fixed on 5 March.');
  await enquiry.getByRole('button', { name: 'Save answer' }).click();
  await expect(enquiry).toContainText('Answered');
  await expect(enquiry).toContainText('fixed on 5 March');

  // Root cause and finding, then on to the proposal.
  // Clicked rather than check()ed: WorkflowPanel drops its optimistic tick a moment before the
  // live case record confirms it, which check() (one immediate state read) can catch.
  const tick = async (item: string) => {
    const box = c.workflow.getByRole('checkbox', { name: new RegExp(`^${item}`) });
    await box.click();
    await expect(box).toBeChecked();
  };
  await tick('Gather records');
  await tick('Find the root cause');
  await inv.choose(inv.rootCause, /^Root cause/, 'System');
  await inv.rootCause.getByRole('textbox', { name: 'Contributing factors' }).fill('No duplicate-run check.');
  // Ticking the checklist changes the case while the analysis is half written: nothing typed is lost.
  await tick('Document findings');
  await expect(inv.rootCause.getByRole('textbox', { name: 'Contributing factors' })).toHaveValue(
    'No duplicate-run check.',
  );
  await expect(inv.rootCause.getByRole('combobox', { name: /^Root cause/ })).toHaveText('System');
  await inv.choose(inv.rootCause, /^Finding/, 'Upheld');
  await inv.rootCause.getByRole('button', { name: 'Save finding' }).click();
  await expect(inv.rootCause.getByRole('textbox', { name: /^Rationale/ })).toHaveAccessibleDescription(
    'Explain why you reached this finding.',
  );
  await expect(inv.rootCause.getByRole('textbox', { name: 'Contributing factors' })).toHaveValue(
    'No duplicate-run check.',
  );
  await inv.rootCause
    .getByRole('textbox', { name: /^Rationale/ })
    .fill('The customer paid twice because of our retry job.');
  await inv.rootCause.getByRole('button', { name: 'Save finding' }).click();
  await expect(page.getByText('Finding and root cause saved')).toBeVisible();
  await new ResolutionPage(page).proposeApology({
    why: 'Our retry job charged twice.',
    summary: 'We apologise and have refunded the second payment.',
  });

  // The timeline (overview) tells the investigation's story.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  for (const line of [
    'Plan item added: Get the March billing batch log',
    'Note edited: was “Billing confirmed the batch ran twice.”, now “Billing confirmed the batch ran twice on 2 March.”',
    'Interview recorded: Dana Cole',
    'Interview signed off: Dana Cole',
    'Addendum added to interview: Dana Cole',
    'Reason: Dana corrected the time by e-mail',
    'Evidence added: letter.txt',
    'Internal enquiry sent: Billing operations',
    'Enquiry answered: Billing operations',
    'Finding recorded: Upheld — System',
    'Investigating → Resolution proposed',
  ]) {
    await expect(timeline).toContainText(line);
  }
});

test('what is typed and not saved on the Investigation and Resolution tabs is still there after another tab', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(120_000);
  const { inv } = await investigating(page, harness);
  const question = inv.plan.getByRole('textbox', { name: /^Question or record/ });
  const noteBox = inv.notes.getByRole('textbox', { name: /^Note/ });
  const rationale = inv.rootCause.getByRole('textbox', { name: /^Rationale/ });
  await question.fill('Why did the batch run twice?');
  await noteBox.fill('Billing say the retry re-ran everything.');
  await rationale.fill('The retry job has no guard against a second run.');
  const overview = async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect(inv.plan).toBeHidden();
  };

  await overview();
  await inv.open();
  await expect(question).toHaveValue('Why did the batch run twice?');
  await expect(noteBox).toHaveValue('Billing say the retry re-ran everything.');
  await expect(rationale).toHaveValue('The retry job has no guard against a second run.');

  // Saved, the note's draft is gone: the box is empty when the tab comes back.
  await inv.notes.getByRole('button', { name: 'Add note' }).click();
  await expect(inv.notes.getByRole('article', { name: 'Note by Priya Shah' })).toContainText(
    're-ran everything',
  );
  await expect(noteBox).toHaveValue('');
  await overview();
  await inv.open();
  await expect(noteBox).toHaveValue('');
  await expect(question).toHaveValue('Why did the batch run twice?');

  // The proposal's two boxes, the same.
  const resolution = new ResolutionPage(page);
  await page.getByRole('tab', { name: 'Resolution' }).click();
  const why = resolution.proposal
    .getByRole('group', { name: 'Remedy 1' })
    .getByRole('textbox', { name: /^Why this is fair/ });
  const summary = resolution.proposal.getByRole('textbox', { name: /^Summary for the complainant/ });
  await why.fill('We charged twice in error.');
  await summary.fill('We will apologise for the double charge.');
  await overview();
  await page.getByRole('tab', { name: 'Resolution' }).click();
  await expect(why).toHaveValue('We charged twice in error.');
  await expect(summary).toHaveValue('We will apologise for the double charge.');

  // Another person at the same desk never sees Priya's unsaved text; she finds it again.
  await inv.open();
  const investigation = page.url();
  await signOut(page);
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  await page.goto(investigation);
  await expect(inv.plan).toBeVisible();
  await expect(question).toHaveValue('');
  await expect(rationale).toHaveValue('');
  await signOut(page);
  await openAppAs(page, harness, 'Priya Shah');
  await page.goto(investigation);
  await expect(question).toHaveValue('Why did the batch run twice?');
});
