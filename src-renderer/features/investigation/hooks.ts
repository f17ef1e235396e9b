// Read hooks for the investigation tab: one indexed query per table, a case at a time.
import { useLiveQuery } from 'dexie-react-hooks';
import { casesByIds, rowsOfCase } from '../../db/investigation';
import { getDb } from '../../db/schema';

export const usePlanItems = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().planItems, caseId), [caseId]);
export const useNotes = (caseId: string) => useLiveQuery(() => rowsOfCase(getDb().notes, caseId), [caseId]);
export const useInterviews = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().interviews, caseId), [caseId]);
export const useEvidence = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().evidence, caseId, 'addedAt'), [caseId]);
export const useEnquiries = (caseId: string) =>
  useLiveQuery(() => rowsOfCase(getDb().enquiries, caseId), [caseId]);
export const useCaseRefs = (ids: string[]) =>
  useLiveQuery(() => casesByIds(getDb(), ids), [ids.join(',')]) ?? [];
