import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SecurityPolicy } from '../../../src-shared/domain/accounts';
import { api, call } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { FormText } from '../../components/FormFields';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useSchemaForm } from '../../components/schema-form';
import { changePasswordFormSchema, type ChangePasswordForm } from './forms';

/** The signed-in person changes their own password (main checks the current one). */
export function ChangePasswordDialog({
  name,
  policy,
  onClose,
}: {
  name: string;
  policy: SecurityPolicy;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { control, submit, refusal, formState } = useSchemaForm(
    changePasswordFormSchema(policy, name, {
      mismatch: t('session.mismatch'),
      same: t('session.samePassword'),
    }),
    {
      defaultValues: { current: '', password: '', confirm: '' } satisfies ChangePasswordForm,
      // Main names the new password `next`.
      fieldFor: (path) => (path === 'next' ? 'password' : path),
    },
  );
  const onSubmit = submit(async (values) => {
    await call(api().accounts.changePassword({ current: values.current, next: values.password }));
    notify(t('session.passwordChanged'), 'success');
    onClose();
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="change-password-title" maxWidth="xs" fullWidth>
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id="change-password-title">{t('session.changePassword')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ mt: 1 }}>
            <FormText
              control={control}
              name="current"
              type="password"
              label={t('session.currentPassword')}
              required
              autoFocus
              autoComplete="current-password"
            />
            <NewPasswordFields
              control={control}
              label={t('session.newPassword')}
              helperText={t('session.passwordHint', { count: policy.minPasswordLength })}
            />
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('session.changePassword')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
