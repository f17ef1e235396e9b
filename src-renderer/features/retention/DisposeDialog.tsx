import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../../../src-shared/domain/retention';
import { disposeDueCases, type DisposalOutcome } from '../../db/retention';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { evidenceFiles, reindexDisposed, saveSearchIndex } from './disposal-effects';

/** Delete or anonymise the cases chosen, with a reason; the confirmation names how many. */
export function DisposeDialog({
  caseIds,
  policy,
  now,
  onDone,
  onClose,
}: {
  caseIds: string[];
  policy: RetentionPolicy;
  now: Date;
  onDone: (outcome: DisposalOutcome) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const [method, setMethod] = useState<'delete' | 'anonymise'>('delete');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = caseIds.length;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await disposeDueCases(getDb(), caseIds, actor, policy, {
        method,
        reason,
        files: evidenceFiles,
        now,
        onCase: reindexDisposed,
      });
      void saveSearchIndex();
      onDone(outcome);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="dispose-title" fullWidth maxWidth="sm">
      <DialogTitle id="dispose-title">{t('retention.dispose.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <FormControl>
            <FormLabel id="dispose-method">{t('retention.dispose.method')}</FormLabel>
            <RadioGroup
              aria-labelledby="dispose-method"
              value={method}
              onChange={(e) => setMethod(e.target.value as 'delete' | 'anonymise')}
            >
              <FormControlLabel value="delete" control={<Radio />} label={t('retention.dispose.delete')} />
              <FormControlLabel
                value="anonymise"
                control={<Radio />}
                label={t('retention.dispose.anonymise')}
              />
            </RadioGroup>
            <FormHelperText>
              {method === 'delete' ? t('retention.dispose.deleteHelp') : t('retention.dispose.anonymiseHelp')}
            </FormHelperText>
          </FormControl>
          <TextField
            label={t('case.reason')}
            required
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            helperText={t('retention.dispose.reasonHelp')}
          />
          <Alert severity="warning">{t('retention.dispose.irreversible')}</Alert>
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" color="error" onClick={() => void confirm()} disabled={busy}>
          {t('retention.dispose.confirm', { count })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
