// The disposal ledger's channel (src-shared/domain/disposal-ledger.ts). `disposals:record`: the
// lines of a disposal that just committed, sealed and flushed by main before it answers; the page
// keeps them (in `syncState`) until it has that answer. A restore reads the ledger through
// `backup:restore-disposals`.
import { z } from 'zod';
import { LedgerEntrySchema } from '../../domain/disposal-ledger';
import { strictInput } from './input';

/** Ledger lines in one call at most. */
export const LEDGER_BATCH = 500;

export const disposalsChannels = {
  'disposals:record': {
    input: strictInput({ entries: z.array(LedgerEntrySchema).min(1).max(LEDGER_BATCH) }),
    output: z.object({ recorded: z.number().int().min(0) }),
  },
} as const;
