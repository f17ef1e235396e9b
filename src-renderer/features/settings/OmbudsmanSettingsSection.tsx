import { FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context';
import { SettingsSection } from './SettingsSection';

/** Whether UK FCA letters consent to the Ombudsman considering complaints referred after six months. */
export function OmbudsmanSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [consent, setConsent] = useState(settings.ombudsmanLateReferralConsent);
  return (
    <SettingsSection
      id="ombudsman-settings"
      title={t('settings.ombudsman.title')}
      intro={t('settings.ombudsman.intro')}
      onSave={() => update({ ombudsmanLateReferralConsent: consent })}
    >
      <FormControl>
        <FormLabel id="late-referral-label">{t('settings.ombudsman.lateReferral')}</FormLabel>
        <RadioGroup
          aria-labelledby="late-referral-label"
          aria-describedby="late-referral-help"
          value={consent ? 'consent' : 'no-consent'}
          onChange={(e) => setConsent(e.target.value === 'consent')}
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
    </SettingsSection>
  );
}
