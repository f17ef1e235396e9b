import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';
import { chooseOption } from './pages/select-option';
import { previewLetter } from './pages/templates';

/** The shipped template `name` previewed on the Templates page with case `reference`. */
test('an ASIC complaint in an office on England’s calendar is flagged at intake but still logged, and its letters name AFCA with its time limits', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Mia Chen', description: 'My hardship request was ignored.' });
  await expect(intake.regimeWarning).toHaveCount(0); // an FCA case fits the office's calendar

  await intake.choose('Regulatory regime', 'Australia ASIC RG 271 (30 days)');
  await expect(intake.regimeWarning).toHaveText(
    'This office counts business days with England public holidays, but ASIC counts Australian business days. Check Settings → Deadlines and calendar, or choose another regime.',
  );
  await intake.choose('Regulatory regime', 'Custom');
  await expect(intake.regimeWarning).toHaveCount(0);
  await intake.choose('Regulatory regime', 'Australia ASIC RG 271 (30 days)');
  await expect(intake.regimeWarning).toBeVisible();
  const reference = await intake.submit(); // a warning, not a refusal

  const letter = (await previewLetter(page, 'Acknowledgement', reference)).preview;
  await expect(letter).toContainText('Australian Financial Complaints Authority (AFCA)');
  await expect(letter).toContainText(
    'Time limits may apply to complain to AFCA and so you should act promptly or otherwise consult the AFCA website to find out if or when the time limit relevant to your circumstances expires.',
  );
  await expect(letter).not.toContainText('Financial Ombudsman Service');
});

test('the office’s choice on late Ombudsman referrals is saved and written into the final response', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah', ['Complaint officer', 'Administrator']);
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  await intake.fill({ name: 'Tom Hughes', description: 'The transfer took three weeks.' });
  const reference = await intake.submit();

  // The default is the standard no-consent wording.
  let letter = (await previewLetter(page, 'Final response', reference)).preview;
  await expect(letter).toContainText(
    'but you must do so within six months of the date of this letter. If you do not refer your complaint in time, the Ombudsman will not have our permission to consider your complaint',
  );
  await expect(letter).toContainText('explanatory leaflet');

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const section = page.getByRole('form', { name: 'Ombudsman referrals' });
  const choice = section.getByRole('radiogroup', {
    name: 'Complaints referred to the Ombudsman after six months',
  });
  await expect(choice.getByRole('radio', { name: /^We do not consent/ })).toBeChecked();
  await choice.getByRole('radio', { name: 'We consent to the Ombudsman considering them' }).check();
  await section.getByRole('button', { name: 'Save ombudsman referrals' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();
  const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(onDisk).toMatchObject({ ombudsmanLateReferralConsent: true });

  letter = (await previewLetter(page, 'Final response', reference)).preview;
  await expect(letter).toContainText('we consent to the Ombudsman considering your complaint');
  await expect(letter).not.toContainText('will not have our permission');
});

test('an office that edited the first shipped final response keeps its wording and is offered the new one', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah', ['Complaint officer', 'Administrator']);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Templates' })
    .click();
  await expect(page.getByRole('heading', { name: 'Editing “Acknowledgement”, version 1' })).toBeVisible();

  // As an office from before the regulated wording: version 1 in the first wording, then its own edit.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('redress');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction('templates', 'readwrite');
          const store = tx.objectStore('templates');
          const all = store.getAll();
          all.onsuccess = () => {
            const first = (all.result as { key: string; version: number; body: string }[]).find(
              (t) => t.key === 'final' && t.version === 1,
            )!;
            store.put({ ...first, body: 'Dear {{complainant.name}},\n\nOur first final response.' });
            store.put({
              ...first,
              id: 'office-edit',
              version: 2,
              body: 'Dear {{complainant.name}},\n\nOur own final response.',
              createdAt: new Date().toISOString(),
              createdBy: { id: 'u-office', name: 'Morgan Lee' },
            });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Templates' })
    .getByRole('button', { name: /Final response/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Editing “Final response”, version 2' })).toBeVisible();
  const letterBox = page.getByRole('textbox', { name: /^Letter/ });
  await expect(letterBox).toHaveValue(/Our own final response\./);
  const notice = page
    .getByRole('status')
    .filter({ hasText: 'Redress now ships new wording for this letter' });
  await expect(notice).toBeVisible();

  await notice.getByRole('button', { name: 'Load the new wording' }).click();
  await expect(letterBox).toHaveValue(
    /the Ombudsman will not have our permission to consider your complaint/,
  );
  await expect(
    page.getByRole('status').filter({ hasText: 'The new wording is in the editor' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save as new version' }).click();
  await expect(page.getByRole('heading', { name: 'Editing “Final response”, version 3' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 3 — Priya Shah');
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Version 2 — Morgan Lee');
  await expect(notice).toHaveCount(0);
});

test('square brackets the complainant wrote, merged into a letter, do not hold it back; the template’s own do', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  await openAppAs(page, harness, 'Priya Shah');
  const intake = new IntakePage(page);
  await intake.open(harness.url);
  // As an e-mail complaint arrives: a gateway's subject tag and Outlook's inline image marker.
  const description = '[EXTERNAL] Charged twice [cid:image001.png@01DA2B3C.4D5E6F70]';
  await intake.fill({ name: 'Zoë Adams', description });
  await intake.submit();

  await page.getByRole('tab', { name: 'Communications' }).click();
  await page.getByRole('button', { name: 'Write a letter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Write a letter' });
  await chooseOption(dialog.getByRole('combobox', { name: /^Template/ }), 'Final response');
  const body = dialog.getByRole('textbox', { name: /^Letter/ });
  await expect(body).toHaveValue(new RegExp(description.replace(/[[\].]/g, '\\$&')));
  // Only the template's own placeholder is named, and holds the letter back.
  await expect(body).toHaveAccessibleDescription(
    'Replace the text in square brackets before saving or sending: [Explain what happened, in plain words, and why.]',
  );
  await expect(dialog.getByRole('button', { name: 'Send/record' })).toBeDisabled();
  await body.fill(
    (await body.inputValue()).replace(/\[Explain what happened[^\]]*\]/, 'The card batch ran twice.'),
  );
  await expect(body).toHaveAttribute('aria-invalid', 'false');
  await expect(dialog.getByRole('button', { name: 'Save as PDF' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Send/record' }).click();
  await expect(dialog).toBeHidden();
  const log = page.getByRole('list', { name: 'Communications log' });
  await expect(log.getByRole('listitem')).toHaveCount(1);
});
