// What anonymisation writes in place of personal text (stored in the case database, so in the
// office's language at the time of disposal).
export const retentionSharedEn = {
  placeholder: 'Anonymised',
  /** The reason of a disposal made again on a restored database (disposal-ledger.ts). */
  reapplied:
    'Made again after a backup was restored: disposal {{recordId}} of {{at}} by {{by}}, which the restored backup was older than.',
} as const;
