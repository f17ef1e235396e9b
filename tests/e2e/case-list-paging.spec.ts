import { expect, openAppAs, test } from './fixtures';
import { importWaitedCases, scrollToEnd } from './pages/case-list';

test('the case list reads more cases as the officer scrolls, and a filter chosen as it reads lists only its own', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await openAppAs(page, harness, 'Morgan Manager', ['Manager']);
  // 130 complaints, odd ones by e-mail and even ones by phone: more than two pages of the list.
  await importWaitedCases(page, 'PG', 130);

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Cases', exact: true })
    .click();
  const table = page.getByRole('table', { name: 'Cases, newest first' });
  // The first page, then the rest as the officer scrolls to the end.
  await expect(table).toHaveAttribute('aria-rowcount', '51');
  await scrollToEnd(table, 130);

  // Back at the top, the officer scrolls to the end and at once chooses Channel → Phone: the page
  // being read for all cases must not be added to the phone cases' list. (Here that page is read
  // first, as a rule; at 100,000 cases a filter's first page can come back sooner, which this
  // cannot force. The list then drops the late page: CasesListPage's listRef.)
  await page.reload();
  await expect(table).toHaveAttribute('aria-rowcount', '51');
  await page.getByRole('combobox', { name: 'Channel' }).evaluate(async (select) => {
    const body = document.querySelectorAll('[role="table"] [role="rowgroup"]')[1]!;
    body.scrollTo(0, body.scrollHeight);
    select.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    const option = () =>
      [...document.querySelectorAll('[role="option"]')].find((o) => o.textContent === 'Phone');
    while (!option()) await new Promise((resolve) => requestAnimationFrame(resolve));
    (option() as HTMLElement).click();
  });
  await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveText('Phone');
  await scrollToEnd(table, 65);
  await expect(table.getByRole('row').filter({ hasText: /Person \d*[13579]\b/ })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: 'Person 2' }).first()).toBeVisible();
});
