import FileUploadIcon from '@mui/icons-material/FileUpload';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Typography,
} from '@mui/material';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BundleSummary } from '../../../src-shared/ipc/channels/bundle';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../app/format';
import type { ReceivedCase } from '../../db/bundle';
import { useCurrentUser } from '../users/current-user';
import { importBundle, openBundleFile } from './bundle-flow';

export function ImportBundleButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!useCurrentUser().can('case.create').ok) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<FileUploadIcon />} onClick={() => setOpen(true)}>
        {t('bundle.import.button')}
      </Button>
      {open && <ImportBundleDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="dt">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

type Step =
  | { kind: 'choose' }
  | { kind: 'checking'; progress: number }
  | { kind: 'summary'; summary: BundleSummary }
  | { kind: 'importing'; summary: BundleSummary; done: number; total: number }
  | { kind: 'done'; results: ReceivedCase[] };

function ImportBundleDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const busy = step.kind === 'checking' || step.kind === 'importing';

  const check = async (file: File) => {
    setError(null);
    setStep({ kind: 'checking', progress: 0 });
    try {
      const summary = await openBundleFile(file, (progress) => setStep({ kind: 'checking', progress }));
      setStep({ kind: 'summary', summary });
    } catch (e) {
      setError(errorText(e));
      setStep({ kind: 'choose' });
    }
  };

  const trust = async (summary: BundleSummary) => {
    setError(null);
    try {
      setStep({ kind: 'summary', summary: await call(api().bundle.trust({ importId: summary.importId })) });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const run = async (summary: BundleSummary) => {
    setError(null);
    setStep({ kind: 'importing', summary, done: 0, total: summary.cases.length });
    try {
      const results = await importBundle(summary, actor, (done, total) =>
        setStep({ kind: 'importing', summary, done, total }),
      );
      setStep({ kind: 'done', results });
    } catch (e) {
      setError(errorText(e));
      setStep({ kind: 'summary', summary });
    }
  };

  const close = () => {
    if (step.kind === 'summary') void api().bundle.cancel({ importId: step.summary.importId });
    onClose();
  };

  const summary = step.kind === 'summary' || step.kind === 'importing' ? step.summary : null;
  return (
    <Dialog
      open
      onClose={busy ? undefined : close}
      aria-labelledby="import-bundle-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="import-bundle-title">{t('bundle.import.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {step.kind === 'choose' && (
            <>
              <Typography color="text.secondary">{t('bundle.import.intro')}</Typography>
              <Box>
                <input
                  ref={input}
                  type="file"
                  accept=".redressbundle"
                  aria-label={t('bundle.import.fileLabel')}
                  hidden
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void check(file);
                  }}
                />
                <Button variant="contained" onClick={() => input.current?.click()}>
                  {t('bundle.import.choose')}
                </Button>
              </Box>
            </>
          )}
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          {step.kind === 'checking' && (
            <LinearProgress
              variant="determinate"
              value={Math.round(step.progress * 100)}
              aria-label={t('bundle.import.checking')}
            />
          )}
          {summary && (
            <>
              <Stack component="dl" spacing={1} sx={{ m: 0 }}>
                <Row label={t('bundle.import.from')}>{summary.office}</Row>
                <Row label={t('bundle.import.signer')}>{summary.signer || '—'}</Row>
                <Row label={t('bundle.import.fingerprint')}>
                  <code>{summary.fingerprint}</code>
                </Row>
                <Row label={t('bundle.import.made')}>{format.dateTime(summary.createdAt)}</Row>
                <Row label={t('bundle.import.cases')}>{summary.cases.map((c) => c.reference).join(', ')}</Row>
                <Row label={t('bundle.import.evidence')}>{format.number(summary.evidenceFiles)}</Row>
              </Stack>
              {summary.trusted ? (
                <Alert severity="success">{t('bundle.import.trusted')}</Alert>
              ) : (
                <Alert
                  severity="warning"
                  action={
                    <Button color="inherit" sx={{ whiteSpace: 'nowrap' }} onClick={() => void trust(summary)}>
                      {t('bundle.import.trust')}
                    </Button>
                  }
                >
                  <AlertTitle>{t('bundle.import.untrustedTitle')}</AlertTitle>
                  {t('bundle.import.untrusted')}
                </Alert>
              )}
            </>
          )}
          {step.kind === 'importing' && (
            <LinearProgress
              variant="determinate"
              value={step.total ? Math.round((step.done / step.total) * 100) : 0}
              aria-label={t('bundle.import.importing')}
            />
          )}
          {step.kind === 'done' && (
            <Box component="section" aria-labelledby="bundle-results-heading">
              <Typography variant="subtitle1" component="h3" id="bundle-results-heading" gutterBottom>
                {t('bundle.import.resultsTitle')}
              </Typography>
              <Box component="ul" sx={{ m: 0, pl: 3 }}>
                {step.results.map((r) => (
                  <li key={r.id}>
                    <Typography>
                      {t(`bundle.import.result.${r.placement}`, { sentAs: r.sentAs, reference: r.reference })}{' '}
                      {r.reference && (
                        <MuiLink component={Link} to={`/cases/${r.id}`} onClick={onClose}>
                          {t('bundle.import.open', { reference: r.reference })}
                        </MuiLink>
                      )}
                    </Typography>
                  </li>
                ))}
              </Box>
            </Box>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {step.kind === 'done' ? (
          <Button onClick={onClose}>{t('bundle.import.close')}</Button>
        ) : (
          <>
            <Button onClick={close} disabled={busy}>
              {t('bundle.import.cancel')}
            </Button>
            {summary && (
              <Button
                variant="contained"
                disabled={!summary.trusted || busy}
                onClick={() => void run(summary)}
              >
                {t('bundle.import.run')}
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
