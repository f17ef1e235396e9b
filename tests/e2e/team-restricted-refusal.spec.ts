// A case a manager restricts to others (and takes over) after an officer's desk pulled it: the
// officer's desk removes its copy at its next pass and says so in a sync notice, and the officer's
// other work still reaches the office. Given back later, the case returns to the officer's desk with
// what was written while it was hidden from them. (A note the officer adds offline meanwhile, which the server
// refuses alone, is hidden-changes.test.ts's.)
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { openTeamDesk, TEAM_OFFICER, useTeamServer } from './team-server-fixture';

const team = useTeamServer();

const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');
const MANAGER = 'Tomás Øberg';

test('a case restricted to others after the officer’s desk pulled it leaves that desk, which says why and stays in sync', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const officer = await openTeamDesk(team, browser, TEAM_OFFICER, { promote: true });
  const manager = await openTeamDesk(team, browser, MANAGER);
  try {
    await expect(syncStatus(officer.page)).toContainText('Synced', SYNC);
    const reference = await new IntakePage(officer.page).log(officer.harness.url, {
      name: 'Siobhán O’Connell',
      email: 'siobhan.oconnell@example.ie',
      description: 'The branch manager refused to take my complaint and shouted at me.',
    });
    await expect(syncStatus(officer.page)).toContainText('Synced', SYNC);

    // The manager restricts the case (it is about a member of staff) and takes it over.
    const m = manager.page;
    await m.goto(`${manager.harness.url}#/cases`);
    await expect(m.getByRole('link', { name: reference })).toBeVisible(SYNC);
    await m.getByRole('link', { name: reference }).click();
    const managed = new CasePage(m);
    await managed.restrictAndTakeOver(
      MANAGER,
      'A complaint about a member of staff.',
      'Staff complaints go to the manager.',
    );
    await expect(syncStatus(m)).toContainText('Synced', SYNC);

    // The officer's desk hears of it at its next pass (the server names the cases its person may no
    // longer see, never their data): the case leaves the desk, and a sync notice says why.
    const p = officer.page;
    const notices = p.getByRole('banner').getByRole('button', { name: '1 sync notice' });
    await expect(notices).toBeVisible(SYNC);
    await expect(syncStatus(p)).toContainText('Synced', SYNC);
    await p.goto(`${officer.harness.url}#/cases`);
    await expect(p.getByRole('link', { name: reference })).toHaveCount(0);
    await notices.click();
    const dialog = p.getByRole('dialog', { name: 'Sync notices' });
    // Its own heading, not among refused changes: nothing the officer did was refused.
    const removed = dialog.getByRole('region', { name: 'Cases removed from this desk' });
    await expect(removed).toContainText('Nothing you did was refused');
    await expect(removed.getByRole('rowheader', { name: reference })).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Changes the team server refused' })).toHaveCount(0);
    await expect(dialog).not.toContainText('The branch manager refused');
    await p.screenshot({ path: test.info().outputPath('restricted-case-removed-notice.png') });
    await removed.getByRole('button', { name: `Mark the removal of ${reference} as read` }).click();
    await expect(dialog.getByText('Nothing to look at')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The officer's later work still reaches the office: a new case shows on the manager's desk.
    const later = await new IntakePage(p).log(officer.harness.url, {
      name: 'Piotr Wiśniewski',
      email: 'piotr.w@example.pl',
      description: 'Card declined abroad twice although the bank was told of the trip.',
    });
    await m.goto(`${manager.harness.url}#/cases`);
    await expect(m.getByRole('link', { name: later })).toBeVisible(SYNC);
    // The manager still has the case, and works on it where the officer's desk cannot see.
    await m.getByRole('link', { name: reference }).click();
    await managed.startInvestigation();
    const inv = new InvestigationPage(m);
    await inv.open();
    const NOTE = 'Spoke to the branch manager: he accepts he raised his voice — CCTV kept.';
    await inv.notes.getByRole('textbox', { name: /^Note/ }).fill(NOTE);
    await inv.notes.getByRole('button', { name: 'Add note' }).click();
    await expect(inv.notes.getByRole('article', { name: `Note by ${MANAGER}` })).toContainText(NOTE);

    // Then gives it back to the officer for the apology. The officer's desk had pulled past the
    // note while the case was hidden from it: it fetches the case's history with the case.
    await m.getByRole('tab', { name: 'Overview' }).click();
    await managed.reassign(TEAM_OFFICER, 'Officer to send the apology.');
    await expect(syncStatus(m)).toContainText('Synced', SYNC);

    await p.goto(`${officer.harness.url}#/cases`);
    await expect(p.getByRole('link', { name: reference })).toBeVisible(SYNC);
    await p.getByRole('link', { name: reference }).click();
    const given = new InvestigationPage(p);
    await given.open();
    await expect(given.notes.getByRole('article', { name: `Note by ${MANAGER}` })).toContainText(NOTE, SYNC);
    await p.getByRole('tab', { name: 'Overview' }).click();
    const timeline = p.getByRole('region', { name: 'Timeline' });
    await expect(timeline).toContainText(NOTE);
    await p.screenshot({ path: test.info().outputPath('restricted-case-given-back.png'), fullPage: true });
    expect([...officer.errors, ...manager.errors]).toEqual([]);
  } finally {
    await officer.close();
    await manager.close();
  }
});
