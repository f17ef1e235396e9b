import {
  Alert,
  Box,
  Button,
  LinearProgress,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useAppInfo } from '../../app/app-info';
import type { ProfileKind } from '../../../src-shared/ipc/channels/training';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { getDb } from '../../db/schema';
import { seedDemoData } from '../../db/seed';
import { rebuildSearchIndex } from '../../db/search-sync';
import { useCurrentUser } from '../users/current-user';
import { ensureDemoAccounts } from './demo-accounts';
import { errorText } from '../../api/error-text';

const SIZES = [100, 1000, 10_000, 100_000];

/**
 * Training data for new officers: realistic cases across every stage, channel and regime, in a
 * training profile only. A live profile is told why not and how to open the training profile.
 */
export function DemoDataSection() {
  const info = useAppInfo();
  if (!info) return null;
  return info.profile === 'training' ? (
    <LoadDemoData profile={info.profile} />
  ) : (
    <DemoDataRefused runtime={info.runtime} />
  );
}

function DemoDataRefused({ runtime }: { runtime: 'electron' | 'harness' }) {
  const { t } = useTranslation();
  const notify = useNotify();
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="demo-heading">
      <Typography variant="h6" component="h2" id="demo-heading" sx={{ mb: 0.5 }}>
        {t('demo.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('training.demoLiveOnly')}</Typography>
      {runtime === 'electron' ? (
        <Button
          variant="outlined"
          onClick={() => call(api().training.open()).catch((e: unknown) => notify(errorText(e), 'error'))}
        >
          {t('training.openTraining')}
        </Button>
      ) : (
        <Typography color="text.secondary">{t('training.howToOpen')}</Typography>
      )}
    </Paper>
  );
}

function LoadDemoData({ profile }: { profile: ProfileKind }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormat();
  const rules = useCaseRules();
  const [count, setCount] = useState(1000);
  const { refreshDirectory } = useCurrentUser();
  const [progress, setProgress] = useState<{
    phase: 'people' | 'cases' | 'search';
    done: number;
    total: number;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [demoPassword, setDemoPassword] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const load = async () => {
    setError(null);
    abort.current = new AbortController();
    try {
      setProgress({ phase: 'people', done: 0, total: 1 });
      const { people, password } = await ensureDemoAccounts((done, total) =>
        setProgress({ phase: 'people', done, total }),
      );
      if (password) setDemoPassword(password);
      await refreshDirectory();
      setProgress({ phase: 'cases', done: 0, total: count });
      await seedDemoData(getDb(), {
        profile,
        people,
        count,
        seed: Date.now() % 1_000_000,
        now: new Date(),
        rules,
        onProgress: (done, total) => setProgress({ phase: 'cases', done, total }),
        signal: abort.current.signal,
      });
      setProgress({ phase: 'search', done: 0, total: 1 });
      await rebuildSearchIndex((done, total) => setProgress({ phase: 'search', done, total }));
      notify(t('demo.loaded', { count, formatted: format.number(count) }), 'success');
    } catch (e) {
      setError(abort.current.signal.aborted ? t('demo.cancelled') : errorText(e));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const pct = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="demo-heading">
      <Typography variant="h6" component="h2" id="demo-heading" sx={{ mb: 0.5 }}>
        {t('demo.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('demo.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={t('demo.count')}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
          disabled={!!progress}
          sx={{ minWidth: 160 }}
        >
          {SIZES.map((n) => (
            <MenuItem key={n} value={n}>
              {format.number(n)}
            </MenuItem>
          ))}
        </TextField>
        {progress ? (
          <Button onClick={() => abort.current?.abort()}>{t('common.cancel')}</Button>
        ) : (
          <Button variant="outlined" onClick={() => void load()}>
            {t('demo.load')}
          </Button>
        )}
      </Stack>
      {progress && (
        <Box sx={{ mt: 2 }}>
          <LinearProgress variant="determinate" value={pct} aria-label={t('demo.progress')} />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} role="status">
            {progress.phase === 'people'
              ? t('demo.progressPeople')
              : progress.phase === 'cases'
                ? t('demo.progressCases', {
                    done: format.number(progress.done),
                    total: format.number(progress.total),
                  })
                : t('demo.progressSearch', { pct })}
          </Typography>
        </Box>
      )}
      {demoPassword && (
        <Alert severity="info" sx={{ mt: 2 }} onClose={() => setDemoPassword(null)}>
          {t('demo.peopleAdded', { password: demoPassword })}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
    </Paper>
  );
}
