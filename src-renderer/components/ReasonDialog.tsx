import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text';
import { keepTypedOnClose } from './dialog-close';

/** Asks for a reason (and optionally more fields) before an action; shows a refusal in place, keeping the text. */
export function ReasonDialog({
  title,
  confirmLabel,
  reasonRequired = true,
  extra,
  onConfirm,
  onClose,
}: {
  title: string;
  confirmLabel: string;
  reasonRequired?: boolean;
  extra?: ReactNode;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason);
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={keepTypedOnClose(onClose, busy)}
      aria-labelledby="reason-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="reason-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {extra}
          <TextField
            label={t('case.reason')}
            required={reasonRequired}
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            helperText={t('case.reasonHelp')}
            autoFocus
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void confirm()} disabled={busy}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
