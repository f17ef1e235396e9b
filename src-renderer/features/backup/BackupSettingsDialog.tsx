// An administrator's choices for backups: automatic backups on or off, how many to keep, and (in
// the desktop app) the folder they go to. Main checks every value again; its message for a field
// is shown beside that field.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../src-shared/ipc/channels/backup';
import { api, call } from '../../api/client';
import { useAppInfo } from '../../app/app-info';
import { messageOf } from '../investigation/Section';

const MIN_KEEP = 1;
const MAX_KEEP = 365;

export function BackupSettingsDialog({
  status,
  onSaved,
  onClose,
}: {
  status: BackupStatus;
  onSaved: (status: BackupStatus) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const electron = useAppInfo()?.runtime === 'electron';
  const [automatic, setAutomatic] = useState(status.automatic);
  const [keep, setKeep] = useState(String(status.keepCount));
  const [folder, setFolder] = useState(status.folder);
  const [keepError, setKeepError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const keepProblem = (text: string): string | null => {
    const n = Number(text);
    return Number.isInteger(n) && n >= MIN_KEEP && n <= MAX_KEEP
      ? null
      : t('backup.settings.keepRange', { min: MIN_KEEP, max: MAX_KEEP });
  };

  const chooseFolder = async () => {
    setError(null);
    try {
      const next = await call(api().backup.configure({ chooseFolder: true }));
      setFolder(next.folder);
      onSaved(next);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = keepProblem(keep);
    setKeepError(problem);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await call(api().backup.configure({ automatic, keepCount: Number(keep) })));
      onClose();
    } catch (e) {
      const field = (e as { field?: string }).field;
      if (field === 'keepCount') setKeepError(messageOf(e));
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="backup-settings-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="backup-settings-title">
        <DialogTitle id="backup-settings-title">{t('backup.settings.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <FormControlLabel
              control={<Switch checked={automatic} onChange={(e) => setAutomatic(e.target.checked)} />}
              label={t('backup.settings.automatic')}
            />
            <TextField
              label={t('backup.settings.keep')}
              type="number"
              value={keep}
              onChange={(e) => {
                setKeep(e.target.value);
                if (keepError) setKeepError(keepProblem(e.target.value));
              }}
              error={!!keepError}
              helperText={keepError ?? t('backup.settings.keepHelp')}
              slotProps={{ htmlInput: { min: MIN_KEEP, max: MAX_KEEP, step: 1 } }}
              sx={{ maxWidth: 240 }}
            />
            <Stack spacing={1}>
              <Typography variant="body2" color="text.secondary">
                {t('backup.settings.folder')}
              </Typography>
              <Typography sx={{ wordBreak: 'break-all' }}>{folder}</Typography>
              {electron ? (
                <Button variant="outlined" onClick={() => void chooseFolder()} sx={{ alignSelf: 'start' }}>
                  {t('backup.settings.chooseFolder')}
                </Button>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {t('backup.settings.folderDesktopOnly')}
                </Typography>
              )}
            </Stack>
            {error && <Alert severity="error">{error}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('backup.settings.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {t('backup.settings.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
