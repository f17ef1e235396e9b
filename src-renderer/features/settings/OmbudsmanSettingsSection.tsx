import { FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup } from '@mui/material';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SettingsFieldsSchema } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from './SettingsSection';

const OmbudsmanSchema = SettingsFieldsSchema.pick({ ombudsmanLateReferralConsent: true });

/** Whether UK FCA letters consent to the Ombudsman considering complaints referred after six months. */
export function OmbudsmanSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm(OmbudsmanSchema, {
    defaultValues: { ombudsmanLateReferralConsent: settings.ombudsmanLateReferralConsent },
  });
  return (
    <SettingsSection
      id="ombudsman-settings"
      title={t('settings.ombudsman.title')}
      intro={t('settings.ombudsman.intro')}
      form={form}
      onSave={update}
    >
      <Controller
        control={form.control}
        name="ombudsmanLateReferralConsent"
        render={({ field }) => (
          <FormControl>
            <FormLabel id="late-referral-label">{t('settings.ombudsman.lateReferral')}</FormLabel>
            <RadioGroup
              aria-labelledby="late-referral-label"
              aria-describedby="late-referral-help"
              value={field.value ? 'consent' : 'no-consent'}
              onChange={(e) => field.onChange(e.target.value === 'consent')}
              onBlur={field.onBlur}
              ref={field.ref}
            >
              <FormControlLabel
                value="no-consent"
                control={<Radio />}
                label={t('settings.ombudsman.noConsent')}
              />
              <FormControlLabel value="consent" control={<Radio />} label={t('settings.ombudsman.consent')} />
            </RadioGroup>
            <FormHelperText id="late-referral-help">{t('settings.ombudsman.help')}</FormHelperText>
          </FormControl>
        )}
      />
    </SettingsSection>
  );
}
