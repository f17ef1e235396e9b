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
    const unit = (u: 'minute' | 'second') =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' });
    const [minutes, seconds] = [unit('minute'), unit('second')];
    return {
      ...officeFormatter({ locale, timeZone, showZone: differs }),
      number: (n: number) => number.format(n),
      /** How long a task took: "42 seconds", "3 minutes 5 seconds". */
      duration: (ms: number) => {
        const s = Math.max(0, Math.round(ms / 1000));
        return s < 60
          ? seconds.format(s)
          : `${minutes.format(Math.floor(s / 60))}${s % 60 ? ` ${seconds.format(s % 60)}` : ''}`;
      },
    };
  }, [locale, timeZone, differs]);
}
