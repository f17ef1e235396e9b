import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Chip, Link as MuiLink, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { stageOf } from '../../../src-shared/domain/workflow';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { useCase, useCaseTrail, useCasesByIds } from '../../db/hooks';
import { DeadlinesPanel } from './DeadlinesPanel';
import { FindingPanel } from './FindingPanel';
import { OwnershipPanel } from './OwnershipPanel';
import { SlaPanel } from './SlaPanel';
import { Timeline } from './Timeline';
import { WorkflowPanel } from './WorkflowPanel';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
        {children || '—'}
      </Typography>
    </Box>
  );
}

export function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const format = useFormat();
  const now = useNow();
  const record = useCase(id);
  const trail = useCaseTrail(id);
  const related = useCasesByIds(record?.relatedCaseIds ?? []);

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
  const c = record.complainant;
  const stage = stageOf(record.status);
  const showFinding = stage !== 'acknowledge' || record.finding !== null;

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
            {record.escalation && <Chip label={t('case.escalated')} color="warning" />}
            {c.vulnerable && <Chip label={t('case.vulnerable')} color="secondary" />}
          </Stack>
        }
        subtitle={`${c.name} — ${record.category}${record.subcategory ? ` / ${record.subcategory}` : ''}`}
        actions={back}
      />
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
                <Field label={t('case.desiredOutcome')}>{record.desiredOutcome}</Field>
              </Box>
            )}
          </Paper>
          <Timeline entries={trail} />
        </Stack>
        <Stack spacing={3}>
          <OwnershipPanel record={record} />
          <Paper sx={{ p: 3 }} component="section" aria-label={t('case.complainant')}>
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, m: 0 }}>
              <Field label={t('case.complainant')}>{c.name}</Field>
              <Field label={t('case.contact')}>
                {[c.email, c.phone, t(`contact.${c.preferredContact}`)].filter(Boolean).join('\n')}
              </Field>
              <Field label={t('intake.address')}>{c.address}</Field>
              <Field label={t('case.needs')}>{c.needs}</Field>
              <Field label={t('case.channel')}>{t(`channel.${record.channel}`)}</Field>
              <Field label={t('case.received')}>{format.dateTime(record.receivedAt)}</Field>
              <Field label={t('case.product')}>{record.product}</Field>
              <Field label={t('case.accountRef')}>{record.accountRef}</Field>
              <Field label={t('case.loggedBy')}>{record.createdBy.name}</Field>
              <Field label={t('case.related')}>
                {related.length
                  ? related.map((r) => (
                      <MuiLink key={r.id} component={Link} to={`/cases/${r.id}`} sx={{ display: 'block' }}>
                        {r.reference}
                      </MuiLink>
                    ))
                  : ''}
              </Field>
            </Box>
          </Paper>
        </Stack>
      </Box>
    </>
  );
}
