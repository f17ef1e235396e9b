import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { useCase, useCaseTrail } from '../../db/hooks';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

export function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const format = useFormat();
  const record = useCase(id);
  const trail = useCaseTrail(id);

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

  return (
    <>
      <PageHeader
        title={
          <Stack direction="row" spacing={2} component="span" sx={{ alignItems: 'center' }}>
            <span>{record.reference}</span>
            <Chip label={t(`status.${record.status}`)} color="primary" variant="outlined" />
          </Stack>
        }
        subtitle={record.complainant.name}
        actions={back}
      />
      <Stack spacing={3} sx={{ maxWidth: 960 }}>
        <Paper sx={{ p: 3 }}>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 2, m: 0 }}>
            <Field label={t('case.complainant')}>{record.complainant.name}</Field>
            <Field label={t('case.channel')}>{t(`channel.${record.channel}`)}</Field>
            <Field label={t('case.received')}>{format.dateTime(record.receivedAt)}</Field>
            <Field label={t('case.loggedBy')}>{record.createdBy.name}</Field>
          </Box>
        </Paper>
        <Paper sx={{ p: 3 }} component="section" aria-labelledby="complaint-heading">
          <Typography variant="h6" component="h2" id="complaint-heading" gutterBottom>
            {t('case.description')}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{record.description}</Typography>
        </Paper>
        <Paper sx={{ p: 3 }} component="section" aria-labelledby="history-heading">
          <Typography variant="h6" component="h2" id="history-heading" gutterBottom>
            {t('case.history')}
          </Typography>
          {trail && trail.length === 0 && <Typography color="text.secondary">{t('case.historyEmpty')}</Typography>}
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {(trail ?? []).map((entry) => (
              <li key={entry.seq}>
                <Typography>
                  {t(`case.action.${entry.action}`, { defaultValue: entry.action })} — {entry.actor.name},{' '}
                  {format.dateTime(entry.at)}
                </Typography>
              </li>
            ))}
          </Box>
        </Paper>
      </Stack>
    </>
  );
}
