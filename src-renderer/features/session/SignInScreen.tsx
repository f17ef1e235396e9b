import { Alert, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AuthStatus } from '../../../src-shared/ipc/channels/accounts';
import { api, call } from '../../api/client';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { MendTeamConnection } from '../team/MendConnection';
import { AuthLayout } from './AuthLayout';
import { SignInFormSchema, type SignInForm } from './forms';

/** Sign-in at start, and after signing out. A refusal keeps the name and clears nothing else. */
export function SignInScreen({ onDone }: { onDone: (s: AuthStatus) => void }) {
  const { t } = useTranslation();
  const { control, submit, refusal, formState } = useSchemaForm(SignInFormSchema, {
    defaultValues: { name: '', password: '' } satisfies SignInForm,
  });
  const onSubmit = submit(async (values) => onDone(await call(api().auth.signIn(values))));
  return (
    <AuthLayout title={t('session.signInTitle')} intro={t('session.signInIntro')}>
      <MendTeamConnection />
      <form onSubmit={onSubmit} noValidate aria-label={t('session.signInTitle')}>
        <Stack spacing={2}>
          <FormText
            control={control}
            name="name"
            label={t('session.yourName')}
            required
            autoFocus
            autoComplete="username"
          />
          <FormText
            control={control}
            name="password"
            type="password"
            label={t('session.password')}
            required
            autoComplete="current-password"
          />
          {refusal && (
            <Alert severity="error" role="alert">
              {refusal}
            </Alert>
          )}
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('session.signingIn') : t('session.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
