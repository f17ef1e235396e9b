// Implementation actions and the follow-up check: their records and the zod schemas of their
// inputs (the repository in src-renderer/db/follow-up.ts stores them).
import { z } from 'zod';
import type { Actor, CaseSatisfaction } from './case';

export const ActionSchema = z.object({
  title: z.string().trim().min(1, 'Say what must be done.').max(500, 'Use at most 500 characters.'),
  owner: z.object({ id: z.string().min(1), name: z.string() }, { error: 'Choose who will do it.' }),
  dueAt: z.iso.date({ error: 'Enter the due date.' }),
});
export type ActionInput = z.input<typeof ActionSchema>;

export interface ActionRecord {
  id: string;
  caseId: string;
  caseReference: string;
  title: string;
  owner: Actor;
  /** owner.id, flat for the [ownerId+done+dueAt] index ("My work"). */
  ownerId: string;
  /** A calendar day, YYYY-MM-DD. */
  dueAt: string;
  /** 0 while open, 1 once done: IndexedDB cannot index booleans. */
  done: 0 | 1;
  doneAt: string | null;
  outcome: string;
  createdAt: string;
  createdBy: Actor;
}

export interface FollowUpRecord {
  id: string;
  caseId: string;
  createdAt: string;
  /** The day the officer plans to check back (YYYY-MM-DD). */
  dueAt: string;
  /** Filled in when the check is recorded. */
  result: {
    score: CaseSatisfaction['score'];
    resolved: boolean;
    comments: string;
    at: string;
    by: Actor;
  } | null;
}

export const FollowUpResultSchema = z.object({
  score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], {
    error: 'Choose a score from 1 to 5.',
  }),
  resolved: z.boolean({ error: 'Say whether the complainant feels it is resolved.' }),
  comments: z.string().trim().max(5000, 'Use at most 5,000 characters.'),
  /** What happens next: close the case, or adjust (reopen) the resolution. */
  next: z.enum(['close', 'adjust']),
  /** Required when closing a dissatisfied case, or adjusting: recorded as the transition's reason. */
  reason: z.string().trim().max(2000, 'Use at most 2,000 characters.'),
});
export type FollowUpResultInput = z.input<typeof FollowUpResultSchema>;
