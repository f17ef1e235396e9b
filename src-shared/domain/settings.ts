import { z } from 'zod';

/** Office-wide settings, kept by the main process in `<dataDir>/settings.json`. */
function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const THEMES = ['system', 'light', 'dark'] as const;

const fields = {
  officeName: z.string().trim().min(1, 'Enter the name of your office.').max(200, 'Use at most 200 characters.'),
  officeAddress: z.string().max(1000, 'Use at most 1000 characters.'),
  locale: z.string().refine(isLocale, 'Use a locale tag such as en-GB or en-AU.'),
  theme: z.enum(THEMES),
};

const DEFAULTS: { [K in keyof typeof fields]: z.output<(typeof fields)[K]> } = {
  officeName: 'Complaints Office',
  officeAddress: '',
  locale: 'en-GB',
  theme: 'system',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// A file written by an older version lacks newer fields: the defaults fill them in.
export const SettingsSchema = z.preprocess((raw) => (isRecord(raw) ? { ...DEFAULTS, ...raw } : raw), z.object(fields));
export type Settings = z.output<typeof SettingsSchema>;

/** A change to some settings. No defaults here (a patch must not reset what it does not name),
 * and unknown keys are refused so a typo is not silently ignored. */
export const SettingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

export const defaultSettings = (): Settings => ({ ...DEFAULTS });
