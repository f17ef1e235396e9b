// The backup passphrase: asked for (to unlock this session, verify or restore a backup), and set
// or changed by an administrator.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../src-shared/ipc/channels/backup';
import { api, ApiError, call } from '../../api/client';
import { errorText } from '../../api/error-text';

/** What a failed backup call says in a dialog: a damaged file or a wrong passphrase in one sentence. */
export function backupErrorMessage(error: unknown, damaged: string): string {
  if (error instanceof ApiError && error.code === 'BACKUP_DAMAGED') return damaged;
  return errorText(error);
}

function PassphraseField({
  label,
  value,
  onChange,
  autoFocus,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
  error?: string;
}) {
  return (
    <TextField
      type="password"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoFocus={autoFocus}
      autoComplete="off"
      required
      fullWidth
      error={!!error}
      helperText={error}
    />
  );
}

/** Asks for the passphrase and hands it to `run`; a failure is shown in the dialog, which stays open. */
export function AskPassphraseDialog({
  title,
  intro,
  submitLabel,
  run,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  submitLabel: string;
  run: (passphrase: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await run(passphrase);
    } catch (error) {
      setProblem(backupErrorMessage(error, t('backup.damaged')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="backup-passphrase-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="backup-passphrase-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <DialogContentText>{intro}</DialogContentText>
            <PassphraseField
              label={t('backup.passphrase.label')}
              value={passphrase}
              onChange={setPassphrase}
              autoFocus
            />
            {problem && <Alert severity="error">{problem}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('backup.passphrase.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !passphrase}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Sets the office's backup passphrase, or changes it (then the current one is asked for too). */
export function SetPassphraseDialog({
  change,
  onClose,
  onSaved,
}: {
  change: boolean;
  onClose: () => void;
  onSaved: (status: BackupStatus) => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const mismatch = confirm !== '' && confirm !== passphrase;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (passphrase !== confirm) return;
    setBusy(true);
    setProblem(null);
    setField(undefined);
    try {
      onSaved(await call(api().backup.setPassphrase(change ? { passphrase, current } : { passphrase })));
    } catch (error) {
      setProblem(backupErrorMessage(error, t('backup.damaged')));
      setField(error instanceof ApiError ? error.field : undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="backup-set-passphrase-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="backup-set-passphrase-title">
          {change ? t('backup.passphrase.changeTitle') : t('backup.passphrase.setTitle')}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="warning">{t('backup.passphrase.lostWarning')}</Alert>
            {change && <DialogContentText>{t('backup.passphrase.changeNote')}</DialogContentText>}
            {change && (
              <PassphraseField
                label={t('backup.passphrase.current')}
                value={current}
                onChange={setCurrent}
                autoFocus
                error={field === 'current' ? (problem ?? undefined) : undefined}
              />
            )}
            <PassphraseField
              label={t('backup.passphrase.new')}
              value={passphrase}
              onChange={setPassphrase}
              autoFocus={!change}
              error={field === 'passphrase' ? (problem ?? undefined) : undefined}
            />
            <PassphraseField
              label={t('backup.passphrase.confirm')}
              value={confirm}
              onChange={setConfirm}
              error={mismatch ? t('backup.passphrase.mismatch') : undefined}
            />
            {problem && field !== 'current' && field !== 'passphrase' && (
              <Alert severity="error">{problem}</Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('backup.passphrase.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || !passphrase || passphrase !== confirm || (change && !current)}
          >
            {t('backup.passphrase.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
