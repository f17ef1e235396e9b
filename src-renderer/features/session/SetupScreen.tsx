import { Alert, Button, FormGroup, FormLabel, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityPolicy } from '../../../src-shared/domain/accounts';
import type { AuthStatus } from '../../../src-shared/ipc/channels/accounts';
import { CASE_ROLES } from '../../../src-shared/domain/users';
import { api, call } from '../../api/client';
import { FormCheckbox, FormText } from '../../components/FormFields';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { useSchemaForm } from '../../components/schema-form';
import { FirstRunRestore } from '../backup/FirstRunRestore';
import { AuthLayout } from './AuthLayout';
import { setupFormSchema, type SetupForm } from './forms';

/** First run: the person setting Redress up becomes its administrator. */
export function SetupScreen({ policy, onDone }: { policy: SecurityPolicy; onDone: (s: AuthStatus) => void }) {
  const { t } = useTranslation();
  const [restoring, setRestoring] = useState(false);
  if (restoring) {
    return (
      <AuthLayout title={t('backup.firstRun.title')} intro={t('backup.firstRun.intro')}>
        <FirstRunRestore onBack={() => setRestoring(false)} />
      </AuthLayout>
    );
  }
  return <NewOfficeSetup policy={policy} onDone={onDone} onRestore={() => setRestoring(true)} />;
}

function NewOfficeSetup({
  policy,
  onDone,
  onRestore,
}: {
  policy: SecurityPolicy;
  onDone: (s: AuthStatus) => void;
  onRestore: () => void;
}) {
  const { t } = useTranslation();
  const { control, submit, refusal, formState } = useSchemaForm(
    setupFormSchema(policy, { mismatch: t('session.mismatch') }),
    {
      defaultValues: {
        name: '',
        password: '',
        confirm: '',
        officer: false,
        investigator: false,
        manager: false,
      } satisfies SetupForm,
    },
  );
  const onSubmit = submit(async (values) => onDone(await call(api().auth.setup(values))));
  return (
    <AuthLayout title={t('session.setupTitle')} intro={t('session.setupIntro')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack spacing={2}>
          <FormText
            control={control}
            name="name"
            label={t('session.yourName')}
            required
            autoFocus
            autoComplete="name"
          />
          <NewPasswordFields
            control={control}
            label={t('session.newPassword')}
            helperText={t('session.passwordHint', { count: policy.minPasswordLength })}
          />
          <FormGroup>
            <FormLabel component="legend">{t('session.alsoHandles')}</FormLabel>
            {CASE_ROLES.map((role) => (
              <FormCheckbox key={role} control={control} name={role} label={t(`role.${role}`)} />
            ))}
          </FormGroup>
          {refusal && <Alert severity="error">{refusal}</Alert>}
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('session.settingUp') : t('session.setUp')}
          </Button>
          <Button variant="text" onClick={onRestore}>
            {t('backup.firstRun.link')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
