import { useMemo } from 'react';
import { createBusinessCalendar } from '../../src-shared/domain/deadlines';
import type { CaseRules } from '../db/cases';
import { useSettings } from './settings-context';

/** The office's case rules (calendar, taxonomy, required checklist items) built from Settings. */
export function useCaseRules(): CaseRules {
  const { settings } = useSettings();
  const {
    holidayCountry,
    holidayRegion,
    timeZone,
    closures,
    taxonomy,
    requiredChecklistItems,
    requireFindingToLeaveInvestigation,
    customRegime,
    slaTargets,
  } = settings;
  return useMemo(
    () => ({
      calendar: createBusinessCalendar({
        country: holidayCountry,
        ...(holidayRegion ? { region: holidayRegion } : {}),
        timeZone,
        closures,
      }),
      taxonomy,
      requiredChecklistItems,
      requireFindingToLeaveInvestigation,
      customRegime,
      slaTargets,
    }),
    [
      holidayCountry,
      holidayRegion,
      timeZone,
      closures,
      taxonomy,
      requiredChecklistItems,
      requireFindingToLeaveInvestigation,
      customRegime,
      slaTargets,
    ],
  );
}
