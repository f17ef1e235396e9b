import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplainantSearch } from '../../../src-shared/domain/retention';
import { useFormat } from '../../app/format';
import {
  eraseComplainant,
  findComplainantCases,
  type DisposalOutcome,
  type ErasureCandidate,
} from '../../db/retention';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { DisposalProgress, DisposalReason, disposeThen, evidenceFiles, useDialogStep } from './disposal-form';

const FIELDS = ['name', 'accountRef', 'email', 'phone'] as const;

/** Find one person's cases by any detail, preview them, give a reason, anonymise them all. */
export function ErasureDialog({
  onDone,
  onClose,
}: {
  onDone: (outcome: DisposalOutcome) => void;
  /** `changed`: a run failed part way, having anonymised some cases. */
  onClose: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const [query, setQuery] = useState<Required<ComplainantSearch>>({
    name: '',
    accountRef: '',
    email: '',
    phone: '',
  });
  const [found, setFound] = useState<ErasureCandidate[] | null>(null);
  const [reason, setReason] = useState('');
  const { error, busy, run, done, changed, counted } = useDialogStep();
  // Not while it runs: closing would not stop it, and would hide how it ended.
  const close = () => !busy && onClose(changed);
  const included = (found ?? []).filter((c) => !c.blocked);

  const find = () => run(async () => setFound(await findComplainantCases(getDb(), query, actor)));
  // The erasure under way (not a search): its progress shows.
  const [erasing, setErasing] = useState(false);
  const erase = () => {
    setErasing(true);
    return run(() =>
      disposeThen(
        () =>
          eraseComplainant(
            getDb(),
            included.map((c) => c.id),
            actor,
            { reason, files: evidenceFiles, onCase: counted },
          ),
        onDone,
      ),
    ).finally(() => setErasing(false));
  };

  return (
    <Dialog open onClose={close} aria-labelledby="erasure-title" fullWidth maxWidth="md">
      <DialogTitle id="erasure-title">{t('retention.erasure.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography>{t('retention.erasure.intro')}</Typography>
          <Stack
            component="form"
            direction={{ xs: 'column', sm: 'row' }}
            spacing={1}
            onSubmit={(e) => {
              e.preventDefault();
              void find();
            }}
          >
            {FIELDS.map((f) => (
              <TextField
                key={f}
                size="small"
                label={t(`retention.erasure.${f}`)}
                value={query[f]}
                onChange={(e) => {
                  setQuery({ ...query, [f]: e.target.value });
                  setFound(null);
                }}
              />
            ))}
            <Button type="submit" variant="outlined" disabled={busy}>
              {t('retention.erasure.find')}
            </Button>
          </Stack>
          {found && found.length === 0 && <Alert severity="info">{t('retention.erasure.none')}</Alert>}
          {found && found.length > 0 && (
            <>
              <Typography role="status">{t('retention.erasure.found', { count: found.length })}</Typography>
              <List dense aria-label={t('retention.erasure.preview')}>
                {found.map((c) => (
                  <ListItem key={c.id} divider>
                    <ListItemText
                      primary={`${c.reference} — ${c.name}`}
                      secondary={
                        c.blocked
                          ? t('retention.erasure.blocked', { message: c.blocked })
                          : t('retention.erasure.caseLine', {
                              status: t(`status.${c.status}`),
                              date: format.date(c.receivedAt),
                            })
                      }
                    />
                  </ListItem>
                ))}
              </List>
              <DisposalReason
                value={reason}
                onChange={setReason}
                help={t('retention.erasure.reasonHelp')}
                error={error}
              />
            </>
          )}
          {error && !found?.length && <Alert severity="error">{error}</Alert>}
          {erasing && <DisposalProgress done={done} total={included.length} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
        {included.length > 0 && (
          <Button variant="contained" color="error" onClick={() => void erase()} disabled={busy}>
            {t('retention.erasure.confirm', { count: included.length })}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
