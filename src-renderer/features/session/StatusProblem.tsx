import { Alert, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from './AuthLayout';

/** Main could not say who is signed in: say so and offer to ask again. */
export function StatusProblem({ message, onRetry }: { message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('session.problemTitle')}>
      <Alert severity="error" sx={{ mb: 2 }}>
        {message}
      </Alert>
      <Button variant="contained" onClick={onRetry}>
        {t('session.tryAgain')}
      </Button>
    </AuthLayout>
  );
}
