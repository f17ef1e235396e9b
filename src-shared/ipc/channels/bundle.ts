// Case bundle channels. Main owns the office's signing key, the list of trusted offices and the
// files; the renderer owns the case database. Export: the renderer reads the cases and their rows
// and hands them over; main adds the evidence files, signs and writes the file. Import: the
// renderer sends the file's bytes in chunks; main checks the signature and every part's hash
// before it says a word about the contents, and hands the cases out only once the sender's key is
// trusted.
import { z } from 'zod';
import { BundleCaseSchema, BundleSenderSchema, SenderHistorySchema } from '../../domain/bundle';
import { fileChunk, NoInput, strictInput } from './input';

/** Decoded bytes per upload chunk (1 MiB); base64 makes that at most this many characters. */
export const BUNDLE_CHUNK_BYTES = 1024 * 1024;
/** The largest bundle this desk takes in (it is checked whole, in memory). */
export const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;

const Id = z.uuid({ error: 'That bundle is not known here any more: open the file again.' });

export const BundleSummarySchema = BundleSenderSchema.extend({
  importId: z.string(),
  /** The sender's key is this office's own, or one a person here chose to trust. */
  trusted: z.boolean(),
  cases: z.array(z.object({ id: z.string(), reference: z.string() })),
  evidenceFiles: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
export type BundleSummary = z.output<typeof BundleSummarySchema>;

export const TrustedOfficeSchema = z.object({
  fingerprint: z.string(),
  office: z.string(),
  trustedAt: z.string(),
  /** The person who compared the fingerprint and chose to trust it. */
  trustedBy: z.string(),
});

export const bundleChannels = {
  /** This office's signing key (made on first use) and the office name it signs with. */
  'bundle:identity': {
    input: NoInput,
    output: z.object({ fingerprint: z.string(), office: z.string() }),
  },
  'bundle:export': {
    input: strictInput({ cases: z.array(BundleCaseSchema).min(1).max(500) }),
    output: z.object({
      file: z.string(),
      bundleId: z.string(),
      bytes: z.number().int().min(0),
      evidenceFiles: z.number().int().min(0),
    }),
  },
  'bundle:upload-start': {
    input: strictInput({
      name: z.string().trim().min(1).max(255),
      size: z
        .number()
        .int()
        .min(1, 'The file is empty: it is not a case bundle.')
        .max(MAX_BUNDLE_BYTES, 'The file is larger than any case bundle Redress takes in (1 GB).'),
    }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int().positive() }),
  },
  'bundle:upload-chunk': {
    input: strictInput({
      uploadId: Id,
      offset: z.number().int().min(0),
      data: fileChunk(BUNDLE_CHUNK_BYTES),
    }),
    output: z.object({ received: z.number().int() }),
  },
  /** Checks the whole file: refused with BUNDLE_REFUSED and words naming what is wrong. */
  'bundle:upload-finish': { input: strictInput({ uploadId: Id }), output: BundleSummarySchema },
  /** Remembers the sender's key as trusted (the person compared its fingerprint). */
  'bundle:trust': { input: strictInput({ importId: Id }), output: BundleSummarySchema },
  'bundle:read': {
    input: strictInput({ importId: Id }),
    output: z.object({ cases: z.array(BundleCaseSchema) }),
  },
  /** Puts the evidence files in the store and keeps the sender's history of each case taken in. */
  'bundle:accept': {
    input: strictInput({
      importId: Id,
      cases: z
        .array(z.object({ id: z.string().min(1).max(200), reference: z.string().min(1).max(100) }))
        .max(500),
    }),
    output: z.object({ evidenceStored: z.number().int().min(0) }),
  },
  'bundle:cancel': { input: strictInput({ importId: Id }), output: z.object({ cancelled: z.boolean() }) },
  'bundle:sender-history': {
    input: strictInput({ caseId: z.string().min(1).max(200) }),
    output: SenderHistorySchema.nullable(),
  },
  /** The other offices whose bundles this one accepts, oldest trusted first. */
  'bundle:trusted-offices': { input: NoInput, output: z.object({ offices: z.array(TrustedOfficeSchema) }) },
  /** Stops trusting an office (written to the security log): its bundles are refused until trusted again. */
  'bundle:revoke': {
    input: strictInput({ fingerprint: z.string().trim().min(1).max(200) }),
    output: z.object({ revoked: TrustedOfficeSchema }),
  },
} as const;
