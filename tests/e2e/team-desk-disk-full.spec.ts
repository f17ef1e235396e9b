// A team desk's own disk fills. Taking in the other desks' changes writes to the case database, so
// sync pauses with the rest of the desk's writing, and the top bar says why: "offline" would send
// the officer to the network, and the server is there. Freed, sync carries on by itself.
import type { Page } from '@playwright/test';
import { CANNOT_FILL_A_DISK, mountSmallDisk, skipDiskFilling } from '../support/full-disk';
import { expect, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { openTeamDesk, TEAM_PEOPLE, useTeamServer } from './team-server-fixture';

const team = useTeamServer();
const MiB = 1024 * 1024;
const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');

test.beforeEach(async () => {
  test.skip(await skipDiskFilling(), CANNOT_FILL_A_DISK);
});

test('a team desk whose disk fills pauses sync and says why; freed, sync carries on by itself', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const disk = await mountSmallDisk('128m');
  try {
    const desk = await openTeamDesk(team, browser, TEAM_PEOPLE[0]!, {
      promote: true,
      storagePaths: [disk.dir],
    });
    const { page, harness } = desk;
    try {
      await expect(syncStatus(page)).toContainText(/^Synced /, SYNC);

      // The disk fills: the error banner, and sync paused for it (not "offline").
      await disk.fill(1 * MiB);
      await expect(
        page.getByRole('alert').filter({ hasText: 'saves nothing until space is freed' }),
      ).toBeVisible();
      const paused = syncStatus(page);
      await expect(paused).toHaveText('Sync paused: disk full · 0 waiting', SYNC);
      await paused.hover();
      const tip = page.getByRole('tooltip');
      await expect(tip).toContainText('This computer’s disk is full or almost full');
      await expect(tip).toContainText('Nothing is lost');
      await expect(tip).toContainText(/Last synced \d/);
      await page.screenshot({
        path: test.info().outputPath('team-sync-paused.png'),
        animations: 'disabled',
      });

      // Freed: the banner goes and sync carries on by itself; what is logged next reaches the server.
      await disk.free();
      await expect(syncStatus(page)).toContainText(/^Synced /, SYNC);
      const reference = await new IntakePage(page).log(harness.url, {
        name: 'Nguyễn Văn An',
        description: 'Logged once the disk had room again.',
      });
      await expect(syncStatus(page)).toContainText(/^Synced /, SYNC);
      await expect
        .poll(
          async () =>
            await team.server.query<{ reference: string }>(
              "SELECT data->>'reference' AS reference FROM records WHERE kind = 'cases'",
            ),
          SYNC,
        )
        .toEqual([{ reference }]);
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.close();
    }
  } finally {
    await disk.remove();
  }
});
