import { Alert, Button, List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../src-shared/ipc/contract';
import { api, call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { ConfirmDialog } from '../../components/ConfirmDialog';

type TrustedOffice = OutputOf<'bundle:trusted-offices'>['offices'][number];

/**
 * This office's bundle signing key, by its fingerprint (what other offices compare), and the other
 * offices trusted here, each of which an administrator may stop trusting.
 */
export function BundleKeySection() {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [offices, setOffices] = useState<TrustedOffice[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<TrustedOffice | null>(null);
  const [busy, setBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const load = useCallback(() => {
    call(api().bundle.trustedOffices()).then(
      (r) => setOffices(r.offices),
      (e: unknown) => setListError(errorText(e)),
    );
  }, []);
  useEffect(() => {
    call(api().bundle.identity()).then(
      (identity) => setFingerprint(identity.fingerprint),
      (e: unknown) => setError(errorText(e)),
    );
    load();
  }, [load]);

  const revoke = async (office: TrustedOffice) => {
    setBusy(true);
    setRevokeError(null);
    try {
      await call(api().bundle.revoke({ fingerprint: office.fingerprint }));
      setRevoking(null);
      notify(t('bundle.settings.revoked', { office: office.office }), 'success');
      load();
    } catch (e) {
      setRevokeError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

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
      <Typography variant="subtitle1" component="h3" id="trusted-offices-heading" sx={{ mt: 2 }}>
        {t('bundle.settings.trusted')}
      </Typography>
      {listError && <Alert severity="error">{listError}</Alert>}
      {offices?.length === 0 && <Typography>{t('bundle.settings.noneTrusted')}</Typography>}
      {offices && offices.length > 0 && (
        <List aria-labelledby="trusted-offices-heading" dense>
          {offices.map((o) => (
            <ListItem
              key={o.fingerprint}
              secondaryAction={
                <Button
                  color="error"
                  aria-label={t('bundle.settings.revokeOffice', { office: o.office })}
                  onClick={() => {
                    setRevokeError(null);
                    setRevoking(o);
                  }}
                >
                  {t('bundle.settings.revoke')}
                </Button>
              }
            >
              <ListItemText
                primary={o.office}
                secondary={t('bundle.settings.trustedDetail', {
                  fingerprint: o.fingerprint,
                  at: format.dateTime(o.trustedAt),
                  by: o.trustedBy || t('bundle.settings.someone'),
                })}
                sx={{ pr: 14, overflowWrap: 'anywhere' }}
              />
            </ListItem>
          ))}
        </List>
      )}
      <ConfirmDialog
        id="revoke-office-title"
        open={revoking !== null}
        title={t('bundle.settings.revokeTitle', { office: revoking?.office ?? '' })}
        body={t('bundle.settings.revokeBody', { fingerprint: revoking?.fingerprint ?? '' })}
        confirmLabel={t('bundle.settings.revokeConfirm')}
        busy={busy}
        error={revokeError}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      />
    </Paper>
  );
}
