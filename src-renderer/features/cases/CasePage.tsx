import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Chip,
  Link as MuiLink,
  Paper,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { seesCase } from '../../../src-shared/domain/case-visibility';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { stageOf } from '../../../src-shared/domain/workflow';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { useCase, useCaseTrail, useCasesByIds } from '../../db/hooks';
import { KeepInformedChip } from '../communications/KeepInformed';
import { CaseLeftOutProvider } from '../email/case-left-out';
import { ComplainantLink } from '../complainants/ComplainantLink';
import { ExportCaseButton } from '../reports/ExportCaseDialog';
import { CaseBundleButton } from '../bundle/ExportBundleButton';
import { SenderHistory } from '../bundle/SenderHistory';
import { useViewer } from '../users/use-viewer';
import { DeadlinesPanel } from './DeadlinesPanel';
import { FindingPanel } from './FindingPanel';
import { OwnershipPanel } from './OwnershipPanel';
import { RestrictedChip, RestrictionAction, useRestrictedViewRecord } from './Restriction';
import { AnonymisedNotice, LegalHoldAction, RetentionChips } from '../retention/CaseRetention';
import { SlaPanel } from './SlaPanel';
import { Timeline } from './Timeline';
import { WorkflowPanel } from './WorkflowPanel';
import { CASE_TABS, caseTabPath, type CaseTabDef } from './case-tabs';
import { DetailItem } from '../../components/DetailItem';

export function CasePage() {
  const { t } = useTranslation();
  const { id, tab: tabParam } = useParams();
  const record = useCase(id);
  const viewer = useViewer();
  const seen = !!record && seesCase(viewer, caseSubject(record));
  useRestrictedViewRecord(record, seen, viewer);

  const back = (
    <Button component={Link} to="/cases" startIcon={<ArrowBackIcon />}>
      {t('common.back')}
    </Button>
  );
  if (record === undefined) return <Typography>{t('common.loading')}</Typography>;
  if (record === null) {
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Alert severity="warning">{t('case.notFound')}</Alert>
        {back}
      </Stack>
    );
  }
  if (!seen) {
    // Nothing of the case: not even its reference.
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Alert severity="warning">{t('case.cannotSee')}</Alert>
        {back}
      </Stack>
    );
  }
  const c = record.complainant;
  const tab: CaseTabDef = CASE_TABS.find((d) => d.id === tabParam) ?? CASE_TABS[0];
  const TabComponent = tab.Component;

  return (
    <>
      <PageHeader
        title={
          <Stack
            direction="row"
            spacing={1.5}
            component="span"
            sx={{ alignItems: 'center', flexWrap: 'wrap' }}
          >
            <span>{record.reference}</span>
            <Chip label={t(`status.${record.status}`)} color="primary" variant="outlined" />
            <Chip label={t(`severity.${record.severity}`)} variant="outlined" />
            <RestrictedChip record={record} />
            <RetentionChips record={record} />
            {record.escalation && <Chip label={t('case.escalated')} color="warning" />}
            {c.vulnerable && <Chip label={t('case.vulnerable')} color="secondary" />}
            <KeepInformedChip record={record} />
          </Stack>
        }
        subtitle={`${c.name} — ${record.category}${record.subcategory ? ` / ${record.subcategory}` : ''}`}
        actions={
          <>
            <RestrictionAction record={record} />
            <LegalHoldAction record={record} />
            <ExportCaseButton record={record} />
            <CaseBundleButton record={record} />
            {back}
          </>
        }
      />
      <AnonymisedNotice record={record} />
      <Tabs
        value={tab.id}
        aria-label={t('case.tabs.label')}
        sx={{ mb: 3, borderBottom: 1, borderColor: 'divider' }}
        variant="scrollable"
        allowScrollButtonsMobile
      >
        {CASE_TABS.map((def) => (
          <Tab
            key={def.id}
            value={def.id}
            label={t(`case.tabs.${def.id}`)}
            component={Link}
            to={caseTabPath(record.id, def.id)}
            id={`case-tab-${def.id}`}
            aria-controls={`case-tabpanel-${def.id}`}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`case-tabpanel-${tab.id}`} aria-labelledby={`case-tab-${tab.id}`}>
        <CaseLeftOutProvider key={record.id}>
          {TabComponent ? <TabComponent record={record} /> : <Overview record={record} />}
        </CaseLeftOutProvider>
      </Box>
    </>
  );
}

/** The case at a glance: deadlines, workflow, ownership, the complaint as received and its timeline. */
function Overview({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const trail = useCaseTrail(record.id);
  const viewer = useViewer();
  const related = useCasesByIds(record.relatedCaseIds, viewer);
  const c = record.complainant;
  const stage = stageOf(record.status);
  const showFinding = stage !== 'acknowledge' || record.finding !== null;
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' },
        gap: 3,
        alignItems: 'start',
      }}
    >
      <Stack spacing={3}>
        <DeadlinesPanel record={record} now={now} />
        <SlaPanel record={record} now={now} />
        <WorkflowPanel record={record} />
        {showFinding && <FindingPanel key={record.updatedAt} record={record} />}
        <Paper sx={{ p: 3 }} component="section" aria-labelledby="complaint-heading">
          <Typography variant="h6" component="h2" id="complaint-heading" gutterBottom>
            {t('case.description')}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{record.description}</Typography>
          {record.desiredOutcome && (
            <Box sx={{ mt: 2 }}>
              <DetailItem label={t('case.desiredOutcome')}>{record.desiredOutcome}</DetailItem>
            </Box>
          )}
        </Paper>
        <Timeline entries={trail} />
        <SenderHistory caseId={record.id} />
      </Stack>
      <Stack spacing={3}>
        <OwnershipPanel record={record} />
        <Paper sx={{ p: 3 }} component="section" aria-label={t('case.complainant')}>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, m: 0 }}>
            <DetailItem label={t('case.complainant')}>{c.name}</DetailItem>
            <DetailItem label={t('case.contact')}>
              {[c.email, c.phone, t(`contact.${c.preferredContact}`)].filter(Boolean).join('\n')}
            </DetailItem>
            <DetailItem label={t('intake.address')}>{c.address}</DetailItem>
            <DetailItem label={t('case.needs')}>{c.needs}</DetailItem>
            <DetailItem label={t('case.channel')}>{t(`channel.${record.channel}`)}</DetailItem>
            <DetailItem label={t('case.received')}>{format.dateTime(record.receivedAt)}</DetailItem>
            <DetailItem label={t('case.product')}>{record.product}</DetailItem>
            <DetailItem label={t('case.accountRef')}>{record.accountRef}</DetailItem>
            <DetailItem label={t('case.loggedBy')}>{record.createdBy.name}</DetailItem>
            <DetailItem label={t('case.related')}>
              {related.length
                ? related.map((r) => (
                    <MuiLink key={r.id} component={Link} to={`/cases/${r.id}`} sx={{ display: 'block' }}>
                      {r.reference}
                    </MuiLink>
                  ))
                : ''}
            </DetailItem>
          </Box>
          <ComplainantLink record={record} />
        </Paper>
      </Stack>
    </Box>
  );
}
