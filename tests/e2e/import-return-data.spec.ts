import { expect, openAppAs, test } from './fixtures';
import { dateField, dayShown } from './pages/date-field';
import { ImportScreen } from './pages/import';

// A legacy export with the data the regulators' returns need. Row 3's redress amount could be a
// thousand and a quarter or one and a quarter, and the office (en-GB) does not group thousands with
// a point: the dry run refuses it rather than guess. (A bare "1,250" would be read as en-GB writes it.)
const WITH_RETURNS = [
  'Case No;Date received;Customer name;E-mail;Category;Details;Regulatory product;Complaint cause;Customer type;Postcode;Redress paid;Date paid;Remedy type;ASIC outcome;Referred to FOS;FOS outcome;FOS outcome date',
  'OLD-1;02/03/2024;Ann Lee;ann@example.com;Service;Fee taken twice;credit card;Fees, charges or terms;SME;sw1a 1aa;"£1,250.00";10/03/2024;Refund;In the firm’s favour;20/03/2024;Not upheld;30/04/2024',
  'OLD-2;05/03/2024;Bob Carr;bob@example.com;Service;Refund never came;Mortgage;Service;Consumer;;"1.250";12/03/2024;Refund;;;;',
];

test('a manager imports legacy complaints with their return data, and a bad redress cell is refused with its reason', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Administrator']);
  await page.getByRole('link', { name: 'Import…' }).click();
  const screen = new ImportScreen(page);
  await screen.choose('returns.csv', WITH_RETURNS);
  await expect(page.getByText('returns.csv: 2 rows to import, 17 columns.')).toBeVisible();

  // The return columns are guessed from their headings like the others.
  const mapping = screen.mapping;
  await expect(mapping.getByRole('combobox', { name: 'Return product (from Settings)' })).toHaveText(
    'Regulatory product',
  );
  await expect(mapping.getByRole('combobox', { name: 'Redress paid: amount' })).toHaveText('Redress paid');
  await expect(mapping.getByRole('combobox', { name: 'Redress paid: date paid' })).toHaveText('Date paid');
  await mapping.getByRole('button', { name: 'Check every row' }).click();

  await expect(screen.dryRun.getByText('1 row will be imported.')).toBeVisible();
  await expect(screen.refusedRows).toHaveText([
    /Row.*What happened.*Details/,
    /3.*Failed.*Redress paid: amount “1\.250” could be read as thousands or as decimals: write it with two decimal places, such as 1,250\.00 or 1\.250,00, or without separators, such as 1250\./,
  ]);
  await screen.dryRun.getByRole('button', { name: 'Import 1 row' }).click();
  await expect(
    screen.report.getByText('1 imported, 0 skipped as duplicates, 1 failed, 0 not imported.'),
  ).toBeVisible();
  await screen.openFirstImported(2);
  await expect(page.getByText('Ann Lee').first()).toBeVisible();

  // The case's Return data tab shows what the file recorded.
  await page.getByRole('tab', { name: 'Return data' }).click();
  const form = page.getByRole('form', { name: 'Data for the regulators’ returns' });
  await expect(form.getByRole('combobox', { name: 'Product', exact: true })).toHaveText('Credit card');
  await expect(form.getByRole('combobox', { name: 'Complaint cause', exact: true })).toHaveText(
    'Fees, charges or terms',
  );
  await expect(form.getByRole('radio', { name: 'Small business' })).toBeChecked();
  await expect(form.getByRole('textbox', { name: 'Postcode' })).toHaveValue('SW1A 1AA');
  await expect(form.getByRole('combobox', { name: 'ASIC outcome', exact: true })).toHaveText(
    'In the firm’s favour',
  );
  const payment = form.getByRole('group', { name: 'Payment 1' });
  await expect(payment.getByRole('combobox', { name: 'Remedy type' })).toHaveText('Refund');
  await expect(payment.getByRole('textbox', { name: 'Amount' })).toHaveValue('1250');
  await expect(payment.getByRole('textbox', { name: 'Currency' })).toHaveValue('GBP');
  expect(await dayShown(dateField(payment, 'Date paid'))).toBe('2024-03-10');
  // And its referral to the ombudsman, with the outcome the file recorded.
  await expect(form.getByRole('checkbox', { name: 'Referred to the ombudsman or AFCA' })).toBeChecked();
  expect(await dayShown(dateField(form, 'Date referred'))).toBe('2024-03-20');
  await expect(form.getByRole('combobox', { name: 'Ombudsman outcome' })).toHaveText('In the firm’s favour');
  expect(await dayShown(dateField(form, 'Date the outcome was known'))).toBe('2024-04-30');
  await payment.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('imported-return-data.png') });
});
