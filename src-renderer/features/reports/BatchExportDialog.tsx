import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_REPORT_SECTIONS } from '../../../src-shared/ipc/channels/reports';
import { api, call } from '../../api/client';
import { useSettings } from '../../app/settings-context';
import { useCurrentUser } from '../users/current-user';
import { caseReportFileName, exportCasePdf } from './export-case';

export interface BatchCase {
  id: string;
  reference: string;
}

type Run =
  | { phase: 'ready' }
  | { phase: 'running'; done: number; path: string }
  | { phase: 'finished'; ok: number; path: string; stopped: boolean };

/** One full case report per selected case into a folder the user picks, one at a time, stoppable. */
export function BatchExportDialog({ cases, onClose }: { cases: BatchCase[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { user, actor } = useCurrentUser();
  const [run, setRun] = useState<Run>({ phase: 'ready' });
  const [failures, setFailures] = useState<{ reference: string; message: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const stop = useRef(false);
  const total = cases.length;

  const start = async () => {
    setError(null);
    let folder: { folderId: string; path: string } | null;
    try {
      folder = await call(api().reports.chooseFolder());
    } catch (e) {
      return setError(e instanceof Error ? e.message : String(e));
    }
    if (!folder) return;
    stop.current = false;
    const failed: { reference: string; message: string }[] = [];
    let ok = 0;
    let done = 0;
    setRun({ phase: 'running', done, path: folder.path });
    for (const c of cases) {
      if (stop.current) break;
      try {
        const saved = await exportCasePdf(
          c.id,
          { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true },
          { kind: 'folder', folderId: folder.folderId, fileName: caseReportFileName(c.reference, false) },
          { settings, actorName: user.name, actor, viewer: actor, now: new Date(), t },
        );
        if (saved.saved) ok += 1;
      } catch (e) {
        failed.push({ reference: c.reference, message: e instanceof Error ? e.message : String(e) });
        setFailures([...failed]);
      }
      done += 1;
      setRun({ phase: 'running', done, path: folder.path });
    }
    setRun({ phase: 'finished', ok, path: folder.path, stopped: stop.current && done < total });
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
                    })}
              </Typography>
              <LinearProgress
                variant="determinate"
                value={((run.phase === 'running' ? run.done : total) / total) * 100}
                aria-label={t('reports.batch.title')}
              />
              {stopping && <Typography variant="body2">{t('reports.batch.stopping')}</Typography>}
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
