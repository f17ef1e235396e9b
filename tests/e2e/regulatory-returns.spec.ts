import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ensureAccount, expect, FIXTURE_ADMIN, openAppAs, TEST_PASSWORD, test } from './fixtures';
import { CommunicationsTab } from './pages/communications';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

// Thursday 26 March 2026, 10:00 in London: in the first half of the returns year that starts on
// 1 January (H1 2026: 1 January – 30 June).
const NOW = new Date('2026-03-26T10:00:00Z');

/**
 * The words of a message that goes away by itself, read from the element as it first appears: read
 * in two steps (visible, then its text), a slow moment between them let the message close first.
 */
async function messageOf(message: Locator): Promise<string> {
  const element = await message.elementHandle({ timeout: 30_000 });
  return (await element?.textContent()) ?? '';
}

test('a manager produces the FCA return, drills into a cell to exactly its cases, exports it to XLSX, and checks the ASIC report', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(150_000);
  // The firm's number, as an administrator enters it in Settings.
  await ensureAccount(harness, 'Morgan Manager', 'Manager');
  await harness.call('auth:sign-in', { name: FIXTURE_ADMIN, password: TEST_PASSWORD });
  await harness.call('settings:set', { firmReferenceNumber: '123456' });
  await harness.call('auth:sign-out');
  await page.clock.setFixedTime(NOW);
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  const intake = new IntakePage(page);
  const comms = new CommunicationsTab(page);

  const logCase = async (
    name: string,
    receivedAt: string,
    product: string | null,
    answeredAt?: string,
    regime?: string,
  ) => {
    await intake.open(harness.url);
    await intake.fill({ name, receivedAt, description: `${name} was charged twice.`, regime });
    const reference = await intake.submit();
    if (product) {
      await page.getByRole('tab', { name: 'Return data' }).click();
      const form = page.getByRole('form', { name: 'Data for the regulators’ returns' });
      await chooseOption(form.getByRole('combobox', { name: 'Product', exact: true }), product, {
        exact: true,
      });
      await form.getByRole('button', { name: 'Save return data' }).click();
      await expect(page.getByText('Return data saved')).toBeVisible();
    }
    if (answeredAt)
      await comms.record({
        direction: 'Sent to the complainant',
        kind: 'Final response',
        at: answeredAt,
        subject: 'Our final response',
        body: 'We do not uphold your complaint.',
      });
    return reference;
  };
  // A: answered on the second business day. B: answered on day 18, within eight weeks.
  // C: not answered, and no product recorded: counted as unmapped, never dropped.
  const a = await logCase('Zoë Adams', '2026-03-02T09:30', 'Credit card', '2026-03-04T09:00');
  const b = await logCase('Ngũgĩ wa Thiong’o', '2026-03-02T10:00', 'Credit card', '2026-03-20T09:00');
  const c = await logCase('Đặng Thị Mai', '2026-03-10T11:00', null);
  // D: an ASIC complaint, no product recorded: in the ASIC report only, never in the FCA return.
  const d = await logCase(
    'Aroha Ngata',
    '2026-03-11T11:00',
    null,
    undefined,
    'Australia ASIC RG 271 (30 days)',
  );

  await page.getByRole('link', { name: 'Returns' }).click();
  await expect(page.getByRole('heading', { name: 'Regulatory returns', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Period' })).toContainText('H1 2026');
  const byProduct = page.getByRole('table', { name: 'Complaints by product group' });
  const banking = byProduct.getByRole('row', { name: /^Banking and credit cards/ });
  // Opened, closed, within 3 business days, within 8 weeks, after 8 weeks, upheld, redress.
  await expect(banking.getByRole('cell')).toHaveText(['2', '2', '1', '1', '0', '0', '–']);
  await expect(byProduct.getByRole('row', { name: /^Unmapped/ }).getByRole('cell')).toHaveText([
    '1',
    '0',
    '0',
    '0',
    '0',
    '0',
    '–',
  ]);
  await expect(
    byProduct
      .getByRole('row', { name: /^Total/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('3');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: test.info().outputPath('rscreen-returns-1366.png'), fullPage: true });

  // The cell opens the Cases list with exactly the cases it counts, and says what was drilled.
  await banking
    .getByRole('button', {
      name: 'Banking and credit cards, Closed after 3 business days, within 8 weeks: 1 case – show it',
    })
    .click();
  await expect(page).toHaveURL(/#\/cases\?drill=/);
  const chips = page.getByLabel('Filters from the dashboard');
  await expect(chips).toContainText(
    'FCA complaints return H1 2026 · Banking and credit cards · Closed after 3 business days, within 8 weeks',
  );
  const list = page.getByRole('table', { name: /cases/i });
  await expect(list.getByRole('link', { name: b })).toBeVisible();
  await expect(list.getByRole('link', { name: a })).toHaveCount(0);
  await expect(list.getByRole('link', { name: c })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('rscreen-drill-1366.png') });

  await page.goBack();
  await byProduct
    .getByRole('button', { name: 'Banking and credit cards, Opened: 2 cases – show them' })
    .click();
  await expect(list.getByRole('link', { name: a })).toBeVisible();
  await expect(list.getByRole('link', { name: b })).toBeVisible();
  await expect(list.getByRole('link', { name: c })).toHaveCount(0);
  // Clearing the drill-down shows every case again.
  // (MUI's chip removes itself with the Delete key, as with a click on its cross.)
  await chips.getByRole('button', { name: /^FCA complaints return/ }).press('Delete');
  await expect(list.getByRole('link', { name: c })).toBeVisible();

  // The return to XLSX: the header block that makes it reproducible, then the table.
  await page.getByRole('link', { name: 'Returns' }).click();
  await expect(banking.getByRole('cell').first()).toHaveText('2');
  await page.getByRole('button', { name: 'Export XLSX' }).click();
  const saved = page.getByText(/^Return saved to /);
  const path = /^Return saved to (.*)$/.exec(await messageOf(saved))![1]!;
  expect(path).toMatch(/FCA complaints return H1 2026.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await readFile(path)).buffer);
  const sheet = workbook.getWorksheet('FCA return')!;
  const rowOf = (first: string) => {
    let found: unknown[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === first) found = (row.values as unknown[]).slice(1);
    });
    return found;
  };
  expect(rowOf('Firm reference number')).toEqual(['Firm reference number', '123456']);
  expect(rowOf('Period')).toEqual(['Period', 'H1 2026 (2026-01-01 – 2026-06-30)']);
  expect(rowOf('Time zone')).toEqual(['Time zone', 'Europe/London']);
  expect(rowOf('Filters')[1]).toMatch(/^Reportable complaints under the FCA regimes/);
  expect(rowOf('App version')[1]).toMatch(/\d+\.\d+\.\d+/);
  expect(rowOf('Generated at')[1]).toMatch(/^2026-03-26 10:00/);
  expect(rowOf('Product group').slice(0, 3)).toEqual(['Product group', 'Opened', 'Closed']);
  // The counts are numbers in Excel, so they add up there.
  expect(rowOf('Banking and credit cards').slice(0, 7)).toEqual([
    'Banking and credit cards',
    2,
    2,
    1,
    1,
    0,
    0,
  ]);
  expect(rowOf('Total').slice(0, 2)).toEqual(['Total', 3]);
  // Below it, how the office's products and causes were counted when the file was made.
  expect(rowOf('Product')).toEqual(['Product', 'Product group']);
  expect(rowOf('Complaint cause')).toEqual(['Complaint cause', 'FCA cause category']);
  expect(rowOf('Current account')).toEqual(['Current account', 'Banking and credit cards']);

  // ASIC: every row with a missing field is listed, with a way to the case to fix it.
  await chooseOption(page.getByRole('combobox', { name: 'Return' }), 'ASIC IDR data report');
  await expect(
    page.getByText(/^1 complaint in the report: 0 ready, 1 with missing or invalid data\.$/),
  ).toBeVisible();
  await expect(page.getByText(/^Reportable complaints under the ASIC regimes/)).toBeVisible();
  const problems = page.getByRole('table', { name: 'Rows to fix before lodging' });
  await expect(problems.getByRole('row', { name: new RegExp(c) })).toHaveCount(0);
  await expect(problems.getByRole('row', { name: new RegExp(d) })).toContainText('Product missing');

  // The ASIC CSV holds only the dictionary's fields, as the portal takes it; what makes it
  // reproducible (period, time zone, filters, app version) is saved beside it.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const savedAsic = page.getByText(/^Return saved to .*ASIC IDR data report/);
  const [, csvPath, aboutPath] = /^Return saved to (.*\.csv); .* are in (.*)$/.exec(
    await messageOf(savedAsic),
  )!;
  const csvLines = (await readFile(csvPath!, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(csvLines).toHaveLength(2);
  expect(csvLines[1]).toContain(d);
  const about = (await readFile(aboutPath!, 'utf8')).split('\r\n');
  expect(about).toEqual(
    expect.arrayContaining([
      'Time zone: Europe/London',
      'Complaints (rows): 1',
      expect.stringMatching(/^Period: .+ \(\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}\)$/),
      expect.stringMatching(/^Filters: Reportable complaints under the ASIC regimes/),
      expect.stringMatching(/^App version: \d+\.\d+\.\d+/),
      expect.stringMatching(/^Product Current account: [a-z-]+$/),
    ]),
  );

  // The payment services return on its own: its header block, then its four counts.
  await chooseOption(page.getByRole('combobox', { name: 'Return' }), 'FCA payment services (15 / 35 days)');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const savedPs = page.getByText(/^Return saved to .*FCA payment services complaints/);
  const psPath = /^Return saved to (.*)$/.exec(await messageOf(savedPs))![1]!;
  const psLines = (await readFile(psPath, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(psLines[0]).toMatch(/^FCA payment services complaints \(DISP 1\.10/);
  expect(psLines).toContain('Time zone,Europe/London');
  expect(psLines.at(-2)).toBe(
    'Closed,Within 15 business days,Within 35 business days,After 35 business days',
  );
  expect(psLines.at(-1)).toMatch(/^\d+,\d+,\d+,\d+$/);

  // Back to the ASIC report, to fix the row it flagged.
  await chooseOption(page.getByRole('combobox', { name: 'Return' }), 'ASIC IDR data report');
  await problems.getByRole('link', { name: `Fix ${d}’s return data` }).click();
  await expect(page.getByRole('form', { name: 'Data for the regulators’ returns' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(d);
});
