import { Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { EMERGING_SENSITIVITIES } from '../../../src-shared/analytics/emerging';
import { SettingsFieldsSchema } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { FormNumber, FormSelect } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from './SettingsSection';

const EmergingSettingsSchema = SettingsFieldsSchema.pick({ emergingIssues: true });

/** When the dashboard flags an emerging issue: the smallest count and how readily (both tests' thresholds). */
export function EmergingSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm(EmergingSettingsSchema, {
    defaultValues: { emergingIssues: settings.emergingIssues },
  });
  const { control } = form;
  return (
    <SettingsSection
      id="emerging-settings"
      title={t('dashboard.emergingSettings.title')}
      intro={t('dashboard.emergingSettings.intro')}
      form={form}
      onSave={update}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <FormNumber
          control={control}
          name="emergingIssues.minCount"
          label={t('dashboard.emergingSettings.minCount')}
          helperText={t('dashboard.emergingSettings.minCountHelp')}
          sx={{ flex: 1 }}
        />
        <FormSelect
          control={control}
          name="emergingIssues.sensitivity"
          label={t('dashboard.emergingSettings.sensitivity')}
          options={EMERGING_SENSITIVITIES.map((s) => ({
            value: s,
            label: t(`dashboard.emergingSettings.sensitivities.${s}`),
          }))}
          sx={{ flex: 2 }}
        />
      </Stack>
    </SettingsSection>
  );
}
