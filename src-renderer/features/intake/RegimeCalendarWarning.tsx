import { Alert } from '@mui/material';
import { useMemo } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { NewCaseInput } from '../../../src-shared/domain/case';
import { regimeCalendarFit } from '../../../src-shared/domain/regime-fit';
import { useSettings } from '../../app/settings-context';

/** Warns, without blocking, when the chosen regime counts another country's business days than the office. */
export function RegimeCalendarWarning({ control }: { control: Control<NewCaseInput> }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const regime = useWatch({ control, name: 'regime' });
  const fit = useMemo(
    () =>
      regimeCalendarFit(regime, {
        holidayCountry: settings.holidayCountry,
        holidayRegion: settings.holidayRegion,
      }),
    [regime, settings.holidayCountry, settings.holidayRegion],
  );
  if (fit.fits) return null;
  return (
    <Alert severity="warning" role="status">
      {t('intake.regimeCalendarMismatch', {
        calendar: fit.officeCalendar,
        regulator: fit.regulator,
        country: t(`intake.regimeCountry.${fit.regimeCountry}`),
      })}
    </Alert>
  );
}
