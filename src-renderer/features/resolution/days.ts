import type { useFormat } from '../../app/format';

/** Today as a calendar day (YYYY-MM-DD), the form action due dates are kept in. */
export const today = () => new Date().toISOString().slice(0, 10);
/** A calendar day shown in the user's locale (noon UTC, so no time zone moves it to another day). */
export const dayLabel = (format: ReturnType<typeof useFormat>, day: string) =>
  format.date(`${day}T12:00:00Z`);
