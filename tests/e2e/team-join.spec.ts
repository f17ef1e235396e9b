// A new desk joins an office whose server is already thousands of changes ahead: desk A imports
// 3,000 legacy complaints (6,000 changes with their trail entries, over a join's 5,000), they go
// up, and desk B, opened afterwards, joins. The top bar says how far the catching up has got; at the
// end B lists every case and its search finds one. The one journey through a join (applyPulledPage
// with `join`: packed trail entries, return facts and the search index built at the end) in the
// real app; the other team specs' desks are never more than a page behind.
import type { Page } from '@playwright/test';
import { JOIN_PULL_PAGE } from '../../src-shared/ipc/channels/team-sync';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { openTeamDesk, TEAM_PEOPLE, useTeamServer } from './team-server-fixture';
import { chooseOption } from './pages/select-option';

const team = useTeamServer();
const ROWS = 3000;
const SYNC = { timeout: 120_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');

/** A legacy export of `ROWS` complaints, names as people type them. */
function legacyFile(): string[] {
  const names = ['Đặng Thị Hoa', 'Zoë O’Brien-Ngata', 'محمد الفاسي', 'Siobhán Ó Briain', 'Ngũgĩ wa Thiong’o'];
  const lines = ['Legacy ID;Date received;Customer name;E-mail;Category;Details'];
  for (let i = 1; i <= ROWS; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `OLD-${i};${day}/03/2024;${names[i % names.length]} ${i};c${i}@example.com;Service;"Kept waiting, call ${i}"`,
    );
  }
  return lines;
}

test('a new desk joins an office thousands of changes ahead: it says how far it has got, then holds every case', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const a = await openTeamDesk(team, browser, TEAM_PEOPLE[0]!, { promote: true });
  try {
    // Desk A imports the office's legacy complaints; they go up to the server.
    await expect(syncStatus(a.page)).toContainText(/^Synced /, SYNC);
    await a.page.getByRole('link', { name: 'Import…' }).click();
    const screen = new ImportScreen(a.page);
    await screen.choose('legacy.csv', legacyFile());
    await chooseOption(screen.mapping.getByRole('combobox', { name: 'External reference' }), 'Legacy ID');
    await screen.mapping.getByRole('button', { name: 'Check every row' }).click();
    await expect(screen.dryRun.getByText('3,000 rows will be imported.')).toBeVisible(SYNC);
    await screen.dryRun.getByRole('button', { name: 'Import 3,000 rows' }).click();
    await expect(
      screen.report.getByText('3,000 imported, 0 skipped as duplicates, 0 failed, 0 not imported.'),
    ).toBeVisible(SYNC);
    // The server gave the import its numbers: nothing says some are the desk's own.
    await expect(screen.report.getByText(/could not be reached/)).toHaveCount(0);
    await expect(syncStatus(a.page)).toContainText(/^Synced /, SYNC);
    await expect
      .poll(
        async () => (await team.server.query<{ n: number }>('SELECT count(*)::int AS n FROM changes'))[0]!.n,
        SYNC,
      )
      .toBeGreaterThan(JOIN_PULL_PAGE);
  } finally {
    await a.close();
  }

  // Desk B joins: catching up, with how far it has got, then synced with every case.
  const b = await openTeamDesk(team, browser, TEAM_PEOPLE[1]!);
  try {
    const status = syncStatus(b.page);
    await expect(status).toContainText(
      /^(Catching up: [\d,]+ of [\d,]+ changes|Building the (return figures|search index): [\d,]+ of [\d,]+ cases)/,
      SYNC,
    );
    await b.page.screenshot({ path: test.info().outputPath('team-join-catching-up.png') });
    // Meanwhile the list never tells the officer to clear filters they have not set.
    await expect(b.page.getByText(/^No cases match/)).toHaveCount(0);
    await expect(status).toContainText(/^Synced /, SYNC);
    await b.page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await expect(b.page.getByText('3,000 cases')).toBeVisible(SYNC);
    await expect(b.page.getByRole('link', { name: /^CMP-/ }).first()).toBeVisible(SYNC);
    // Desk A reserved the import's worth of the year's numbers before it began: none of the cases
    // listed (most past the first range of 100) carries the fallback meant for a desk cut off.
    await expect(b.page.getByRole('link', { name: /^CMP-\d{4}-\d{6}$/ }).first()).toBeVisible();
    await expect(b.page.getByRole('link', { name: /^CMP-\d{4}-D/ })).toHaveCount(0);
    // A case from the middle of the file, found by its complainant's name (the join built the index).
    await b.page.getByRole('search').getByRole('textbox', { name: 'Search' }).fill('Siobhán Ó Briain 1503');
    await expect(
      b.page
        .getByRole('table', { name: 'Cases, best match first' })
        .getByRole('row')
        .filter({ hasText: 'Siobhán Ó Briain 1503' }),
    ).toContainText('Kept waiting, call 1503', SYNC);
    await b.page.screenshot({ path: test.info().outputPath('team-join-found.png') });
    const row = b.page.getByRole('table', { name: 'Cases, best match first' }).getByRole('row').nth(1);
    await expect(row.getByRole('link', { name: /^CMP-/ })).toHaveText(/^CMP-\d{4}-\d{6}$/);
    // A reference wraps inside its cell rather than running over the complainant's.
    const reference = await row.getByRole('link', { name: /^CMP-/ }).boundingBox();
    const complainant = await row.getByRole('cell').filter({ hasText: 'Siobhán' }).boundingBox();
    expect(reference!.x + reference!.width).toBeLessThanOrEqual(complainant!.x + 1);
    expect(b.errors).toEqual([]);
  } finally {
    await b.close();
  }
});
