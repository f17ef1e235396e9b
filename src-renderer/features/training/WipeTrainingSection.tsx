import { Button, Paper, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wipeTrainingProfile } from './wipe';
import { errorText } from '../../api/error-text';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Settings → start the training profile again: everything in it goes, after one confirmation. */
export function WipeTrainingSection() {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const wipe = async () => {
    setBusy(true);
    setError(null);
    try {
      await wipeTrainingProfile(); // reloads the app when done
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="wipe-training-heading">
      <Typography variant="h6" component="h2" id="wipe-training-heading" sx={{ mb: 0.5 }}>
        {t('training.wipe.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('training.wipe.intro')}
      </Typography>
      <Button color="error" variant="outlined" onClick={() => setAsking(true)}>
        {t('training.wipe.button')}
      </Button>
      <ConfirmDialog
        id="wipe-confirm-title"
        open={asking}
        title={t('training.wipe.confirmTitle')}
        body={t('training.wipe.confirmBody')}
        confirmLabel={busy ? t('training.wipe.wiping') : t('training.wipe.confirm')}
        busy={busy}
        error={error}
        onCancel={() => setAsking(false)}
        onConfirm={() => void wipe()}
      />
    </Paper>
  );
}
