// The one IPC contract: every channel the renderer may call, with its input and output schema.
// Main validates inputs against it, the preload builds `window.api` from its keys (as listed in
// channel-names.ts, which a test keeps equal to them), and the types below make a missing or
// mistyped handler a compile error. A new channel goes here and in channel-names.ts.
import { z } from 'zod';
import { DiskSpaceSchema } from '../domain/disk-space';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings';
import { accountsChannels } from './channels/accounts';
import { auditAnchorChannels } from './channels/audit-anchor';
import { backupChannels } from './channels/backup';
import { disposalsChannels } from './channels/disposals';
import { emailChannels } from './channels/email';
import { evidenceChannels } from './channels/evidence';
import { NoInput } from './channels/input';
import type { Result } from './result';
import { reportsChannels } from './channels/reports';
import { settingsRecoveryChannels } from './channels/settings-recovery';
import { ProfileKindSchema, trainingChannels } from './channels/training';
import { reminderChannels } from './channels/reminders';
import { bundleChannels } from './channels/bundle';
import { sheetsChannels } from './channels/sheets';
import { teamChannels } from './channels/team';
import { teamSyncChannels } from './channels/team-sync';
import { teamDeskChannels } from './channels/team-desk';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser test harness. */
  runtime: z.enum(['electron', 'harness']),
  /** Which kind of data folder this is, from its marker: main's word, not the renderer's. */
  profile: ProfileKindSchema,
});
export type AppInfo = z.output<typeof AppInfoSchema>;

interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const contract = {
  'app:info': { input: NoInput, output: AppInfoSchema },
  'app:disk-space': { input: NoInput, output: DiskSpaceSchema },
  'settings:get': { input: NoInput, output: SettingsSchema },
  'settings:set': { input: SettingsPatchSchema, output: SettingsSchema },
  ...evidenceChannels,
  ...disposalsChannels,
  ...reportsChannels,
  ...accountsChannels,
  ...backupChannels,
  ...trainingChannels,
  ...reminderChannels,
  ...settingsRecoveryChannels,
  ...auditAnchorChannels,
  ...emailChannels,
  ...bundleChannels,
  ...sheetsChannels,
  ...teamChannels,
  ...teamSyncChannels,
  ...teamDeskChannels,
} as const satisfies Record<`${string}:${string}`, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const channels = Object.keys(contract) as Channel[];

export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

/** The main process implements one async function per channel, taking the parsed input. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

// `window.api.<group>.<verb>()`: 'settings:set' → api.settings.set, 'reports:case-pdf' → api.reports.casePdf.
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type GroupOf<C> = C extends `${infer G}:${string}` ? G : never;
type Call<C extends Channel> =
  undefined extends InputOf<C>
    ? (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>
    : (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;

export type Api = {
  [G in GroupOf<Channel>]: {
    [C in Channel as C extends `${G}:${infer V}` ? Camel<V> : never]: Call<C>;
  };
};
