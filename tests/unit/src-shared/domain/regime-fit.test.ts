import { describe, expect, it } from 'vitest';
import { REGIME_IDS } from '../../../../src-shared/domain/case';
import { holidayCalendarName, regimeCalendarFit } from '../../../../src-shared/domain/regime-fit';

const england = { holidayCountry: 'GB', holidayRegion: 'ENG' };
const nsw = { holidayCountry: 'AU', holidayRegion: 'NSW' };
const us = { holidayCountry: 'US', holidayRegion: '' };

describe('regimeCalendarFit', () => {
  it.each([
    ['uk-fca-general', england],
    ['uk-fca-psd', { holidayCountry: 'GB', holidayRegion: 'SCT' }],
    ['au-asic-rg271', nsw],
    ['au-asic-rg271-super', { holidayCountry: 'AU', holidayRegion: '' }],
    ['au-asic-rg271-hardship', nsw],
    ['us-cfpb', us],
    ['custom', england],
    ['custom', nsw],
  ] as const)('%s fits an office on %o', (regime, office) => {
    expect(regimeCalendarFit(regime, office)).toEqual({ fits: true });
  });

  it('an ASIC case in an office on England’s calendar does not fit: ASIC counts Australian days', () => {
    expect(regimeCalendarFit('au-asic-rg271', england)).toEqual({
      fits: false,
      regulator: 'ASIC',
      regimeCountry: 'AU',
      officeCalendar: 'England',
    });
  });

  it('names the office calendar by its country when it has no region', () => {
    expect(regimeCalendarFit('uk-fca-general', nsw)).toMatchObject({
      fits: false,
      regulator: 'FCA',
      regimeCountry: 'GB',
      officeCalendar: 'New South Wales',
    });
    expect(regimeCalendarFit('us-cfpb', { holidayCountry: 'AU', holidayRegion: '' })).toMatchObject({
      regulator: 'CFPB',
      regimeCountry: 'US',
      officeCalendar: 'Australia',
    });
  });

  it('judges every regime against every preset country: only its own country fits, custom fits all', () => {
    for (const regime of REGIME_IDS)
      for (const office of [england, nsw, us]) {
        const own =
          regime === 'custom' ||
          (regime.startsWith('uk-') && office === england) ||
          (regime.startsWith('au-') && office === nsw) ||
          (regime === 'us-cfpb' && office === us);
        expect(regimeCalendarFit(regime, office).fits, `${regime} in ${office.holidayCountry}`).toBe(own);
      }
  });
});

describe('holidayCalendarName', () => {
  it('gives a region’s or a country’s name, or the code it does not know', () => {
    expect(holidayCalendarName('GB', 'SCT')).toBe('Scotland');
    expect(holidayCalendarName('au', 'vic')).toBe('Victoria');
    expect(holidayCalendarName('NZ')).toBe('New Zealand');
    expect(holidayCalendarName('GB', 'XX')).toBe('United Kingdom');
    expect(holidayCalendarName('QQ')).toBe('QQ');
  });
});
