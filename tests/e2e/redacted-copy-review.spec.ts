import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { ExportCaseDialog, pdfText, RedactionReview } from './pages/reports';

const ZOE = { name: 'Zoë Łukasz-Đặng', email: 'zoe.dang@example.org' };

test('a manager reviews a redacted copy: adds a term, shows one with a reason, says for whom and why', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Morgan Lee', 'Manager');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    ...ZOE,
    category: 'Payments',
    // "BR-1024" is the office's public form number, which the file-number pattern also matches;
    // "Larkspur Farm" is the complainant's home, which no rule knows.
    description: `Zoë sent form BR-1024 from Larkspur Farm and heard nothing. Write to ${ZOE.email}.`,
  });
  const reference = await intake.submit();

  const exporter = new ExportCaseDialog(page);
  await exporter.start({ redact: true, audit: false });
  const review = new RedactionReview(page);
  await expect(review.dialog).toBeVisible();

  // The text as the copy will read it, each replacement highlighted.
  const complaint = review.text.getByRole('paragraph').filter({ hasText: 'sent form' });
  await expect(complaint).toHaveText(
    'The complainant sent form [reference] from Larkspur Farm and heard nothing. Write to [redacted].',
  );
  await expect(complaint.locator('mark')).toHaveText(['The complainant', '[reference]', '[redacted]']);
  await expect(review.removed).toContainText('Customer, file or policy numbers');
  await expect(review.removed).toContainText('BR-1024');

  // Add what the engine missed: it is redacted everywhere, and the preview runs again.
  await review.addTerm('Larkspur Farm');
  await expect(complaint).toHaveText(
    'The complainant sent form [reference] from [redacted] and heard nothing. Write to [redacted].',
  );
  await expect(review.removed).toContainText('Terms you added');

  // Show one term: a reason is required.
  await review.dialog.getByRole('button', { name: 'Show “BR-1024” in the copy' }).click();
  await review.dialog.getByRole('button', { name: 'Show this term' }).click();
  await expect(review.dialog.getByText('Give a reason for showing this term.')).toBeVisible();
  await review.dialog
    .getByRole('textbox', { name: 'Why “BR-1024” may be shown' })
    .fill('Our public form number, not a customer’s');
  await review.dialog.getByRole('button', { name: 'Show this term' }).click();
  await expect(complaint).toHaveText(
    'The complainant sent form BR-1024 from [redacted] and heard nothing. Write to [redacted].',
  );
  await expect(review.dialog.getByRole('region', { name: 'Shown on purpose' })).toContainText(
    '“BR-1024”: Our public form number, not a customer’s',
  );

  // For whom and why are required.
  await review.exportButton.click();
  await expect(review.dialog.getByText('Say who receives this copy.')).toBeVisible();
  await expect(review.dialog.getByText('Say why this copy is shared.')).toBeVisible();
  await review.forWhom('Financial Ombudsman Service', 'Referral of the complaint');
  await page.setViewportSize({ width: 1100, height: 2400 });
  await review.dialog.screenshot({ path: test.info().outputPath('redaction-review.png') });
  await review.exportButton.click();
  const path = await exporter.saved();

  const text = pdfText(path).replace(/\s+/g, ' ');
  expect(text).toContain('BR-1024');
  for (const s of ['Larkspur', 'Zoë', 'Đặng', ZOE.email]) expect(text).not.toContain(s);

  // The redaction log is on the timeline, in words, without the values removed.
  const entry = page
    .getByRole('list', { name: 'Timeline' })
    .getByRole('listitem')
    .filter({
      hasText: `${reference}-redacted.pdf`,
    });
  await expect(entry).toContainText(
    'for Financial Ombudsman Service, purpose: Referral of the complaint; removed: Names ',
  );
  await expect(entry).toContainText('Terms you added 2');
  await expect(entry).toContainText('1 term added at review');
  await expect(entry).toContainText('shown on purpose: “BR-1024” (Our public form number, not a customer’s)');
  await expect(entry).toContainText('Morgan Lee');
  await expect(entry).not.toContainText('Larkspur');
});
