import { Box, Checkbox, FormControlLabel, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context';
import { SettingsSection } from './SettingsSection';

/** Approval rules for proposed resolutions, and the "keep the complainant informed" interval. */
export function ResolutionSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const rules = settings.approvalRules;
  const [threshold, setThreshold] = useState(
    rules.monetaryThreshold === null ? '' : String(rules.monetaryThreshold),
  );
  const [critical, setCritical] = useState(rules.critical);
  const [legal, setLegal] = useState(rules.legal);
  const [days, setDays] = useState(String(settings.keepInformedBusinessDays));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <SettingsSection
      id="resolution-settings"
      title={t('resolution.settings.title')}
      intro={t('resolution.settings.intro')}
      onSave={() => {
        setErrors({});
        return update({
          approvalRules: { monetaryThreshold: threshold.trim() ? Number(threshold) : null, critical, legal },
          keepInformedBusinessDays: Number(days),
        });
      }}
      onFieldError={(field, message) => (setErrors({ [field.split('.')[0]!]: message }), true)}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        <TextField
          type="number"
          label={t('resolution.settings.threshold')}
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          error={!!errors.approvalRules}
          helperText={errors.approvalRules ?? t('resolution.settings.thresholdHelp')}
        />
        <TextField
          type="number"
          label={t('resolution.settings.keepInformed')}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={!!errors.keepInformedBusinessDays}
          helperText={errors.keepInformedBusinessDays}
        />
      </Box>
      <FormControlLabel
        control={<Checkbox checked={critical} onChange={(e) => setCritical(e.target.checked)} />}
        label={t('resolution.settings.critical')}
      />
      <FormControlLabel
        control={<Checkbox checked={legal} onChange={(e) => setLegal(e.target.checked)} />}
        label={t('resolution.settings.legal')}
      />
    </SettingsSection>
  );
}
