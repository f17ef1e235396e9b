// The audit trail checked against the anchor main keeps outside the case database: a trail
// rewritten and sealed again inside IndexedDB is caught; and a case database that silently lost
// its data (another browser profile against the same data folder) stops at the loss screen
// instead of looking like a new office.
import type { Page } from '@playwright/test';
import type { Harness } from './harness/server';
import { ensureAccount, expect, openAppAs, signIn, signOut, test } from './fixtures';
import { IntakePage } from './pages/intake';

/** Waits until main's anchor holds a checkpoint at least `seq` (the renderer sends them after writes). */
async function anchoredUpTo(harness: Harness, seq: number) {
  await expect
    .poll(async () => {
      const read = await harness.call('anchor:read');
      if (!read.ok) return 0;
      const { checkpoints } = read.value as { checkpoints: { seq: number }[] };
      return checkpoints.at(-1)?.seq ?? 0;
    })
    .toBeGreaterThanOrEqual(seq);
}

/** The audit head as the page's database holds it. */
const headSeq = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('redress');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('counters').objectStore('counters').get('audit:head');
          get.onsuccess = () => {
            resolve((get.result as { value: number } | undefined)?.value ?? 0);
            open.result.close();
          };
        };
      }),
  );

test('a manager sees that a trail rewritten and sealed again inside the database does not match the anchor', async ({
  page,
  harness,
  consoleErrors: _,
}) => {
  test.setTimeout(120_000);
  await openAppAs(page, harness, 'Morgan Manager', 'Manager');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Zoë Ng', description: 'Charged twice.' });
  await intake.submit();
  await anchoredUpTo(harness, await headSeq(page));

  // Someone with the profile's files edits the first entry and seals every entry after it again,
  // with the same hashing Redress uses, so that each entry still follows the one before it.
  await page.evaluate(async () => {
    const canonical = (value: unknown): string => {
      if (value === undefined) return 'null';
      if (value === null || typeof value !== 'object') return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
    };
    const sha256 = async (text: string) =>
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('redress');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    type Entry = {
      seq: number;
      prevHash: string;
      hash: string;
      reason?: string;
      changes: unknown;
      salt: string;
      payloadHash: string;
    };
    const entries = (await all(db.transaction('audit').objectStore('audit').getAll())) as Entry[];
    let prevHash = '0'.repeat(64);
    const rewritten: Entry[] = [];
    for (const entry of entries.sort((a, b) => a.seq - b.seq)) {
      // Audit format 2: the payload is committed to with its salt, the header is hashed.
      const { hash: _old, ...body } = { ...entry, prevHash };
      if (entry.seq === 1) {
        body.reason = 'Logged by someone else';
        body.payloadHash = await sha256(
          canonical({ salt: body.salt, changes: body.changes, reason: body.reason }),
        );
      }
      const { changes: _c, reason: _r, salt: _s, ...header } = body;
      const hash = await sha256(canonical(header));
      rewritten.push({ ...body, hash });
      prevHash = hash;
    }
    const tx = db.transaction(['audit', 'counters'], 'readwrite');
    for (const entry of rewritten) tx.objectStore('audit').put(entry);
    const last = rewritten.at(-1)!;
    tx.objectStore('counters').put({ key: 'audit:head', value: last.seq, hash: last.hash });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });

  await page.goto(`${harness.url}#/settings`);
  const section = page.getByRole('region', { name: 'Audit trail' });
  await section.getByRole('button', { name: 'Check the audit trail' }).click();
  const problems = section.getByRole('alert').filter({ hasText: 'does not match' });
  await expect(problems).toContainText('Each entry follows the one before it, but:');
  await expect(problems).toContainText(
    /Entry \d+ is not the entry Redress recorded on .+: the trail was edited and sealed again from that entry or before it\./,
  );
  await section.screenshot({ path: test.info().outputPath('audit-anchor-rewritten.png') });
});

test('a database found empty after sign-in stops at the loss screen; an administrator starts empty with a reason', async ({
  page,
  harness,
  browser,
  consoleErrors: _,
}) => {
  // Two complaints, two profiles, three sign-ins.
  test.setTimeout(150_000);
  await ensureAccount(harness, 'Ada Admin', 'Administrator');
  await openAppAs(page, harness, 'Priya Shah', 'Complaint officer');
  const intake = new IntakePage(page);
  for (const name of ['Zoë Ng', 'Łukasz Nowak']) {
    await intake.open(harness.url);
    await intake.fill({ name, description: 'Charged twice.' });
    await intake.submit();
  }
  await anchoredUpTo(harness, await headSeq(page));
  await signOut(page);

  // Another browser profile: its IndexedDB is empty, while main's data folder remembers.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(harness.url);
  await signIn(fresh, 'Priya Shah');
  await expect(fresh.getByRole('heading', { name: 'The case database needs attention' })).toBeVisible();
  await expect(fresh.getByRole('alert')).toHaveText(
    /^Redress’s case database on this computer is empty, but on .+ it held 2 cases\.$/,
  );
  await expect(fresh.getByText('No complaints logged yet')).toBeHidden();
  // Someone who is not an administrator is told whom to call, and cannot start empty.
  await expect(fresh.getByText('Ask an administrator of Redress to restore the latest backup')).toBeVisible();
  await expect(fresh.getByText('Administrators: Ada Admin.')).toBeVisible();
  await expect(fresh.getByRole('button', { name: 'Start with an empty database' })).toBeHidden();
  await fresh.screenshot({ path: test.info().outputPath('database-loss-officer.png') });
  await fresh.getByRole('button', { name: 'Sign out' }).click();

  await signIn(fresh, 'Ada Admin');
  await expect(fresh.getByRole('alert').first()).toContainText('it held 2 cases');
  // The restore is offered first (this office has no backup yet: see database-loss-restore.spec).
  await expect(fresh.getByRole('button', { name: 'Restore from the latest backup' })).toBeVisible();
  await fresh.getByRole('button', { name: 'Start with an empty database' }).click();
  const form = fresh.getByRole('form', { name: 'Start with an empty database' });
  const confirm = form.getByRole('button', { name: 'Start with an empty database' });
  await form.getByLabel('Why start with an empty database?').fill('New computer; IT keeps the old disk.');
  await expect(confirm).toBeDisabled();
  await form.getByLabel('Type EMPTY to confirm').fill('EMPTY');
  await fresh.screenshot({ path: test.info().outputPath('database-loss-administrator.png') });
  await confirm.click();

  // The app, empty, and the security log says who started it empty and why.
  await expect(fresh.getByRole('button', { name: 'Signed in as Ada Admin' })).toBeVisible();
  await fresh
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'People and access' })
    .click();
  const row = fresh
    .getByRole('table', { name: 'Security log' })
    .getByRole('row')
    .filter({ hasText: 'Case database started empty' });
  await expect(row).toContainText('Ada Admin');
  await expect(row).toContainText('New computer; IT keeps the old disk.');
  await expect(row).toContainText('Before: 2 cases');
  await other.close();
});
