import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, openAppAs, test } from './fixtures';
import { BackupsPage } from './pages/backups';
import { ImportScreen } from './pages/import';
import { chooseOption } from './pages/select-option';

// A legacy system's export as Excel writes it on Windows: `;` between cells, a quoted newline,
// dates day first. Row 4 has a date that never was and row 5 a category the office does not use.
const LEGACY = [
  'Legacy ID;Date received;Customer name;E-mail;Category;Details',
  'OLD-1;02/03/2024;Ann Lee;ann@example.com;Service;"Kept waiting on the phone,\nthen cut off"',
  'OLD-2;05/03/2024 14:30;=HYPERLINK("http://x","Bob");bob@example.com;Payments;Transfer arrived late',
  'OLD-3;31/02/2024;Cat Ng;cat@example.com;Service;Rude staff',
  'OLD-4;06/03/2024;Dan Roe;dan@example.com;Parking;Fined unfairly',
  'OLD-5;07/03/2024;Eve Fox;eve@example.com;accounts;Statement missing',
].join('\r\n');

test('a manager imports a legacy CSV through the mapping screen, sees every row’s fate, and exports the list to XLSX', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Administrator']);
  await page.getByRole('link', { name: 'Import…' }).click();
  await expect(page.getByRole('heading', { name: 'Import complaints' })).toBeVisible();
  const choose = async () => {
    await page.getByLabel('Spreadsheet file (.csv or .xlsx)').setInputFiles({
      name: 'legacy.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(LEGACY, 'utf8'),
    });
  };
  await choose();
  await expect(page.getByText('legacy.csv: 5 rows to import, 6 columns.')).toBeVisible();

  // Guessed from the names; "Legacy ID" is not one Redress knows, so the officer chooses it.
  const mapping = page.getByRole('region', { name: 'Which column holds what' });
  await expect(mapping.getByRole('combobox', { name: 'Received (required)' })).toHaveText('Date received');
  await expect(mapping.getByRole('combobox', { name: 'External reference' })).toHaveText('(none)');
  await chooseOption(mapping.getByRole('combobox', { name: 'External reference' }), 'Legacy ID');
  await mapping.getByRole('button', { name: 'Check every row' }).click();

  const dryRun = page.getByRole('region', { name: 'What the import will do' });
  await expect(dryRun.getByText('3 rows will be imported.')).toBeVisible();
  await expect(dryRun.getByText('2 rows will not be imported:')).toBeVisible();
  const refused = dryRun.getByRole('table', { name: 'What the import will do' });
  await expect(refused.getByRole('row')).toHaveText([
    /Row.*What happened.*Details/,
    /4.*Failed.*Received “31\/02\/2024” is not a date\./,
    /5.*Failed.*“Parking” is not one of the office’s categories\./,
  ]);
  // The dry run's report, saved before anything is imported: every row left out, with why.
  await dryRun.getByRole('button', { name: 'Save dry-run report' }).click();
  const dryRunNotice = page.getByText(/^Dry-run report saved: /);
  await expect(dryRunNotice).toBeVisible();
  const dryRunPath = /^Dry-run report saved: (.*)$/.exec((await dryRunNotice.textContent()) ?? '')![1]!;
  expect(dryRunPath.startsWith(join(harness.dataDir, 'exports'))).toBe(true);
  expect((await readFile(dryRunPath, 'utf8')).replace(/^\uFEFF/, '').split('\r\n')).toEqual([
    'Row,Outcome,Case,Details',
    '4,will fail,,Received “31/02/2024” is not a date.',
    '5,will fail,,“Parking” is not one of the office’s categories.',
    '',
  ]);
  await dryRun.getByRole('button', { name: 'Import 3 rows' }).click();

  const report = page.getByRole('region', { name: 'Import report' });
  await expect(
    report.getByText('3 imported, 0 skipped as duplicates, 2 failed, 0 not imported.'),
  ).toBeVisible();
  // The rows left out come first: they are what the officer has to deal with.
  const show = report.getByRole('combobox', { name: 'Show' });
  await expect(show).toHaveText('Rows not imported (2)');
  const rows = report.getByRole('table', { name: 'Import report' }).getByRole('row');
  await expect(rows).toHaveText([
    /Row.*What happened.*Details/,
    /^4Failed.*Received “31\/02\/2024” is not a date\./,
    /^5Failed.*“Parking” is not one of the office’s categories\./,
  ]);
  await page.screenshot({ path: test.info().outputPath('import-report.png'), fullPage: true });
  await show.click();
  await page.getByRole('option', { name: 'All rows (5)' }).click();
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1)).toHaveText(/^2Imported as CMP-\d{4}-\d+/);

  await report.getByRole('button', { name: 'Save report as CSV' }).click();
  const notice = page.getByText(/^Report saved: /);
  await expect(notice).toBeVisible();
  const reportPath = /^Report saved: (.*)$/.exec((await notice.textContent()) ?? '')![1]!;
  expect(reportPath.startsWith(join(harness.dataDir, 'exports'))).toBe(true);
  const saved = (await readFile(reportPath, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
  expect(saved[0]).toBe('Row,Outcome,Case,Details');
  expect(saved[1]).toMatch(/^2,imported,CMP-\d{4}-\d+,$/);
  expect(saved[3]).toBe('4,failed,,Received “31/02/2024” is not a date.');
  expect(saved).toHaveLength(7);

  // The imported case, with its historical received date and its description's two lines.
  await rows.nth(1).getByRole('link').click();
  await expect(page.getByText('Ann Lee').first()).toBeVisible();
  await expect(page.getByText(/then cut off/).first()).toBeVisible();
  // Its history names the file and row (the import's trail is stored packed on a single desk).
  await expect(page.getByText('Reason: Imported from legacy.csv, row 2')).toBeVisible();

  // The same file again: the columns are remembered and every imported row is a duplicate.
  await page.goto(`${harness.url}#/cases/import`);
  await choose();
  await expect(page.getByText('Using the columns you chose last time for a file like this.')).toBeVisible();
  await page.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByText('0 rows will be imported.')).toBeVisible();
  await expect(page.getByText(/External reference OLD-1 is already case CMP-/)).toBeVisible();

  // The list, exported to Excel: the columns shown, a formula-like name kept as text.
  await page.goto(`${harness.url}#/cases`);
  await page.getByRole('button', { name: 'Export list' }).click();
  await page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click();
  const exported = page.getByText(/^3 cases exported to /);
  await expect(exported).toBeVisible();
  const xlsxPath = /^3 cases exported to (.*)$/.exec((await exported.textContent()) ?? '')![1]!;
  expect(xlsxPath.endsWith('.xlsx')).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await readFile(xlsxPath)).buffer);
  const sheet = workbook.getWorksheet('Cases')!;
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    'Reference',
    'Complainant',
    'Channel',
    'Category',
    'Subcategory',
    'Description',
    'Status',
    'Severity',
    'Assigned to',
    'Received (Europe/London)',
    'Next deadline (Europe/London)',
  ]);
  expect(sheet.rowCount).toBe(4);
  const names = [2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value);
  expect(names.sort()).toEqual([`'=HYPERLINK("http://x","Bob")`, 'Ann Lee', 'Eve Fox'].sort());
  const ann = [2, 3, 4].map((r) => sheet.getRow(r)).find((r) => r.getCell(2).value === 'Ann Lee')!;
  expect(ann.getCell(4).value).toBe('Service');
  expect(ann.getCell(9).value).toBe('Unassigned');
  expect(ann.getCell(10).value).toBe('2024-03-02 00:00');

  // The imported complaints are found by what they say (their search documents went from the
  // import's worker to the search's).
  await page.getByRole('search').getByRole('textbox', { name: 'Search' }).fill('statement');
  await expect(page).toHaveURL((url) => new URLSearchParams(url.hash.split('?')[1]).get('q') === 'statement');
  await expect(page.getByRole('row', { name: /Eve Fox/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Ann Lee/ })).toHaveCount(0);
  await page.getByRole('search').getByRole('textbox', { name: 'Search' }).fill('');

  // The imported complaints count in their half-year's FCA return: the import placed their return
  // facts after its last batch.
  await page.getByRole('link', { name: 'Returns' }).click();
  await chooseOption(page.getByRole('combobox', { name: 'Period' }), /^H1 2024/);
  await expect(
    page
      .getByRole('table', { name: 'Complaints by product group' })
      .getByRole('row', { name: /^Total/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('3');

  // The import's trail entries are stored packed, many to a row: the audit check reads them as one
  // trail, and a backup counts its entries, not its rows.
  await page.getByRole('link', { name: 'Settings' }).click();
  const audit = page.getByRole('region', { name: 'Audit trail' });
  await audit.getByRole('button', { name: 'Check the audit trail' }).click();
  const intact = /^The audit trail is intact: ([\d,]+) entries checked\./;
  await expect(audit.getByRole('alert')).toHaveText(intact);
  const entries = intact.exec((await audit.getByRole('alert').textContent()) ?? '')![1]!;
  const backups = new BackupsPage(page);
  await backups.open();
  await backups.setPassphrase('copper kettle under the stairs');
  await backups.backUpNow();
  await expect(backups.list.getByRole('row').nth(1)).toContainText(`Cases: 3 · Audit entries: ${entries} ·`);
  await page.screenshot({ path: test.info().outputPath('backups-after-import.png'), fullPage: true });
});

test('a dry run cancelled on a 100,000-row file can be run again: the file is read again into a fresh worker', async ({
  page,
  harness,
}) => {
  test.setTimeout(180_000);
  await openAppAs(page, harness, 'Morgan Manager', ['Manager']);
  const lines = ['Case No;Date received;Customer name;E-mail;Category;Details'];
  for (let i = 1; i <= 100_000; i += 1)
    lines.push(
      `BIG-${i};${String((i % 28) + 1).padStart(2, '0')}/03/2024;Person ${i};p${i}@example.com;Service;Waited`,
    );
  await page.getByRole('link', { name: 'Import…' }).click();
  await page.getByLabel('Spreadsheet file (.csv or .xlsx)').setInputFiles({
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\r\n'), 'utf8'),
  });
  await expect(page.getByText('big.csv: 100,000 rows to import, 6 columns.')).toBeVisible({
    timeout: 60_000,
  });

  // Cancel stops the dry run's worker, and with it the rows it held (the page keeps none).
  const mapping = page.getByRole('region', { name: 'Which column holds what' });
  await mapping.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('status').getByText('Checking rows…')).toBeVisible();
  // The mapping is held still while its rows are checked: the review would not follow a change.
  const dateOrder = mapping.getByRole('combobox', { name: 'Dates written like 03/04/2024' });
  const received = mapping.getByRole('combobox', { name: 'Received (required)' });
  await expect(dateOrder).toBeDisabled();
  await expect(received).toBeDisabled();
  await expect(mapping.getByRole('button', { name: 'Choose another file' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveCount(0);
  await expect(dateOrder).toBeEnabled();
  await expect(received).toBeEnabled();

  // Checked again: the file is read again, then every row checked.
  await mapping.getByRole('button', { name: 'Check every row' }).click();
  await expect(page.getByRole('status').getByText('Reading big.csv…')).toBeVisible();
  const dryRun = page.getByRole('region', { name: 'What the import will do' });
  await expect(dryRun.getByText('100,000 rows will be imported.')).toBeVisible({ timeout: 60_000 });

  // Cancelled once more, and the file edited meanwhile (a column renamed, as someone tidying it in
  // Excel would): the mapping was made for the old columns, so it is refused, before its rows are
  // read, and chosen afresh.
  await dryRun.getByRole('button', { name: 'Back' }).click();
  await page.route('**/__api/sheets%3Aparse', async (route) => {
    const response = await route.fetch();
    const answer = (await response.json()) as { value: { header: string[] } };
    answer.value.header[5] = 'Complaint details';
    await route.fulfill({ response, json: answer });
  });
  await mapping.getByRole('button', { name: 'Check every row' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await mapping.getByRole('button', { name: 'Check every row' }).click();
  await expect(
    page.getByText('“big.csv” has changed since it was chosen. Choose it again to check its rows.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose file…' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('import-file-changed.png') });
});

test('complaints the legacy system had answered are imported closed on their final response, with their outcome', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Administrator']);
  await page.goto(`${harness.url}#/cases/import`);
  const screen = new ImportScreen(page);
  await screen.choose('answered.csv', [
    'Case number;Date received;Customer name;E-mail;Category;Details;Date acknowledged;Date closed;Outcome',
    'A-1;04/03/2024 10:15;Zoë Ødegaard;zoe@example.no;Service;Fee taken twice;04/03/2024;06/03/2024 16:00;Upheld in part',
    'A-2;05/03/2024;Seán Ó Briain;sean@example.ie;Service;Card blocked abroad;;;Not upheld',
    'A-3;06/03/2024;Aroha Ngata;aroha@example.nz;Service;No reply to my letter;;;',
  ]);
  const mapping = screen.mapping;
  await expect(mapping.getByRole('combobox', { name: 'Final response sent (closed complaints)' })).toHaveText(
    'Date closed',
  );
  await expect(
    mapping.getByRole('combobox', { name: 'Outcome (upheld, partially upheld, not upheld)' }),
  ).toHaveText('Outcome');
  await mapping.getByRole('button', { name: 'Check every row' }).click();
  await expect(screen.dryRun.getByText('2 rows will be imported.')).toBeVisible();
  await expect(screen.refusedRows).toHaveText([
    /Row.*What happened.*Details/,
    /3.*Failed.*Outcome \(upheld, partially upheld, not upheld\): An outcome needs the date the final response was sent\./,
  ]);
  await screen.dryRun.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(
    screen.report.getByText('2 imported, 0 skipped as duplicates, 1 failed, 0 not imported.'),
  ).toBeVisible();
  await screen.openFirstImported(3);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Closed');
  await expect(page.getByText('Zoë Ødegaard').first()).toBeVisible();
  await expect(page.getByText('Partially upheld').first()).toBeVisible();
  // Acknowledged on the day it came in (the file gave no time), answered two business days later.
  const deadlines = page.getByRole('region', { name: /^Deadlines/ });
  await expect(deadlines).toContainText('Met by the acknowledgement — 4 Mar 2024, 10:15');
  await expect(deadlines).toContainText('Met by the final response — 6 Mar 2024, 16:00');
  await page.screenshot({ path: test.info().outputPath('imported-closed-case.png'), fullPage: true });
});

test('a list exported while a search is typed holds every match, not only the rows read so far', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Administrator']);
  await page.getByRole('link', { name: 'Import…' }).click();
  const screen = new ImportScreen(page);
  // Sixty overdraft complaints (more than the list reads at once) and one about something else.
  const lines = [
    'Date received;Customer name;E-mail;Category;Details',
    ...Array.from(
      { length: 60 },
      (_, i) =>
        `0${(i % 9) + 1}/03/2024;Person ${i + 1};p${i + 1}@example.com;Service;Overdraft fee charged twice (${i + 1})`,
    ),
    '10/03/2024;Other Person;other@example.com;Service;Statement missing',
  ];
  await screen.choose('many.csv', lines);
  await screen.mapping.getByRole('button', { name: 'Check every row' }).click();
  await expect(screen.dryRun.getByText('61 rows will be imported.')).toBeVisible();
  // No column is the external reference: importing the file again would log every row twice.
  await expect(screen.dryRun.getByRole('alert')).toContainText(
    'No column is matched to the external reference',
  );
  await screen.dryRun.getByRole('button', { name: 'Import 61 rows' }).click();
  await expect(screen.report.getByText(/^61 imported/)).toBeVisible();

  await page.goto(`${harness.url}#/cases`);
  await page.getByRole('search').getByRole('textbox', { name: 'Search' }).fill('overdraft');
  const table = page.getByRole('table', { name: 'Cases, best match first' });
  await expect(table.getByRole('row').nth(1)).toContainText('Overdraft fee charged twice');
  await page.getByRole('button', { name: 'Export list' }).click();
  await page.getByRole('menuitem', { name: 'CSV (.csv)' }).click();
  const exported = page.getByText(/^60 cases exported to /);
  await expect(exported).toBeVisible();
  const csvPath = /^60 cases exported to (.*)$/.exec((await exported.textContent()) ?? '')![1]!;
  const rows = (await readFile(csvPath, 'utf8')).trim().split('\r\n').slice(1);
  expect(rows).toHaveLength(60);
  expect(rows.every((r) => r.includes('Overdraft fee charged twice'))).toBe(true);
});
