// A manager checks the desk's audit trail against the team server's: first they agree; then someone
// with the server's owner password rewrites an entry's date and re-seals the server's whole chain
// after it, which the server's own chain cannot show, and the desk names the entry and its case.
import type { Page } from '@playwright/test';
import { relinkAuditEntry, type AuditEntry } from '../../src-shared/domain/audit';
import { expect, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { openTeamDesk, TEAM_PEOPLE, useTeamServer } from './team-server-fixture';

const team = useTeamServer();

const SYNC = { timeout: 60_000 };
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');

/** What someone holding the server's owner password could do: rewrite an entry and re-seal after it. */
async function forgeServerEntry(seq: number, at: string): Promise<void> {
  const owner = team.cluster.owner;
  const trail = (
    await team.server.query<{ entry: AuditEntry }>('SELECT entry FROM audit ORDER BY seq', [], owner)
  ).map((r) => r.entry);
  await team.server.query('ALTER TABLE audit DISABLE TRIGGER USER', [], owner);
  try {
    let prevHash = trail[seq - 2]?.hash ?? '0'.repeat(64);
    for (const entry of trail.slice(seq - 1)) {
      const { hash: _h, prevHash: _p, ...body } = entry;
      const forged = relinkAuditEntry(entry.seq === seq ? { ...body, at } : body, prevHash);
      await team.server.query(
        'UPDATE audit SET entry = $2, hash = $3, prev_hash = $4 WHERE seq = $1',
        [forged.seq, JSON.stringify(forged), forged.hash, forged.prevHash],
        owner,
      );
      prevHash = forged.hash;
    }
    await team.server.query('UPDATE sync_head SET audit_hash = $1', [prevHash], owner);
  } finally {
    await team.server.query('ALTER TABLE audit ENABLE TRIGGER USER', [], owner);
  }
}

test('a manager checks the desk’s trail against the team server, and a re-sealed server trail is caught', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const desk = await openTeamDesk(team, browser, TEAM_PEOPLE[1]!, { promote: true });
  try {
    const p = desk.page;
    await expect(syncStatus(p)).toContainText('Synced', SYNC);
    const reference = await new IntakePage(p).log(desk.harness.url, {
      name: 'Ngozi Adébáyọ̀-Kowalczyk',
      email: 'ngozi.ak@example.ng',
      description: 'Overdraft fee of £35 charged although the “buffer” was never crossed.',
    });
    await expect(syncStatus(p)).toContainText('Synced', SYNC);

    await p.goto(`${desk.harness.url}#/settings`);
    const section = p.getByRole('region', { name: 'Audit trail' });
    const against = section.getByRole('region', { name: 'Against the team server' });
    await against.getByRole('button', { name: 'Check against the team server' }).click();
    const agrees = against.getByRole('alert').filter({ hasText: 'This desk agrees with the team server.' });
    await expect(agrees).toContainText(/The team server’s trail is intact: \d+ entr(y|ies) checked\./);
    await expect(agrees).toContainText(
      /held here (is|are) on the server’s trail exactly as (it is|they are) here/,
    );
    await against.screenshot({ path: test.info().outputPath('team-trail-agrees.png') });

    // The case's first entry (its creation) is moved to another day on the server, and sealed again.
    const [created] = await team.server.query<{ seq: string }>(
      `SELECT seq FROM audit WHERE entry->>'action' = 'create' AND entry->>'entity' = 'case' ORDER BY seq DESC LIMIT 1`,
      [],
      team.cluster.owner,
    );
    await forgeServerEntry(Number(created!.seq), '2025-01-01T00:00:00.000Z');
    await against.getByRole('button', { name: 'Check against the team server' }).click();
    await expect(against.getByRole('alert').first()).toContainText('This desk and the team server disagree.');
    const differs = against
      .getByRole('alert')
      .filter({ hasText: 'Entries that say something else on the team server (1)' });
    await expect(differs).toContainText('Case logged');
    await expect(differs.getByRole('link', { name: `case ${reference}` })).toBeVisible();
    await against.screenshot({ path: test.info().outputPath('team-trail-differs.png') });
    await differs.getByRole('link', { name: `case ${reference}` }).click();
    await expect(p.getByRole('heading', { level: 1 })).toContainText(reference);
    expect(desk.errors).toEqual([]);
  } finally {
    await desk.close();
  }
});
