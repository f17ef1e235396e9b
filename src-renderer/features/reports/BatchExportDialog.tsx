import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_REPORT_SECTIONS } from '../../../src-shared/ipc/channels/reports';
import { choiceProblems, EMPTY_CHOICE } from '../../../src-shared/reports/redaction-review';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { useCurrentUser } from '../users/current-user';
import { caseReportFileName, exportCasePdf } from './export-case';
import { errorText } from '../../api/error-text';

export interface BatchCase {
  id: string;
  reference: string;
}

type Run =
  | { phase: 'ready' }
  | { phase: 'running'; done: number; path: string }
  | { phase: 'finished'; ok: number; done: number; path: string; stopped: boolean; ms: number };

/**
 * One case report per selected case into a folder the user picks, one at a time, stoppable; full
 * reports, or redacted copies for one recipient and purpose (each checked after it is built, and
 * logged on its case). Terms to add or show are chosen case by case, in the case's own export.
 */
export function BatchExportDialog({ cases, onClose }: { cases: BatchCase[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { user, actor } = useCurrentUser();
  const [run, setRun] = useState<Run>({ phase: 'ready' });
  const [failures, setFailures] = useState<{ reference: string; message: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const [redact, setRedact] = useState(false);
  const [choice, setChoice] = useState(EMPTY_CHOICE);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<string[]>([]);
  const format = useFormat();
  const stop = useRef(false);
  const total = cases.length;
  const problems = redact ? choiceProblems(choice) : {};

  const start = async () => {
    setError(null);
    setTried(true);
    if (problems.recipient || problems.purpose) return;
    let folder: { folderId: string; path: string } | null;
    try {
      folder = await call(api().reports.chooseFolder());
    } catch (e) {
      return setError(errorText(e));
    }
    if (!folder) return;
    stop.current = false;
    const started = performance.now();
    const failed: { reference: string; message: string }[] = [];
    const written: string[] = [];
    let done = 0;
    setRun({ phase: 'running', done, path: folder.path });
    for (const c of cases) {
      if (stop.current) break;
      try {
        const result = await exportCasePdf(
          c.id,
          { sections: [...CASE_REPORT_SECTIONS], redact, includeAudit: true },
          { kind: 'folder', folderId: folder.folderId, fileName: caseReportFileName(c.reference, redact) },
          { settings, actorName: user.name, actor, viewer: actor, now: new Date(), t },
          redact ? choice : undefined,
        );
        if (result.saved) {
          written.push(result.path);
          setSaved([...written]);
        }
      } catch (e) {
        failed.push({ reference: c.reference, message: errorText(e) });
        setFailures([...failed]);
      }
      done += 1;
      setRun({ phase: 'running', done, path: folder.path });
    }
    setRun({
      phase: 'finished',
      ok: written.length,
      done,
      path: folder.path,
      stopped: stop.current && done < total,
      ms: performance.now() - started,
    });
    setStopping(false);
  };

  const running = run.phase === 'running';
  return (
    <Dialog
      open
      onClose={running ? undefined : onClose}
      aria-labelledby="batch-export-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="batch-export-title">{t('reports.batch.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography>{t('reports.batch.intro', { count: total })}</Typography>
          {run.phase !== 'ready' && (
            <div role="status">
              <Typography variant="body2">
                {run.phase === 'running'
                  ? t('reports.batch.progress', { done: run.done, total })
                  : t(run.stopped ? 'reports.batch.stopped' : 'reports.batch.done', {
                      ok: run.ok,
                      total,
                      path: run.path,
                      time: format.duration(run.ms),
                    })}
              </Typography>
              {/* A stopped run's bar stays where it stopped: it never claims the cases not done. */}
              <LinearProgress
                variant="determinate"
                value={Math.round((run.done / total) * 100)}
                aria-label={t('reports.batch.title')}
              />
              {stopping && <Typography variant="body2">{t('reports.batch.stopping')}</Typography>}
            </div>
          )}
          {run.phase === 'ready' && (
            <div>
              <FormControlLabel
                control={<Checkbox checked={redact} onChange={(e) => setRedact(e.target.checked)} />}
                label={t('reports.case.redact')}
              />
              <FormHelperText sx={{ mt: 0 }}>{t('reports.batch.redactHelp')}</FormHelperText>
            </div>
          )}
          {run.phase === 'ready' && redact && (
            <Stack spacing={1}>
              <TextField
                label={t('reports.review.recipient')}
                value={choice.recipient}
                onChange={(e) => setChoice((c) => ({ ...c, recipient: e.target.value }))}
                error={tried && !!problems.recipient}
                helperText={tried && problems.recipient ? t('reports.review.recipientRequired') : ' '}
                required
              />
              <TextField
                label={t('reports.review.purpose')}
                value={choice.purpose}
                onChange={(e) => setChoice((c) => ({ ...c, purpose: e.target.value }))}
                error={tried && !!problems.purpose}
                helperText={tried && problems.purpose ? t('reports.review.purposeRequired') : ' '}
                required
              />
            </Stack>
          )}
          {run.phase === 'finished' && saved.length > 0 && (
            <div>
              <Typography component="h3" variant="subtitle2">
                {t('reports.batch.files')}
              </Typography>
              <List dense aria-label={t('reports.batch.files')} sx={{ maxHeight: 200, overflow: 'auto' }}>
                {saved.map((path) => (
                  <ListItem key={path} disableGutters>
                    <ListItemText primary={path.split(/[\\/]/).pop()} />
                  </ListItem>
                ))}
              </List>
            </div>
          )}
          {failures.length > 0 && (
            <Alert severity="warning">
              <Typography component="h3" variant="subtitle2">
                {t('reports.batch.failures')}
              </Typography>
              <List dense aria-label={t('reports.batch.failures')}>
                {failures.map((f) => (
                  <ListItem key={f.reference} disableGutters>
                    <ListItemText primary={f.reference} secondary={f.message} />
                  </ListItem>
                ))}
              </List>
            </Alert>
          )}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        {run.phase === 'ready' && (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button variant="contained" onClick={() => void start()}>
              {t('reports.batch.chooseFolder')}
            </Button>
          </>
        )}
        {running && (
          <Button
            onClick={() => {
              stop.current = true;
              setStopping(true);
            }}
            disabled={stopping}
          >
            {t('reports.batch.cancel')}
          </Button>
        )}
        {run.phase === 'finished' && (
          <Button variant="contained" onClick={onClose}>
            {t('reports.batch.close')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
