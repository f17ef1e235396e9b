import LockIcon from '@mui/icons-material/Lock';
import { Box, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context';

/** The frame of the screens before the app: Redress, the office's name, and one task. */
export function AuthLayout({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Paper sx={{ p: 4, width: '100%', maxWidth: 440 }} elevation={3}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <LockIcon color="primary" aria-hidden />
          <Typography variant="overline" component="p">
            {t('app.name')}
            {settings.officeName ? ` · ${settings.officeName}` : ''}
          </Typography>
        </Stack>
        <Typography variant="h5" component="h1" gutterBottom>
          {title}
        </Typography>
        {intro && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {intro}
          </Typography>
        )}
        {children}
      </Paper>
    </Box>
  );
}
