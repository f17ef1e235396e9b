// What every case tab receives. Beside the tab registry (case-tabs.tsx) but apart from it: the
// registry imports the tabs, so the tabs take their props from here rather than import it back.
import type { CaseRecord } from '../../../src-shared/domain/case';

export interface CaseTabProps {
  record: CaseRecord;
}
