import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../src-shared/ipc/contract';
import { THEMES, type Settings } from '../../../src-shared/domain/settings';
import { api, ApiError, call } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { PageHeader } from '../../components/PageHeader';

type OfficeForm = Pick<Settings, 'officeName' | 'officeAddress' | 'locale' | 'theme'>;

export function SettingsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { settings, update } = useSettings();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { control, handleSubmit, reset, setError, formState } = useForm<OfficeForm>({ values: settings });

  useEffect(() => {
    call(api().app.info()).then(setInfo, (e: Error) => notify(e.message, 'error'));
  }, [notify]);

  // The main process validates with the shared schema; its error names the field to mark.
  const submit = handleSubmit(async (values) => {
    setSaveError(null);
    try {
      const saved = await update(values);
      reset(saved);
      notify(t('settings.saved'), 'success');
    } catch (error) {
      if (error instanceof ApiError && error.field && error.field in values) {
        setError(error.field as keyof OfficeForm, { message: error.message });
      } else {
        setSaveError(error instanceof Error ? error.message : String(error));
      }
    }
  });

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Stack spacing={3} sx={{ maxWidth: 760 }}>
        <Paper component="form" onSubmit={submit} noValidate sx={{ p: 3 }} aria-labelledby="office-heading">
          <Typography variant="h6" component="h2" id="office-heading" sx={{ mb: 2 }}>
            {t('settings.office')}
          </Typography>
          <Stack spacing={2}>
            <Controller
              name="officeName"
              control={control}
              render={({ field, fieldState }) => (
                <TextField {...field} label={t('settings.officeName')} required error={!!fieldState.error} helperText={fieldState.error?.message} />
              )}
            />
            <Controller
              name="officeAddress"
              control={control}
              render={({ field, fieldState }) => (
                <TextField {...field} label={t('settings.officeAddress')} multiline minRows={3} error={!!fieldState.error} helperText={fieldState.error?.message} />
              )}
            />
            <Controller
              name="locale"
              control={control}
              render={({ field, fieldState }) => (
                <TextField
                  {...field}
                  label={t('settings.locale')}
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message ?? t('settings.localeHelp')}
                />
              )}
            />
            <Controller
              name="theme"
              control={control}
              render={({ field }) => (
                <TextField {...field} select label={t('settings.theme')}>
                  {THEMES.map((th) => (
                    <MenuItem key={th} value={th}>
                      {t(`settings.themes.${th}`)}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            />
            {saveError && <Alert severity="error">{saveError}</Alert>}
            <Box>
              <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
                {t('common.save')}
              </Button>
            </Box>
          </Stack>
        </Paper>
        <Paper sx={{ p: 3 }} aria-labelledby="about-heading" component="section">
          <Typography variant="h6" component="h2" id="about-heading" sx={{ mb: 1 }}>
            {t('settings.about')}
          </Typography>
          {info && (
            <Typography component="div">
              <div>
                {t('settings.version')}: {info.version}
              </div>
              <div>
                {t('settings.dataDir')}: <code>{info.dataDir}</code>
              </div>
            </Typography>
          )}
        </Paper>
      </Stack>
    </>
  );
}
