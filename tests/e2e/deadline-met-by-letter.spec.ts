import { expect, openAppAs, test } from './fixtures';
import { CommunicationsTab } from './pages/communications';
import { IntakePage } from './pages/intake';
import { pdfText } from './pages/reports';
import { dateField, typeDate } from './pages/date-field';

const PSD = 'UK FCA — payment services (15 business days)';

// Thursday 26 March 2026, 10:00 in London. Both complaints arrived on Monday 2 March under the
// payment-services rules: 15 business days → Monday 23 March; 35 business days (after a holding
// reply) → Wednesday 22 April, Good Friday 3 April and Easter Monday 6 April not counted.
const NOW = new Date('2026-03-26T10:00:00Z');

test('a deadline is met by the letter that meets it, on the case, the list, the dashboard and the management report alike', async ({
  page,
  harness,
  consoleErrors,
}) => {
  void consoleErrors;
  test.setTimeout(120_000);
  await page.clock.setFixedTime(NOW);
  await openAppAs(page, harness, 'Tomasz Wójcik', 'Manager');
  const intake = new IntakePage(page);
  const comms = new CommunicationsTab(page);
  const deadlines = page.getByRole('region', { name: 'Deadlines' });

  // A: the final response went out on business day 14; the remedy runs on, the case stays open.
  await intake.open(harness.url);
  await intake.fill({
    name: 'Siobhán Ó Briain',
    receivedAt: '2026-03-02T09:30',
    regime: PSD,
    category: 'Payments',
    description: 'A standing order was paid twice.',
  });
  const answered = await intake.submit();
  await comms.record({
    direction: 'Sent to the complainant',
    kind: 'Acknowledgement',
    at: '2026-03-02T12:00',
    subject: 'We have your complaint',
    body: 'Posted by the mail room.',
  });
  await comms.record({
    direction: 'Sent to the complainant',
    kind: 'Final response',
    at: '2026-03-20T09:00',
    subject: 'Our final response',
    body: 'We uphold your complaint and will refund both payments.',
  });
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(deadlines).toContainText('Final response by23 Mar 2026, 23:59');
  await expect(deadlines).toContainText('Met by the final response — 20 Mar 2026, 09:00');
  await expect(deadlines).not.toContainText('Overdue');
  // The 35-day line never became live: no holding reply was sent.
  await expect(deadlines).not.toContainText('(extended)');

  // B: a holding reply on business day 13 opens the 35-business-day line.
  await intake.open(harness.url);
  await intake.fill({
    name: 'Łukasz Nowak',
    receivedAt: '2026-03-02T10:00',
    regime: PSD,
    category: 'Payments',
    description: 'A chargeback was refused without a reason.',
  });
  const held = await intake.submit();
  await expect(deadlines).toContainText('Extended deadline, only after a holding reply22 Apr 2026, 23:59');
  await comms.record({
    direction: 'Sent to the complainant',
    kind: 'Acknowledgement',
    at: '2026-03-02T12:30',
    subject: 'Thank you for your complaint',
    body: 'Acknowledged by phone and letter.',
  });
  await comms.record({
    direction: 'Sent to the complainant',
    kind: 'Holding reply',
    at: '2026-03-19T10:00',
    subject: 'We need more time',
    body: 'We are waiting for the card scheme; you will have our answer by 22 April 2026.',
  });
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(deadlines).toContainText('Met by the holding reply — 19 Mar 2026, 10:00');
  await expect(deadlines).toContainText('Final response (extended) by22 Apr 2026, 23:59');
  await expect(deadlines).toContainText('17 business days left');
  await expect(deadlines).not.toContainText('Overdue');

  // The list: A's deadline is met, B runs to 22 April; neither is overdue.
  await page.getByRole('link', { name: 'Cases' }).first().click();
  const table = page.getByRole('table', { name: /^Cases/ });
  await expect(table.getByRole('row', { name: new RegExp(answered) })).toContainText('Final response met');
  await expect(table.getByRole('row', { name: new RegExp(held) })).toContainText('17 business days left');
  await page.goto(`${harness.url}#/cases?view=overdue`);
  await expect(
    page.getByRole('table', { name: /^Cases/ }).getByRole('row', { name: new RegExp(answered) }),
  ).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: /^Cases/ }).getByRole('row', { name: new RegExp(held) }),
  ).toHaveCount(0);

  // The dashboard: one final response due so far (A's, met); B's is not due until 22 April.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  const compliance = page.getByRole('region', { name: 'Deadline compliance' });
  await compliance.getByRole('button', { name: /as a table/ }).click();
  const numbers = compliance.getByRole('table');
  await expect(numbers).toContainText('1/1 (100%)');
  await expect(numbers).not.toContainText('(50%)');

  // The management report for March says the same.
  await page.getByRole('link', { name: 'Reports' }).click();
  const form = page.getByRole('form', { name: 'Reports' });
  await typeDate(dateField(form, 'From'), '2026-03-01');
  await typeDate(dateField(form, 'To'), '2026-03-31');
  await form.getByRole('button', { name: 'Create PDF' }).click();
  const done = form.getByRole('status').filter({ hasText: 'Saved' });
  await expect(done).toBeVisible({ timeout: 20_000 });
  const text = pdfText(/Saved (.*\.pdf) \(/.exec((await done.textContent()) ?? '')![1]!).replace(/\s+/g, ' ');
  // Key figures: 2 received, 0 closed, 2 open; acknowledged on time 100%, final response on time 100%.
  expect(text).toContain(
    '2 0 2 100% 100% Received Closed Open at period end Acknowledged within Final response within',
  );
  // The trend: in March one final response was due, and it was sent in time.
  expect(text).toContain('Month Due In time In time % Ack. on time % 2026-03 1 1 100% 100%');
});
