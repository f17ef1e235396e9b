// Read hooks for the investigation tab: one indexed query per table, a case at a time.
import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { rowsOfCase } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

export const usePlanItems = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().planItems, caseId), [caseId]);
export const useNotes = (caseId: string) => useLiveQuery(() => rowsOfCase(getDb().notes, caseId), [caseId]);
export const useInterviews = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().interviews, caseId), [caseId]);
export const useEvidence = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().evidence, caseId, 'addedAt'), [caseId]);
export const useEnquiries = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().enquiries, caseId), [caseId]);

/** May the current user record this case's investigation: it is open and the rules let them? */
export function useInvestigationEditable(record: CaseRecord): boolean {
  const { can } = useCurrentUser();
  return record.open === 1 && can('investigation.edit', { case: caseSubject(record) }).ok;
}
