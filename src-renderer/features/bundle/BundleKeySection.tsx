import { Paper, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';

/** This office's bundle signing key, by its fingerprint: what other offices compare. */
export function BundleKeySection() {
  const { t } = useTranslation();
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call(api().bundle.identity()).then(
      (identity) => setFingerprint(identity.fingerprint),
      (e: unknown) => setError(errorText(e)),
    );
  }, []);
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="bundle-key-heading">
      <Typography variant="h6" component="h2" id="bundle-key-heading" gutterBottom>
        {t('bundle.settings.title')}
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {t('bundle.settings.intro')}
      </Typography>
      {error ? (
        <Typography color="error">{error}</Typography>
      ) : (
        <Typography>
          {t('bundle.settings.fingerprint')}: <code>{fingerprint ?? '…'}</code>
        </Typography>
      )}
    </Paper>
  );
}
