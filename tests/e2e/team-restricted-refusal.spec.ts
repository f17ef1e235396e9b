// A note an officer adds to a case that a manager has meanwhile restricted to others: the team
// server refuses that one change (row-level security), and the officer's desk stays in sync and
// says so in a sync notice, instead of showing "Offline" with everything held back.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { openTeamDesk, TEAM_OFFICER, useTeamServer } from './team-server-fixture';

const team = useTeamServer();

const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');
const MANAGER = 'Tomás Øberg';

test('a note on a case restricted meanwhile to others is refused alone: the desk stays in sync and tells the officer why', async ({
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
    await m.getByRole('button', { name: 'Restrict access…' }).click();
    const restrict = m.getByRole('dialog', { name: 'Restrict access to this case' });
    await restrict.getByRole('textbox', { name: 'Reason' }).fill('A complaint about a member of staff.');
    await restrict.getByRole('button', { name: 'Restrict access' }).click();
    await expect(restrict).toBeHidden();
    const owner = m.getByRole('region', { name: 'Officer' });
    await owner.getByRole('button', { name: 'Reassign' }).click();
    const assign = m.getByRole('dialog', { name: 'Assign the case' });
    await assign.getByRole('combobox', { name: 'Assign to' }).click();
    await m.getByRole('option', { name: new RegExp(MANAGER) }).click();
    await assign.getByRole('textbox', { name: 'Reason' }).fill('Staff complaints go to the manager.');
    await assign.getByRole('button', { name: 'Confirm' }).click();
    await expect(owner).toContainText(MANAGER);
    await expect(syncStatus(m)).toContainText('Synced', SYNC);

    // The officer's desk never sees the reassignment (the case is hidden from them now), so the
    // officer still has the case open and adds a note to it.
    const p = officer.page;
    const investigation = new InvestigationPage(p);
    await investigation.open();
    await investigation.notes
      .getByRole('textbox', { name: /^Note/ })
      .fill('Rang Ms O’Connell back: she has the name of the branch manager.');
    await investigation.notes.getByRole('button', { name: 'Add note' }).click();
    await expect(investigation.notes.getByRole('article', { name: `Note by ${TEAM_OFFICER}` })).toBeVisible();

    // The server refuses that note alone: the desk stays in sync and says why.
    const notices = p.getByRole('banner').getByRole('button', { name: '1 sync notice' });
    await expect(notices).toBeVisible(SYNC);
    await expect(syncStatus(p)).toContainText('Synced', SYNC);
    await expect(syncStatus(p)).not.toContainText('Offline');
    await notices.click();
    const dialog = p.getByRole('dialog', { name: 'Sync notices' });
    await expect(dialog).toContainText(
      'The team server refused a change to a restricted case: only its assignee, its escalation owner and managers may change it.',
    );
    await expect(dialog).toContainText('Kept on this desk only: the team server did not take it');
    await expect(dialog.getByRole('link', { name: reference })).toBeVisible();
    await p.screenshot({ path: test.info().outputPath('restricted-refusal-notice.png') });
    await dialog.getByRole('button', { name: `Mark the refusal of changes to ${reference} as read` }).click();
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
    // The manager's copy of the restricted case has no note from the officer.
    await m.getByRole('link', { name: reference }).click();
    const onManager = new InvestigationPage(m);
    await onManager.open();
    await expect(onManager.notes.getByRole('article')).toHaveCount(0);
    expect([...officer.errors, ...manager.errors]).toEqual([]);
  } finally {
    await officer.close();
    await manager.close();
  }
});
