import { expect, openAppAs, test } from './fixtures';

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
  const form = page.getByRole('form', { name: 'New complaint' });
  await form.getByLabel('What is the complaint about?').fill('Charged twice for the March bill — Zoë');
  await form.getByRole('button', { name: 'Log complaint' }).click();
  await expect(form.getByText("Enter the complainant's name.")).toBeVisible();
  await expect(form.getByLabel('What is the complaint about?')).toHaveValue('Charged twice for the March bill — Zoë');

  await form.getByLabel('Complainant name').fill('Łukasz Nowak');
  await form.getByLabel('Received by').click();
  await page.getByRole('option', { name: 'Phone' }).click();
  await form.getByRole('button', { name: 'Log complaint' }).click();

  // The case opens with its reference number.
  const year = new Date().getFullYear();
  const reference = `CMP-${year}-000001`;
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText(`Complaint logged as ${reference}`)).toBeVisible();
  await expect(page.getByText('Charged twice for the March bill — Zoë')).toBeVisible();
  await expect(page.getByRole('main').getByText('Phone')).toBeVisible();
  await expect(page.getByText('Case logged — Priya Shah')).toBeVisible();

  // It is in the list…
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Cases' }).click();
  const list = page.getByRole('table', { name: 'Cases, newest first' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row', { name: new RegExp(reference) })).toContainText('Łukasz Nowak');
  await expect(page.getByText('1 case', { exact: true })).toBeVisible();

  // …and survives a reload (IndexedDB), and opens from the list.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Cases, newest first' }).getByRole('link', { name: reference })).toBeVisible();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText('Łukasz Nowak').first()).toBeVisible();
});

test('references are sequential and the newest case is listed first', async ({ page, harness }) => {
  await openAppAs(page, harness);
  for (const name of ['First Person', 'Second Person']) {
    await page.goto(`${harness.url}#/cases/new`);
    const form = page.getByRole('form', { name: 'New complaint' });
    await form.getByLabel('Complainant name').fill(name);
    await form.getByLabel('What is the complaint about?').fill(`Complaint from ${name}`);
    await form.getByRole('button', { name: 'Log complaint' }).click();
    await expect(page.getByText(/Complaint logged as/)).toBeVisible();
  }
  await page.goto(`${harness.url}#/cases`);
  const rows = page.getByRole('table', { name: 'Cases, newest first' }).getByRole('row');
  const year = new Date().getFullYear();
  await expect(rows.nth(1)).toContainText(`CMP-${year}-000002`);
  await expect(rows.nth(1)).toContainText('Second Person');
  await expect(rows.nth(2)).toContainText(`CMP-${year}-000001`);
});
