// The tabs of a case page, in order. A feature adds its tab here: one entry, one component that
// receives the live case record. The label is the i18n key `case.tabs.<id>`.
import type { ComponentType } from 'react';
import { CommunicationsTab } from '../communications/CommunicationsTab';
import { FollowUpTab } from '../resolution/FollowUpTab';
import { ResolutionTab } from '../resolution/ResolutionTab';
import { InvestigationTab } from '../investigation/InvestigationTab';
import { ReturnDataTab } from '../returns/ReturnDataTab';
import type { CaseTabProps } from './case-tab-props';

export interface CaseTabDef {
  id: string;
  /** Null for the overview, which the case page renders itself. */
  Component: ComponentType<CaseTabProps> | null;
}

export const CASE_TABS = [
  { id: 'overview', Component: null },
  { id: 'investigation', Component: InvestigationTab },
  { id: 'resolution', Component: ResolutionTab },
  { id: 'follow-up', Component: FollowUpTab },
  { id: 'communications', Component: CommunicationsTab },
  { id: 'return-data', Component: ReturnDataTab },
] as const satisfies readonly CaseTabDef[];

export type CaseTabId = (typeof CASE_TABS)[number]['id'];

export { caseTabPath } from './case-tabs-path';
