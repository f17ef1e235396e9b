// First run, restoring instead of setting up: the backups found in the backup folder, each of
// which can be restored (there is no session yet; main allows these calls until an account exists).
import { Alert, Button, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { useFormat } from '../../app/format';
import { fileSize } from '../investigation/upload';
import { AddBackupFileButton } from './AddBackupFileButton';
import { RestoreDialog } from './RestoreDialog';
import { backupHolds, useBackups } from './use-backups';

export function FirstRunRestore({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { status, backups, unreadable, error, reload } = useBackups();
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const folder = status?.folder ?? t('backup.firstRun.theFolder');
  return (
    <Stack spacing={2}>
      {error && <Alert severity="error">{t('backup.loadFailed', { message: error })}</Alert>}
      {unreadable.map((u) => (
        <Alert key={u.file} severity="warning">
          {t('backup.list.unreadable', { file: u.file, message: u.message })}
        </Alert>
      ))}
      {backups && backups.length === 0 && <Typography>{t('backup.firstRun.none', { folder })}</Typography>}
      {backups && backups.length > 0 && (
        <List aria-label={t('backup.firstRun.folder', { folder })} dense disablePadding>
          {backups.map((b) => {
            const date = format.dateTime(b.createdAt);
            return (
              <ListItem
                key={b.file}
                disableGutters
                secondaryAction={
                  <Button
                    size="small"
                    onClick={() => setRestoring(b)}
                    aria-label={t('backup.list.restoreLabel', { date })}
                  >
                    {t('backup.list.restore')}
                  </Button>
                }
              >
                <ListItemText
                  primary={b.training ? `${date} · ${t('backup.list.training')}` : date}
                  secondary={`${backupHolds(b, t, format.number)} · ${fileSize(b.size, format.number)}`}
                />
              </ListItem>
            );
          })}
        </List>
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        <Button onClick={() => void reload()}>{t('backup.firstRun.refresh')}</Button>
        <AddBackupFileButton onAdded={() => void reload()} />
      </Stack>
      <Button variant="text" onClick={onBack}>
        {t('backup.firstRun.back')}
      </Button>
      {restoring && (
        <RestoreDialog
          backup={restoring}
          askPassphrase
          replacing={false}
          onClose={() => setRestoring(null)}
        />
      )}
    </Stack>
  );
}
