import { Alert, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkTemplate, describeProblem, renderTemplate } from '../../../src-shared/domain/templates';
import { useSettings } from '../../app/settings-context';
import { useCurrentUser } from '../users/current-user';
import { useViewer } from '../users/use-viewer';
import { useCaseByReference, useMergeContext } from '../resolution/hooks';

/** The template as a chosen case's complainant would read it (problems shown instead while it is invalid). */
export function LetterPreview({ subject, body }: { subject: string; body: string }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { user } = useCurrentUser();
  const viewer = useViewer();
  const [reference, setReference] = useState('');
  // Only a case this person may see: the preview shows its complainant's details.
  const record = useCaseByReference(reference, viewer);
  const ctx = useMergeContext(record, user.name);
  const fmt = { locale: settings.locale, timeZone: settings.timeZone };
  const problems = [subject, body].map(checkTemplate).flatMap((c) => (c.ok ? [] : c.problems));
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="preview-heading">
      <Typography variant="h6" component="h2" id="preview-heading" gutterBottom>
        {t('resolution.templates.preview')}
      </Typography>
      <Stack spacing={2}>
        <TextField
          label={t('resolution.templates.previewCase')}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          helperText={
            record === null && reference.trim()
              ? t('resolution.templates.previewNoCase')
              : t('resolution.templates.previewHelp')
          }
          sx={{ maxWidth: 360 }}
        />
        {problems.length > 0 ? (
          <Alert severity="warning" role="status">
            {problems.map(describeProblem).join(' ')}
          </Alert>
        ) : ctx ? (
          <Paper
            variant="outlined"
            sx={{ p: 2 }}
            aria-label={t('resolution.templates.preview')}
            role="document"
          >
            <Typography sx={{ fontWeight: 600, mb: 1 }}>{renderTemplate(subject, ctx, fmt)}</Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>{renderTemplate(body, ctx, fmt)}</Typography>
          </Paper>
        ) : (
          <Typography color="text.secondary">{t('resolution.templates.previewEmpty')}</Typography>
        )}
      </Stack>
    </Paper>
  );
}
