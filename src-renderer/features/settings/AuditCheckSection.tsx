import { Alert, Button, LinearProgress, Paper, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../src-shared/domain/audit';
import { useFormat } from '../../app/format';
import { verifyStoredAuditChain } from '../../db/audit-log';
import { getDb } from '../../db/schema';

/** Lets a manager prove the trail is whole before handing a case file to an auditor. */
export function AuditCheckSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = () => {
    setBusy(true);
    setResult(null);
    setError(null);
    verifyStoredAuditChain(getDb())
      .then(setResult, (e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
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
      {result && (
        <Alert severity={result.ok ? 'success' : 'error'} sx={{ mt: 2 }}>
          {result.ok
            ? t('audit.ok', { count: result.count, formatted: format.number(result.count) })
            : t('audit.broken', { seq: result.brokenAt, reason: result.reason })}
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
