import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../app/notifications';
import type { SchemaForm } from '../../components/schema-form';

/**
 * A settings card with its own Save: its form checks the fields with the settings schema, then
 * saves through the main process; a refusal shows next to its field, or above Save.
 */
export function SettingsSection<TForm extends FieldValues, TOut>({
  id,
  title,
  intro,
  children,
  form,
  onSave,
}: {
  id: string;
  title: string;
  intro?: string;
  children: ReactNode;
  form: SchemaForm<TForm, TOut>;
  onSave: (values: TOut) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = form.submit(async (values) => {
    await onSave(values);
    notify(t('settings.saved'), 'success');
  });
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
        {form.refusal && <Alert severity="error">{form.refusal}</Alert>}
        <Box>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            {t('common.save')} {title.toLowerCase()}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
