// Templates: open a letter template from the list and preview it with a case.
import type { Page } from '@playwright/test';

/** Opens the template `name` and types `reference` as its preview case; answers the box and the preview. */
export async function previewLetter(page: Page, name: string, reference: string) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Templates' })
    .click();
  await page
    .getByRole('navigation', { name: 'Templates' })
    .getByRole('button', { name: new RegExp(name) })
    .first()
    .click();
  const previewCase = page.getByRole('textbox', { name: 'Preview with case (reference)' });
  await previewCase.fill(reference);
  return { previewCase, preview: page.getByRole('document', { name: 'Preview' }) };
}
