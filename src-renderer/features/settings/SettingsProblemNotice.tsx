// A settings file main could not read is shown, never hidden: an administrator chooses between the
// last good copy and the default settings; anyone else is told to call one.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsProblem } from '../../../src-shared/ipc/channels/settings-recovery';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { useCurrentUser } from '../users/current-user';
import { errorText } from '../../api/error-text';

export function SettingsProblemNotice() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const { replace } = useSettings();
  const [problem, setProblem] = useState<SettingsProblem>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    call(api().settings.problem()).then(
      (p) => alive && setProblem(p),
      (e: unknown) => console.error('Could not ask about the settings file', e),
    );
    return () => {
      alive = false;
    };
  }, []);

  if (!problem) return null;
  const administrator = can('settings.edit').ok;
  const title = problem.keptAs ? t('settingsProblem.title') : t('settingsProblem.missingTitle');

  if (!administrator)
    return (
      <Dialog open aria-labelledby="settings-problem-title" onClose={() => setProblem(null)}>
        <DialogTitle id="settings-problem-title">{title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('settingsProblem.callAdministrator')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setProblem(null)}>{t('settingsProblem.ok')}</Button>
        </DialogActions>
      </Dialog>
    );

  const choose = async (pending: ReturnType<typeof api>['settings']['useLastGood']) => {
    setBusy(true);
    setError(null);
    try {
      replace(await call(pending()));
      setProblem(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    // No way out but a choice: the office's settings are what is at stake.
    <Dialog open aria-labelledby="settings-problem-title" aria-describedby="settings-problem-text">
      <DialogTitle id="settings-problem-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id="settings-problem-text">
          {problem.keptAs
            ? t('settingsProblem.keptAs', { file: problem.keptAs })
            : t('settingsProblem.missing')}{' '}
          {problem.lastGoodAvailable
            ? t('settingsProblem.inForceLastGood')
            : t('settingsProblem.inForceDefaults')}
        </DialogContentText>
        {!problem.lastGoodAvailable && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('settingsProblem.noLastGood')}
          </Alert>
        )}
        {error && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {problem.lastGoodAvailable && problem.lastGoodAt && (
          <Button
            variant="contained"
            disabled={busy}
            onClick={() => void choose(() => api().settings.useLastGood())}
          >
            {t('settingsProblem.useLastGood', { date: format.dateTime(problem.lastGoodAt) })}
          </Button>
        )}
        <Button disabled={busy} onClick={() => void choose(() => api().settings.keepDefaults())}>
          {t('settingsProblem.keepDefaults')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
