// The people on a case that its row does not hold, for the search index: who conducted each
// interview and who gave it. Read in the search worker, a page of cases at a time.
import type { RedressDB } from '../db/schema';
import type { PeopleLoader } from './search-service';

/** Interviewers and interviewees of these cases, per case id (cases without interviews: absent). */
export const interviewPeople: PeopleLoader = async (db: RedressDB, caseIds: readonly string[]) => {
  const people = new Map<string, string[]>();
  if (caseIds.length === 0) return people;
  // [caseId+createdAt] answers caseId alone: one cursor over the ids asked, not one query each.
  await db.interviews
    .where('caseId')
    .anyOf([...caseIds])
    .each((interview) => {
      const names = people.get(interview.caseId) ?? [];
      names.push(interview.interviewer, interview.intervieweeName);
      people.set(interview.caseId, names);
    });
  return people;
};
