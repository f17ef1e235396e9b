// Case bundles: one or more cases handed from one office to another as a signed file, for offices
// with no network between them. The shapes both processes agree on, and the rules for placing a
// received case among the cases already here.
import { z } from 'zod';
import { CASE_OWNED_TABLES, type CaseOwnedTable } from './retention';

/** The tables whose rows belong to a case (each row has a caseId): they travel with it. */
export const BUNDLE_TABLES = CASE_OWNED_TABLES as [CaseOwnedTable, ...CaseOwnedTable[]];
export type BundleTable = CaseOwnedTable;

const MAX_ROWS = 10_000;
const CaseRow = z.looseObject({ id: z.string().min(1).max(200), caseId: z.string().min(1).max(200) });

export const ROWS_OF_ANOTHER_CASE = 'It holds records of another case.';

/**
 * One case as it travels: its record, its related rows and the sender's audit entries about it.
 * Every row is the case's own: a row naming another case would be written into that case here,
 * with no one's approval and nothing on its trail.
 */
export const BundleCaseSchema = z
  .object({
    case: z.looseObject({ id: z.string().min(1).max(200), reference: z.string().min(1).max(100) }),
    rows: z.partialRecord(z.enum(BUNDLE_TABLES), z.array(CaseRow).max(MAX_ROWS)),
    audit: z
      .array(z.looseObject({ seq: z.number().int(), at: z.string(), action: z.string() }))
      .max(MAX_ROWS),
  })
  .refine((b) => Object.values(b.rows).every((rows) => rows.every((r) => r.caseId === b.case.id)), {
    message: ROWS_OF_ANOTHER_CASE,
    path: ['rows'],
  });
export type BundleCase = z.output<typeof BundleCaseSchema>;

/** Who sent a bundle and what it holds, as main read it from the verified manifest. */
export const BundleSenderSchema = z.object({
  bundleId: z.string(),
  office: z.string(),
  /** The name of the person who exported it. */
  signer: z.string(),
  /** SHA-256 of the office's public signing key, in groups of four hex digits. */
  fingerprint: z.string(),
  createdAt: z.string(),
});
export type BundleSender = z.output<typeof BundleSenderSchema>;

/** A received case's history at the sending office: kept read-only beside the case, never chained here. */
export const SenderHistorySchema = BundleSenderSchema.extend({
  receivedAt: z.string(),
  originalReference: z.string(),
  audit: z.array(z.looseObject({ seq: z.number().int(), at: z.string(), action: z.string() })),
});
export type SenderHistory = z.output<typeof SenderHistorySchema>;

/** A key's fingerprint as people compare it aloud: 64 hex digits in groups of four. */
export function formatFingerprint(sha256Hex: string): string {
  return (sha256Hex.toLowerCase().match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Where a received case goes:
 * - 'duplicate': a case with its id is already here (received before, or sent back): refused, the
 *   copy here stays as it is;
 * - 'new-reference': its reference is taken by another case here: imported under a new local
 *   reference, the sender's reference kept on its history;
 * - 'as-sent': imported under its own reference.
 */
export type Placement = 'duplicate' | 'new-reference' | 'as-sent';

export function placeReceivedCase(here: { idExists: boolean; referenceExists: boolean }): Placement {
  if (here.idExists) return 'duplicate';
  return here.referenceExists ? 'new-reference' : 'as-sent';
}
