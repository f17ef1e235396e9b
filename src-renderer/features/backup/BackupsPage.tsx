// Backups: the status, the backup passphrase, "Back up now", and the backups in the folder, each
// of which can be verified and (by an administrator) restored.
import BackupIcon from '@mui/icons-material/Backup';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Paper,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BackupStatus, BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { useLatest } from '../../app/latest';
import { useNotify } from '../../app/notifications';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { isAbort } from '../../db/database-backup';
import { fileSize } from '../investigation/upload';
import { useCurrentUser } from '../users/current-user';
import { backupFailedText, backupFraction, startBackup, useRunningBackup } from './backup-job';
import { AddBackupFileButton } from './AddBackupFileButton';
import { BackupSettingsDialog } from './BackupSettingsDialog';
import { AskPassphraseDialog, SetPassphraseDialog } from './PassphraseDialogs';
import { RestoreDialog } from './RestoreDialog';
import type { BackupPhase } from './runner';
import { backupHolds, useBackups } from './use-backups';
import { RetryAlert } from '../../components/RetryAlert';

type Open =
  | { kind: 'set-passphrase'; change: boolean }
  | { kind: 'unlock' }
  | { kind: 'settings' }
  | { kind: 'verify'; backup: BackupSummary }
  | { kind: 'restore'; backup: BackupSummary }
  | null;

export function BackupsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormat();
  const { can } = useCurrentUser();
  const admin = can('backups.manage').ok;
  const { status, backups, unreadable, madeElsewhere, error, reload, setStatus } = useBackups();
  const [open, setOpen] = useState<Open>(null);
  const running = useRunningBackup();
  const close = () => setOpen(null);
  // The dialog open now, for a check that ends after the officer opened another.
  const openRef = useLatest(open);
  // Any backup that ends (this screen's, the automatic one, a safety backup) changes the list.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      void reload();
    }
  }, [running, reload]);

  const backUpNow = async () => {
    try {
      const made = await startBackup('manual');
      if (made.damagedEvidenceCount)
        notify(t('backup.damagedEvidence', { count: made.damagedEvidenceCount }), 'error');
      else notify(t('backup.now.done', { date: format.dateTime(made.createdAt) }), 'success');
    } catch (e) {
      if (isAbort(e)) notify(t('backup.now.cancelled'), 'info');
      else
        notify(
          backupFailedText(t, e, status?.folder, (message) => t('backup.now.failed', { message })),
          'error',
        );
    }
    await reload();
  };

  // The backups being checked now (reading a large one takes a while): shown, and not started twice.
  const [verifying, setVerifying] = useState<readonly BackupSummary[]>([]);
  const verify = async (backup: BackupSummary, passphrase?: string) => {
    setVerifying((v) => [...v, backup]);
    try {
      await call(
        api().backup.verify(
          passphrase === undefined ? { file: backup.file } : { file: backup.file, passphrase },
        ),
      );
    } finally {
      setVerifying((v) => v.filter((b) => b !== backup));
    }
    // Closes this check's own dialog only: the officer may have opened another while it ran.
    setOpen((o) => (o?.kind === 'verify' && o.backup.file === backup.file ? null : o));
    notify(t('backup.list.verified', { date: format.dateTime(backup.createdAt) }), 'success');
  };

  const keyReady = status?.key === 'ready';
  const canBackUp = !!status && status.key !== 'unset';

  return (
    <>
      <PageHeader
        title={t('backup.title')}
        subtitle={t('backup.subtitle')}
        actions={
          <>
            {admin && <AddBackupFileButton onAdded={() => void reload()} />}
            <Button
              variant="contained"
              startIcon={<BackupIcon />}
              onClick={() => void backUpNow()}
              disabled={!canBackUp || !!running}
            >
              {t('backup.now.button')}
            </Button>
          </>
        }
      />
      {error && (
        <RetryAlert
          sx={{ mb: 2 }}
          message={t('backup.loadFailed', { message: error })}
          onRetry={() => void reload()}
        />
      )}
      {running && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} role="status">
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Box sx={{ flexGrow: 1 }}>
              <Typography variant="body2" sx={{ mb: 1 }}>
                {progressText(running.progress, t, format.number)}
              </Typography>
              <LinearProgress
                variant="determinate"
                value={Math.round(backupFraction(running.progress) * 100)}
                aria-label={t('backup.now.running')}
              />
            </Box>
            <Button onClick={running.cancel}>{t('backup.now.cancel')}</Button>
          </Stack>
        </Paper>
      )}
      {verifying.map((b) => (
        <Paper key={b.file} variant="outlined" sx={{ p: 2, mb: 2 }} role="status">
          <Typography variant="body2" sx={{ mb: 1 }}>
            {t('backup.list.verifying', { date: format.dateTime(b.createdAt) })}
          </Typography>
          <LinearProgress aria-label={t('backup.list.verifying', { date: format.dateTime(b.createdAt) })} />
        </Paper>
      ))}
      {!status && !error && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
          <CircularProgress size={20} aria-hidden />
          <Typography>{t('common.loading')}</Typography>
        </Stack>
      )}
      {status && (
        <Stack spacing={3}>
          <StatusSection status={status} admin={admin} onChange={() => setOpen({ kind: 'settings' })} />
          <KeySection
            status={status}
            admin={admin}
            onSet={(change) => setOpen({ kind: 'set-passphrase', change })}
            onUnlock={() => setOpen({ kind: 'unlock' })}
          />
          <Box component="section" aria-labelledby="backups-list-heading">
            <Typography variant="h6" component="h2" id="backups-list-heading" sx={{ mb: 1 }}>
              {t('backup.list.heading')}
            </Typography>
            {unreadable.map((u) => (
              <Alert key={u.file} severity="warning" sx={{ mb: 1 }}>
                {t('backup.list.unreadable', { file: u.file, message: u.message })}
              </Alert>
            ))}
            {backups && backups.length === 0 && (
              <EmptyState
                icon={<BackupIcon />}
                title={t('backup.list.emptyTitle')}
                body={status.key === 'unset' ? t('backup.list.emptyBodyNoKey') : t('backup.list.emptyBody')}
              />
            )}
            {backups && backups.length > 0 && (
              <BackupTable
                backups={backups}
                madeElsewhere={madeElsewhere}
                admin={admin}
                verifying={verifying}
                onVerify={(backup) =>
                  keyReady
                    ? verify(backup).catch(() => {
                        // Ask for its passphrase, unless that would replace a dialog in use.
                        if (!openRef.current) setOpen({ kind: 'verify', backup });
                        else
                          notify(
                            t('backup.list.verifyAgain', { date: format.dateTime(backup.createdAt) }),
                            'warning',
                          );
                      })
                    : setOpen({ kind: 'verify', backup })
                }
                onRestore={(backup) => setOpen({ kind: 'restore', backup })}
              />
            )}
          </Box>
        </Stack>
      )}

      {open?.kind === 'settings' && status && (
        <BackupSettingsDialog
          status={status}
          onClose={close}
          onSaved={(s) => {
            setStatus(s);
            notify(t('backup.settings.saved'), 'success');
          }}
        />
      )}
      {open?.kind === 'set-passphrase' && (
        <SetPassphraseDialog
          change={open.change}
          onClose={close}
          onSaved={(s) => {
            setStatus(s);
            close();
            notify(t('backup.passphrase.saved'), 'success');
          }}
        />
      )}
      {open?.kind === 'unlock' && (
        <AskPassphraseDialog
          title={t('backup.passphrase.askTitle')}
          intro={t('backup.passphrase.askIntro')}
          submitLabel={t('backup.passphrase.unlockButton')}
          onClose={close}
          run={async (passphrase) => {
            setStatus(await call(api().backup.unlock({ passphrase })));
            close();
            notify(t('backup.key.unlocked'), 'success');
          }}
        />
      )}
      {open?.kind === 'verify' && (
        <AskPassphraseDialog
          title={t('backup.passphrase.askTitle')}
          intro={keyReady ? t('backup.passphrase.askForeign') : t('backup.passphrase.askIntro')}
          submitLabel={t('backup.list.verify')}
          onClose={close}
          run={(passphrase) => verify(open.backup, passphrase)}
        />
      )}
      {open?.kind === 'restore' && (
        <RestoreDialog backup={open.backup} askPassphrase={!keyReady} replacing onClose={close} />
      )}
    </>
  );
}

function progressText(progress: BackupPhase | null, t: TFunction, number: (n: number) => string): string {
  if (!progress) return t('backup.now.running');
  if (progress.phase === 'exporting') {
    return t('backup.now.exporting', {
      done: number(progress.rows.done),
      total: number(progress.rows.total),
    });
  }
  if (progress.phase === 'sending') {
    return t('backup.now.sending', { pct: Math.round((100 * progress.sent) / Math.max(1, progress.total)) });
  }
  return t('backup.now.sealing');
}

function StatusSection({
  status,
  admin,
  onChange,
}: {
  status: BackupStatus;
  admin: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: [string, string][] = [
    [
      t('backup.status.last'),
      status.lastBackupAt ? format.dateTime(status.lastBackupAt) : t('backup.status.never'),
    ],
    [
      t('backup.status.automatic'),
      status.automatic ? t('backup.status.automaticOn') : t('backup.status.automaticOff'),
    ],
    [t('backup.status.keep'), t('backup.status.keepCount', { count: status.keepCount })],
    [t('backup.status.folder'), status.folder],
  ];
  return (
    <Box component="section" aria-labelledby="backup-status-heading">
      <Typography variant="h6" component="h2" id="backup-status-heading" sx={{ mb: 1 }}>
        {t('backup.status.heading')}
      </Typography>
      {status.settingsDamaged && (
        <Alert severity="warning" sx={{ mb: 1.5 }}>
          {t(admin ? 'backup.status.damagedAdmin' : 'backup.status.damaged')}
        </Alert>
      )}
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.5, m: 0 }}
      >
        {rows.map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" sx={{ m: 0, wordBreak: 'break-all' }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
      {admin && (
        <Button variant="outlined" size="small" onClick={onChange} sx={{ mt: 1.5 }}>
          {t('backup.settings.open')}
        </Button>
      )}
    </Box>
  );
}

function KeySection({
  status,
  admin,
  onSet,
  onUnlock,
}: {
  status: BackupStatus;
  admin: boolean;
  onSet: (change: boolean) => void;
  onUnlock: () => void;
}) {
  const { t } = useTranslation();
  const text =
    status.key === 'unset'
      ? admin
        ? t('backup.key.unset')
        : t('backup.key.unsetNotAdmin')
      : status.key === 'ready'
        ? status.keyStoreProblem
          ? t('backup.key.readySession')
          : t('backup.key.ready')
        : t('backup.key.needed');
  return (
    <Box component="section" aria-labelledby="backup-key-heading">
      <Typography variant="h6" component="h2" id="backup-key-heading" sx={{ mb: 1 }}>
        {t('backup.key.heading')}
      </Typography>
      <Alert severity={status.key === 'ready' ? 'success' : 'warning'} sx={{ mb: 1 }}>
        {text}
        {status.keyStoreProblem && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {t('backup.key.problem', { problem: status.keyStoreProblem })}
          </Typography>
        )}
      </Alert>
      <Stack direction="row" spacing={1}>
        {status.key === 'passphrase-needed' && (
          <Button variant="outlined" onClick={onUnlock}>
            {t('backup.key.unlock')}
          </Button>
        )}
        {admin && (
          <Button variant="outlined" onClick={() => onSet(status.key !== 'unset')}>
            {status.key === 'unset' ? t('backup.key.set') : t('backup.key.change')}
          </Button>
        )}
      </Stack>
    </Box>
  );
}

function BackupTable({
  backups,
  madeElsewhere,
  admin,
  verifying,
  onVerify,
  onRestore,
}: {
  backups: BackupSummary[];
  madeElsewhere: ReadonlySet<string>;
  admin: boolean;
  verifying: readonly BackupSummary[];
  onVerify: (b: BackupSummary) => void;
  onRestore: (b: BackupSummary) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={t('backup.list.label')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('backup.list.date')}</TableCell>
            <TableCell align="right">{t('backup.list.size')}</TableCell>
            <TableCell>{t('backup.list.contents')}</TableCell>
            <TableCell>{t('backup.list.reason')}</TableCell>
            <TableCell>{t('backup.list.by')}</TableCell>
            {admin && <TableCell align="right">{t('backup.list.actions')}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {backups.map((b) => {
            const date = format.dateTime(b.createdAt);
            return (
              <TableRow key={b.file}>
                <TableCell component="th" scope="row">
                  {date}
                  {b.training && (
                    <Chip
                      size="small"
                      color="warning"
                      label={t('backup.list.training')}
                      title={t('backup.list.trainingHint')}
                      sx={{ ml: 1 }}
                    />
                  )}
                  {madeElsewhere.has(b.file) && (
                    <Chip
                      size="small"
                      variant="outlined"
                      label={t('backup.list.elsewhere')}
                      title={t('backup.list.elsewhereHint')}
                      sx={{ ml: 1 }}
                    />
                  )}
                </TableCell>
                <TableCell align="right">{fileSize(b.size, format.number)}</TableCell>
                <TableCell>{backupHolds(b, t, format.number)}</TableCell>
                <TableCell>{t(`backup.reason.${b.reason}`)}</TableCell>
                <TableCell>{b.by ?? t('backup.list.automatic')}</TableCell>
                {/* Verifying and restoring are an administrator's (main allows no one else). */}
                {admin && (
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      onClick={() => onVerify(b)}
                      disabled={verifying.some((v) => v.file === b.file)}
                      aria-label={t('backup.list.verifyLabel', { date })}
                    >
                      {t('backup.list.verify')}
                    </Button>
                    <Button
                      size="small"
                      color="warning"
                      onClick={() => onRestore(b)}
                      aria-label={t('backup.list.restoreLabel', { date })}
                    >
                      {t('backup.list.restore')}
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
