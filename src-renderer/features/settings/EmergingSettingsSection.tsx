import { MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMERGING_SENSITIVITIES, type EmergingSensitivity } from '../../../src-shared/analytics/emerging';
import { useSettings } from '../../app/settings-context';
import { SettingsSection } from './SettingsSection';

/** When the dashboard flags an emerging issue: the smallest count and how readily (both tests' thresholds). */
export function EmergingSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [minCount, setMinCount] = useState(String(settings.emergingIssues.minCount));
  const [sensitivity, setSensitivity] = useState<EmergingSensitivity>(settings.emergingIssues.sensitivity);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <SettingsSection
      id="emerging-settings"
      title={t('dashboard.emergingSettings.title')}
      intro={t('dashboard.emergingSettings.intro')}
      onSave={() => {
        setErrors({});
        // Kept as typed when refused: an empty or non-numeric entry is reported next to the field.
        const count = minCount.trim() === '' ? Number.NaN : Number(minCount);
        return update({ emergingIssues: { minCount: count, sensitivity } });
      }}
      onFieldError={(field, message) => (setErrors({ [field.split('.').at(-1)!]: message }), true)}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <TextField
          type="number"
          label={t('dashboard.emergingSettings.minCount')}
          value={minCount}
          onChange={(e) => setMinCount(e.target.value)}
          error={!!errors.minCount}
          helperText={errors.minCount ?? t('dashboard.emergingSettings.minCountHelp')}
          sx={{ flex: 1 }}
        />
        <TextField
          select
          label={t('dashboard.emergingSettings.sensitivity')}
          value={sensitivity}
          onChange={(e) => setSensitivity(e.target.value as EmergingSensitivity)}
          error={!!errors.sensitivity}
          helperText={errors.sensitivity}
          sx={{ flex: 2 }}
        >
          {EMERGING_SENSITIVITIES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`dashboard.emergingSettings.sensitivities.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
    </SettingsSection>
  );
}
