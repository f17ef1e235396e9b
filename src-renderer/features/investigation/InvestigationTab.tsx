import { Alert, Box, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { caseSubject } from '../../../src-shared/domain/permissions';
import type { CaseTabProps } from '../cases/case-tab-props';
import { WorkflowPanel } from '../cases/WorkflowPanel';
import { pageSaysWhy } from '../../components/NotAllowed';
import { useCurrentUser } from '../users/current-user';
import { EnquiriesSection } from './EnquiriesSection';
import { EvidenceSection } from './EvidenceSection';
import { InterviewsSection } from './InterviewsSection';
import { NotesSection } from './NotesSection';
import { PlanSection } from './PlanSection';
import { RootCauseSection } from './RootCauseSection';

/** The investigation workspace: everything an investigator records, so the case file tells the whole story. */
export function InvestigationTab({ record }: CaseTabProps) {
  const { t } = useTranslation();
  const recording = useCurrentUser().can('investigation.edit', { case: caseSubject(record) });
  return (
    <Stack spacing={3}>
      {pageSaysWhy(recording) ? null : record.open !== 1 ? (
        <Alert severity="info">{t('investigation.closedReadOnly')}</Alert>
      ) : (
        // Those who may not record it read it: the sections show no forms, this says who can.
        !recording.ok && <Alert severity="info">{recording.message}</Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' },
          gap: 3,
          alignItems: 'start',
        }}
      >
        <Stack spacing={3}>
          <PlanSection record={record} />
          <InterviewsSection record={record} />
          <EvidenceSection record={record} />
        </Stack>
        <Stack spacing={3}>
          {record.open === 1 && <WorkflowPanel record={record} />}
          <RootCauseSection record={record} />
          <EnquiriesSection record={record} />
          <NotesSection record={record} />
        </Stack>
      </Box>
    </Stack>
  );
}
