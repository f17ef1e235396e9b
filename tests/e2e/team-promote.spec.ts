// The first desk of a team: an administrator with cases on a single desk saves the team server in
// Settings, promotes the desk (confirmation, then the end message with how many records went up).
// A case acknowledged between saving the server and promoting waits (the top bar says why), then
// reaches the server after the promotion. The server, set up without the right to take the desk's
// security settings, keeps its defaults: the end message names the desk's, and they are saved again.
// (A second desk joining is covered by tests/unit/src-renderer/features/team/promote-desk.test.ts.)
import type { Browser, Page } from '@playwright/test';
import { expect, openAppAs, test } from './fixtures';
import { startHarness, type Harness } from './harness/server';
import { keyStore, useTeamServer } from './team-server-fixture';
import { CasePage } from './pages/case';
import { IntakePage } from './pages/intake';

const pg = useTeamServer();

const ADMIN = 'Siobhán Ní Bhriain';
const ROLES = ['Administrator', 'Manager'] as const;
const SYNC = { timeout: 60_000 };

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
}

test('a single desk promotes itself to an empty team server, with progress and an end message', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const harnesses: Harness[] = [];
  try {
    const a = await startHarness({ keyStore });
    harnesses.push(a);
    const page = await newPage(browser);
    await openAppAs(page, a, ADMIN, ROLES);
    const intake = new IntakePage(page);
    const references: string[] = [];
    for (const [name, email] of [
      ['Đặng Thị Hoa', 'hoa.dang@example.vn'],
      ['Ngũgĩ wa Thiong’o', 'ngugi@example.ke'],
    ] as const) {
      await intake.open(a.url);
      await intake.fill({
        name,
        email,
        description: 'Charged twice for the March bill — “please refund me”.',
      });
      references.push(await intake.submit());
    }

    // The office's own rule on this single desk, before it becomes a team.
    await page.goto(`${a.url}#/people`);
    const shortest = page.getByLabel('Shortest password (characters)');
    await shortest.fill('14');
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect(page.getByText('Shortest password (characters): 12 → 14')).toBeVisible();

    await page.goto(`${a.url}#/settings`);
    const team = page.getByRole('region', { name: 'Team server', exact: true });
    await team.getByLabel('Server name or address').fill('127.0.0.1');
    await team.getByLabel('Port').fill(String(pg.cluster.port));
    await team.getByLabel('Database').fill(pg.server.database);
    await team.getByLabel('Service account user name').fill(pg.cluster.app.user);
    await team.getByLabel('Password').fill(pg.cluster.app.password);
    await team.getByRole('button', { name: 'Save connection' }).click();

    // Once the desk is in team mode (the top bar says so), an edit to a case of its own before the
    // promotion: nothing goes to the server yet.
    await expect(
      page.getByRole('status').filter({ hasText: /^(Synced |Connected to the team server)/ }),
    ).toBeVisible(SYNC);
    await page.goto(`${a.url}#/cases`);
    await page.getByRole('link', { name: references[0]! }).click();
    await new CasePage(page).move('Acknowledge', 'Acknowledged');
    const waiting = page.getByRole('status').filter({ hasText: /Not on the team server yet · \d+ waiting/ });
    await expect(waiting).toBeVisible(SYNC);
    expect(await pg.server.query('SELECT count(*)::int AS n FROM changes')).toEqual([{ n: 0 }]);

    const grant = `EXECUTE ON FUNCTION redress_set_security_policy(jsonb)`;
    await pg.server.query(`REVOKE ${grant} FROM "${pg.cluster.app.user}"`, [], pg.cluster.owner);
    await page.goto(`${a.url}#/settings`);
    await team.getByRole('button', { name: 'Promote this desk…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Promote this desk to the team server?' });
    await expect(confirm).toContainText('The server must be empty');
    await confirm.getByRole('button', { name: 'Promote' }).click();
    await expect(team.getByRole('status').filter({ hasText: 'This desk is promoted' })).toContainText(
      /This desk is promoted: \d+ records are on the team server/,
      SYNC,
    );
    await expect(team.getByRole('button', { name: /Promote this desk|Resume promotion/ })).toHaveCount(0);
    const policyLeft = team.getByRole('alert');
    await expect(policyLeft).toContainText('This desk’s security settings did not reach the team server');
    await expect(policyLeft).toContainText('shortest password 14 characters');
    await policyLeft.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('promotion-policy-not-copied.png') });
    // What waited goes up after it: the top bar says synced, and the server holds the acknowledgement.
    await expect(page.getByRole('status').filter({ hasText: /^Synced / })).toBeVisible(SYNC);
    await expect(waiting).toHaveCount(0);
    const cases = await pg.server.query<{ reference: string; status: string }>(
      "SELECT data->>'reference' AS reference, data->>'status' AS status FROM records WHERE kind = 'cases' ORDER BY 1",
    );
    expect(cases).toEqual(
      [
        { reference: references[0], status: 'acknowledged' },
        { reference: references[1], status: 'received' },
      ].sort((x, y) => x.reference!.localeCompare(y.reference!)),
    );

    // IT grants the right; the administrator enters the rule again, and the server keeps it.
    await pg.server.query(`GRANT ${grant} TO "${pg.cluster.app.user}"`, [], pg.cluster.owner);
    await page.goto(`${a.url}#/people`);
    await expect(shortest).toHaveValue('12');
    await shortest.fill('14');
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect
      .poll(async () =>
        pg.server.query('SELECT min_password_length AS n FROM security_policy', [], pg.cluster.owner),
      )
      .toEqual([{ n: 14 }]);
  } finally {
    for (const h of harnesses) await h.close();
  }
});
