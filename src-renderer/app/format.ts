import { useMemo } from 'react';
import { useSettings } from './settings-context';

/** Dates and numbers in the office's locale (Settings), formatted at the edge. */
export function useFormat() {
  const { locale } = useSettings().settings;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(locale);
    return {
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      date: (iso: string) => date.format(new Date(iso)),
      number: (n: number) => number.format(n),
    };
  }, [locale]);
}
