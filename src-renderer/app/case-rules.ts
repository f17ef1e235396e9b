import { useMemo } from 'react';
import { caseRulesOf, type CaseRules } from '../db/cases';
import { useSettings } from './settings-context';

/** The case rules of the settings in use, rebuilt only when one of their settings changes. */
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
    () =>
      caseRulesOf({
        holidayCountry,
        holidayRegion,
        timeZone,
        closures,
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
