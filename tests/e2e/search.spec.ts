import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';

test('full-text search finds a case by a word of its description, by name without accents, and by reference', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness);
  const intake = new IntakePage(page);
  const cases = [
    {
      name: 'Zoë Adams',
      description: 'The chargeback for my holiday flight was refused without explanation.',
    },
    { name: 'Tomás Ruiz', description: 'Mortgage statement shows the wrong interest rate.' },
    { name: 'Grace Okafor', description: 'Nobody replied to my letters about the branch closure.' },
  ];
  const refs: string[] = [];
  for (const c of cases) {
    await intake.open(harness.url);
    await intake.fill(c);
    refs.push(await intake.submit());
  }

  await page.goto(`${harness.url}#/cases`);
  const search = page.getByRole('search').getByRole('textbox', { name: 'Search' });
  const table = page.getByRole('table', { name: 'Cases, best match first' });

  await search.fill('chargeback');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(refs[0]!);
  await expect(table.locator('mark', { hasText: 'chargeback' })).toBeVisible();

  await search.fill('zoe');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Zoë Adams');

  await search.fill(refs[2]!);
  await expect(table.getByRole('row').nth(1)).toContainText('Grace Okafor');

  await search.fill('xylophone');
  await expect(page.getByText('No cases match.')).toBeVisible();

  // The index is kept on disk: after a reload the search still works without re-logging anything.
  await page.reload();
  await page.getByRole('search').getByRole('textbox', { name: 'Search' }).fill('mortgage');
  await expect(
    page.getByRole('table', { name: 'Cases, best match first' }).getByRole('row').nth(1),
  ).toContainText(refs[1]!);
});
