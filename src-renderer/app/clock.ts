import { useEffect, useState } from 'react';
import { localDate } from '../../src-shared/domain/deadlines';
import { useSettings } from './settings-context';

/** The current time, refreshed every minute, so "time left" and overdue flags stay true on screen. */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Today (yyyy-mm-dd) in the office's time zone: task due dates are calendar days, not instants. */
export function useToday(): string {
  const now = useNow();
  return localDate(now, useSettings().settings.timeZone);
}
