import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { usePromotion } from './use-promotion';

/** Settings → Team server: promote this single desk to the (empty) saved server, with progress. */
export function PromotePanel() {
  const { t, i18n } = useTranslation();
  const { view, start, cancel } = usePromotion();
  const [asking, setAsking] = useState(false);
  const number = (n: number) => n.toLocaleString(i18n.language);
  const resumable = view.state === 'idle' ? view.unfinished : null;
  const outcome = view.state === 'ended' ? view.outcome : null;

  return (
    <Stack spacing={1.5} component="section" aria-labelledby="promote-heading" sx={{ pt: 1 }}>
      <Typography variant="subtitle1" component="h3" id="promote-heading">
        {t('team.promote.title')}
      </Typography>
      <Typography color="text.secondary">{t('team.promote.intro')}</Typography>
      {view.state === 'running' && (
        <Box role="status" aria-live="polite">
          <Typography sx={{ mb: 0.5 }}>
            {view.total
              ? t('team.promote.progress', {
                  sent: number(Math.min(view.sent, view.total)),
                  total: number(view.total),
                })
              : t('team.promote.starting')}
          </Typography>
          <LinearProgress
            variant={view.total ? 'determinate' : 'indeterminate'}
            value={view.total ? (100 * Math.min(view.sent, view.total)) / view.total : 0}
            aria-label={t('team.promote.title')}
          />
        </Box>
      )}
      {outcome?.outcome === 'done' && (
        <Alert severity="success" role="status">
          {t('team.promote.done', { total: number(outcome.total) })}
        </Alert>
      )}
      {outcome?.outcome === 'done' && outcome.policyNotCopied && (
        <Alert severity="warning" role="alert">
          {t('team.promote.policyNotCopied', outcome.policyNotCopied)}
        </Alert>
      )}
      {outcome?.outcome === 'cancelled' && (
        <Alert severity="info" role="status">
          {t('team.promote.cancelled', { sent: number(outcome.sent), total: number(outcome.total) })}
        </Alert>
      )}
      {outcome?.outcome === 'offline' && (
        <Alert severity="warning" role="alert">
          {t('team.promote.offline', { message: outcome.message })}
        </Alert>
      )}
      {view.state === 'failed' && (
        <Alert severity="error" role="alert">
          {view.message}
        </Alert>
      )}
      {resumable && (
        <Alert severity="info">
          {t('team.promote.unfinished', { sent: number(resumable.sent), total: number(resumable.total) })}
        </Alert>
      )}
      <Stack direction="row" spacing={2}>
        {view.state === 'running' ? (
          <Button variant="outlined" onClick={cancel}>
            {t('team.promote.cancel')}
          </Button>
        ) : (
          outcome?.outcome !== 'done' && (
            <Button variant="outlined" color="warning" onClick={() => setAsking(true)}>
              {resumable || outcome ? t('team.promote.resume') : t('team.promote.start')}
            </Button>
          )
        )}
      </Stack>
      <ConfirmDialog
        id="promote-confirm"
        open={asking}
        title={t('team.promote.confirmTitle')}
        body={t('team.promote.confirmBody')}
        confirmLabel={t('team.promote.confirm')}
        busy={false}
        error={null}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void start();
        }}
      />
    </Stack>
  );
}
