import type { useFormat } from '../../app/format';

/** A calendar day shown in the user's locale (noon UTC, so no time zone moves it to another day). */
export const dayLabel = (format: ReturnType<typeof useFormat>, day: string) =>
  format.date(`${day}T12:00:00Z`);
