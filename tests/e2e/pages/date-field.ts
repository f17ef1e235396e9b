import { expect, type Locator } from '@playwright/test';

/**
 * A date or date-time picker field (MUI X), found by its label. Its sections (day, month, year,
 * hours, minutes) are spinbuttons inside one labelled group.
 */
export function dateField(scope: Pick<Locator, 'getByRole'>, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByRole('group', { name: new RegExp(`^${escaped}( \\*)?$`) });
}

/**
 * Types a date ('2026-03-02') or a date and time ('2026-03-02T09:30') with the keyboard, as an
 * officer in the default locale (en-GB: day, month, year) does: digit by digit, year included.
 * An empty string clears the field.
 */
export async function typeDate(field: Locator, value: string) {
  const keyboard = field.page().keyboard;
  const first = field.getByRole('spinbutton').first();
  if (value === '') {
    await first.click();
    await keyboard.press('ControlOrMeta+a');
    await keyboard.press('Backspace');
    return;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`Not a date to type: ${value}`);
  const [, y, mo, d, h, mi] = m;
  // Clicking a section selects it; each digit typed replaces it and moves on when it is full.
  await first.click();
  await keyboard.type(`${d}${mo}${y}${h ?? ''}${mi ?? ''}`);
  await expect(field.getByRole('spinbutton', { name: 'Year' })).toHaveAttribute(
    'aria-valuenow',
    String(Number(y)),
  );
}

/** The day the field shows, as 'YYYY-MM-DD' (read from the en-GB "02/03/2026"); '' when empty. */
export async function dayShown(field: Locator): Promise<string> {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(await field.locator('input').inputValue());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}
