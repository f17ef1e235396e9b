// What anonymisation writes in place of personal text (stored in the case database, so in the
// office's language at the time of disposal).
export const retentionSharedEn = {
  placeholder: 'Anonymised',
} as const;
