// Does a regulatory regime fit the office's business-day calendar? Each regulator counts business
// days on its own country's public holidays, so an ASIC case logged in an office on England's
// calendar would get deadlines that ASIC would not recognise. Pure: the office's holiday country
// and region come in as arguments.
import Holidays from 'date-holidays';
import type { CaseRegimeId } from './case';

export type Regulator = 'FCA' | 'ASIC' | 'CFPB';

/** The regulator of each regime and the country whose business days it counts; none for custom. */
export const REGIME_JURISDICTION: Readonly<
  Record<CaseRegimeId, { regulator: Regulator; country: 'GB' | 'AU' | 'US' } | null>
> = {
  'uk-fca-general': { regulator: 'FCA', country: 'GB' },
  'uk-fca-psd': { regulator: 'FCA', country: 'GB' },
  'au-asic-rg271': { regulator: 'ASIC', country: 'AU' },
  'au-asic-rg271-super': { regulator: 'ASIC', country: 'AU' },
  'au-asic-rg271-hardship': { regulator: 'ASIC', country: 'AU' },
  'us-cfpb': { regulator: 'CFPB', country: 'US' },
  custom: null,
};

export type RegimeCalendarFit =
  | { fits: true }
  | {
      fits: false;
      regulator: Regulator;
      /** The country whose business days the regulator counts. */
      regimeCountry: 'GB' | 'AU' | 'US';
      /** The office's holiday calendar, named for people: "England", "Australia". */
      officeCalendar: string;
    };

/** The name of a holiday calendar ("England", "New South Wales", "Australia"); the code if unknown. */
export function holidayCalendarName(country: string, region = '', language = 'en'): string {
  const directory = new Holidays();
  const code = country.trim().toUpperCase();
  const sub = region.trim().toUpperCase();
  const regionName = sub ? directory.getStates(code, language)?.[sub] : undefined;
  return regionName ?? directory.getCountries(language)?.[code] ?? code;
}

/**
 * Whether a case under `regime` fits an office whose business days follow the public holidays of
 * `office.holidayCountry`. The custom regime fits any office: its times are the office's own.
 */
export function regimeCalendarFit(
  regime: CaseRegimeId,
  office: { holidayCountry: string; holidayRegion?: string },
  language = 'en',
): RegimeCalendarFit {
  const jurisdiction = REGIME_JURISDICTION[regime];
  if (!jurisdiction || jurisdiction.country === office.holidayCountry.trim().toUpperCase())
    return { fits: true };
  return {
    fits: false,
    regulator: jurisdiction.regulator,
    regimeCountry: jurisdiction.country,
    officeCalendar: holidayCalendarName(office.holidayCountry, office.holidayRegion, language),
  };
}
