// A case handed from one office to another with no network: an officer at the North Office
// exports a case with its evidence as a signed bundle; at the South Office (a second harness with a
// fresh data folder and browser profile) a tampered copy is refused naming the altered part, then
// the real one shows who sent it and its key's fingerprint, is trusted, imported and opened with
// its evidence and the sender's history.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Harness } from './harness/server';
import { ensureAccount, expect, FIXTURE_ADMIN, openAppAs, signOut, test, TEST_PASSWORD } from './fixtures';
import { startHarness } from './harness/server';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';

const LETTER = 'Dear Sir or Madam, I was charged twice for March. — Đặng';

/** Names the office as an administrator would in Settings; returns its bundle key's fingerprint. */
async function nameOffice(harness: Harness, officeName: string): Promise<string> {
  await ensureAccount(harness, 'Priya Shah', ['Complaint officer', 'Investigator']);
  await harness.call('auth:sign-in', { name: FIXTURE_ADMIN, password: TEST_PASSWORD });
  await harness.call('settings:set', { officeName });
  const identity = await harness.call('bundle:identity');
  await harness.call('auth:sign-out');
  if (!identity.ok) throw new Error(identity.error.message);
  return (identity.value as { fingerprint: string }).fingerprint;
}

test('a case exported as a signed bundle is imported at another office, and a tampered copy refused', async ({
  page,
  harness,
  browser,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(180_000);
  const fingerprint = await nameOffice(harness, 'North Office');
  await openAppAs(page, harness, 'Priya Shah', ['Complaint officer', 'Investigator']);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Đặng Thị Lan', description: 'Charged twice for the March bill.' });
  const reference = await intake.submit();
  const c = new CasePage(page);
  await c.startInvestigation();
  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.addEvidence('letter.txt', LETTER);

  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(
    page.getByText(/^Case bundle saved as .*\.redressbundle \(1 case, 1 evidence file\)\.$/),
  ).toBeVisible();
  const exports = join(harness.dataDir, 'exports');
  const [name] = (await readdir(exports)).filter((f) => f.endsWith('.redressbundle'));
  const bundle = await readFile(join(exports, name!));

  // One byte of the evidence file changed on the way.
  const tampered = Buffer.from(bundle);
  const at = tampered.lastIndexOf(Buffer.from(LETTER));
  tampered[at + 5] = tampered[at + 5]! ^ 0x01;

  const south = await startHarness();
  const context = await browser.newContext();
  try {
    await nameOffice(south, 'South Office');
    const fresh = await context.newPage();
    const freshErrors: string[] = [];
    fresh.on('console', (msg) => msg.type() === 'error' && freshErrors.push(msg.text()));
    await openAppAs(fresh, south, 'Bea Okafor', 'Complaint officer');
    await fresh.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await fresh.getByRole('button', { name: 'Import bundle…' }).click();
    const dialog = fresh.getByRole('dialog', { name: 'Import a case bundle' });
    await dialog
      .getByLabel('Bundle file')
      .setInputFiles([
        { name: 'tampered.redressbundle', mimeType: 'application/octet-stream', buffer: tampered },
      ]);
    await expect(dialog.getByRole('alert')).toContainText(
      `(evidence file “letter.txt” of case ${reference}) was altered: it does not match the signed manifest.`,
    );
    await expect(dialog.getByRole('button', { name: 'Import cases' })).toHaveCount(0);

    await dialog
      .getByLabel('Bundle file')
      .setInputFiles([{ name: name!, mimeType: 'application/octet-stream', buffer: bundle }]);
    const sender = dialog.getByRole('definition');
    await expect(sender.filter({ hasText: 'North Office' })).toBeVisible();
    await expect(sender.filter({ hasText: 'Priya Shah' })).toBeVisible();
    await expect(sender.filter({ hasText: fingerprint })).toBeVisible();
    await expect(dialog).toContainText('This office’s key is not trusted here yet');
    await expect(dialog.getByRole('button', { name: 'Import cases' })).toBeDisabled();
    await fresh.screenshot({ path: test.info().outputPath('import-untrusted.png') });
    await dialog.getByRole('button', { name: 'Trust this office' }).click();
    await expect(dialog).toContainText('This office’s key is trusted here.');
    await dialog.getByRole('button', { name: 'Import cases' }).click();
    await expect(dialog.getByRole('listitem')).toHaveText(`${reference}: imported. Open ${reference}`);
    await dialog.getByRole('link', { name: `Open ${reference}` }).click();

    await expect(fresh.getByRole('heading', { level: 1 })).toContainText(reference);
    await expect(fresh.getByRole('list', { name: 'Timeline' })).toContainText(
      'Received in a case bundle: from North Office in bundle',
    );
    const history = fresh.getByRole('region', { name: 'History at North Office (read-only)' });
    await expect(history).toContainText('Case logged');
    await expect(history).toContainText('Priya Shah');
    await fresh.screenshot({ path: test.info().outputPath('received-case.png'), fullPage: true });
    const received = new InvestigationPage(fresh);
    await received.open();
    await expect(received.evidence.getByRole('list', { name: 'Evidence files' })).toContainText('letter.txt');
    await received.evidence.getByRole('button', { name: 'Verify integrity' }).click();
    await expect(received.evidence.getByRole('alert')).toContainText('The file is intact');

    // South's administrator sees North in Settings and stops trusting it, after a confirmation.
    await signOut(fresh);
    await openAppAs(fresh, south, 'Dana Admin', 'Administrator');
    await fresh
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const trusted = fresh.getByRole('list', { name: 'Offices trusted to send case bundles' });
    await expect(trusted.getByRole('listitem')).toContainText(['North Office']);
    await expect(trusted).toContainText(fingerprint);
    await expect(trusted).toContainText('Bea Okafor');
    await trusted.getByRole('button', { name: 'Stop trusting North Office' }).click();
    const confirm = fresh.getByRole('dialog', { name: 'Stop trusting North Office?' });
    await expect(confirm).toContainText(fingerprint);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(trusted.getByRole('listitem')).toHaveCount(1);
    await trusted.getByRole('button', { name: 'Stop trusting North Office' }).click();
    await confirm.getByRole('button', { name: 'Stop trusting' }).click();
    await expect(fresh.getByText('North Office is no longer trusted')).toBeVisible();
    await expect(fresh.getByText(/^No other office is trusted yet\./)).toBeVisible();
    const log = await readFile(join(south.dataDir, 'security-log.jsonl'), 'utf8');
    expect(log).toContain('"event":"bundle-sender-revoked"');
    expect(freshErrors).toEqual([]);
  } finally {
    await context.close();
    await south.close();
  }
});
