import LockIcon from '@mui/icons-material/Lock';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../src-shared/domain/accounts';
import type { AuthStatus, TeamLockReason } from '../../../src-shared/ipc/channels/accounts';
import { api, call } from '../../api/client';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { UnlockFormSchema, type UnlockForm } from './forms';

/** What the lock screen says when the team server locked the desk, and what the person can do. */
const TEAM_LOCK_WORDS: Record<TeamLockReason, { why: string; next: string }> = {
  'account-turned-off': { why: 'session.lockedTurnedOff', next: 'session.lockedTurnedOffNext' },
  'session-ended': { why: 'session.lockedSessionEnded', next: 'session.lockedSessionEndedNext' },
};

/**
 * The lock screen, drawn over the app (which stays as it was underneath): the person's password
 * unlocks it; signing out instead is offered, with a warning that unsaved work is lost. Locked by
 * the team server, it says why and what to do: a session ended there is opened with the password
 * (the new one after a reset); an account turned off there opens no more, so no password is asked
 * for until an administrator turns it on again (the desk hears that and this screen follows).
 */
export function LockScreen({
  user,
  because,
  onDone,
  onSignOut,
}: {
  user: SessionUser;
  /** Why the team server locked the desk (the session ended there, or the account was turned off). */
  because?: TeamLockReason;
  onDone: (s: AuthStatus) => void;
  onSignOut: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const words = because ? TEAM_LOCK_WORDS[because] : null;
  const turnedOff = because === 'account-turned-off';
  const { control, submit, refusal, formState, reset } = useSchemaForm(UnlockFormSchema, {
    defaultValues: { password: '' } satisfies UnlockForm,
  });
  const onSubmit = submit(async (values) => {
    try {
      onDone(await call(api().auth.unlock(values)));
    } finally {
      // A password is never left in the box, right or wrong.
      reset({ password: '' }, { keepErrors: true });
    }
  });
  return (
    <Dialog open fullScreen aria-labelledby="lock-title" onClose={() => undefined}>
      <Box
        sx={{ minHeight: '100%', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}
      >
        <Paper sx={{ p: 4, width: '100%', maxWidth: 420 }} elevation={3}>
          <form onSubmit={onSubmit} noValidate>
            <Stack spacing={2}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <LockIcon color="primary" aria-hidden />
                <Typography variant="h5" component="h1" id="lock-title">
                  {t('session.lockedTitle')}
                </Typography>
              </Stack>
              {words ? (
                <>
                  <Alert severity="warning" role="status">
                    {t(words.why, { name: user.name })}
                  </Alert>
                  <Typography variant="body2" color="text.secondary">
                    {t(words.next)}
                  </Typography>
                </>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {t('session.lockedIntro', { name: user.name })}
                </Typography>
              )}
              {turnedOff ? (
                <Button variant="contained" onClick={() => setConfirmSignOut(true)}>
                  {t('session.signOut')}
                </Button>
              ) : (
                <>
                  <FormText
                    control={control}
                    name="password"
                    type="password"
                    label={t('session.password')}
                    required
                    autoFocus
                    autoComplete="current-password"
                  />
                  {refusal && (
                    <Alert severity="error" role="alert">
                      {refusal}
                    </Alert>
                  )}
                  <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
                    {t('session.unlock')}
                  </Button>
                  <Button onClick={() => setConfirmSignOut(true)}>{t('session.signOutInstead')}</Button>
                </>
              )}
            </Stack>
          </form>
        </Paper>
      </Box>
      <Dialog open={confirmSignOut} onClose={() => setConfirmSignOut(false)} aria-labelledby="lock-sign-out">
        <DialogTitle id="lock-sign-out">{t('session.signOutTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('session.signOutLosesWork')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmSignOut(false)}>{t('common.cancel')}</Button>
          <Button color="warning" variant="contained" onClick={() => void onSignOut()}>
            {t('session.signOut')}
          </Button>
        </DialogActions>
      </Dialog>
    </Dialog>
  );
}
