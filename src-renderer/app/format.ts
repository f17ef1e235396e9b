import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { officeFormatter, sameTimeZone } from '../../src-shared/domain/office-time';
import { useSettings } from './settings-context';

/** The computer's own time zone, which Redress never uses to read or show a time. */
const computerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The office's time zone (Settings), and whether this computer keeps another one: then every
 * date-time shown carries the zone's name and every date-time field says whose clock it reads.
 */
export function useOfficeZone(): { timeZone: string; differs: boolean } {
  const { timeZone } = useSettings().settings;
  return useMemo(() => ({ timeZone, differs: !sameTimeZone(timeZone, computerTimeZone()) }), [timeZone]);
}

/** "Office time (Australia/Sydney)" under a field that takes a time, when this computer keeps another zone. */
export function useOfficeTimeCaption(): string | null {
  const { t } = useTranslation();
  const { timeZone, differs } = useOfficeZone();
  return differs ? t('time.officeTime', { zone: timeZone }) : null;
}

/** Dates and numbers in the office's locale and time zone (Settings), formatted at the edge. */
export function useFormat() {
  const { locale } = useSettings().settings;
  const { timeZone, differs } = useOfficeZone();
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    return {
      ...officeFormatter({ locale, timeZone, showZone: differs }),
      number: (n: number) => number.format(n),
    };
  }, [locale, timeZone, differs]);
}
