// In team mode the server keeps the passwords: a person changes theirs from their menu on one desk,
// a wrong current password is refused next to the field, and the new password then signs them in
// on another desk while the old one no longer does.
import type { Page } from '@playwright/test';
import { expect, signIn, signOut, test, TEST_PASSWORD } from './fixtures';
import { openTeamDesk, useTeamServer } from './team-server-fixture';

const team = useTeamServer();
const NEXT = 'slate river lighthouse 9';

async function changePassword(page: Page, current: string, next: string) {
  await page.getByRole('button', { name: /^Signed in as / }).click();
  await page.getByRole('menuitem', { name: /^Change password/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await dialog.getByLabel('Current password').fill(current);
  await dialog.getByLabel(/^New password/).fill(next);
  await dialog.getByLabel('Type the new password again').fill(next);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  return dialog;
}

test('a person changes their password on the team server from one desk and signs in with it on another', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const a = await openTeamDesk(team, browser, 'Aoife Ní Fhaoláin', { promote: true });
  const b = await openTeamDesk(team, browser, 'Tomás Øberg');
  try {
    // A wrong current password is refused next to its field, and nothing typed is lost.
    const dialog = await changePassword(a.page, 'not my password', NEXT);
    await expect(dialog.getByLabel('Current password')).toHaveAccessibleDescription(
      /Your current password is not right\./,
    );
    await expect(dialog.getByLabel(/^New password/)).toHaveValue(NEXT);
    await dialog.getByLabel('Current password').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(a.page.getByText('Your password has been changed.')).toBeVisible();

    // On desk B, Aoife's old password no longer signs her in; the new one does.
    await signOut(b.page);
    await signIn(b.page, 'Aoife Ní Fhaoláin', TEST_PASSWORD);
    await expect(b.page.getByRole('alert')).toHaveText('The name or password is not right.');
    await signIn(b.page, 'Aoife Ní Fhaoláin', NEXT);
    await expect(b.page.getByRole('button', { name: 'Signed in as Aoife Ní Fhaoláin' })).toBeVisible();
    expect([...a.errors, ...b.errors]).toEqual([]);
  } finally {
    await a.close();
    await b.close();
  }
});
