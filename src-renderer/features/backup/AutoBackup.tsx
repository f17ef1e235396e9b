// The daily backup, started in the background after sign-in, and the app bar's small sign that a
// backup is running. It never blocks work; a failure is a notification.
import { Box, CircularProgress, Tooltip } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { isAbort } from '../../db/database-backup';
import { useCurrentUser } from '../users/current-user';
import { backupFailedText, backupFraction, startBackup, useRunningBackup } from './backup-job';

export function AutoBackup() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { user } = useCurrentUser();
  const running = useRunningBackup();
  const checked = useRef(false);

  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    void (async () => {
      let folder: string | undefined;
      try {
        const status = await call(api().backup.status());
        folder = status.folder;
        // A passphrase that must be typed first is the Backups screen's to ask for, not a pop-up's.
        if (!status.dailyDue || !status.automatic || status.key !== 'ready') return;
        const made = await startBackup('daily');
        if (made.damagedEvidenceCount)
          notify(t('backup.damagedEvidence', { count: made.damagedEvidenceCount }), 'error');
        else notify(t('backup.auto.done'), 'success');
      } catch (error) {
        if (isAbort(error)) return;
        notify(
          backupFailedText(t, error, folder, (message) => t('backup.auto.failed', { message })),
          'error',
        );
      }
    })();
  }, [user.id, notify, t]);

  if (!running) return null;
  const pct = Math.round(backupFraction(running.progress) * 100);
  const label = t('backup.auto.progress', { pct });
  return (
    <Tooltip title={label}>
      <Box role="status" aria-label={label} sx={{ display: 'flex', alignItems: 'center', mx: 1 }}>
        <CircularProgress
          color="inherit"
          size={22}
          variant={running.progress ? 'determinate' : 'indeterminate'}
          value={pct}
          aria-label={label}
        />
      </Box>
    </Tooltip>
  );
}
