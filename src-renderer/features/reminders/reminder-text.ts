import type { TFunction } from 'i18next';
import type { Reminder } from '../../../src-shared/domain/reminders';

type Format = { dateTime: (iso: string) => string; day: (day: string) => string };

/** One reminder as a sentence: what is due, on which case, and when. */
export function reminderText(r: Reminder, t: TFunction, format: Format): string {
  const when = r.kind === 'enquiry' || r.kind === 'action' ? format.day(r.due) : format.dateTime(r.due);
  return t(`reminders.kinds.${r.kind}.${r.overdue ? 'overdue' : 'due'}`, {
    reference: r.reference,
    when,
    detail: r.detail,
  });
}
