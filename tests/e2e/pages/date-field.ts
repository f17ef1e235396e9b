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
 * officer does: digit by digit, year included. Each section (day, month, year, hours, minutes) is
 * clicked by its name and typed on its own, so the helper does not depend on the office locale's
 * order, and each is checked before the next: a keystroke the field missed while it re-rendered is
 * typed again rather than leaving a half-typed date behind. An empty string clears the field.
 */
export async function typeDate(field: Locator, value: string) {
  const keyboard = field.page().keyboard;
  if (value === '') {
    await field.getByRole('spinbutton').first().click();
    await keyboard.press('ControlOrMeta+a');
    await keyboard.press('Backspace');
    return;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`Not a date to type: ${value}`);
  const [, y, mo, d, h, mi] = m;
  const sections: [string, string | undefined][] = [
    ['Day', d],
    ['Month', mo],
    ['Year', y],
    ['Hours', h],
    ['Minutes', mi],
  ];
  for (const [name, digits] of sections) {
    if (digits === undefined) continue;
    const section = field.getByRole('spinbutton', { name, exact: true });
    // Clicking a section selects it; the digits typed replace its value.
    await expect(async () => {
      await section.click();
      await keyboard.type(digits);
      await expect(section).toHaveAttribute('aria-valuenow', String(Number(digits)), { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  }
}

/** The day the field shows, as 'YYYY-MM-DD' (read from the en-GB "02/03/2026"); '' when empty. */
export async function dayShown(field: Locator): Promise<string> {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(await field.locator('input').inputValue());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}
