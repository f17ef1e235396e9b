// Read hooks for the investigation tab: one indexed query per table, a case at a time.
import { useLiveQuery } from 'dexie-react-hooks';
import { localDate } from '../../../src-shared/domain/investigation';
import { useNow } from '../../app/clock';
import { useSettings } from '../../app/settings-context';
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

/** Today's date (yyyy-mm-dd) in the office's time zone: plan and enquiry due dates are calendar dates. */
export function useToday(): string {
  const now = useNow();
  return localDate(now, useSettings().settings.timeZone);
}
