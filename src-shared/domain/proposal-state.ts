// Where a resolution proposal stands, apart from the rest of resolution.ts so the workflow's guards
// can name it without importing the remedies and their money rules.

export type ProposalState =
  'draft' | 'awaiting-approval' | 'approved' | 'approval-not-needed' | 'rejected' | 'changes-requested';

/** May the proposal go to the complainant? Only once approved, or when no approval is needed. */
export const canGoToComplainant = (state: ProposalState): state is 'approved' | 'approval-not-needed' =>
  state === 'approved' || state === 'approval-not-needed';
