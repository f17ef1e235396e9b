import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import PostalMime from 'postal-mime';
import { expect, openAppAs, test } from './fixtures';
import { CommunicationsTab } from './pages/communications';
import { dropFiles, emailFileInput, emailFixture } from './pages/email';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { chooseOption } from './pages/select-option';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const EML = emailFixture('refund-complaint.eml');
const MSG = emailFixture('outlook-complaint.msg', 'application/vnd.ms-outlook');

async function evidenceNames(page: import('@playwright/test').Page) {
  const inv = new InvestigationPage(page);
  await inv.open();
  return inv.evidence.getByRole('list', { name: 'Evidence files' });
}

/** Logs a complaint of `name` and opens its communications tab. */
async function newCaseCommunications(page: Page, url: string, name: string, description: string) {
  const intake = new IntakePage(page);
  await intake.open(url);
  await intake.fill({ name, description });
  await intake.submit();
  const comms = new CommunicationsTab(page);
  await comms.open();
  // The drop is heard once the tab's import zone is shown: a drop before that opens nothing.
  await expect(page.getByText(/^Drop \.eml or Outlook \.msg files here/)).toBeVisible();
  return comms;
}

test('an .eml dropped on New complaint fills the form in and its attachments become evidence', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await dropFiles(page, page.getByRole('main'), [EML]);

  const f = intake.form;
  await expect(f.getByRole('textbox', { name: 'Complainant name' })).toHaveValue('Zoë Ångström');
  await expect(f.getByRole('textbox', { name: 'Email address' })).toHaveValue('zoe.angstrom@example.org');
  await expect(f.getByRole('combobox', { name: 'Received by', exact: true })).toHaveText('Email');
  const description = f.getByRole('textbox', { name: 'What is the complaint about?' });
  await expect(description).toHaveValue(/^Überweisung nicht erhalten – refund still missing\n\n/);
  await expect(description).toHaveValue(/refund of £240\.00 on 2 November \(order 88412\)/);
  await expect(f.getByText('Filled in from the e-mail “Überweisung nicht erhalten')).toBeVisible();
  const kept = f.getByRole('list', { name: 'Files kept as evidence when the complaint is saved' });
  await expect(kept.getByRole('listitem')).toHaveText([
    /refund-complaint\.eml/,
    /Zoë's statement\.pdf/,
    /receipt\.png/,
  ]);

  await intake.choose('Category', 'Charges and fees');
  await intake.submit();
  const files = await evidenceNames(page);
  await expect(files.getByRole('listitem', { name: "Zoë's statement.pdf" })).toContainText(
    'Attachment of the e-mail “Überweisung nicht erhalten – refund still missing”',
  );
  await expect(files.getByRole('listitem', { name: 'receipt.png' })).toBeVisible();
  await expect(files.getByRole('listitem', { name: 'refund-complaint.eml' })).toContainText(
    `SHA-256: ${sha(EML.buffer)}`,
  );
  // The message is kept byte for byte in the evidence store.
  expect(sha(await readFile(join(harness.dataDir, 'evidence', sha(EML.buffer))))).toBe(sha(EML.buffer));
});

test('an e-mail imported on New complaint and then discarded leaves nothing in the evidence store', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await dropFiles(page, page.getByRole('main'), [EML]);
  const kept = intake.form.getByRole('list', { name: 'Files kept as evidence when the complaint is saved' });
  await expect(kept.getByRole('listitem')).toHaveCount(3);
  const stored = join(harness.dataDir, 'evidence', sha(EML.buffer));
  expect(sha(await readFile(stored))).toBe(sha(EML.buffer));

  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  // Main removes the message and its two attachments, once the page has gone.
  await expect.poll(() => readdir(join(harness.dataDir, 'evidence'))).toEqual([]);
});

test('an Outlook .msg chosen from the Cases list becomes a case with its attachment as evidence', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  await page.goto(`${harness.url}#/cases`);
  // Read while the officer has moved on (held here, as a large .msg takes seconds): they are not
  // taken away from where they are, but offered the complaint.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/__api/email%3Aimport', async (route) => {
    await held;
    await route.continue();
  });
  await emailFileInput(page).setInputFiles([MSG]);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Dashboard' })
    .click();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  release();
  const notice = page.getByRole('alert').filter({ hasText: 'has been read' });
  await expect(notice).toHaveText(
    'The e-mail “Card blocked abroad – no help from the branch” has been read. Open New complaint to log it.Open New complaint',
  );
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('email-read-elsewhere.png') });
  await notice.getByRole('button', { name: 'Open New complaint' }).click();

  const intake = new IntakePage(page);
  await expect(intake.form.getByRole('textbox', { name: 'Complainant name' })).toHaveValue('Đặng Văn Minh');
  await expect(intake.form.getByRole('textbox', { name: 'Email address' })).toHaveValue(
    'dang.minh@example.net',
  );
  await expect(intake.form.getByRole('textbox', { name: 'What is the complaint about?' })).toHaveValue(
    /^Card blocked abroad – no help from the branch\n\nHello,\n\nMy debit card was blocked/,
  );
  await intake.choose('Category', 'Charges and fees');
  await intake.submit();
  const files = await evidenceNames(page);
  await expect(files.getByRole('listitem', { name: 'Fees statement – Lisbon.pdf' })).toBeVisible();
  await expect(files.getByRole('listitem', { name: 'outlook-complaint.msg' })).toContainText(
    `SHA-256: ${sha(MSG.buffer)}`,
  );
});

test('an e-mail dropped on a complaint already begun fills in only what was left empty; an untouched one leaves no draft', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  const intake = new IntakePage(page);
  /** To the Cases list (the page left), then New complaint again. */
  const leaveAndReopen = async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Cases' })
      .click();
    await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
    await intake.open(harness.url);
  };
  // Opened and left without typing: nothing to restore the next time.
  await intake.open(harness.url);
  await leaveAndReopen();
  await expect(page.getByRole('heading', { name: 'New complaint' })).toBeVisible();
  await expect(page.getByText('Your unsaved draft was restored.')).toHaveCount(0);

  // On the phone with the complainant, who then sends the e-mail.
  const f = intake.form;
  await f.getByRole('textbox', { name: 'Complainant name' }).fill('Zoe Angstrom');
  await intake.choose('Received by', 'Phone');
  const description = f.getByRole('textbox', { name: 'What is the complaint about?' });
  await description.fill('Called at 10:15: the refund has still not arrived.');
  await dropFiles(page, page.getByRole('main'), [EML]);
  await expect(f.getByRole('textbox', { name: 'Email address' })).toHaveValue('zoe.angstrom@example.org');
  await expect(f.getByRole('textbox', { name: 'Complainant name' })).toHaveValue('Zoe Angstrom');
  await expect(f.getByRole('combobox', { name: 'Received by', exact: true })).toHaveText('Phone');
  await expect(description).toHaveValue(
    /^Called at 10:15: the refund has still not arrived\.\n\nÜberweisung nicht erhalten – refund still missing\n\n/,
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Kept as they were' })).toContainText(
    'Kept as they were: Complainant name. Check them against the e-mail.',
  );

  // Left and come back to: the typing is restored, and the e-mail, whose files went when the page
  // was left, is named to import again.
  await leaveAndReopen();
  await expect(page.getByText('Your unsaved draft was restored.')).toBeVisible();
  await expect(description).toHaveValue(/^Called at 10:15: the refund has still not arrived\./);
  await expect(page.getByRole('alert').filter({ hasText: 'imported into this draft' })).toHaveText(
    'The e-mail “Überweisung nicht erhalten – refund still missing” imported into this draft is no longer attached: its files were not kept when the page was left. Import it again to keep it as evidence.',
  );
  await dropFiles(page, page.getByRole('main'), [EML]);
  await expect(page.getByRole('alert').filter({ hasText: 'imported into this draft' })).toHaveCount(0);
  // Its text is in the description already: not added twice.
  expect((await description.inputValue()).split('Überweisung nicht erhalten').length).toBe(2);
});

test('an .eml dropped on a case is logged as an inbound e-mail; files that are not e-mails are refused', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  const comms = await newCaseCommunications(
    page,
    harness.url,
    'Zoë Ångström',
    'Refund not received for order 88412.',
  );
  const zone = page.getByRole('main');
  await dropFiles(page, zone, [
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Call back Monday') },
    { name: 'broken.eml', mimeType: 'message/rfc822', buffer: Buffer.from('%PDF-1.4 not a mail at all') },
    { name: 'empty.msg', mimeType: 'application/vnd.ms-outlook', buffer: Buffer.alloc(0) },
  ]);
  const refusal = page.getByRole('alert').filter({ hasText: 'notes.txt' });
  await expect(refusal).toContainText(
    '“notes.txt” is not an e-mail file: only .eml and Outlook .msg files can be imported.',
  );
  await expect(refusal).toContainText('“broken.eml” could not be read as an e-mail.');
  await expect(refusal).toContainText('“empty.msg” is empty.');
  await expect(comms.log.getByRole('listitem')).toHaveCount(0);

  await dropFiles(page, zone, [EML]);
  const item = comms.log.getByRole('listitem', { name: 'Überweisung nicht erhalten – refund still missing' });
  await expect(item).toContainText('Received from the complainant');
  await expect(item).toContainText('From: Zoë Ångström <zoe.angstrom@example.org>');
  await item.getByRole('button', { name: 'Show the full text' }).click();
  await expect(item.getByTestId('communication-text')).toContainText('refund of £240.00 on 2 November');
  await expect(
    page.getByText('E-mail recorded in the communications log with 3 files as evidence.'),
  ).toBeVisible();

  const files = await evidenceNames(page);
  await expect(files.getByRole('listitem')).toHaveCount(3);
  await expect(files.getByRole('listitem', { name: "Zoë's statement.pdf" })).toBeVisible();
});

test('a letter goes by the complainant’s preferred channel and is saved as an .eml with its PDF', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Zoë Adams',
    email: 'zoe.adams@example.com',
    description: 'Charged twice in March.',
  });
  const reference = await intake.submit();

  const comms = new CommunicationsTab(page);
  await comms.open();
  await page.getByRole('button', { name: 'Write a letter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Write a letter' });
  await chooseOption(dialog.getByRole('combobox', { name: /^Template/ }), 'Acknowledgement');
  await expect(dialog.getByRole('combobox', { name: 'Sent by' })).toHaveText('E-mail');

  await dialog.getByRole('button', { name: 'Save as .eml' }).click();
  const exports = join(harness.dataDir, 'exports');
  const notice = page.getByText(/^Saved .*\.eml\. Open it in your mail program/);
  // The PDF is built in a worker first: its cold start is slow on a busy machine.
  await expect(notice).toBeVisible({ timeout: 30_000 });
  const path = /^Saved (.*\.eml)\./.exec((await notice.textContent()) ?? '')![1]!;
  expect(path.startsWith(exports)).toBe(true);
  // What the officer's mail program will read: to the complainant, the letter, its PDF.
  const mail = await PostalMime.parse(await readFile(path));
  expect(mail.to).toEqual([{ name: 'Zoë Adams', address: 'zoe.adams@example.com' }]);
  expect(mail.subject).toBe(`We have received your complaint — ${reference}`);
  expect(mail.text).toContain('Dear Zoë Adams,');
  expect(mail.attachments.map((a) => [a.filename, a.mimeType])).toEqual([
    [`${reference} We have received your complaint — ${reference}.pdf`, 'application/pdf'],
  ]);
  expect(
    Buffer.from(mail.attachments[0]!.content as ArrayBuffer)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // Recorded as sent by post instead: the log says so.
  await chooseOption(dialog.getByRole('combobox', { name: 'Sent by' }), 'Post');
  await dialog.getByRole('button', { name: 'Send/record' }).click();
  await expect(dialog).toBeHidden();
  const item = comms.log.getByRole('listitem', { name: `We have received your complaint — ${reference}` });
  await expect(item).toContainText('Sent to the complainant · Letter');
});

test('an Outlook message with another message attached keeps both on the case: the inner one as an .msg file of evidence', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  const comms = await newCaseCommunications(
    page,
    harness.url,
    'Kenji Sato',
    'Forwarded his earlier complaint.',
  );
  // Written by Outlook (msgreader's test file): a message, a picture, and a message inside it.
  await expect(page.getByText(/^Drop \.eml or Outlook \.msg files here/)).toBeVisible();
  const forwarded = emailFixture('msgreader/msg-in-msg.msg', 'application/vnd.ms-outlook');
  await dropFiles(page, page.getByRole('main'), [{ ...forwarded, name: 'msg-in-msg.msg' }]);
  await expect(comms.log.getByRole('listitem', { name: 'I have attachments!' })).toBeVisible();
  await expect(
    page.getByText('E-mail recorded in the communications log with 3 files as evidence.'),
  ).toBeVisible();
  const files = await evidenceNames(page);
  await expect(
    files.getByRole('listitem', { name: 'Microsoft Outlook テスト メッセージ.msg' }),
  ).toBeVisible();
  await expect(files.getByRole('listitem', { name: 'green.png' })).toBeVisible();
  await page.screenshot({ path: '/tmp/msg-in-msg-evidence.png', fullPage: true });
});

test('an e-mail whose attachment cannot be read says so where it is dropped, until the officer has seen it, and the record keeps it', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Alex Officer');
  // msg-in-msg.msg with its picture's data stream lost (tests/fixtures/email/make-damaged-msg.ts).
  const damaged = emailFixture('damaged-attachment.msg', 'application/vnd.ms-outlook');
  const warningText =
    '1 attachment of the e-mail “I have attachments!” could not be read and was not added: “green.png” (damaged).' +
    'Ask the sender for it again, or save it from Outlook or your mail program and add it to the evidence by hand.';
  const note = '[1 attachment of this e-mail could not be read and was not added: “green.png” (damaged).]';

  // On New complaint: beside the files to be kept, until the complaint is saved.
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await dropFiles(page, page.getByRole('main'), [damaged]);
  const atIntake = page.getByRole('alert').filter({ hasText: 'could not be read and was not added' });
  await expect(atIntake).toHaveText(warningText);
  const kept = intake.form.getByRole('list', { name: 'Files kept as evidence when the complaint is saved' });
  await expect(kept.getByRole('listitem')).toHaveText([/damaged-attachment\.msg/, /テスト メッセージ\.msg/]);
  // msgreader's test message names no sender.
  await intake.form.getByRole('textbox', { name: 'Complainant name' }).fill('Kenji Sato');
  await intake.form.getByRole('textbox', { name: 'Email address' }).fill('kenji.sato@example.jp');
  await intake.choose('Category', 'Charges and fees');
  await intake.submit();
  // The case's evidence says the e-mail came with a file that is not there.
  let files = await evidenceNames(page);
  await expect(files.getByRole('listitem', { name: 'damaged-attachment.msg' })).toContainText(note);

  // On a case's communications log: the success message goes by itself, the warning stays.
  const comms = await newCaseCommunications(page, harness.url, 'Kenji Sato', 'Sent his documents by e-mail.');
  await dropFiles(page, page.getByRole('main'), [damaged]);
  const recorded = page.getByText('E-mail recorded in the communications log with 2 files as evidence.');
  await expect(recorded).toBeVisible();
  const warning = page.getByRole('alert').filter({ hasText: 'could not be read and was not added' });
  await expect(warning).toContainText(warningText);
  await expect(recorded).toBeHidden({ timeout: 15_000 });
  await expect(warning).toBeVisible();
  await page.screenshot({ path: '/tmp/email-skipped.png' });
  // The contact's text records it too.
  const item = comms.log.getByRole('listitem', { name: 'I have attachments!' });
  await item.getByRole('button', { name: 'Show the full text' }).click();
  await expect(item.getByTestId('communication-text')).toContainText(note);
  // Another of the case's tabs looked at meanwhile does not count as seen.
  files = await evidenceNames(page);
  await expect(files.getByRole('listitem')).toHaveCount(2);
  await expect(files.getByRole('listitem', { name: 'damaged-attachment.msg' })).toContainText(note);
  await comms.open();
  await expect(warning).toContainText(warningText);
  await warning.getByRole('button', { name: 'I’ve noted it' }).click();
  await expect(warning).toHaveCount(0);
  await evidenceNames(page);
  await comms.open();
  await expect(item).toBeVisible();
  await expect(warning).toHaveCount(0);
});
