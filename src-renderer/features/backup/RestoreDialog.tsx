// Restoring one backup: what it holds against what is here now, a confirmation that says what
// will be replaced, a safety backup of what is here, then the restore with its progress. Used by
// the Backups screen, the first-run screen, and any screen that offers the latest backup.
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { api, ApiError, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { countRows, isAbort } from '../../db/database-backup';
import { newestAuditSeq } from '../../db/database-census';
import { getDb } from '../../db/schema';
import { backupFraction, startBackup, useRunningBackup } from './backup-job';
import { databaseWorkInWorker } from './database-work';
import { backupErrorMessage } from './PassphraseDialogs';
import { IncompleteRestoreError, runRestore, type RestoreOutcome, type RestorePhase } from './runner';
import { CurrentUserContext } from '../users/current-user';
import { reapplyOnRestored, RESTORING_NOBODY } from './reapply-disposals';
import { waitingLedgerRows } from '../../db/retention';
import { backupTrailEntries } from './use-backups';

export interface RestoreDialogProps {
  backup: BackupSummary;
  /** Ask for the passphrase before trying (the key is not on this computer, or the backup is foreign). */
  askPassphrase: boolean;
  /**
   * There is an office here whose data the restore replaces: confirm, and back it up first. False
   * on the first-run screen, where there is nothing to replace.
   */
  replacing: boolean;
  onClose: () => void;
}

type Stage = 'preview' | 'safety' | 'restoring' | 'done';

/** 0..1 through a restore: reading the file, then importing its rows. */
function restoreFraction(p: RestorePhase | null): number {
  if (!p || p.phase === 'checking') return 0;
  if (p.phase === 'reading') return (0.2 * p.read) / Math.max(1, p.total);
  if (p.phase === 'importing') return 0.2 + (0.75 * p.rows.done) / Math.max(1, p.rows.total);
  return 0.97;
}

export function RestoreDialog({ backup, askPassphrase, replacing, onClose }: RestoreDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [here, setHere] = useState<Record<string, number> | null>(null);
  const [needPassphrase, setNeedPassphrase] = useState(askPassphrase);
  const [passphrase, setPassphrase] = useState('');
  const [confirmed, setConfirmed] = useState(!replacing);
  const [stage, setStage] = useState<Stage>('preview');
  const [progress, setProgress] = useState<RestorePhase | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // What the restore did besides the database, said before Redress restarts.
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null);
  // The person restoring (none on the first-run screen) makes the disposals again in their name.
  const signedIn = useContext(CurrentUserContext);
  const stop = useRef<AbortController | null>(null);
  const safety = useRunningBackup();
  const date = format.dateTime(backup.createdAt);

  useEffect(() => {
    if (!replacing) return;
    // Trail entries by the newest seq (rows and a join's packs alike: audit-store.ts).
    Promise.all([countRows(getDb()), newestAuditSeq(getDb())]).then(
      ([counts, audit]) => setHere({ ...counts, audit }),
      () => setHere({}),
    );
  }, [replacing]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const controller = new AbortController();
    stop.current = controller;
    try {
      if (replacing) {
        setStage('safety');
        await startBackup('before-restore');
      }
      setStage('restoring');
      // Lines the database in use still holds for main's ledger (main was away): none on first run.
      const waiting = replacing ? await waitingLedgerRows(getDb()) : [];
      const result = await runRestore(databaseWorkInWorker(), api().backup, {
        ledgerWaiting: waiting.flatMap((r) => (r.ledger ? [r.ledger] : [])),
        file: backup.file,
        passphrase: needPassphrase ? passphrase : undefined,
        signal: controller.signal,
        onProgress: setProgress,
        reapply: async (targetName, disposals, onCase) =>
          reapplyOnRestored(
            targetName,
            disposals,
            signedIn?.actor ?? RESTORING_NOBODY,
            (await call(api().settings.get())).timeZone,
            onCase,
            waiting,
          ),
      });
      setStage('done');
      setOutcome(result);
      // Main has switched the database and ended the session: start again on the sign-in screen,
      // whatever happens to this dialog (a little later when there is something to read first).
      const toRead = result.reapplied > 0 || result.ledgerProblem !== null || result.teamDesk;
      setTimeout(() => window.location.reload(), toRead ? 15_000 : 1500);
    } catch (error) {
      setStage('preview');
      setProgress(null);
      if (isAbort(error) || controller.signal.aborted) {
        setProblem(t('backup.restore.cancelled'));
      } else if (error instanceof IncompleteRestoreError) {
        setProblem(t('backup.restore.incomplete'));
      } else if (
        error instanceof ApiError &&
        (error.code === 'BACKUP_DAMAGED' || error.code === 'BACKUP_KEY')
      ) {
        // Without a passphrase, a backup from another office (or a key this desk lacks) asks for one.
        if (!needPassphrase) setNeedPassphrase(true);
        setProblem(needPassphrase || error.code === 'BACKUP_DAMAGED' ? t('backup.damaged') : error.message);
      } else {
        setProblem(t('backup.restore.failed', { message: backupErrorMessage(error, t('backup.damaged')) }));
      }
    } finally {
      stop.current = null;
    }
  };

  const cancel = () => {
    if (stage === 'safety') safety?.cancel();
    stop.current?.abort();
  };

  const busy = stage === 'safety' || stage === 'restoring';
  const rows: { key: string; label: string; backup: number; here: number | undefined }[] = [
    { key: 'cases', label: t('backup.restore.cases'), backup: backup.counts.cases ?? 0, here: here?.cases },
    {
      key: 'audit',
      label: t('backup.restore.audit'),
      backup: backupTrailEntries(backup),
      here: here?.audit,
    },
    {
      key: 'evidence',
      label: t('backup.restore.evidence'),
      backup: backup.evidenceFiles,
      here: here?.evidence,
    },
    { key: 'users', label: t('backup.restore.people'), backup: backup.counts.users ?? 0, here: here?.users },
  ];
  const progressText = (() => {
    if (stage === 'safety') return t('backup.restore.safetyBackup');
    if (stage === 'done') return t('backup.restore.done');
    if (!progress || progress.phase === 'checking') return t('backup.restore.checking');
    if (progress.phase === 'reading') {
      return t('backup.restore.reading', {
        pct: Math.round((100 * progress.read) / Math.max(1, progress.total)),
      });
    }
    if (progress.phase === 'importing') {
      return t('backup.restore.importing', {
        done: format.number(progress.rows.done),
        total: format.number(progress.rows.total),
      });
    }
    if (progress.phase === 'reapplying') {
      return t('backup.restore.reapplying', {
        done: format.number(progress.done),
        total: format.number(progress.total),
      });
    }
    return t('backup.restore.switching');
  })();
  const fraction =
    stage === 'safety'
      ? backupFraction(safety?.progress ?? null)
      : stage === 'done'
        ? 1
        : restoreFraction(progress);

  return (
    <Dialog
      open
      onClose={busy || stage === 'done' ? undefined : onClose}
      aria-labelledby="restore-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={(e) => void start(e)} noValidate>
        <DialogTitle id="restore-title">{t('backup.restore.title', { date })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {backup.training && <Alert severity="info">{t('backup.restore.trainingWarning')}</Alert>}
            <Table size="small" aria-label={t('backup.restore.preview')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('backup.restore.what')}</TableCell>
                  <TableCell align="right">{t('backup.restore.inBackup')}</TableCell>
                  {replacing && <TableCell align="right">{t('backup.restore.hereNow')}</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.key}>
                    <TableCell component="th" scope="row">
                      {r.label}
                    </TableCell>
                    <TableCell align="right">{format.number(r.backup)}</TableCell>
                    {replacing && (
                      <TableCell align="right">
                        {r.here === undefined ? '…' : format.number(r.here)}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography variant="body2" color="text.secondary">
              {t('backup.restore.madeBy', {
                by: backup.by ?? t('backup.list.automatic'),
                version: backup.appVersion,
              })}
            </Typography>
            {replacing && (
              <>
                {/* Read before starting, not an event: not announced as an alert. */}
                <Alert severity="warning" role="note">
                  {t('backup.restore.replaces', { date })}
                </Alert>
                <DialogContentText>{t('backup.restore.safetyFirst')}</DialogContentText>
              </>
            )}
            {needPassphrase && (
              <>
                {!askPassphrase && <DialogContentText>{t('backup.passphrase.askForeign')}</DialogContentText>}
                <TextField
                  type="password"
                  label={t('backup.passphrase.label')}
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                  autoComplete="off"
                  required
                  disabled={busy}
                  autoFocus
                />
              </>
            )}
            {replacing && (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={confirmed}
                    onChange={(e) => setConfirmed(e.target.checked)}
                    disabled={busy}
                  />
                }
                label={t('backup.restore.confirmLabel')}
              />
            )}
            {(busy || stage === 'done') && (
              <Stack spacing={1} role="status">
                <Typography variant="body2">{progressText}</Typography>
                <LinearProgress
                  variant="determinate"
                  value={Math.round(fraction * 100)}
                  aria-label={progressText}
                />
              </Stack>
            )}
            {outcome && outcome.reapplied > 0 && (
              <Alert severity="info">{t('backup.restore.reapplied', { count: outcome.reapplied })}</Alert>
            )}
            {outcome?.teamDesk && <Alert severity="info">{t('backup.restore.teamDesk')}</Alert>}
            {outcome?.ledgerProblem && (
              <Alert severity="warning">{t(`backup.restore.ledgerProblem.${outcome.ledgerProblem}`)}</Alert>
            )}
            {problem && <Alert severity="error">{problem}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          {busy ? (
            <Button onClick={cancel}>{t('backup.restore.cancel')}</Button>
          ) : stage === 'done' &&
            outcome &&
            (outcome.reapplied > 0 || outcome.ledgerProblem || outcome.teamDesk) ? (
            <Button onClick={() => window.location.reload()} autoFocus>
              {t('backup.restore.restart')}
            </Button>
          ) : (
            <Button onClick={onClose} disabled={stage === 'done'}>
              {t('backup.restore.close')}
            </Button>
          )}
          <Button
            type="submit"
            variant="contained"
            color={replacing ? 'warning' : 'primary'}
            disabled={busy || stage === 'done' || !confirmed || (needPassphrase && !passphrase)}
          >
            {replacing ? t('backup.restore.start') : t('backup.restore.startFirstRun')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
