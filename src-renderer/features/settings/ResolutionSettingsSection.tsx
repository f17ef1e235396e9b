import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { SettingsFieldsSchema } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { FormCheckbox, FormMoney, FormNumber } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from './SettingsSection';

const ResolutionSettingsSchema = SettingsFieldsSchema.pick({
  approvalRules: true,
  keepInformedBusinessDays: true,
});

/** Approval rules for proposed resolutions, and the "keep the complainant informed" interval. */
export function ResolutionSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm(ResolutionSettingsSchema, {
    defaultValues: {
      approvalRules: settings.approvalRules,
      keepInformedBusinessDays: settings.keepInformedBusinessDays,
    },
  });
  const { control } = form;
  return (
    <SettingsSection
      id="resolution-settings"
      title={t('resolution.settings.title')}
      intro={t('resolution.settings.intro')}
      form={form}
      onSave={update}
    >
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        <FormMoney
          control={control}
          name="approvalRules.monetaryThreshold"
          nullable
          label={t('resolution.settings.threshold')}
          helperText={t('resolution.settings.thresholdHelp')}
        />
        <FormNumber
          control={control}
          name="keepInformedBusinessDays"
          label={t('resolution.settings.keepInformed')}
        />
      </Box>
      <FormCheckbox
        control={control}
        name="approvalRules.critical"
        label={t('resolution.settings.critical')}
      />
      <FormCheckbox control={control} name="approvalRules.legal" label={t('resolution.settings.legal')} />
    </SettingsSection>
  );
}
