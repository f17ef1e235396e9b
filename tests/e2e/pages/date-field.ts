import { expect, type Locator } from '@playwright/test';

/**
 * A date or date-time picker field (MUI X), found by its label. Its sections (day, month, year,
 * hours, minutes) are spinbuttons inside one labelled group.
 */
export function dateField(scope: Locator | { getByRole: Locator['getByRole'] }, label: string): Locator {
  return scope.getByRole('group', { name: label, exact: true });
}

/**
 * Types a date ('2026-03-02') or a date and time ('2026-03-02T09:30') with the keyboard, as an
 * officer in the default locale (en-GB: day, month, year) does: digit by digit, year included.
 * An empty string clears the field.
 */
export async function typeDate(field: Locator, value: string) {
  await field.getByRole('spinbutton').first().click();
  const keyboard = field.page().keyboard;
  await keyboard.press('ControlOrMeta+a');
  await keyboard.press('Backspace');
  if (value === '') return;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`Not a date to type: ${value}`);
  const [, y, mo, d, h, mi] = m;
  await field.getByRole('spinbutton').first().click();
  await keyboard.type(`${d}${mo}${y}${h ?? ''}${mi ?? ''}`);
  await expect(field.getByRole('spinbutton', { name: 'Year' })).toHaveAttribute('aria-valuenow', String(Number(y)));
}

/** What the field shows, as the officer reads it (e.g. "02/03/2026 09:30"); '' when empty. */
export async function dateText(field: Locator): Promise<string> {
  return field.locator('input').inputValue();
}
