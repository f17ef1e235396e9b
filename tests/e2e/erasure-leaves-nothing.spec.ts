// An erasure request leaves nothing of the person in this desk's database: not in a field typed
// freely at intake (the product), not in the saved search index's words, not in a draft. The
// anonymised case, whose evidence file went with the person, can still be handed over in a bundle.
import type { Page } from '@playwright/test';
import { expect, openAppAs, test } from './fixtures';
import { CommunicationsTab } from './pages/communications';
import { IntakePage } from './pages/intake';
import { InvestigationPage } from './pages/investigation';
import { eraseOneCase, withdraw } from './pages/retention';

const PERSON = /Quintessa|Marlowe|55119933/i;

/** Every IndexedDB record (and localStorage entry) of the page that mentions the person. */
function whereThePersonIs(page: Page): Promise<string[]> {
  return page.evaluate(async (source) => {
    const person = new RegExp(source, 'i');
    const found: string[] = [];
    const text = (row: unknown) =>
      JSON.stringify(row, (_k, v: unknown) =>
        v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v as ArrayBuffer) : v,
      );
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        });
        for (const row of rows) {
          const match = person.exec(text(row));
          if (match) found.push(`${info.name}/${store}: ${match[0]}`);
        }
      }
      db.close();
    }
    for (const [key, value] of Object.entries(localStorage))
      if (person.test(value)) found.push(`localStorage ${key}`);
    return found;
  }, PERSON.source);
}

test('an erasure leaves nothing of the person in the desk’s database, and the case can still be handed over', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(150_000);
  await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Investigator']);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({
    name: 'Quintessa Marlowe',
    email: 'quintessa@example.org',
    product: 'Quintessa Marlowe joint account',
    description: 'Quintessa Marlowe was charged twice on ACC-55119933.',
    accountRef: 'ACC-55119933',
  });
  const reference = await intake.submit();
  const inv = new InvestigationPage(page);
  await inv.open();
  await inv.addEvidence('Quintessa-letter.txt', 'Letter from Quintessa Marlowe');
  await inv.recordInterview({
    interviewee: 'Quintessa Marlowe',
    statement: 'Quintessa says she paid twice.',
  });
  await inv.notes.getByRole('textbox', { name: /^Note/ }).fill('Ring Quintessa back on Monday.');
  await new CommunicationsTab(page).record({
    direction: 'Received from the complainant',
    at: '2026-11-02T09:00',
    subject: 'Quintessa writes again',
    body: 'Quintessa Marlowe asks for news.',
  });
  await expect.poll(() => whereThePersonIs(page)).not.toEqual([]);

  await page.getByRole('tab', { name: 'Overview' }).click();
  await withdraw(page, 'She withdrew by phone.');

  await eraseOneCase(page, 'Quintessa Marlowe', 'Erasure request received by letter.');

  // The search index saves a moment after the change: then nothing anywhere names her.
  await expect.poll(() => whereThePersonIs(page), { timeout: 30_000 }).toEqual([]);

  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Anonymised');
  await expect(page.getByText(PERSON)).toHaveCount(0);
  await page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect(
    page.getByText(/^Case bundle saved as .*\.redressbundle \(1 case, 0 evidence files\)\.$/),
  ).toBeVisible();
});
