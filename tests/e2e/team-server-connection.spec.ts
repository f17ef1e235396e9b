// An administrator connects this desk to the office's PostgreSQL server (Settings → Team server):
// each mistake is named beside the field to fix, a good connection shows the server's version, the
// empty database is set up with its owner's account, and the connection is saved to the data folder
// without the password in the clear.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SCHEMA_VERSION } from '../../src-main/services/team/migrate';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';
import { expect, openAppAs, test } from './fixtures';

let cluster: PgCluster;
test.beforeAll(async () => {
  cluster = await startPgCluster();
});
test.afterAll(async () => {
  await cluster?.destroy();
});

async function openTeamSettings(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const section = page.getByRole('region', { name: 'Team server' });
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByText('This desk works alone: no team server is set.')).toBeVisible();
  return section;
}

test('an administrator tests the team server connection, fixes each mistake by its field, and saves it', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Ada Admin', ['Complaint officer', 'Administrator']);
  const team = await openTeamSettings(page);
  const testButton = team.getByRole('button', { name: 'Test connection' });

  // Nothing typed yet: each required field says what it needs.
  await team.getByLabel('Database').fill('');
  await testButton.click();
  await expect(team.getByText('Enter the server name or address.')).toBeVisible();
  await expect(team.getByText("Enter the service account's user name.")).toBeVisible();
  await expect(team.getByText('Enter the database name.')).toBeVisible();

  // A typo in the port: the server refuses, and the message sits by the port.
  await team.getByLabel('Server name or address').fill('127.0.0.1');
  await team.getByLabel('Port').fill('1');
  await team.getByLabel('Database').fill('redress');
  await team.getByLabel('Service account user name').fill(cluster.app.user);
  await team.getByLabel('Password').fill('Winter2026!');
  await testButton.click();
  await expect(team.getByLabel('Port')).toHaveAccessibleDescription(/refused the connection/);

  // The right port, the wrong password.
  await team.getByLabel('Port').fill(String(cluster.port));
  await testButton.click();
  await expect(team.getByLabel('Password')).toHaveAccessibleDescription(
    'The server refused the user name or password.',
  );

  // A database name misspelt.
  await team.getByLabel('Password').fill(cluster.app.password);
  await team.getByLabel('Database').fill('redres');
  await testButton.click();
  await expect(team.getByLabel('Database')).toHaveAccessibleDescription(
    'There is no database by that name on the server.',
  );

  // A CA certificate that is not where it was said to be: TLS cannot start.
  await team.getByLabel('Database').fill('redress');
  await team.getByLabel('Office CA certificate file (PEM)').fill('/etc/ssl/office/redress-ca.pem');
  await testButton.click();
  await expect(team.getByLabel('Office CA certificate file (PEM)')).toHaveAccessibleDescription(
    'The CA certificate file is not there: check the path.',
  );

  // All right: the server's version shows.
  await team.getByLabel('Office CA certificate file (PEM)').fill('');
  await testButton.click();
  await expect(team.getByText(/^Connected: PostgreSQL \d+\.\d+/)).toBeVisible();
  await expect(team.getByText('Redress has not set up this database yet.')).toBeVisible();

  // Setting the server up takes the database owner's account, typed once and never kept.
  await team
    .getByRole('status')
    .filter({ hasText: 'Redress has not set up this database yet.' })
    .screenshot({
      path: test.info().outputPath('team-not-set-up.png'),
    });
  await team.getByRole('button', { name: 'Set up the server…' }).click();
  const setUp = page.getByRole('dialog', { name: 'Set up Redress on the team server' });
  await expect(setUp).toContainText(
    `Redress creates its tables in the database redress on 127.0.0.1 and lets the service account ${cluster.app.user} use them.`,
  );
  await setUp.getByRole('button', { name: 'Set up' }).click();
  await expect(setUp.getByLabel('Database owner’s user name')).toHaveAccessibleDescription(
    "Enter the database owner's user name.",
  );
  // The desks' own account given as the owner: refused, by the owner's name.
  await setUp.getByLabel('Database owner’s user name').fill(cluster.app.user);
  await setUp.getByLabel('Database owner’s password').fill(cluster.app.password);
  await setUp.getByRole('button', { name: 'Set up' }).click();
  await expect(setUp.getByLabel('Database owner’s user name')).toHaveAccessibleDescription(
    /must be different users/,
  );
  // The owner, with a mistyped password: refused by the password.
  await setUp.getByLabel('Database owner’s user name').fill(cluster.owner.user);
  await setUp.getByLabel('Database owner’s password').fill('not-the-password');
  await setUp.getByRole('button', { name: 'Set up' }).click();
  await expect(setUp.getByLabel('Database owner’s password')).toHaveAccessibleDescription(
    'The server refused the user name or password.',
  );
  await setUp.getByLabel('Database owner’s password').fill(cluster.owner.password);
  await setUp.screenshot({ path: test.info().outputPath('team-set-up-dialog.png') });
  await setUp.getByRole('button', { name: 'Set up' }).click();
  await expect(setUp).toBeHidden();
  await expect(
    page.getByText(`The team server is set up: Redress schema version ${SCHEMA_VERSION}.`),
  ).toBeVisible();
  await expect(team.getByText(`Redress schema version ${SCHEMA_VERSION} on the server.`)).toBeVisible();
  // Tested again, the server now has what this Redress needs.
  await testButton.click();
  await expect(team.getByText(`Redress schema version ${SCHEMA_VERSION} on the server.`)).toBeVisible();
  await expect(team.getByRole('button', { name: 'Set up the server…' })).toHaveCount(0);
  await team.screenshot({ path: test.info().outputPath('team-set-up-done.png') });

  // This harness has no key store: the password cannot be kept, and the screen says so by the field.
  await expect(team.getByText(/no protected place to keep the password/).first()).toBeVisible();
  await team.getByRole('button', { name: 'Save connection' }).click();
  await expect(team.getByLabel('Password')).toHaveAccessibleDescription(/cannot be saved here/);
  // Without the password, the rest is saved.
  await team.getByLabel('Password').fill('');
  await team.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('Team server connection saved')).toBeVisible();
  await expect(
    team.getByText(`Saved server: ${cluster.app.user} on 127.0.0.1:${cluster.port}, database redress.`),
  ).toBeVisible();
  const saved = JSON.parse(await readFile(join(harness.dataDir, 'team.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(saved).toEqual({
    host: '127.0.0.1',
    port: cluster.port,
    database: 'redress',
    user: cluster.app.user,
  });
});

test('a damaged team connection file is said, and saving the connection again mends it', async ({
  page,
  harness,
}) => {
  await openAppAs(page, harness, 'Ada Admin', ['Complaint officer', 'Administrator']);
  // Cut off mid-write by a crash, or edited by hand, while the administrator is signed in. (Signed
  // out, a damaged file still means team mode: the desk's own accounts do not take over.)
  await writeFile(join(harness.dataDir, 'team.json'), '{"host":"127.0.0.1","po');
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const team = page.getByRole('region', { name: 'Team server' });
  await team.scrollIntoViewIfNeeded();
  await expect(
    team.getByText('The team connection file (team.json) is damaged: set the connection again.'),
  ).toBeVisible();
  // Nothing is said of a saved server while the file cannot be read.
  await expect(team.getByText('This desk works alone: no team server is set.')).toHaveCount(0);
  await team.getByLabel('Server name or address').fill('127.0.0.1');
  await team.getByLabel('Port').fill(String(cluster.port));
  await team.getByLabel('Service account user name').fill(cluster.app.user);
  await team.getByRole('button', { name: 'Save connection' }).click();
  await expect(page.getByText('Team server connection saved')).toBeVisible();
  await expect(
    team.getByText(`Saved server: ${cluster.app.user} on 127.0.0.1:${cluster.port}, database redress.`),
  ).toBeVisible();
  await expect(team.getByText(/is damaged/)).toHaveCount(0);
  expect(JSON.parse(await readFile(join(harness.dataDir, 'team.json'), 'utf8'))).toEqual({
    host: '127.0.0.1',
    port: cluster.port,
    database: 'redress',
    user: cluster.app.user,
  });
});
