// Two desks share one case file through the office's PostgreSQL server: a case logged on desk A
// shows up on desk B; desk B keeps working while the server is away and both desks agree once it is
// back; and when both desks escalate the same case to different people at once, the later one is
// asked to choose, and the choice is in both desks' case history.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openTeamDesk, useTeamServer } from './team-server-fixture';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';

const team = useTeamServer();

const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');

async function escalate(page: Page, to: string, reason: string) {
  const owner = page.getByRole('region', { name: 'Officer' });
  await owner.getByRole('button', { name: 'Escalate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Escalate' });
  await chooseOption(dialog.getByRole('combobox', { name: 'Escalation owner' }), new RegExp(to));
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: 'Escalate' }).click();
  await expect(owner).toContainText(`Escalated to ${to}: ${reason}`);
}

test('a case logged on one desk reaches the other; a desk cut off works on and converges; a clash is settled by a choice both trails keep', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const a = await openTeamDesk(team, browser, 'Aoife Ní Fhaoláin', { promote: true });
  const b = await openTeamDesk(team, browser, 'Tomás Øberg');
  try {
    await expect(syncStatus(a.page)).toContainText('Synced', SYNC);
    await expect(syncStatus(b.page)).toContainText('Synced', SYNC);

    // Desk A logs a complaint; desk B sees it in its Cases list and opens it.
    const reference = await new IntakePage(a.page).log(a.harness.url, {
      name: 'Đặng Thị Hoa',
      email: 'hoa.dang@example.vn',
      description: 'Charged twice for the March bill — “please refund me”.',
    });
    await b.page.goto(`${b.harness.url}#/cases`);
    await expect(b.page.getByRole('link', { name: reference })).toBeVisible(SYNC);
    await b.page.getByRole('link', { name: reference }).click();
    await expect(b.page.getByRole('heading', { level: 1 })).toContainText(reference);

    // The server goes away: desk B says so, works on, and sends its change once it is back.
    await team.cluster.stop('fast');
    await expect(syncStatus(b.page)).toContainText('Offline', SYNC);
    await escalate(b.page, 'Tomás Øberg', 'Complainant has written to the ombudsman.');
    // B synced before the server went: the chip says when.
    await expect(syncStatus(b.page)).toContainText(/Offline · [1-9]\d* waiting · last synced \S/);
    await team.cluster.start();
    await expect(syncStatus(b.page)).toContainText('Synced', SYNC);
    await expect(a.page.getByRole('region', { name: 'Officer' })).toContainText(
      'Escalated to Tomás Øberg: Complainant has written to the ombudsman.',
      SYNC,
    );

    // Both desks change the same field while the server is away: one of them is asked to choose.
    await team.cluster.stop('fast');
    await expect(syncStatus(a.page)).toContainText('Offline', SYNC);
    await expect(syncStatus(b.page)).toContainText('Offline', SYNC);
    await a.page
      .getByRole('region', { name: 'Officer' })
      .getByRole('button', { name: 'Remove escalation' })
      .click();
    await escalate(a.page, 'Aoife Ní Fhaoláin', 'Aoife takes it: she knows the account.');
    await b.page
      .getByRole('region', { name: 'Officer' })
      .getByRole('button', { name: 'Remove escalation' })
      .click();
    await escalate(b.page, 'Tomás Øberg', 'Refund over the limit: a manager decides.');
    await team.cluster.start();

    const settle = (page: Page) =>
      page.getByRole('banner').getByRole('button', { name: /conflicts? to settle/ });
    await expect
      .poll(async () => (await settle(a.page).count()) + (await settle(b.page).count()), SYNC)
      .toBe(1);
    const [later, first] = (await settle(a.page).count()) ? [a, b] : [b, a];
    await settle(later.page).click();
    const dialog = later.page.getByRole('dialog', { name: 'Changed on two desks' });
    await expect(
      dialog.getByRole('cell', { name: /Refund over the limit|she knows the account/ }).first(),
    ).toBeVisible();
    // Take the other desk's escalation in every field that clashed.
    for (const group of await dialog.getByRole('radiogroup').all())
      await group.getByRole('radio', { name: 'Take theirs' }).check();
    await dialog.getByRole('button', { name: 'Save choice' }).click();
    await expect(dialog.getByText('Nothing to settle')).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Both desks end with the first desk's escalation, and the choice in their case history.
    const firstText = (await first.page.getByRole('region', { name: 'Officer' }).textContent()) ?? '';
    const kept = /Escalated to [^:]+: [^.]+\./.exec(firstText)![0];
    for (const desk of [a, b]) {
      await expect(desk.page.getByRole('region', { name: 'Officer' })).toContainText(kept, SYNC);
      await expect(desk.page.getByRole('region', { name: 'Timeline' })).toContainText(
        'Conflict between desks settled',
        SYNC,
      );
      await expect(syncStatus(desk.page)).toContainText('Synced', SYNC);
    }
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});
