import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SettingsFieldsSchema } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { FormNumber, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { SettingsSection } from './SettingsSection';

const InvestigationSettingsSchema = SettingsFieldsSchema.pick({
  rootCauseTaxonomy: true,
  evidenceMaxMb: true,
});

/** The root causes as typed: one per line. */
interface InvestigationSettingsValues {
  rootCauseTaxonomy: string;
  evidenceMaxMb: number;
}

/** The root-cause list (one per line) and the evidence size limit. */
export function InvestigationSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm<InvestigationSettingsValues, z.output<typeof InvestigationSettingsSchema>>(
    InvestigationSettingsSchema,
    {
      defaultValues: {
        rootCauseTaxonomy: settings.rootCauseTaxonomy.join('\n'),
        evidenceMaxMb: settings.evidenceMaxMb,
      },
      toInput: (v) => ({
        ...v,
        rootCauseTaxonomy: v.rootCauseTaxonomy
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    },
  );
  const { control } = form;
  return (
    <SettingsSection
      id="investigation-settings"
      title={t('investigation.settings.title')}
      intro={t('investigation.settings.intro')}
      form={form}
      onSave={update}
    >
      <FormText
        control={control}
        name="rootCauseTaxonomy"
        label={t('investigation.settings.rootCauses')}
        multiline
        minRows={4}
        helperText={t('investigation.settings.rootCausesHelp')}
      />
      <FormNumber
        control={control}
        name="evidenceMaxMb"
        label={t('investigation.settings.maxMb')}
        slotProps={{ htmlInput: { min: 1, max: 4096 } }}
        sx={{ maxWidth: 260 }}
      />
    </SettingsSection>
  );
}
