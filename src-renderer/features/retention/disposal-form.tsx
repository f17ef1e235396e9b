// What the disposal and erasure dialogs share: running the disposal with its side effects and
// showing a refusal in place, and the reason box with the warning that it cannot be undone.
import { Alert, Box, LinearProgress, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { api, call } from '../../api/client';
import type { DisposalOutcome, EvidenceFiles } from '../../db/retention';
import { indexCase } from '../../db/search-sync';
import { getCaseSearch } from '../../search/search-client';
import { errorText } from '../../api/error-text';

export const evidenceFiles: EvidenceFiles = {
  dispose: (hashes) => call(api().evidence.dispose({ hashes })),
  record: (entries) => call(api().disposals.record({ entries })),
};

const warn = (error: unknown) =>
  console.warn('Search index update failed; it will catch up on restart.', error);

/** After one case was deleted (after = null) or anonymised: the search index forgets or re-reads it. */
export async function reindexDisposed(caseId: string, after: CaseRecord | null): Promise<void> {
  if (after) await indexCase(after);
  else await getCaseSearch().removeCases([caseId]).catch(warn);
}

/**
 * Runs a step of a dialog, busy meanwhile; a refusal is kept to show where the user is looking.
 * A disposal's `onCase` is `counted`: it re-indexes each case and counts it, for the progress
 * shown and so that a run that fails part way says the lists behind have changed (`changed`).
 */
export function useDialogStep() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(0);
  const [changed, setChanged] = useState(false);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setDone(0);
    try {
      await task();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const counted = async (caseId: string, after: CaseRecord | null) => {
    await reindexDisposed(caseId, after);
    setDone((n) => n + 1);
    setChanged(true);
  };
  return { error, busy, run, done, changed, counted };
}

/** How far a disposal under way has got: it cannot be stopped part way, so the dialog waits. */
export function DisposalProgress({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  return (
    <Box role="status">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t('retention.dispose.progress', { done, total })}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={total ? (100 * done) / total : 0}
        aria-label={t('retention.dispose.progressLabel')}
      />
    </Box>
  );
}

/** Disposes, then saves the search index at once so the old words leave its saved copy too. */
export async function disposeThen(
  dispose: () => Promise<DisposalOutcome>,
  onDone: (outcome: DisposalOutcome) => void,
): Promise<void> {
  const outcome = await dispose();
  void getCaseSearch().flush().catch(warn);
  onDone(outcome);
}

/** The reason box (for the record, never the person's name), the warning, and a refusal. */
export function DisposalReason({
  value,
  onChange,
  help,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  help: string;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('case.reason')}
        required
        multiline
        minRows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        helperText={help}
      />
      <Alert severity="warning">{t('retention.dispose.irreversible')}</Alert>
      {error && <Alert severity="error">{error}</Alert>}
    </>
  );
}
