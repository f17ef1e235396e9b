import { DialogContentText } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SecurityPolicy } from '../../../src-shared/domain/accounts';
import { useSchemaForm } from '../../components/schema-form';
import { FormDialog } from './FormDialog';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { resetPasswordSchema, type NewPassword } from './people';
import { resetPassword } from './use-people';

/** Gives a person a new password (which also ends a lockout); they should change it once signed in. */
export function ResetPasswordDialog({
  account,
  policy,
  onReset,
  onClose,
}: {
  account: Account;
  policy: SecurityPolicy;
  onReset: (account: Account) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schema = useMemo(
    () => resetPasswordSchema(account.name, policy, t('session.mismatch')),
    [account.name, policy, t],
  );
  const form = useSchemaForm<NewPassword, NewPassword>(schema, {
    defaultValues: { password: '', confirm: '' },
  });
  const submit = form.submit(async ({ password }) => {
    onReset(await resetPassword({ id: account.id, password }));
  });
  return (
    <FormDialog
      id="reset-password"
      title={t('accounts.resetDialog.title', { name: account.name })}
      intro={<DialogContentText>{t('accounts.resetDialog.intro', { name: account.name })}</DialogContentText>}
      submitLabel={t('accounts.resetDialog.submit')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
    >
      <NewPasswordFields
        control={form.control}
        label={t('accounts.fields.newPassword')}
        helperText={t('accounts.fields.newPasswordHelp', { min: policy.minPasswordLength })}
        autoFocus
      />
    </FormDialog>
  );
}
