import { expect, type Locator, type Page } from '@playwright/test';
import { ImportScreen } from './import';

/** Scrolls the list's rows to the end until it holds `rows` cases (each end reached reads a page more). */
export async function scrollToEnd(table: Locator, rows: number) {
  await expect(async () => {
    await table
      .locator('[role="rowgroup"]')
      .nth(1)
      .evaluate((body) => body.scrollTo(0, body.scrollHeight));
    await expect(table).toHaveAttribute('aria-rowcount', String(rows + 1), { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Imports `count` complaints that all say "Waited" (the quickest way to many cases), references
 * `<prefix>-1…`, odd ones by e-mail and even ones by phone.
 */
export async function importWaitedCases(page: Page, prefix: string, count: number) {
  const lines = ['Case No;Date received;Customer name;E-mail;Channel;Category;Details'];
  for (let i = 1; i <= count; i += 1)
    lines.push(
      `${prefix}-${i};${String((i % 28) + 1).padStart(2, '0')}/03/2024;Person ${i};p${i}@example.com;${i % 2 ? 'Email' : 'Phone'};Service;Waited`,
    );
  await page.getByRole('link', { name: 'Import…' }).click();
  const screen = new ImportScreen(page);
  await screen.choose(`${prefix.toLowerCase()}.csv`, lines);
  await screen.mapping.getByRole('button', { name: 'Check every row' }).click();
  await screen.dryRun.getByRole('button', { name: `Import ${count} rows` }).click();
  await expect(screen.report).toContainText(`${count} imported`);
}
