// In team mode the office's accounts live on the team server: an administrator on one desk sees
// the server's people, adds a new officer who then signs in on another desk, and turns her off:
// that desk, where she is still signed in, locks at once, telling her why and to ask an
// administrator (no password field: none would open it), and refuses her next sign-in.
import { expect, FIXTURE_ADMIN, signIn, signOut, test } from './fixtures';
import { openPeople, people, personRow } from './pages/people';
import { openTeamDesk, TEAM_OFFICER, TEAM_PEOPLE, useTeamServer } from './team-server-fixture';

const team = useTeamServer();
const ZOE = 'Zoë Ng-Ó Briain';
const ZOE_PASSWORD = 'willow compass evening';

test('an administrator adds and turns off a person on the team server, and another desk follows', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const a = await openTeamDesk(team, browser, FIXTURE_ADMIN, { promote: true });
  const b = await openTeamDesk(team, browser, TEAM_PEOPLE[1]!);
  try {
    // Desk A lists the server's accounts, and says where they are kept.
    await openPeople(a.page);
    await expect(a.page.getByText(/These accounts are kept on the team server/)).toBeVisible();
    for (const name of [FIXTURE_ADMIN, ...TEAM_PEOPLE, TEAM_OFFICER])
      await expect(personRow(a.page, name)).toBeVisible();
    await expect(people(a.page).getByRole('row')).toHaveCount(5); // the header and four people

    await a.page.getByRole('button', { name: 'Add a person' }).click();
    const add = a.page.getByRole('dialog', { name: 'Add a person' });
    await add.getByLabel('Name').fill(ZOE);
    await add.getByRole('checkbox', { name: 'Complaint officer' }).check();
    await add.getByLabel('Initial password').fill(ZOE_PASSWORD);
    await add.getByLabel('Type the new password again').fill(ZOE_PASSWORD);
    await add.getByRole('button', { name: 'Add' }).click();
    await expect(add).toBeHidden();
    await expect(a.page.getByText(`${ZOE} can now sign in.`)).toBeVisible();
    await expect(personRow(a.page, ZOE)).toContainText('Complaint officer');
    await expect(personRow(a.page, ZOE)).toContainText('Active');

    // The same name typed another way is refused beside the name, as on a single desk.
    await a.page.getByRole('button', { name: 'Add a person' }).click();
    const again = a.page.getByRole('dialog', { name: 'Add a person' });
    await again.getByLabel('Name').fill('zoe  ng-o briain');
    await again.getByRole('checkbox', { name: 'Investigator' }).check();
    await again.getByLabel('Initial password').fill('quiet meadow lanterns');
    await again.getByLabel('Type the new password again').fill('quiet meadow lanterns');
    await again.getByRole('button', { name: 'Add' }).click();
    await expect(again.getByLabel('Name')).toHaveAccessibleDescription(/Someone already has that name/);
    await again.getByRole('button', { name: 'Cancel' }).click();

    // On desk B, where she has no account of its own, she signs in.
    await signOut(b.page);
    await signIn(b.page, ZOE, ZOE_PASSWORD);
    await expect(b.page.getByRole('button', { name: `Signed in as ${ZOE}` })).toBeVisible();

    // Desk A turns her off.
    await a.page.getByRole('button', { name: `Edit ${ZOE}` }).click();
    const edit = a.page.getByRole('dialog', { name: `Edit ${ZOE}` });
    await edit.getByRole('switch', { name: 'Turned off' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await a.page
      .getByRole('dialog', { name: `Turn off ${ZOE}?` })
      .getByRole('button', { name: 'Turn off' })
      .click();
    await expect(edit).toBeHidden();
    await expect(personRow(a.page, ZOE)).toContainText('Turned off');

    // Desk B, where she is still signed in, locks (the server's notice of the change wakes its
    // wait for changes) and tells her why and what to do: no password opens it now, so none is asked.
    const locked = b.page.getByRole('dialog', { name: 'Redress is locked' });
    await expect(locked.getByRole('status')).toHaveText(
      `The account of ${ZOE} was turned off on the team server, so Redress cannot be unlocked here.`,
      { timeout: 45_000 },
    );
    await expect(locked).toContainText('Ask an administrator if you need it again');
    await expect(locked).not.toContainText('Enter your password');
    await expect(locked.getByLabel('Password')).toHaveCount(0);
    await expect(locked.getByRole('button', { name: 'Unlock' })).toHaveCount(0);
    await locked.getByRole('button', { name: 'Sign out' }).click();
    await b.page.getByRole('dialog', { name: 'Sign out?' }).getByRole('button', { name: 'Sign out' }).click();

    // Her next sign-in is refused, and she is told why.
    await signIn(b.page, ZOE, ZOE_PASSWORD);
    await expect(b.page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
      'This account has been turned off. Ask an administrator if you need it again.',
    );
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});
