/** What an investigation concludes about a complaint (the case's `finding`). */
export const FINDINGS = ['upheld', 'partially-upheld', 'not-upheld'] as const;
export type Finding = (typeof FINDINGS)[number];
