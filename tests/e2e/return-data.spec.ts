import { ensureAccount, expect, openAppAs, signIn, signOut, test } from './fixtures';
import { dateField, typeDate } from './pages/date-field';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

test('an officer records the data the regulators’ returns need, and the trail shows it', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Zoë Adams', description: 'Charged twice for the March card bill.' });
  await intake.submit();

  await page.getByRole('tab', { name: 'Return data' }).click();
  const form = page.getByRole('form', { name: 'Data for the regulators’ returns' });
  // The office does not report gender or age band (Settings), so neither is asked.
  await expect(form.getByRole('combobox', { name: 'Gender' })).toHaveCount(0);

  const choose = async (label: string, option: string) => {
    await chooseOption(form.getByRole('combobox', { name: label, exact: true }), option, { exact: true });
  };
  await choose('Product', 'Credit card');
  await choose('Complaint cause', 'Fees, charges or terms');
  await form.getByRole('radio', { name: 'Small business' }).check();
  await form.getByRole('textbox', { name: 'Postcode' }).fill('not a postcode!');
  await form.getByRole('button', { name: 'Add a payment' }).click();
  const payment = form.getByRole('group', { name: 'Payment 1' });
  await form.getByRole('button', { name: 'Save return data' }).click();
  await expect(form.getByText('Enter a postcode such as SW1A 1AA or 2000.')).toBeVisible();
  await expect(payment.getByText('Enter the amount paid, in figures.')).toBeVisible();
  await expect(payment.getByText('Enter the date it was paid.')).toBeVisible();

  // An amount typed the continental way, or in tenths of a penny, is refused beside it, as typed:
  // a number box read 1.234,56 as 1.23456 without a word.
  const amount = payment.getByRole('textbox', { name: 'Amount' });
  await amount.fill('1.234,56');
  await form.getByRole('button', { name: 'Save return data' }).click();
  await expect(amount).toHaveAccessibleDescription('Enter the amount paid, in figures.');
  await expect(amount).toHaveValue('1.234,56');
  await amount.fill('25.505');
  await form.getByRole('button', { name: 'Save return data' }).click();
  await expect(amount).toHaveAccessibleDescription('Use at most 2 decimal places for GBP.');

  await form.getByRole('textbox', { name: 'Postcode' }).fill('sw1a 1aa');
  await amount.fill('25.50');
  await typeDate(dateField(payment, 'Date paid'), '2026-03-05');
  await form.getByRole('checkbox', { name: 'Referred to the ombudsman or AFCA' }).check();
  await typeDate(dateField(form, 'Date referred'), '2026-04-01');
  await form.getByRole('button', { name: 'Save return data' }).click();
  await expect(page.getByText('Return data saved')).toBeVisible();
  // Saved as checked: the postcode in capitals, the payment kept.
  await expect(form.getByRole('textbox', { name: 'Postcode' })).toHaveValue('SW1A 1AA');
  await expect(amount).toHaveValue('25.5');

  // Still there after a reload, and on the case's timeline.
  await page.reload();
  await expect(form.getByRole('combobox', { name: 'Product', exact: true })).toContainText('Credit card');
  await expect(form.getByRole('radio', { name: 'Small business' })).toBeChecked();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByText('Return data recorded')).toBeVisible();

  // A manager half way through a correction restricts the case: the case changes under the form,
  // and what was typed stays while the untouched fields still show what is stored.
  const caseAddress = page.url();
  await ensureAccount(harness, 'Morgan Manager', 'Manager');
  await signOut(page);
  await signIn(page, 'Morgan Manager');
  await expect(page.getByRole('button', { name: 'Signed in as Morgan Manager' })).toBeVisible();
  await page.goto(caseAddress);
  await page.getByRole('tab', { name: 'Return data' }).click();
  await form.getByRole('textbox', { name: 'Postcode' }).fill('EC2V 7HH');
  await page.getByRole('button', { name: 'Restrict access…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restrict access to this case' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('The complainant is a member of staff.');
  await dialog.getByRole('button', { name: 'Restrict access' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Restricted');
  await expect(form.getByRole('textbox', { name: 'Postcode' })).toHaveValue('EC2V 7HH');
  await expect(form.getByRole('combobox', { name: 'Product', exact: true })).toContainText('Credit card');
  await form.getByRole('button', { name: 'Save return data' }).click();
  await expect(page.getByText('Return data saved')).toBeVisible();
  await page.reload();
  await expect(form.getByRole('textbox', { name: 'Postcode' })).toHaveValue('EC2V 7HH');
});

test('an administrator sets the firm’s numbers, the reporting year and a new product', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Alex Officer', ['Complaint officer', 'Administrator']);
  await page.goto(`${harness.url}#/settings`);
  const section = page.getByRole('form', { name: 'Regulatory returns' });
  await section.getByRole('textbox', { name: 'FCA firm reference number (FRN)' }).fill('12345');
  await section.getByRole('button', { name: 'Save regulatory returns' }).click();
  await expect(section.getByText('Use the six or seven digits of your FRN.')).toBeVisible();

  await section.getByRole('textbox', { name: 'FCA firm reference number (FRN)' }).fill('123456');
  await section.getByRole('textbox', { name: 'Reporting year starts (month-day)' }).fill('04-01');
  await section.getByRole('checkbox', { name: 'We report complainants’ gender and age band' }).check();
  await section.getByRole('button', { name: 'Add a product' }).click();
  await section.getByRole('textbox', { name: 'Product 11 name' }).fill('Buy now pay later');
  await chooseOption(section.getByRole('combobox', { name: 'Product 11 ASIC product' }), 'Credit cards', {
    exact: true,
  });
  await section.getByRole('button', { name: 'Save regulatory returns' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  await page.reload();
  await expect(section.getByRole('textbox', { name: 'FCA firm reference number (FRN)' })).toHaveValue(
    '123456',
  );
  await expect(section.getByRole('textbox', { name: 'Reporting year starts (month-day)' })).toHaveValue(
    '04-01',
  );
  await expect(section.getByRole('textbox', { name: 'Product 11 name' })).toHaveValue('Buy now pay later');
});
