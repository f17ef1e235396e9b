// The audit anchor and the database census, both kept by main outside the case database.
//
// - `anchor:checkpoint`: the renderer sends the audit head (seq, hash) after committed
//   writes, at most every few seconds and at lock, sign-out and page hide; main appends a
//   MAC-sealed checkpoint, refusing (and recording) one whose seq goes backwards.
// - `anchor:read`: every checkpoint whose MAC checks, and what is wrong with the anchor.
// - `database:census`: after sign-in, the renderer says what its database holds; main compares it
//   with what it last saw and answers whether the database silently lost data.
// - `database:start-empty`: an administrator accepts an empty (or smaller) database, with a reason
//   that goes to the security log; the old anchor is retired and the census starts again.
import { z } from 'zod';
import { AnchorReadSchema, CensusFactsSchema, CensusVerdictSchema } from '../../domain/audit-anchor';
import { NoInput, strictInput } from './input';

const Generation = z
  .string({ error: 'The database has no generation id.' })
  .regex(/^[0-9a-f-]{36}$/, 'The database has no generation id.');

const CurrentCensus = {
  generation: Generation,
  cases: CensusFactsSchema.shape.cases,
  auditSeq: CensusFactsSchema.shape.auditSeq,
};

export const auditAnchorChannels = {
  'anchor:checkpoint': {
    input: strictInput({
      generation: Generation,
      cases: CensusFactsSchema.shape.cases,
      seq: z.number().int().min(1),
      hash: z.string().regex(/^[0-9a-f]{64}$/, 'That is not a SHA-256 fingerprint.'),
    }),
    output: z.object({
      /** A new checkpoint was written. */
      recorded: z.boolean(),
      /** The seq went backwards (or its hash changed): refused and recorded as a problem. */
      refused: z.boolean(),
    }),
  },
  'anchor:read': { input: NoInput, output: AnchorReadSchema },
  'database:census': { input: strictInput(CurrentCensus), output: CensusVerdictSchema },
  'database:start-empty': {
    input: strictInput({
      ...CurrentCensus,
      reason: z
        .string({ error: 'Say why the database starts empty.' })
        .trim()
        .min(5, 'Say why the database starts empty (at least 5 characters).')
        .max(1000, 'Use at most 1,000 characters.'),
      /** The administrator typed the confirmation word (checked on the screen, in its language). */
      confirmed: z.literal(true, { error: 'Type the confirmation word first.' }),
    }),
    output: CensusVerdictSchema,
  },
} as const;

export type AuditAnchorChannel = keyof typeof auditAnchorChannels;
