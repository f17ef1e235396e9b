import { Alert, Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { SecurityPolicyFieldsSchema, type SecurityPolicy } from '../../../src-shared/domain/accounts';
import { FormNumber } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from '../settings/SettingsSection';
import { setSecurityPolicy } from './use-people';

const FIELDS = ['minPasswordLength', 'lockoutAttempts', 'lockoutMinutes', 'idleLockMinutes'] as const;

/** The office's password, lockout and idle-lock rules, checked with the schema main checks them with. */
export function SecuritySettingsSection({
  policy,
  onTeamServer = false,
  onSaved,
}: {
  policy: SecurityPolicy;
  /** A team desk: the rules are the office's, kept on the team server. */
  onTeamServer?: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(SecurityPolicyFieldsSchema, { values: policy });
  return (
    <SettingsSection
      id="security-settings"
      title={t('accounts.policy.title')}
      intro={t('accounts.policy.intro')}
      form={form}
      onSave={async (values) => {
        await setSecurityPolicy(values);
        onSaved();
      }}
    >
      {onTeamServer && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('accounts.policy.onTeamServer')}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        {FIELDS.map((name) => (
          <FormNumber
            key={name}
            control={form.control}
            name={name}
            label={t(`accounts.policy.${name}`)}
            helperText={name === 'minPasswordLength' ? t('accounts.policy.minPasswordLengthHelp') : undefined}
            slotProps={{ htmlInput: { min: 1, step: 1 } }}
            required
          />
        ))}
      </Box>
    </SettingsSection>
  );
}
