// An evidence file damaged on the desk that added it is refused by the team server, and the officer
// is told so, not left with a silent gap on the other desks: the top bar shows a sync notice naming
// the file and its case. When a manager then restricts the case to others, the case leaves the
// officer's desk but the damaged copy (the team's only one) stays, and the notice says so; once the
// file is restored, "Send again" sends it, the desk's copy goes, and the other desk opens it.
import { createHash } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { openTeamDesk, TEAM_OFFICER, useTeamServer } from './team-server-fixture';

const team = useTeamServer();

const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');
const FILE = 'Call notes – Zoë (14 March).txt';
const DAMAGED = 'Caller said the direct debit was taken once.\n';
const MANAGER = 'Tomás Øberg';
const NOTES = 'Caller said the direct debit was taken twice: £42.10 on 3 and 4 March.\n';

test('a damaged evidence file refused by the server is shown as a sync notice, sent again once restored, and opens on the other desk', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const a = await openTeamDesk(team, browser, TEAM_OFFICER, { promote: true });
  const b = await openTeamDesk(team, browser, MANAGER);
  try {
    await expect(syncStatus(a.page)).toContainText('Synced', SYNC);

    // While the server is away, desk A logs a case and attaches the call notes; then the stored
    // copy is damaged on disk before the desk can send it.
    await team.cluster.stop('fast');
    await expect(syncStatus(a.page)).toContainText('Offline', SYNC);
    const reference = await new IntakePage(a.page).log(a.harness.url, {
      name: 'Zoë Ødegaard',
      email: 'zoe.odegaard@example.no',
      description: 'Direct debit taken twice in March.',
    });
    const investigation = new InvestigationPage(a.page);
    await investigation.open();
    await investigation.addEvidence(FILE, NOTES);
    const stored = join(a.harness.dataDir, 'evidence', createHash('sha256').update(NOTES).digest('hex'));
    await chmod(stored, 0o644);
    await writeFile(stored, DAMAGED);
    await team.cluster.start();

    // The server refuses the file: desk A says so in the top bar, with the file and its case.
    const notices = a.page.getByRole('banner').getByRole('button', { name: '1 sync notice' });
    await expect(notices).toBeVisible(SYNC);
    await expect(syncStatus(a.page)).toContainText('Synced', SYNC);
    await notices.click();
    const dialog = a.page.getByRole('dialog', { name: 'Sync notices' });
    const refused = dialog.getByRole('table', { name: 'Evidence files the team server refused' });
    await expect(refused.getByRole('link', { name: reference })).toBeVisible();
    await expect(refused).toContainText(FILE);
    await expect(refused).toContainText('its bytes do not match its fingerprint');
    await a.page.screenshot({ path: test.info().outputPath('sync-notices-refused.png') });

    // Sending the damaged copy again is refused again, and the notice stays.
    const sendAgain = refused.getByRole('button', { name: `Send ${FILE} to the team server again` });
    await sendAgain.click();
    await expect(a.page.getByText(/refused the file again/)).toBeVisible();
    await expect(refused).toContainText(FILE);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Meanwhile the manager restricts the case and takes it over: it leaves the officer's desk, but
    // the damaged copy there is the only one the team has, so it stays, and the notice says why.
    await b.page.goto(`${b.harness.url}#/cases`);
    await expect(b.page.getByRole('link', { name: reference })).toBeVisible(SYNC);
    await b.page.getByRole('link', { name: reference }).click();
    await new CasePage(b.page).restrictAndTakeOver(
      MANAGER,
      'The caller named a member of staff.',
      'Manager to handle.',
    );
    await expect(syncStatus(b.page)).toContainText('Synced', SYNC);
    const both = a.page.getByRole('banner').getByRole('button', { name: '2 sync notices' });
    await expect(both).toBeVisible(SYNC);
    await both.click();
    await expect(dialog.getByRole('region', { name: 'Cases removed from this desk' })).toContainText(
      reference,
    );
    await expect(refused.getByRole('link', { name: reference })).toHaveCount(0);
    await expect(refused).not.toContainText(FILE);
    await expect(refused).toContainText('A case removed from this desk');
    await expect(refused).toContainText(
      'The team server holds no copy of this file, so this desk keeps its own',
    );
    // Its reason no longer sends the officer to a case they cannot open.
    await expect(refused).toContainText('Its case has left this desk');
    await expect(refused).not.toContainText('Investigation tab');
    await a.page.screenshot({ path: test.info().outputPath('sync-notices-kept-copy.png') });
    expect(await readFile(stored, 'utf8')).toBe(DAMAGED);

    // The officer restores the file (from a backup, say) and sends it again: the server takes it,
    // and the desk's copy of a case its person may no longer see goes.
    await writeFile(stored, NOTES);
    await refused.getByRole('button', { name: /^Send .* to the team server again$/ }).click();
    await expect(
      a.page.getByText('The team server took the file: other desks can open it now.'),
    ).toBeVisible();
    await expect(refused).toHaveCount(0);
    await dialog.getByRole('button', { name: `Mark the removal of ${reference} as read` }).click();
    await expect(dialog.getByText('Nothing to look at')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(both).toHaveCount(0);
    await expect
      .poll(
        () =>
          stat(stored).then(
            () => 'held',
            () => 'gone',
          ),
        SYNC,
      )
      .toBe('gone');

    // Desk B opens the file, fetched from the server.
    const onB = new InvestigationPage(b.page);
    await onB.open();
    await onB.evidence.getByRole('button', { name: `Open ${FILE}` }).click();
    await expect(b.page.getByText(`A read-only copy of ${FILE} was opened.`)).toBeVisible(SYNC);
    expect(b.harness.opened).toHaveLength(1);
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});
