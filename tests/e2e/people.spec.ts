// An administrator manages who may sign in: adds a person, is told when a name is taken, changes
// roles, turns a person off (who then cannot sign in), and reads it all in the security log.
import type { Page } from '@playwright/test';
import { ensureAccount, expect, openAppAs, signIn, signOut, test, TEST_PASSWORD } from './fixtures';
import { openPeople, people, personRow } from './pages/people';

const PRIYA_PASSWORD = 'golden harbour evenings';

const signInRefusal = (page: Page) => page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
const logRows = (page: Page, event: string) =>
  page.getByRole('table', { name: 'Security log' }).getByRole('row').filter({ hasText: event });

test('an administrator adds a person, is told a name is taken, and changes their roles', async ({
  page,
  harness,
  consoleErrors: _,
}) => {
  await openAppAs(page, harness, 'Ada Admin', 'Administrator');
  await openPeople(page);

  await page.getByRole('button', { name: 'Add a person' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByLabel('Name').fill('Priya Shah');
  await dialog.getByRole('checkbox', { name: 'Complaint officer' }).check();
  await dialog.getByLabel('Initial password').fill(PRIYA_PASSWORD);
  await dialog.getByLabel('Type the new password again').fill('golden harbour evening');
  await dialog.getByRole('button', { name: 'Add' }).click();
  // Checked before anything is sent.
  await expect(dialog.getByLabel('Type the new password again')).toHaveAccessibleDescription(
    'The two passwords are not the same.',
  );
  await dialog.getByLabel('Type the new password again').fill(PRIYA_PASSWORD);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Priya Shah can now sign in.')).toBeVisible();
  await expect(personRow(page, 'Priya Shah')).toContainText('Complaint officer');
  await expect(personRow(page, 'Priya Shah')).toContainText('Active');
  await expect(personRow(page, 'Priya Shah')).toContainText('No personal limit');

  // The same name in other letters is refused beside the name, and nothing typed is lost.
  await page.getByRole('button', { name: 'Add a person' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a person' });
  await dialog.getByLabel('Name').fill('priya shah');
  await dialog.getByRole('checkbox', { name: 'Investigator' }).check();
  await dialog.getByLabel('Initial password').fill('quiet meadow lanterns');
  await dialog.getByLabel('Type the new password again').fill('quiet meadow lanterns');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByLabel('Name')).toHaveAccessibleDescription(/Someone already has that name/);
  await expect(dialog.getByLabel('Name')).toHaveValue('priya shah');
  await expect(dialog.getByLabel('Initial password')).toHaveValue('quiet meadow lanterns');
  await expect(dialog.getByRole('checkbox', { name: 'Investigator' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(people(page).getByRole('row')).toHaveCount(3); // the header, Ada and Priya

  await page.getByRole('button', { name: 'Edit Priya Shah' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Priya Shah' });
  await dialog.getByRole('checkbox', { name: 'Manager' }).check();
  await dialog.getByLabel('Approval limit').fill('2500');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(personRow(page, 'Priya Shah')).toContainText('Manager');
  await expect(personRow(page, 'Priya Shah')).toContainText('£2,500.00');

  const rolesChanged = logRows(page, 'Roles changed');
  await expect(rolesChanged).toHaveCount(1);
  await expect(rolesChanged).toContainText('Ada Admin');
  await expect(rolesChanged).toContainText('Priya Shah');
  await expect(rolesChanged).toContainText('officer → officer, manager');
  await expect(logRows(page, 'Approval limit changed')).toContainText('none → 2500');
  await expect(logRows(page, 'Person added')).toContainText('Priya Shah');

  // The security settings refuse what main would, beside the field, then save.
  const shortest = page.getByLabel('Shortest password (characters)');
  await shortest.fill('6');
  await page.getByRole('button', { name: 'Save security settings' }).click();
  await expect(shortest).toHaveAccessibleDescription(/Use 8 or more/);
  await shortest.fill('14');
  await page.getByRole('button', { name: 'Save security settings' }).click();
  await expect(logRows(page, 'Security settings changed')).toContainText(
    'Shortest password (characters): 12 → 14',
  );
});

test('a turned-off person cannot sign in, and a wrong password shows in the security log', async ({
  page,
  harness,
  consoleErrors: _,
}) => {
  await ensureAccount(harness, 'Priya Shah', 'Complaint officer');
  await openAppAs(page, harness, 'Ada Admin', 'Administrator');
  await openPeople(page);

  // Nobody turns themselves off: main refuses, and says so beside the switch.
  await page.getByRole('button', { name: 'Edit Ada Admin' }).click();
  let dialog = page.getByRole('dialog', { name: 'Edit Ada Admin' });
  await dialog.getByRole('switch', { name: 'Turned off' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page
    .getByRole('dialog', { name: 'Turn off Ada Admin?' })
    .getByRole('button', { name: 'Turn off' })
    .click();
  await expect(dialog.getByRole('switch', { name: 'Turned off' })).toHaveAccessibleDescription(
    'You cannot turn off your own account: ask another administrator.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Edit Priya Shah' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Priya Shah' });
  await dialog.getByRole('switch', { name: 'Turned off' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  const confirm = page.getByRole('dialog', { name: 'Turn off Priya Shah?' });
  await expect(confirm).toContainText('will no longer be able to sign in');
  await confirm.getByRole('button', { name: 'Turn off' }).click();
  await expect(dialog).toBeHidden();
  // Still listed: the history keeps her name.
  await expect(personRow(page, 'Priya Shah')).toContainText('Turned off');
  await expect(logRows(page, 'Turned off')).toContainText('Priya Shah');

  await signOut(page);
  await signIn(page, 'Priya Shah', TEST_PASSWORD);
  await expect(signInRefusal(page)).toHaveText(
    'This account has been turned off. Ask an administrator if you need it again.',
  );

  await page.getByLabel('Your name').fill('Ada Admin');
  await page.getByLabel('Password').fill('not my password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(signInRefusal(page)).toHaveText('The name or password is not right.');

  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await openPeople(page);
  const failed = logRows(page, 'Failed sign-in');
  await expect(failed.filter({ hasText: 'Ada Admin' })).toContainText('Failed attempts in a row: 1.');
  await expect(failed.filter({ hasText: 'Priya Shah' })).toContainText('The account is turned off.');
});
