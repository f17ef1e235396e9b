/** The stages a case moves through (the five steps: acknowledge, investigate, resolve, implement, review). */
export const CASE_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'resolution-proposed',
  'resolution-accepted',
  'resolution-rejected',
  'implementing',
  'follow-up',
  'closed',
  'withdrawn',
  'reopened',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const INITIAL_STATUS: CaseStatus = 'received';
