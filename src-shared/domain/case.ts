import { z } from 'zod';
import type { CaseStatus } from './workflow';

/** How the complaint reached the office. */
export const CHANNELS = ['email', 'phone', 'letter', 'walk-in', 'web-form', 'social-media', 'referral'] as const;
export type ComplaintChannel = (typeof CHANNELS)[number];

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Use at most ${max.toLocaleString('en')} characters.`);

/** What an officer types to log a complaint. Shared by the form (react-hook-form) and the repository. */
export const NewCaseSchema = z.object({
  complainant: z.object({
    name: requiredText("the complainant's name", 200),
  }),
  channel: z.enum(CHANNELS, { error: 'Choose how the complaint was received.' }),
  description: requiredText('what the complaint is about', 20_000),
});
export type NewCaseInput = z.input<typeof NewCaseSchema>;
export type NewCase = z.output<typeof NewCaseSchema>;

export interface Actor {
  id: string;
  name: string;
}

/** A case as stored. Instants are ISO-8601 UTC strings. */
export interface CaseRecord {
  id: string;
  reference: string;
  status: CaseStatus;
  complainant: { name: string };
  channel: ComplaintChannel;
  description: string;
  receivedAt: string;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
}
