// A settings file that could not be read is never replaced by the defaults without a word: main
// keeps it aside, records the problem, and an administrator chooses what happens next.
import { z } from 'zod';
import { SettingsSchema } from '../../domain/settings';
import { NoInput } from './input';

export const SettingsProblemSchema = z
  .object({
    /** The name the damaged file was kept under, beside settings.json; null when it was missing. */
    keptAs: z.string().nullable(),
    /** When the problem was found (ISO-8601). */
    at: z.string(),
    lastGoodAvailable: z.boolean(),
    /** When the last good copy was written (ISO-8601), if there is one. */
    lastGoodAt: z.string().nullable(),
  })
  .nullable();
export type SettingsProblem = z.output<typeof SettingsProblemSchema>;

export const settingsRecoveryChannels = {
  'settings:problem': { input: NoInput, output: SettingsProblemSchema },
  'settings:use-last-good': { input: NoInput, output: SettingsSchema },
  'settings:keep-defaults': { input: NoInput, output: SettingsSchema },
} as const;
