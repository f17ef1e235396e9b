import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { localDate, updateOwedBefore } from '../../../src-shared/domain/deadlines';
import type { Reminder, ReminderClock } from '../../../src-shared/domain/reminders';
import { useCaseRules } from '../../app/case-rules';
import { useNow } from '../../app/clock';
import { useSettings } from '../../app/settings-context';
import { remindersFor } from '../../db/reminders';
import { getDb } from '../../db/schema';
import { useViewer } from '../users/use-viewer';

/** The signed-in person's reminders, kept current (every write, and every minute for the clock). */
export function useReminders(): Reminder[] | undefined {
  const viewer = useViewer();
  const { calendar } = useCaseRules();
  const { settings } = useSettings();
  const now = useNow();
  const clock = useMemo<ReminderClock>(
    () => ({
      now,
      today: localDate(now, settings.timeZone),
      calendar,
      dueSoonBusinessDays: settings.dueSoonBusinessDays,
      updateOwedBefore: updateOwedBefore(now, calendar, settings.keepInformedBusinessDays),
    }),
    [now, calendar, settings.timeZone, settings.dueSoonBusinessDays, settings.keepInformedBusinessDays],
  );
  return useLiveQuery(() => remindersFor(getDb(), viewer, clock), [viewer, clock]);
}
