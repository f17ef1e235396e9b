// axe-core (WCAG 2.1 A and AA rules) over the screens an officer, a manager and an administrator
// use, in the light and the dark theme: no serious or critical violation on any of them.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openAppAs, test } from './fixtures';
import { IntakePage } from './pages/intake';

async function violations(page: Page) {
  // Let the screen settle (lists load, transitions end) before it is judged.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function setTheme(page: Page, mode: 'light' | 'dark') {
  const toggle = page.getByRole('button', { name: 'Switch between light and dark theme' });
  const isDark = async () =>
    page.evaluate(() => {
      const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
      return rgb[0]! + rgb[1]! + rgb[2]! < 200;
    });
  if ((await isDark()) !== (mode === 'dark')) await toggle.click();
  await expect.poll(isDark).toBe(mode === 'dark');
}

for (const mode of ['light', 'dark'] as const) {
  test(`every screen passes axe in the ${mode} theme`, async ({ page, harness }) => {
    test.setTimeout(180_000);
    await openAppAs(page, harness, 'Morgan Manager', ['Manager', 'Administrator']);
    await setTheme(page, mode);
    const intake = new IntakePage(page);
    await intake.open(harness.url);
    const found: Record<string, string[]> = {};
    found['New complaint'] = await violations(page);
    await intake.fill({ name: 'Aroha Ngata', description: 'Charged twice.' });
    const reference = await intake.submit();
    const caseUrl = page.url().replace(/\/[a-z-]+$/, '');
    for (const tab of [
      'Overview',
      'Investigation',
      'Resolution',
      'Implementation and follow-up',
      'Communications',
    ]) {
      await page.getByRole('tab', { name: tab }).click();
      found[`Case: ${tab}`] = await violations(page);
    }
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('link', { name: 'Complainant record' }).click();
    found['Complainant record'] = await violations(page);
    const screens: [string, string][] = [
      ['My work', 'My work'],
      ['Reminders', 'Reminders'],
      ['Cases', 'Cases'],
      ['Dashboard', 'Dashboard'],
      ['Improvements', 'Improvements'],
      ['Templates', 'Templates'],
      ['Reports', 'Reports'],
      ['Settings', 'Settings'],
      ['People and access', 'People and access'],
      ['Retention', 'Retention'],
      ['Backups', 'Backups'],
    ];
    for (const [name, link] of screens) {
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      found[name] = await violations(page);
    }
    expect(caseUrl).toContain('/cases/');
    expect(reference).toMatch(/^CMP-/);
    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  });
}
