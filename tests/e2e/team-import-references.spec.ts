// A team desk importing a spreadsheet numbers the cases from the year's sequence the server hands
// out (it asks for the import's worth first: team-join.spec.ts imports 3,000). Cut off from the
// server, the import still goes ahead: what the desk holds is used, the rest get references made on
// the desk (CMP-<year>-D<desk>-nnnn), and the report says so.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { openTeamDesk, TEAM_PEOPLE, useTeamServer } from './team-server-fixture';

const team = useTeamServer();
const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');

test('an import on a team desk cut off from the server goes ahead and says how many cases got the desk’s own references', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const a = await openTeamDesk(team, browser, TEAM_PEOPLE[0]!, { promote: true });
  try {
    // Its first pass left the desk a range of 100 of the year's numbers; then the server goes.
    await expect(syncStatus(a.page)).toContainText(/^Synced /, SYNC);
    await team.cluster.stop('fast');
    await expect(syncStatus(a.page)).toContainText('Offline', SYNC);

    await a.page.getByRole('link', { name: 'Import…' }).click();
    const screen = new ImportScreen(a.page);
    const lines = ['Legacy ID;Date received;Customer name;E-mail;Category;Details'];
    for (let i = 1; i <= 150; i += 1)
      lines.push(
        `L-${i};${String((i % 28) + 1).padStart(2, '0')}/06/2025;Zoë Ångström ${i};z${i}@example.com;Service;"Late, ${i}"`,
      );
    await screen.choose('legacy.csv', lines);
    await screen.mapping.getByRole('button', { name: 'Check every row' }).click();
    await screen.dryRun.getByRole('button', { name: 'Import 150 rows' }).click();
    await expect(
      screen.report.getByText('150 imported, 0 skipped as duplicates, 0 failed, 0 not imported.'),
    ).toBeVisible(SYNC);
    await expect(screen.report.getByRole('alert')).toContainText(
      'The team server could not be reached to give this import its reference numbers, so 50 cases got references made on this desk',
    );
    await a.page.screenshot({ path: test.info().outputPath('team-import-offline-report.png') });

    // The list shows both kinds; back online, they go up as they are.
    await a.page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await expect(a.page.getByRole('link', { name: /^CMP-\d{4}-D[0-9A-F]{8}-\d{4}$/ }).first()).toBeVisible();
    await expect(a.page.getByRole('link', { name: /^CMP-\d{4}-\d{6}$/ }).first()).toBeVisible();
    await team.cluster.start();
    await expect(syncStatus(a.page)).toContainText(/^Synced /, SYNC);
    const fallback = await team.server.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM records WHERE kind = 'cases' AND data->>'reference' ~ '-D[0-9A-F]{8}-'",
    );
    expect(fallback[0]!.n).toBe(50);
    expect(a.errors).toEqual([]);
  } finally {
    await a.close();
  }
});
