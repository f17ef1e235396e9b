import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

// Thursday 26 March 2026, in the first half of the returns year that starts on 1 January.
const NOW = new Date('2026-03-26T10:00:00Z');

test('an administrator adds a complaint cause mapped to the regulators’ codes, and the FCA return counts a case under it', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(NOW);
  await openAppAs(page, harness, 'Priya Patel', ['Manager', 'Administrator']);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const section = page.getByRole('form', { name: 'Regulatory returns' });
  await expect(section.getByRole('heading', { name: 'Complaint causes' })).toBeVisible();
  // The shipped list has eight causes: the new one is the ninth.
  await expect(section.getByRole('textbox', { name: 'Cause 8 name' })).toHaveValue('Other');
  await section.getByRole('button', { name: 'Add a cause' }).click();
  const name = section.getByRole('textbox', { name: 'Cause 9 name' });

  // A name another cause has is refused beside the name, and nothing typed is lost.
  await name.fill(' privacy ');
  await section.getByRole('button', { name: 'Save regulatory returns' }).click();
  await expect(section.getByText('Another cause already has this name.')).toBeVisible();
  await expect(name).toHaveValue(' privacy ');

  await name.fill('Collections calls');
  await chooseOption(
    section.getByRole('combobox', { name: 'Cause 9 FCA cause category' }),
    'Arrears related',
  );
  await chooseOption(section.getByRole('combobox', { name: 'Cause 9 ASIC issue' }), 'Financial difficulty');
  await section.getByRole('button', { name: 'Save regulatory returns' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  await expect(section.getByText('Another cause already has this name.')).toHaveCount(0);

  // An officer records the new cause on a complaint.
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Siobhán O’Connor',
    receivedAt: '2026-03-03T09:15',
    description: 'Called four times a day about a missed card payment while in hospital.',
  });
  await intake.submit();
  await page.getByRole('tab', { name: 'Return data' }).click();
  const form = page.getByRole('form', { name: 'Data for the regulators’ returns' });
  await chooseOption(form.getByRole('combobox', { name: 'Product', exact: true }), 'Credit card', {
    exact: true,
  });
  await chooseOption(form.getByRole('combobox', { name: 'Complaint cause' }), 'Collections calls');
  await form.getByRole('button', { name: 'Save return data' }).click();
  await expect(page.getByText('Return data saved')).toBeVisible();

  // The FCA return counts it under the category the office mapped the cause to.
  await page.getByRole('link', { name: 'Returns' }).click();
  const byCause = page.getByRole('table', { name: 'Complaints opened, by cause' });
  const banking = byCause.getByRole('row', { name: /^Banking and credit cards/ });
  await expect(
    banking.getByRole('button', { name: 'Banking and credit cards, Arrears related: 1 case – show it' }),
  ).toBeVisible();
});
