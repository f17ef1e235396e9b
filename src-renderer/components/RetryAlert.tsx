// A list or page that could not be loaded: what went wrong, and a button to try again.
import { Alert, Button, type SxProps, type Theme } from '@mui/material';
import { useTranslation } from 'react-i18next';

export function RetryAlert({
  message,
  onRetry,
  sx,
}: {
  /** The sentence for the user, already translated. */
  message: string;
  onRetry: () => void;
  sx?: SxProps<Theme>;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      severity="error"
      sx={sx}
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      }
    >
      {message}
    </Alert>
  );
}
