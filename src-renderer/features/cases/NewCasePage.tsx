import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, MenuItem, Paper, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CHANNELS, NewCaseSchema, type NewCaseInput } from '../../../src-shared/domain/case';
import { AppError } from '../../../src-shared/errors';
import { useNotify } from '../../app/notifications';
import { PageHeader } from '../../components/PageHeader';
import { createCase } from '../../db/cases';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** The first step of every complaint: log it, get a reference. */
export function NewCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const [saveError, setSaveError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<NewCaseInput>({
    resolver: zodResolver(NewCaseSchema),
    defaultValues: { complainant: { name: '' }, channel: 'email', description: '' },
    mode: 'onTouched',
  });

  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    try {
      const record = await createCase(getDb(), values, actor);
      notify(t('intake.created', { reference: record.reference }), 'success');
      void navigate(`/cases/${record.id}`);
    } catch (error) {
      // The form keeps every value: only the message is added.
      if (error instanceof AppError && error.field) {
        setError(error.field as keyof NewCaseInput, { message: error.message });
      }
      setSaveError(t('intake.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  });

  return (
    <>
      <PageHeader title={t('intake.title')} subtitle={t('intake.intro')} />
      <Paper component="form" onSubmit={submit} noValidate sx={{ p: 3, maxWidth: 760 }} aria-label={t('intake.title')}>
        <Stack spacing={3}>
          <Controller
            name="complainant.name"
            control={control}
            render={({ field, fieldState }) => (
              <TextField
                {...field}
                label={t('intake.complainantName')}
                required
                autoFocus
                error={!!fieldState.error}
                helperText={fieldState.error?.message}
              />
            )}
          />
          <Controller
            name="channel"
            control={control}
            render={({ field, fieldState }) => (
              <TextField
                {...field}
                select
                label={t('intake.channel')}
                required
                error={!!fieldState.error}
                helperText={fieldState.error?.message}
              >
                {CHANNELS.map((c) => (
                  <MenuItem key={c} value={c}>
                    {t(`channel.${c}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          <Controller
            name="description"
            control={control}
            render={({ field, fieldState }) => (
              <TextField
                {...field}
                label={t('intake.description')}
                required
                multiline
                minRows={6}
                error={!!fieldState.error}
                helperText={fieldState.error?.message ?? t('intake.descriptionHelp')}
              />
            )}
          />
          {saveError && <Alert severity="error">{saveError}</Alert>}
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            <Button onClick={() => void navigate('/cases')}>{t('common.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? t('intake.saving') : t('intake.submit')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </>
  );
}
