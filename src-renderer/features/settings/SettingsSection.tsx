import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { formError } from '../resolution/form-error';

/** A settings card with its own Save: saves through the main process and shows refusals next to the field. */
export function SettingsSection({
  id,
  title,
  intro,
  children,
  onSave,
  onFieldError,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
  onSave: () => Promise<unknown>;
  onFieldError?: (field: string, message: string) => boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave();
      notify(t('settings.saved'), 'success');
    } catch (err) {
      // Beside its field, a refusal reads without the field's path in front.
      const shown =
        err instanceof ApiError && err.field ? onFieldError?.(err.field, formError(err).message) : false;
      if (!shown) setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper
      component="form"
      onSubmit={(e) => void save(e)}
      noValidate
      sx={{ p: 3 }}
      aria-labelledby={`${id}-heading`}
    >
      <Typography variant="h6" component="h2" id={`${id}-heading`} sx={{ mb: intro ? 0.5 : 2 }}>
        {title}
      </Typography>
      {intro && (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      )}
      <Stack spacing={2}>
        {children}
        {error && <Alert severity="error">{error}</Alert>}
        <Box>
          <Button type="submit" variant="contained" disabled={busy}>
            {t('common.save')} {title.toLowerCase()}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
