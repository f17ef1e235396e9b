import { Box, Paper, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/domain/audit';
import type { SenderHistory as History } from '../../../src-shared/domain/bundle';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import { timelineEvent } from '../cases/Timeline';

/**
 * A received case's history at the office that sent it, read-only: it is not part of this
 * office's audit chain (that records only the receipt), so it is shown apart from it.
 */
export function SenderHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [history, setHistory] = useState<History | null>(null);
  useEffect(() => {
    let live = true;
    call(api().bundle.senderHistory({ caseId })).then(
      (h) => live && setHistory(h),
      (error: unknown) => console.warn('The sending office’s history could not be read.', error),
    );
    return () => {
      live = false;
    };
  }, [caseId]);
  if (!history) return null;
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="sender-history-heading">
      <Typography variant="h6" component="h2" id="sender-history-heading" gutterBottom>
        {t('bundle.history.title', { office: history.office })}
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {t('bundle.history.intro', {
          received: format.dateTime(history.receivedAt),
          bundleId: history.bundleId.slice(0, 8),
          signer: history.signer || '—',
          fingerprint: history.fingerprint,
          reference: history.originalReference,
        })}
      </Typography>
      <Box
        component="ol"
        sx={{ m: 0, pl: 3 }}
        aria-label={t('bundle.history.title', { office: history.office })}
      >
        {history.audit.map((raw) => {
          const entry = raw as unknown as AuditEntry;
          const { label, detail } = timelineEvent(entry, t);
          return (
            <li key={entry.seq}>
              <Typography>
                <strong>{label}</strong>
                {detail ? `: ${detail}` : ''} — {entry.actor?.name ?? '—'}, {format.dateTime(entry.at)}
              </Typography>
            </li>
          );
        })}
      </Box>
    </Paper>
  );
}
