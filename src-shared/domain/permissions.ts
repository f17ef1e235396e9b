// Every "may this person do this?" question, answered in one place for both processes. Screens ask
// it to decide what to offer; repositories ask it again before they write.
import type { Role } from './users';

interface Person {
  role: Role;
}

/** Deciding on a resolution that needs approval is a manager's call. */
export const mayApproveResolutions = (person: Person): boolean => person.role === 'manager';

/** The people who can decide on a proposal waiting for approval. */
export const approversAmong = <P extends Person>(people: readonly P[]): P[] =>
  people.filter(mayApproveResolutions);

/** Managers see the whole office's queues (approvals waiting) beside their own work. */
export const seesApprovalQueue = mayApproveResolutions;
