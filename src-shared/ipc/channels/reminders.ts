// Desktop notifications for reminders: the renderer works out what is due (reminders.ts) and asks
// main to show it the way the operating system shows notifications. Text only, short.
import { z } from 'zod';

export const NotificationSchema = z.object({
  title: z.string().trim().min(1, 'A notification needs a title.').max(120, 'Use at most 120 characters.'),
  body: z.string().trim().max(500, 'Use at most 500 characters.'),
});
export type DesktopNotification = z.output<typeof NotificationSchema>;

export const reminderChannels = {
  /** Shows one notification; `shown` is false where the system has none (then the in-app list is all). */
  'reminders:notify': { input: NotificationSchema, output: z.object({ shown: z.boolean() }) },
} as const;
