import { Box, Button, IconButton, Stack, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ASIC_PRODUCTS,
  FCA_PRODUCT_GROUPS,
  listIdFor,
  type RegulatoryProduct,
} from '../../../src-shared/domain/regulatory-codes';
import { SettingsFieldsSchema, type Settings } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app/settings-context';
import { FormCheckbox, FormSelect, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { codeOptions } from '../returns/code-options';
import { SettingsSection } from './SettingsSection';

const ReturnsSchema = SettingsFieldsSchema.pick({
  firmReferenceNumber: true,
  licenceNumber: true,
  reportingPeriodStart: true,
  reportDemographics: true,
  regulatoryProducts: true,
});
type Values = Pick<
  Settings,
  | 'firmReferenceNumber'
  | 'licenceNumber'
  | 'reportingPeriodStart'
  | 'reportDemographics'
  | 'regulatoryProducts'
>;

/** A product added here gets its id from its name once; an existing one keeps its id (cases store it). */
function withIds(products: readonly RegulatoryProduct[]): RegulatoryProduct[] {
  const taken = products.map((p) => p.id).filter(Boolean);
  return products.map((p) => {
    if (p.id) return p;
    const id = listIdFor(p.name, taken);
    taken.push(id);
    return { ...p, id };
  });
}

/** Firm and licence numbers, the reporting year, and the office's products mapped to the regulators' codes. */
export function ReturnsSettingsSection() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const form = useSchemaForm<Values, Values>(ReturnsSchema, {
    defaultValues: {
      firmReferenceNumber: settings.firmReferenceNumber,
      licenceNumber: settings.licenceNumber,
      reportingPeriodStart: settings.reportingPeriodStart,
      reportDemographics: settings.reportDemographics,
      regulatoryProducts: settings.regulatoryProducts,
    },
    toInput: (v) => ({ ...v, regulatoryProducts: withIds(v.regulatoryProducts) }),
  });
  const { control } = form;
  const products = useFieldArray({ control, name: 'regulatoryProducts' });
  return (
    <SettingsSection
      id="returns-settings"
      title={t('returns.settings.title')}
      intro={t('returns.settings.intro')}
      form={form}
      onSave={update}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <FormText
          control={control}
          name="firmReferenceNumber"
          label={t('returns.settings.firmReferenceNumber')}
        />
        <FormText control={control} name="licenceNumber" label={t('returns.settings.licenceNumber')} />
        <FormText
          control={control}
          name="reportingPeriodStart"
          label={t('returns.settings.reportingPeriodStart')}
          helperText={t('returns.settings.reportingPeriodStartHelp')}
        />
      </Stack>
      <FormCheckbox
        control={control}
        name="reportDemographics"
        label={t('returns.settings.reportDemographics')}
      />
      <Typography variant="subtitle1" component="h3">
        {t('returns.settings.products')}
      </Typography>
      {products.fields.map((field, i) => (
        <Stack
          key={field.id}
          direction={{ xs: 'column', md: 'row' }}
          spacing={1}
          sx={{ alignItems: 'flex-start' }}
        >
          <FormText
            control={control}
            name={`regulatoryProducts.${i}.name`}
            label={t('returns.settings.productName', { n: i + 1 })}
            sx={{ minWidth: 220 }}
          />
          <FormSelect
            control={control}
            name={`regulatoryProducts.${i}.fcaGroup`}
            label={t('returns.settings.fcaGroup', { n: i + 1 })}
            sx={{ minWidth: 240 }}
            options={codeOptions(t, 'fcaGroup', FCA_PRODUCT_GROUPS)}
          />
          <FormSelect
            control={control}
            name={`regulatoryProducts.${i}.asicProduct`}
            label={t('returns.settings.asicProduct', { n: i + 1 })}
            sx={{ minWidth: 200 }}
            options={codeOptions(t, 'asicProduct', ASIC_PRODUCTS)}
          />
          <IconButton
            aria-label={t('returns.settings.removeProduct', { n: i + 1 })}
            onClick={() => products.remove(i)}
          >
            <DeleteIcon />
          </IconButton>
        </Stack>
      ))}
      <Box>
        <Button
          onClick={() =>
            products.append({ id: '', name: '', fcaGroup: 'banking-credit-cards', asicProduct: 'other' })
          }
        >
          {t('returns.settings.addProduct')}
        </Button>
      </Box>
    </SettingsSection>
  );
}
