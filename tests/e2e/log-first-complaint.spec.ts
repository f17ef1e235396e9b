import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';

test('an officer logs a complaint, finds it in the Cases list, and it is still there after a reload', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah');

  // Empty state says what to do next.
  await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
  await expect(page.getByText('No complaints logged yet')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'New complaint' }).first().click();

  // A failed save keeps what was typed and says what is missing, next to the field.
  const intake = new IntakePage(page);
  const form = intake.form;
  await form
    .getByRole('textbox', { name: 'What is the complaint about?' })
    .fill('Charged twice for the March bill — Zoë');
  await form.getByRole('button', { name: 'Log complaint' }).click();
  // Next to each field, and in the summary at the top as a link to it.
  await expect(form.getByText("Enter the complainant's name.", { exact: true })).toBeVisible();
  await expect(form.getByText('Enter a category.', { exact: true })).toBeVisible();
  await expect(
    form.getByRole('button', { name: "Complainant name: Enter the complainant's name." }),
  ).toBeVisible();
  await expect(form.getByRole('textbox', { name: 'What is the complaint about?' })).toHaveValue(
    'Charged twice for the March bill — Zoë',
  );

  await intake.fill({
    name: 'Łukasz Nowak',
    channel: 'Phone',
    description: 'Charged twice for the March bill — Zoë',
  });
  const reference = await intake.submit();
  expect(reference).toMatch(new RegExp(`^CMP-${new Date().getFullYear()}-000001$`));

  // The case opens with its reference number and what was logged.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText('Charged twice for the March bill — Zoë')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Case logged — Priya Shah');

  // It is in the list…
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Cases' })
    .click();
  const list = page.getByRole('table', { name: 'Cases, newest first' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row', { name: new RegExp(reference) })).toContainText('Łukasz Nowak');
  await expect(page.getByText('1 case', { exact: true })).toBeVisible();

  // …and survives a reload (IndexedDB), and opens from the list.
  await page.reload();
  await page
    .getByRole('table', { name: 'Cases, newest first' })
    .getByRole('link', { name: reference })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText('Łukasz Nowak').first()).toBeVisible();
});

test('references are sequential and the newest case is listed first', async ({ page, harness }) => {
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  for (const name of ['First Person', 'Second Person']) {
    await intake.open(harness.url);
    await intake.fill({ name, description: `Complaint from ${name}` });
    await intake.submit();
  }
  await page.goto(`${harness.url}#/cases`);
  const rows = page.getByRole('table', { name: 'Cases, newest first' }).getByRole('row');
  const year = new Date().getFullYear();
  await expect(rows.nth(1)).toContainText(`CMP-${year}-000002`);
  await expect(rows.nth(1)).toContainText('Second Person');
  await expect(rows.nth(2)).toContainText(`CMP-${year}-000001`);

  // An officer who presses Log complaint and at once clicks Cases stays on Cases: the save ends
  // after they left, and the message names the case instead of the app taking them to it.
  await intake.open(harness.url);
  await intake.fill({ name: 'Third Person', description: 'Complaint from Third Person' });
  await page.evaluate(() => {
    const log = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Log complaint');
    log!.click();
    document.querySelector<HTMLAnchorElement>('nav a[href="#/cases"]')!.click();
  });
  await expect(page.getByText(`Complaint logged as CMP-${year}-000003`)).toBeVisible();
  await expect(rows.nth(1)).toContainText('Third Person');
  expect(new URL(page.url()).hash).toBe('#/cases');
});
