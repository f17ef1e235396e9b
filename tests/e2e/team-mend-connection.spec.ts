// A team desk signs in against the server, so a connection nobody can sign in through cannot be
// mended from Settings. The sign-in screen says so and mends it: first the saved password, after the
// computer's key store was reset (only the password, for the server saved here); then every detail,
// after team.json was damaged (only a server holding the office's Redress database is kept). Each
// mend is in the desk's security log.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyStore } from '../../src-main/services/backup/backup-key';
import { expect, signIn, signOut, test } from './fixtures';
import { openTeamDesk, useTeamServer } from './team-server-fixture';

const team = useTeamServer();
const AOIFE = 'Aoife Ní Fhaoláin';

/** The computer's key store, which can be reset: what it wrapped before can no longer be unwrapped. */
function resettableKeyStore() {
  let generation = 1;
  const mark = () => Buffer.from(`g${generation}:`);
  const keys: KeyStore = {
    problem: () => null,
    encrypt: (bytes) => Buffer.concat([mark(), Buffer.from(bytes)]),
    decrypt: (bytes) => {
      if (!bytes.subarray(0, 3).equals(mark())) throw new Error('safeStorage: cannot decrypt');
      return Buffer.from(bytes.subarray(3));
    },
  };
  return { keys, reset: () => (generation += 1) };
}

test('a team connection nobody can sign in through is mended from the sign-in screen, and logged', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const store = resettableKeyStore();
  const desk = await openTeamDesk(team, browser, AOIFE, { promote: true, keys: store.keys });
  const { page, harness } = desk;
  try {
    await signOut(page);
    // The key store was reset (a new Windows profile, a restored keyring).
    store.reset();
    await page.reload();
    const warning = page.getByRole('alert').filter({ hasText: 'can no longer be unlocked' });
    await expect(warning).toContainText('nobody can sign in here');
    await signIn(page, AOIFE);
    await expect(page.getByRole('alert').filter({ hasText: 'from the sign-in screen' })).toBeVisible();

    await warning.getByRole('button', { name: 'Enter the password again…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Mend the team server connection' });
    // Only the password: the server saved here is kept.
    await expect(dialog.getByLabel('Server name or address')).toHaveCount(0);
    const password = dialog.getByLabel('Service account password');
    await password.fill('not the password');
    await dialog.getByRole('button', { name: 'Save and check' }).click();
    await expect(password).toHaveAccessibleDescription(/refused the user name or password/);
    await page.screenshot({ path: test.info().outputPath('mend-password-refused.png') });
    await password.fill(team.cluster.app.password);
    await dialog.getByRole('button', { name: 'Save and check' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'mended: sign in' })).toBeVisible();
    await signIn(page, AOIFE);
    await expect(page.getByRole('button', { name: `Signed in as ${AOIFE}` })).toBeVisible();
    await signOut(page);

    // team.json damaged (a crash mid-write, a hand edit): every detail again.
    await writeFile(join(harness.dataDir, 'team.json'), '{"host":"127.0.0.1","po');
    await page.reload();
    await page
      .getByRole('alert')
      .filter({ hasText: '(team.json) are damaged' })
      .getByRole('button', { name: 'Enter them again…' })
      .click();
    dialog = page.getByRole('dialog', { name: 'Mend the team server connection' });
    await dialog.getByLabel('Server name or address').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(team.cluster.port));
    await dialog.getByLabel('Service account user name').fill(team.cluster.app.user);
    await dialog.getByLabel('Service account password').fill(team.cluster.app.password);
    // The database the form starts with is the cluster's own: reachable, but no team server.
    await dialog.getByRole('button', { name: 'Save and check' }).click();
    await expect(dialog.getByLabel('Database')).toHaveAccessibleDescription(/holds no Redress team server/);
    await page.screenshot({ path: test.info().outputPath('mend-not-a-team-server.png') });
    await dialog.getByLabel('Database').fill(team.server.database);
    await dialog.getByRole('button', { name: 'Save and check' }).click();
    await expect(dialog).toHaveCount(0);
    await signIn(page, AOIFE);
    await expect(page.getByRole('button', { name: `Signed in as ${AOIFE}` })).toBeVisible();

    // The desk's security log (its file: nobody here is an administrator to read it on screen).
    const log = (await readFile(join(harness.dataDir, 'security-log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; actor: unknown; detail?: string });
    expect(log.filter((e) => e.event === 'team-connection-mended')).toEqual([
      expect.objectContaining({
        actor: null,
        detail: expect.stringMatching(
          /^The saved password could not be unlocked; now .+ on 127\.0\.0\.1:\d+/,
        ),
      }),
      expect.objectContaining({
        detail: `team.json was damaged; now ${team.cluster.app.user} on 127.0.0.1:${team.cluster.port}, database ${team.server.database}.`,
      }),
    ]);
    expect(desk.errors).toEqual([]);
  } finally {
    await desk.close();
  }
});
