import { expect, type Locator } from '@playwright/test';

/**
 * Opens an MUI select and chooses an option, as an officer does: once the menu has finished
 * growing in. A click while it grows (about 200 ms, longer on a loaded machine) can press on one
 * option and release on the next, which selects nothing and leaves the menu open over the form
 * (seen in CI: investigation.spec's "Apology").
 */
export async function chooseOption(
  combobox: Locator,
  option: string | RegExp,
  { exact = false }: { exact?: boolean } = {},
): Promise<void> {
  const page = combobox.page();
  const listbox = page.getByRole('listbox');
  await combobox.click();
  await expect(listbox).toBeVisible();
  await expect
    .poll(() => listbox.evaluate((list) => list.closest('.MuiPaper-root')?.getAnimations().length ?? 0))
    .toBe(0);
  await listbox.getByRole('option', { name: option, exact }).click();
  await expect(listbox).toBeHidden();
}
