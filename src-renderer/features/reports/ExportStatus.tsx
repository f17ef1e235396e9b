import { Alert, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** While the PDF is built, and why it was not. */
export function ExportStatus({ busy, error }: { busy: boolean; error: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {busy && (
        <div role="status">
          <Typography variant="body2">{t('reports.case.building')}</Typography>
          <LinearProgress aria-label={t('reports.case.building')} />
        </div>
      )}
      {error && <Alert severity="error">{error}</Alert>}
    </>
  );
}
