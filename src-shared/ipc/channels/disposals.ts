// The disposal ledger's channel (src-shared/domain/disposal-ledger.ts). `disposals:record`: the
// lines of a disposal that just committed, sealed and flushed by main before it answers; the page
// keeps them (in `syncState`) until it has that answer. A restore reads the ledger through
// `backup:restore-disposals`. `disposals:status`: what the Retention screen says of it.
import { z } from 'zod';
import { LedgerEntrySchema } from '../../domain/disposal-ledger';
import { NoInput, strictInput } from './input';

/** Ledger lines in one call at most. */
export const LEDGER_BATCH = 500;

export const disposalsChannels = {
  'disposals:record': {
    input: strictInput({ entries: z.array(LedgerEntrySchema).min(1).max(LEDGER_BATCH) }),
    output: z.object({ recorded: z.number().int().min(0) }),
  },
  /** For the Retention screen: the cases the ledger holds, and whether it read whole. */
  'disposals:status': {
    input: NoInput,
    output: z.object({
      cases: z.number().int().min(0),
      problem: z.enum(['altered', 'key']).nullable(),
    }),
  },
} as const;
