import { Alert, AlertTitle, Button, LinearProgress, Paper, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnchorRead } from '../../../src-shared/domain/audit-anchor';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { verifyStoredAuditChain, type StoredTrailCheck } from '../../db/audit-log';
import { getDb } from '../../db/schema';
import { findingText } from '../anchor/finding-text';
import { errorText } from '../../api/error-text';
import { TeamTrailCheckPanel } from '../team/TeamTrailCheck';

interface CheckResult {
  trail: StoredTrailCheck;
  anchor: AnchorRead | null;
  anchorError: string | null;
}

async function checkTrail(): Promise<CheckResult> {
  let anchor: AnchorRead | null = null;
  let anchorError: string | null = null;
  try {
    anchor = await call(api().anchor.read());
  } catch (e) {
    anchorError = errorText(e);
  }
  const trail = await verifyStoredAuditChain(getDb(), anchor ?? undefined);
  return { trail, anchor, anchorError };
}

/**
 * Lets a manager prove the trail is whole before handing a case file to an auditor: every link of
 * the chain, and the chain against the checkpoints main keeps outside the database.
 */
export function AuditCheckSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = () => {
    setBusy(true);
    setResult(null);
    setError(null);
    checkTrail()
      .then(setResult, (e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  const chain = result?.trail.chain;
  const newest = result?.anchor?.checkpoints.at(-1);
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="audit-heading">
      <Typography variant="h6" component="h2" id="audit-heading" sx={{ mb: 0.5 }}>
        {t('audit.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('audit.intro')}
      </Typography>
      <Button variant="outlined" onClick={check} disabled={busy}>
        {busy ? t('audit.checking') : t('audit.verify')}
      </Button>
      {busy && <LinearProgress sx={{ mt: 2 }} aria-label={t('audit.checking')} />}
      {result && chain && (!chain.ok || result.trail.ok) && (
        <Alert severity={result.trail.ok ? 'success' : 'error'} sx={{ mt: 2 }}>
          {chain.ok
            ? t('audit.ok', { count: chain.count, formatted: format.number(chain.count) })
            : t('audit.broken', { seq: chain.brokenAt, reason: chain.reason })}
          {result.trail.ok &&
            result.anchor &&
            ` ${
              newest
                ? t('anchor.check.anchorOk', {
                    count: result.anchor.lines,
                    formatted: format.number(result.anchor.lines),
                    seq: format.number(newest.seq),
                    date: format.dateTime(newest.at),
                  })
                : t('anchor.check.noCheckpoints')
            }`}
        </Alert>
      )}
      {result && result.trail.findings.length > 0 && (
        <Alert severity="error" sx={{ mt: 2 }}>
          <AlertTitle>{t('anchor.check.problemsTitle')}</AlertTitle>
          {chain?.ok && <Typography variant="body2">{t('anchor.check.chainOkButFindings')}</Typography>}
          <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
            {result.trail.findings.map((finding, i) => (
              <li key={i}>{findingText(t, format, finding)}</li>
            ))}
          </ul>
        </Alert>
      )}
      {result?.anchorError && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {t('anchor.check.anchorUnavailable', { message: result.anchorError })}
        </Alert>
      )}
      {result?.anchor?.keyProtection === 'plain' && (
        <Alert severity="info" role="status" sx={{ mt: 2 }}>
          {t('anchor.check.plainKey')}
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
      <TeamTrailCheckPanel />
    </Paper>
  );
}
