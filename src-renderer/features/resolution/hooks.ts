// Live reads for letters, communications, resolution and follow-up (components never call Dexie).
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import { resolutionForLetter } from '../../../src-shared/domain/resolution';
import { mergeContextFor, type MergeContext } from '../../../src-shared/domain/templates';
import { useSettings } from '../../app/settings-context';
import { caseByReference } from '../../db/case-query';
import { caseCommunications } from '../../db/communications';
import { caseActions, currentFollowUp, openActionsFor } from '../../db/follow-up';
import { awaitingApproval, caseConsultations, currentResolution, similarRemedies } from '../../db/resolution';
import { getDb } from '../../db/schema';
import { listTemplates, templateVersions } from '../../db/templates';

export const useTemplates = () => useLiveQuery(() => listTemplates(getDb()), []);
export const useTemplateVersions = (key: string | null) =>
  useLiveQuery(() => (key ? templateVersions(getDb(), key) : []), [key]);
export const useCaseByReference = (reference: string, viewer: ActingPerson) =>
  useLiveQuery(() => caseByReference(getDb(), reference, viewer), [reference, viewer]);
export const useCommunications = (caseId: string) =>
  useLiveQuery(() => caseCommunications(getDb(), caseId), [caseId]);
export const useResolution = (caseId: string) =>
  useLiveQuery(() => currentResolution(getDb(), caseId), [caseId]);
export const useSimilar = (record: CaseRecord, viewer: ActingPerson) =>
  useLiveQuery(
    () => similarRemedies(getDb(), record, viewer),
    [record.id, record.category, record.rootCause, viewer],
  );
export const useConsultations = (caseId: string) =>
  useLiveQuery(() => caseConsultations(getDb(), caseId), [caseId]);
export const useActions = (caseId: string) => useLiveQuery(() => caseActions(getDb(), caseId), [caseId]);
export const useMyActions = (viewer: ActingPerson) =>
  useLiveQuery(() => openActionsFor(getDb(), viewer), [viewer]);
export const useAwaitingApproval = () => useLiveQuery(() => awaitingApproval(getDb()), []);
export const useFollowUp = (caseId: string) => useLiveQuery(() => currentFollowUp(getDb(), caseId), [caseId]);

/** The case's current proposal (null when none or no case; undefined while loading). */
export const useCurrentProposal = (caseId: string | undefined) =>
  useLiveQuery(async () => (caseId ? await currentResolution(getDb(), caseId) : null), [caseId]);

/**
 * The merge values for a case (undefined while loading): the latest proposal supplies resolution.*
 * once it may go to the complainant (resolutionForLetter).
 */
export function useMergeContext(
  record: CaseRecord | null | undefined,
  officerName: string,
): MergeContext | undefined {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const resolution = useCurrentProposal(record?.id);
  if (!record || resolution === undefined) return undefined;
  return mergeContextFor({
    record,
    officerName,
    office: {
      name: settings.officeName,
      address: settings.officeAddress,
      consentsToLateReferral: settings.ombudsmanLateReferralConsent,
    },
    resolution: resolutionForLetter(resolution, (r) =>
      [t(`resolution.remedy.${r.type}`), r.rationale].filter(Boolean).join(': '),
    ),
    now: new Date(),
    ...(record.finding ? { findingLabel: t(`finding.${record.finding}`).toLowerCase() } : {}),
  });
}
