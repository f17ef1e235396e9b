import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';

test('a second complaint from the same e-mail under another spelling is flagged, and the complainant page shows both', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Zoë Đặng',
    email: 'zoe.dang@example.org',
    accountRef: '40-30-20 11223344',
    description: 'My direct debit was taken twice in March.',
  });
  await intake.form.getByRole('textbox', { name: 'Phone number' }).fill('+44 7700 900123');
  const first = await intake.submit();

  // Another spelling of the name, the same address typed in capitals.
  await intake.open(harness.url);
  await intake.form.getByRole('textbox', { name: 'Complainant name' }).fill('Zoe Dang-Smith');
  await expect(page.getByRole('region', { name: 'Possible repeat complaint' })).toBeHidden();
  await intake.form.getByRole('textbox', { name: 'Email address' }).fill('ZOE.DANG@example.org');
  const warning = page.getByRole('region', { name: 'Possible repeat complaint' });
  await expect(warning).toContainText(first);
  await expect(warning).toContainText('same e-mail');
  await intake.fill({
    name: 'Zoe Dang-Smith',
    email: 'ZOE.DANG@example.org',
    description: 'The refund for the double debit has not arrived.',
  });
  const second = await intake.submit();

  // From the second case, the complainant record holds both, and says why they match.
  const panel = page.getByRole('region', { name: 'Complainant' });
  await expect(panel).toContainText('1 other case of this complainant');
  await panel.getByRole('link', { name: 'Complainant record' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Complainant: Zoe Dang-Smith');
  const table = page.getByRole('table', { name: 'Cases of this complainant, newest first' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: new RegExp(second) })).toContainText('This case');
  await expect(table.getByRole('row', { name: new RegExp(first) })).toContainText('e-mail');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('Zoe Dang-Smith');
  await expect(details).toContainText('Zoë Đặng');
  await expect(details).toContainText('+44 7700 900123');
  await expect(details).toContainText('40-30-20 11223344');
  await expect(page.getByRole('region', { name: 'Contact history' })).toContainText(
    'No contact recorded on any of these cases yet.',
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: test.info().outputPath('complainant-1366.png'), fullPage: true });

  // Its link opens the earlier case.
  await table.getByRole('link', { name: first }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(first);
});
