import { TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../app/settings-context';
import { SettingsSection } from './SettingsSection';

/** The root-cause list (one per line) and the evidence size limit. */
export function InvestigationSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const [causes, setCauses] = useState(() => settings.rootCauseTaxonomy.join('\n'));
  const [maxMb, setMaxMb] = useState(() => String(settings.evidenceMaxMb));
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <SettingsSection
      id="investigation-settings"
      title={t('investigation.settings.title')}
      intro={t('investigation.settings.intro')}
      onSave={async () => {
        setErrors({});
        await update({
          rootCauseTaxonomy: causes
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          evidenceMaxMb: Number(maxMb),
        });
      }}
      onFieldError={(field, message) => {
        const key = field.split('.')[0] ?? field;
        setErrors({ [key]: message.replace(/^[\w.]+: /, '') });
        return key === 'rootCauseTaxonomy' || key === 'evidenceMaxMb';
      }}
    >
      <TextField
        label={t('investigation.settings.rootCauses')}
        value={causes}
        onChange={(e) => setCauses(e.target.value)}
        multiline
        minRows={4}
        error={!!errors.rootCauseTaxonomy}
        helperText={errors.rootCauseTaxonomy ?? t('investigation.settings.rootCausesHelp')}
      />
      <TextField
        type="number"
        label={t('investigation.settings.maxMb')}
        value={maxMb}
        onChange={(e) => setMaxMb(e.target.value)}
        slotProps={{ htmlInput: { min: 1, max: 4096 } }}
        error={!!errors.evidenceMaxMb}
        helperText={errors.evidenceMaxMb}
        sx={{ maxWidth: 260 }}
      />
    </SettingsSection>
  );
}
