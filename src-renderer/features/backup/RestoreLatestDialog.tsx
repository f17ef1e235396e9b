// "Restore the latest backup", for a screen that finds the office's data gone (or any other that
// offers it): the newest backup in the folder, through the one RestoreDialog.
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus, BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { api, call } from '../../api/client';
import { messageOf } from '../investigation/Section';
import { RestoreDialog } from './RestoreDialog';
import { newestFirst } from './use-backups';

/** The newest backup in the backup folder and main's key state, or null when there is none. */
export async function latestBackup(): Promise<{ backup: BackupSummary; status: BackupStatus } | null> {
  const [status, list] = await Promise.all([call(api().backup.status()), call(api().backup.list())]);
  const backup = newestFirst(list.backups)[0];
  return backup ? { backup, status } : null;
}

/**
 * Opens the restore of the newest backup. `replacing`: there is data here that the restore
 * replaces (confirm it and back it up first); false when there is nothing to keep.
 */
export function RestoreLatestDialog({ replacing, onClose }: { replacing: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [found, setFound] = useState<Awaited<ReturnType<typeof latestBackup>> | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    latestBackup().then(setFound, (e: unknown) => setError(messageOf(e)));
  }, []);
  if (found) {
    return (
      <RestoreDialog
        backup={found.backup}
        askPassphrase={found.status.key !== 'ready'}
        replacing={replacing}
        onClose={onClose}
      />
    );
  }
  if (found === undefined && !error) return null;
  return (
    <Dialog open onClose={onClose} aria-labelledby="restore-latest-title">
      <DialogTitle id="restore-latest-title">{t('backup.list.emptyTitle')}</DialogTitle>
      <DialogContent>
        <Alert severity={error ? 'error' : 'info'}>
          {error ? t('backup.loadFailed', { message: error }) : t('backup.list.emptyBody')}
        </Alert>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('backup.restore.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
