// The training profile: a data folder of its own, marked as such, where demo data may be loaded and
// everything wiped in one step. Main decides from the folder's marker, never from the renderer:
// demo accounts and the wipe are refused in a live profile.
import { z } from 'zod';
import { NoInput } from './input';

/** 'training': practice data in a folder of its own; 'live': the office's real complaints. */
export const ProfileKindSchema = z.enum(['live', 'training']);
export type ProfileKind = z.output<typeof ProfileKindSchema>;

const DemoPersonSchema = z.object({ id: z.string(), name: z.string() });

export const trainingChannels = {
  /**
   * The demo staff as accounts (made now, or found by name): in DEMO_USERS order, and the password
   * given to those made now (null when every one already had an account).
   */
  'training:demo-accounts': {
    input: NoInput,
    output: z.object({ people: z.array(DemoPersonSchema), password: z.string().nullable() }),
  },
  /** Deletes the training folder's accounts, settings, evidence and exports, and signs out. */
  'training:wipe': { input: NoInput, output: z.object({ wiped: z.literal(true) }) },
  /** Restarts the desktop app on the training profile; refused where there is no app to restart. */
  'training:open': { input: NoInput, output: z.object({ opening: z.literal(true) }) },
} as const;

export type TrainingChannel = keyof typeof trainingChannels;
