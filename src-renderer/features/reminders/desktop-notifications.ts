import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reminder } from '../../../src-shared/domain/reminders';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { reminderText } from './reminder-text';

/** More new reminders than this at once (a first start, a week away) become one summary notice. */
const ONE_BY_ONE = 3;
const storeKey = (userId: string) => `redress.notified.${userId}`;

function notifiedKeys(userId: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(storeKey(userId)) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * Shows each new reminder once as a desktop notification (main shows it the system's way). The
 * keys shown are kept per person; those no longer standing are forgotten, so a reminder that comes
 * back (a new deadline) is shown again.
 */
export function useDesktopNotifications(userId: string, reminders: Reminder[] | undefined) {
  const { t } = useTranslation();
  const format = useFormat();
  useEffect(() => {
    if (!reminders) return;
    const shown = notifiedKeys(userId);
    const fresh = reminders.filter((r) => !shown.has(r.key));
    localStorage.setItem(storeKey(userId), JSON.stringify(reminders.map((r) => r.key)));
    if (fresh.length === 0) return;
    const notices =
      fresh.length > ONE_BY_ONE
        ? [
            {
              title: t('reminders.notifySummary', { count: fresh.length }),
              body: t('reminders.notifySummaryBody'),
            },
          ]
        : fresh.map((r) => ({ title: t(`reminders.groups.${r.kind}`), body: reminderText(r, t, format) }));
    // A notice that cannot be shown is no loss: the reminders centre lists every one.
    for (const n of notices) void call(api().reminders.notify(n)).catch(() => undefined);
  }, [userId, reminders, t, format]);
}
