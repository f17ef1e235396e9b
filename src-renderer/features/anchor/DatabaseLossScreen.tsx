import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type ComponentType, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAdministrator } from '../../../src-shared/domain/accounts';
import type { CensusVerdict } from '../../../src-shared/domain/audit-anchor';
import { api, call } from '../../api/client';
import { useFormat } from '../../app/format';
import type { DatabaseCensus } from '../../db/database-census';
import { AuthLayout } from '../session/AuthLayout';
import { useCurrentUser } from '../users/current-user';
import type { RestoreActionProps } from './restore-action';

type Lost = Extract<CensusVerdict, { state: 'lost' }>;

/** Says what the database held and what it holds now, in the office's words and numbers. */
function useLossSentence(verdict: Lost): string {
  const { t } = useTranslation();
  const format = useFormat();
  const { known, current } = verdict;
  const date = format.dateTime(known.at);
  const numbers = {
    date,
    knownCases: format.number(known.cases),
    knownEntries: format.number(known.auditSeq),
    cases: format.number(current.cases),
    entries: format.number(current.auditSeq),
  };
  switch (verdict.kind) {
    case 'empty':
      return t('anchor.loss.empty', { count: known.cases, formatted: format.number(known.cases), date });
    case 'smaller':
      return t('anchor.loss.smaller', numbers);
    case 'replaced':
      return t('anchor.loss.replaced', numbers);
  }
}

/** An administrator accepts the database as it is, with a typed confirmation and a reason. */
function StartEmptyForm({ facts, onDone }: { facts: DatabaseCensus; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const word = t('anchor.loss.confirmWord');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    call(api().database.startEmpty({ ...facts, reason, confirmed: true }))
      .then(onDone, (err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  };
  return (
    <Box component="form" aria-label={t('anchor.loss.startEmpty')} onSubmit={submit} noValidate>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {t('anchor.loss.startEmptyIntro')}
      </Typography>
      <Stack spacing={2}>
        <TextField
          label={t('anchor.loss.reason')}
          helperText={t('anchor.loss.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          multiline
          minRows={2}
          required
        />
        <TextField
          label={t('anchor.loss.confirmLabel', { word })}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          required
        />
        {error && <Alert severity="error">{error}</Alert>}
        <Button
          type="submit"
          variant="contained"
          color="error"
          disabled={busy || typed.trim() !== word || reason.trim().length === 0}
        >
          {busy ? t('anchor.loss.starting') : t('anchor.loss.confirm')}
        </Button>
      </Stack>
    </Box>
  );
}

/** The administrators' names, so that someone else knows whom to call. */
function useAdministratorNames(): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    call(api().accounts.list()).then(
      (list) => setNames(list.accounts.filter((a) => !a.disabled && isAdministrator(a)).map((a) => a.name)),
      () => setNames([]),
    );
  }, []);
  return names;
}

export function DatabaseLossScreen({
  verdict,
  facts,
  restoreAction: RestoreAction,
  onStartedEmpty,
}: {
  verdict: Lost;
  facts: DatabaseCensus;
  restoreAction: ComponentType<RestoreActionProps> | null;
  onStartedEmpty: () => void;
}) {
  const { t } = useTranslation();
  const { user, signOut } = useCurrentUser();
  const administrator = isAdministrator(user);
  const administrators = useAdministratorNames();
  const [startingEmpty, setStartingEmpty] = useState(false);
  const sentence = useLossSentence(verdict);
  return (
    <AuthLayout title={t('anchor.loss.title')}>
      <Alert severity="error" sx={{ mb: 2 }}>
        {sentence}
      </Alert>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {t('anchor.loss.nothingChanged')}
      </Typography>
      {administrator ? (
        <Stack spacing={2} sx={{ mb: 2 }}>
          {RestoreAction ? (
            <RestoreAction known={verdict.known} />
          ) : (
            <Alert severity="info">{t('anchor.loss.noRestore')}</Alert>
          )}
          {startingEmpty ? (
            <StartEmptyForm facts={facts} onDone={onStartedEmpty} />
          ) : (
            <Button variant="outlined" color="error" onClick={() => setStartingEmpty(true)}>
              {t('anchor.loss.startEmpty')}
            </Button>
          )}
        </Stack>
      ) : (
        <Box sx={{ mb: 2 }}>
          <Typography variant="body2">{t('anchor.loss.askAdministrator')}</Typography>
          {administrators.length > 0 && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {t('anchor.loss.administrators', { names: administrators.join(', ') })}
            </Typography>
          )}
        </Box>
      )}
      <Button onClick={() => void signOut()}>{t('anchor.loss.signOut')}</Button>
    </AuthLayout>
  );
}
