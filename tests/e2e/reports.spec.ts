import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureAccount, expect, openAppAs, signIn, signOut, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { ExportCaseDialog, exportsDir, pdfText } from './pages/reports';
import { dateField, typeDate } from './pages/date-field';
import { chooseOption } from './pages/select-option';

const ZOE = { name: 'Zoë Łukasz-Đặng', email: 'zoe.dang@example.org', accountRef: '40302011223344' };

test('an officer exports a case report, then a redacted copy for the ombudsman', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    ...ZOE,
    category: 'Payments',
    description: `My transfer from account ${ZOE.accountRef} was nine days late. Write to ${ZOE.email}.`,
  });
  const reference = await intake.submit();

  const exporter = new ExportCaseDialog(page);
  const path = await exporter.export();
  expect(path).toBe(join(exportsDir(harness), `${reference}.pdf`));
  const full = pdfText(path);
  for (const s of [
    reference,
    'Zoë Łukasz-Đặng',
    'Case report',
    'The complaint as received',
    'Appendix: audit trail',
    'None recorded',
    'Priya Shah',
  ])
    expect(full).toContain(s);
  expect(full).toMatch(/Page 1 of \d+/);
  expect(full).toMatch(/Audit hash [0-9a-f]{64}/);

  // The export is a disclosure: it is on the case's timeline, with the ID on each of its pages.
  const documentId = /Document ID (DOC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(full)![1];
  expect(
    full
      .split('\f')
      .filter((p) => p.trim())
      .every((p) => p.includes(`Document ID ${documentId}`)),
  ).toBe(true);
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText(`Case report exported: ${reference}.pdf (document ID ${documentId})`);

  const redactedPath = await exporter.export({ redact: true, audit: false });
  await expect(timeline).toContainText(
    new RegExp(
      `${reference}-redacted\\.pdf \\(document ID DOC-[0-9A-Z-]{14}\\) \\(personal data redacted\\)`,
    ),
  );
  expect(redactedPath).toBe(join(exportsDir(harness), `${reference}-redacted.pdf`));
  const redacted = pdfText(redactedPath);
  expect(redacted).toContain(reference);
  expect(redacted).toContain('Complainant');
  for (const s of ['Zoë', 'Łukasz', 'Đặng', ZOE.email, ZOE.accountRef, 'Priya'])
    expect(redacted).not.toContain(s);
  expect(redacted).not.toContain('Appendix: audit trail');
});

test('a manager creates the management report for a period, and an end before the start is refused', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Tomasz Wójcik', 'Manager');
  const intake = new IntakePage(page);
  for (const name of ['Ana Silva', 'Ngũgĩ Kamau']) {
    await intake.open(harness.url);
    await intake.fill({ name, category: 'Payments', description: 'Late payment.' });
    await intake.submit();
  }
  await page.getByRole('link', { name: 'Reports' }).click();
  const form = page.getByRole('form', { name: 'Reports' });
  const from = dateField(form, 'From');
  const to = dateField(form, 'To');
  const year = new Date().getFullYear();
  await typeDate(from, `${year}-12-31`);
  await typeDate(to, `${year}-01-01`);
  await expect(form.getByText('The end date must be on or after the start date.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Create PDF' })).toBeDisabled();

  await typeDate(from, `${year - 1}-01-01`);
  await typeDate(to, `${year}-12-31`);
  await chooseOption(form.getByRole('combobox', { name: 'Category' }), 'Payments', { exact: true });
  await form.getByRole('button', { name: 'Create PDF' }).click();
  const done = form.getByRole('status').filter({ hasText: 'Saved' });
  await expect(done).toContainText('2 received, 0 closed, 2 open at the end of the period.');
  const path = /Saved (.*\.pdf) \(/.exec((await done.textContent()) ?? '')![1]!;
  const text = pdfText(path);
  for (const s of [
    'Complaints management report',
    'Filters: Category: Payments',
    'Key figures',
    'Volume by month',
    'Root causes (Pareto)',
    'SLA compliance trend',
    'Improvement actions in progress',
    'None recorded',
  ])
    expect(text).toContain(s);
  expect(text).toMatch(/Page 1 of \d/);
});

test('batch export writes one PDF per selected case and sums up; it is a manager’s', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await ensureAccount(harness, 'Priya Shah', 'Complaint officer');
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  const intake = new IntakePage(page);
  const refs: string[] = [];
  for (const name of ['Łukasz Nowak', 'Siobhán Ó Briain', 'Đặng Thu']) {
    await intake.open(harness.url);
    await intake.fill({ name, description: 'Charged twice.' });
    refs.push(await intake.submit());
  }
  await page.getByRole('link', { name: 'Cases' }).first().click();
  for (const ref of refs) await page.getByRole('checkbox', { name: `Select ${ref}` }).check();
  await page.getByRole('button', { name: 'Export 3 cases as PDF' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export case reports' });
  await dialog.getByRole('button', { name: 'Choose folder and export' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Exported 3 of 3 to ${exportsDir(harness)}`, {
    timeout: 30_000,
  });
  await expect(dialog.getByRole('status')).toContainText(/in \d+ seconds?\b/);
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const files = dialog.getByRole('list', { name: 'Files saved' }).getByRole('listitem');
  await expect(files).toHaveText(refs.map((r) => `${r}.pdf`));
  expect((await readdir(exportsDir(harness))).sort()).toEqual(refs.map((r) => `${r}.pdf`).sort());
  expect(pdfText(join(exportsDir(harness), `${refs[1]}.pdf`))).toContain('Siobhán Ó Briain');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // An officer selects cases too (for a bundle), but is offered no batch of case reports.
  await signOut(page);
  await signIn(page, 'Priya Shah');
  await page.getByRole('link', { name: 'Cases' }).first().click();
  await page.getByRole('checkbox', { name: `Select ${refs[0]}` }).check();
  await expect(page.getByRole('button', { name: 'Export bundle of 1 case…' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Export \d+ cases? as PDF$/ })).toHaveCount(0);
});

test('a batch of redacted copies asks for whom and why, and a stopped batch says how far it got', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  const intake = new IntakePage(page);
  const refs: string[] = [];
  for (const name of ['Zoë Dang', 'Mateus Araújo', 'Ines Müller']) {
    await intake.open(harness.url);
    await intake.fill({ name, description: `${name} was charged twice on card 4111 1111 1111 1111.` });
    refs.push(await intake.submit());
  }
  await page.getByRole('link', { name: 'Cases' }).first().click();
  for (const ref of refs) await page.getByRole('checkbox', { name: `Select ${ref}` }).check();
  await page.getByRole('button', { name: 'Export 3 cases as PDF' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export case reports' });
  await dialog.getByRole('checkbox', { name: 'Redact personal data for sharing' }).check();
  await dialog.getByRole('button', { name: 'Choose folder and export' }).click();
  await expect(dialog.getByText('Say who receives this copy.')).toBeVisible();
  await expect(dialog.getByText('Say why this copy is shared.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'For whom (recipient)' }).fill('Financial Ombudsman Service');
  await dialog.getByRole('textbox', { name: 'Why (purpose)' }).fill('Case file request');
  await dialog.getByRole('button', { name: 'Choose folder and export' }).click();
  await dialog.getByRole('button', { name: 'Stop' }).click();
  const status = dialog.getByRole('status');
  await expect(status).toContainText(/Stopped: [12] of 3 exported/, { timeout: 30_000 });
  const written = await readdir(exportsDir(harness));
  expect(written.length).toBeLessThan(3);
  await expect(dialog.getByRole('progressbar')).toHaveAttribute(
    'aria-valuenow',
    String(Math.round((written.length / 3) * 100)),
  );
  const listed = await dialog
    .getByRole('list', { name: 'Files saved' })
    .getByRole('listitem')
    .allTextContents();
  expect(listed.sort()).toEqual([...written].sort());
  for (const f of written) {
    expect(f).toMatch(/-redacted\.pdf$/);
    const text = pdfText(join(exportsDir(harness), f));
    expect(text).toContain('REDACTED');
    for (const leak of ['Dang', 'Araújo', 'Müller', '4111']) expect(text).not.toContain(leak);
  }
});

test('the letterhead (footer and logo) is kept in Settings, and an oversized logo is refused', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Tomasz Wójcik', ['Manager', 'Administrator']);
  await page.getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('form', { name: 'Letterhead' });
  await section.getByRole('textbox', { name: 'Footer text' }).fill('Registered in England No. 123456.');
  const input = section.locator('input[type=file]');
  await input.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(600 * 1024, 1) });
  await expect(section.getByText('The logo is too large: use an image under 500 KB.')).toBeVisible();
  // A few bytes that say 9000 × 9000 pixels: refused by its header before anything draws it.
  const huge = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  huge.writeUInt32BE(9000, 16);
  huge.writeUInt32BE(9000, 20);
  await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge });
  await expect(
    section.getByText('The logo is 9000 × 9000 pixels: use an image of at most 2000 × 2000 pixels.'),
  ).toBeVisible();
  await expect(section.getByRole('img', { name: 'Current logo' })).toHaveCount(0);
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
  await expect(section.getByRole('img', { name: 'Current logo' })).toBeVisible();
  await section.getByRole('button', { name: 'Save letterhead' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('form', { name: 'Letterhead' }).getByRole('textbox', { name: 'Footer text' }),
  ).toHaveValue('Registered in England No. 123456.');
  await expect(
    page.getByRole('form', { name: 'Letterhead' }).getByRole('img', { name: 'Current logo' }),
  ).toBeVisible();
});
