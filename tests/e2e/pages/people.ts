import { expect, type Page } from '@playwright/test';

/** Opens People and access from the main navigation. */
export async function openPeople(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'People and access' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'People and access' })).toBeVisible();
}

/** The table of the people who may sign in. */
export const people = (page: Page) => page.getByRole('table', { name: 'People who may sign in' });

/** One person's row in that table. */
export const personRow = (page: Page, name: string) =>
  people(page).getByRole('row', { name: new RegExp(name) });
