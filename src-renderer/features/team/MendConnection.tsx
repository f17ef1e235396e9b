// The sign-in screen's way out of a team connection nobody can sign in through: team.json damaged,
// or the saved password no longer unlockable on this computer. Settings → Team server would mend
// it, but Settings needs a sign-in, and a team desk signs in against the server. Main keeps only a
// connection the server accepts (and, with only the password lost, only the saved server).
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TeamRepairInputSchema, type TeamConnectionProblem } from '../../../src-shared/ipc/channels/team';
import { api, call } from '../../api/client';
import { keepTypedOnClose } from '../../components/dialog-close';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { ServerFields, type TeamForm } from './TeamSection';

const EMPTY: TeamForm = { host: '', port: 5432, database: 'redress', user: '', caPath: '', password: '' };

/** The alert and its dialog, shown on the sign-in screen only while the connection cannot be used. */
export function MendTeamConnection() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<TeamConnectionProblem | null>(null);
  const [open, setOpen] = useState(false);
  const [mended, setMended] = useState(false);
  useEffect(() => {
    // Not knowing leaves the screen as it was: signing in then says what is wrong in words.
    call(api().team.connectionProblem()).then(
      (answer) => setProblem(answer.problem),
      () => undefined,
    );
  }, []);
  if (mended)
    return (
      <Alert severity="success" role="status" sx={{ mb: 2 }}>
        {t('team.mend.done')}
      </Alert>
    );
  if (!problem) return null;
  return (
    <>
      <Alert
        severity="warning"
        sx={{ mb: 2 }}
        action={
          <Button color="inherit" size="small" onClick={() => setOpen(true)} sx={{ whiteSpace: 'nowrap' }}>
            {t(problem === 'damaged' ? 'team.mend.open' : 'team.mend.openPassword')}
          </Button>
        }
      >
        {t(problem === 'damaged' ? 'team.mend.damaged' : 'team.mend.passwordUnreadable')}
      </Alert>
      {open && (
        <MendDialog
          problem={problem}
          onClose={() => setOpen(false)}
          onMended={() => {
            setOpen(false);
            setProblem(null);
            setMended(true);
          }}
        />
      )}
    </>
  );
}

function MendDialog({
  problem,
  onClose,
  onMended,
}: {
  problem: TeamConnectionProblem;
  onClose: () => void;
  onMended: () => void;
}) {
  const { t } = useTranslation();
  const everything = problem === 'damaged';
  const form = useSchemaForm(TeamRepairInputSchema, {
    defaultValues: EMPTY,
    toInput: (v: TeamForm) => ({
      password: v.password,
      ...(everything
        ? {
            connection: {
              host: v.host,
              port: v.port,
              database: v.database,
              user: v.user,
              ...(v.caPath.trim() ? { caPath: v.caPath.trim() } : {}),
            },
          }
        : {}),
    }),
    fieldFor: (path) => path.replace(/^connection\./, ''),
  });
  const { control, formState } = form;
  const busy = formState.isSubmitting;
  const save = form.submit(async (input) => {
    await call(api().team.repairConnection(input));
    onMended();
  });
  return (
    <Dialog open onClose={keepTypedOnClose(onClose, busy)} aria-labelledby="mend-team-title" fullWidth>
      <form noValidate onSubmit={(e) => void save(e)}>
        <DialogTitle id="mend-team-title">{t('team.mend.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="info">{t(everything ? 'team.mend.introAll' : 'team.mend.introPassword')}</Alert>
            {everything && (
              <>
                <ServerFields control={control} />
                <FormText
                  control={control}
                  name="caPath"
                  label={t('team.settings.caPath')}
                  helperText={t('team.settings.caPathHelp')}
                />
              </>
            )}
            <FormText
              control={control}
              name="password"
              type="password"
              autoComplete="off"
              label={t('team.mend.password')}
              required
              autoFocus={!everything}
            />
            {form.refusal && (
              <Alert severity="error" role="alert">
                {form.refusal}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('team.mend.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? t('team.mend.saving') : t('team.mend.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
