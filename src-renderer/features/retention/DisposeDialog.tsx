import {
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
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../../../src-shared/domain/retention';
import { disposeDueCases, type DisposalOutcome } from '../../db/retention';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { DisposalProgress, DisposalReason, disposeThen, evidenceFiles, useDialogStep } from './disposal-form';

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
  /** `changed`: a run failed part way, having disposed of some cases. */
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const [method, setMethod] = useState<'delete' | 'anonymise'>('delete');
  const [reason, setReason] = useState('');
  const { error, busy, run, done, changed, counted } = useDialogStep();
  // Not while it runs: closing would not stop it, and would hide how it ended.
  const close = () => !busy && onClose(changed);
  const count = caseIds.length;
  const confirm = () =>
    run(() =>
      disposeThen(
        () =>
          disposeDueCases(getDb(), caseIds, actor, policy, {
            method,
            reason,
            files: evidenceFiles,
            now,
            onCase: counted,
          }),
        onDone,
      ),
    );
  return (
    <Dialog open onClose={close} aria-labelledby="dispose-title" fullWidth maxWidth="sm">
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
          <DisposalReason
            value={reason}
            onChange={setReason}
            help={t('retention.dispose.reasonHelp')}
            error={error}
          />
          {busy && <DisposalProgress done={done} total={count} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" color="error" onClick={() => void confirm()} disabled={busy}>
          {t('retention.dispose.confirm', { count })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
