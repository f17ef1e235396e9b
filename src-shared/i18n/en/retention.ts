// What anonymisation writes in place of personal text (stored in the case database, so in the
// office's language at the time of disposal).
export const retentionSharedEn = {
  placeholder: 'Anonymised',
  /** The reason of a disposal made again on a restored database (disposal-ledger.ts). */
  reapplied:
    'Made again after a backup was restored: the {{what}} of {{at}} by {{by}} (record {{record}}) came after that backup.',
  reappliedWhat: {
    delete: 'deletion',
    anonymise: 'anonymisation',
    erasure: 'erasure request',
  },
} as const;
