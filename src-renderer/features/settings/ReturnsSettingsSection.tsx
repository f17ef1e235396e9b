import { Box, Button, IconButton, Stack, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useFieldArray, type Control, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ASIC_ISSUES,
  ASIC_PRODUCTS,
  FCA_CAUSES,
  FCA_PRODUCT_GROUPS,
  withListIds,
} from '../../../src-shared/domain/regulatory-codes';
import {
  refineRegulatoryLists,
  SettingsFieldsSchema,
  type Settings,
} from '../../../src-shared/domain/settings';
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
  complaintCauses: true,
}).superRefine(refineRegulatoryLists);
type Values = Pick<
  Settings,
  | 'firmReferenceNumber'
  | 'licenceNumber'
  | 'reportingPeriodStart'
  | 'reportDemographics'
  | 'regulatoryProducts'
  | 'complaintCauses'
>;

/** The two lists this section edits, each entry a name and two regulators' codes. */
const LISTS = {
  regulatoryProducts: {
    keys: {
      heading: 'products',
      help: 'productsHelp',
      empty: 'productsEmpty',
      name: 'productName',
      add: 'addProduct',
      remove: 'removeProduct',
    },
    codes: [
      { field: 'fcaGroup', list: 'fcaGroup', values: FCA_PRODUCT_GROUPS, label: 'fcaGroup' },
      { field: 'asicProduct', list: 'asicProduct', values: ASIC_PRODUCTS, label: 'asicProduct' },
    ],
    blank: { id: '', name: '', fcaGroup: 'banking-credit-cards', asicProduct: 'other' },
  },
  complaintCauses: {
    keys: {
      heading: 'causes',
      help: 'causesHelp',
      empty: 'causesEmpty',
      name: 'causeName',
      add: 'addCause',
      remove: 'removeCause',
    },
    codes: [
      { field: 'fcaCause', list: 'fcaCause', values: FCA_CAUSES, label: 'fcaCause' },
      { field: 'asicIssue', list: 'asicIssue', values: ASIC_ISSUES, label: 'asicIssue' },
    ],
    blank: { id: '', name: '', fcaCause: 'other', asicIssue: 'other' },
  },
} as const;

/** One of the office's lists: a row per entry (name, FCA code, ASIC code), add and remove. */
function MappedList({ control, list }: { control: Control<Values>; list: keyof typeof LISTS }) {
  const { t } = useTranslation();
  const spec = LISTS[list];
  const rows = useFieldArray({ control, name: list });
  const k = (key: string) => `returns.settings.${key}`;
  const path = (i: number, field: string) => `${list}.${i}.${field}` as FieldPath<Values>;
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        {t(k(spec.keys.heading))}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t(k(spec.keys.help))}
      </Typography>
      {rows.fields.length === 0 && <Typography>{t(k(spec.keys.empty))}</Typography>}
      {rows.fields.map((field, i) => (
        // A grid, so every row's fields line up in columns whatever their values' lengths.
        <Box
          key={field.id}
          sx={{
            display: 'grid',
            gap: 1,
            gridTemplateColumns: { xs: '1fr', md: '1fr 1.2fr 1fr auto' },
            alignItems: 'flex-start',
          }}
        >
          <FormText control={control} name={path(i, 'name')} label={t(k(spec.keys.name), { n: i + 1 })} />
          {spec.codes.map((code) => (
            <FormSelect
              key={code.field}
              control={control}
              name={path(i, code.field)}
              label={t(k(code.label), { n: i + 1 })}
              options={codeOptions(t, code.list, code.values)}
            />
          ))}
          <IconButton aria-label={t(k(spec.keys.remove), { n: i + 1 })} onClick={() => rows.remove(i)}>
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      <Box>
        <Button onClick={() => rows.append({ ...spec.blank })}>{t(k(spec.keys.add))}</Button>
      </Box>
    </>
  );
}

/** Firm and licence numbers, the reporting year, and the office's products and causes mapped to the regulators' codes. */
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
      complaintCauses: settings.complaintCauses,
    },
    toInput: (v) => ({
      ...v,
      regulatoryProducts: withListIds(v.regulatoryProducts),
      complaintCauses: withListIds(v.complaintCauses),
    }),
  });
  const { control } = form;
  return (
    <SettingsSection
      id="returns-settings"
      title={t('returns.settings.title')}
      intro={t('returns.settings.intro')}
      form={form}
      onSave={update}
    >
      {/* Each field wide enough for its whole label; a narrow window puts them on two lines. */}
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'flex-start', '& > *': { flex: '1 1 320px' } }}
      >
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
      <MappedList control={control} list="regulatoryProducts" />
      <MappedList control={control} list="complaintCauses" />
    </SettingsSection>
  );
}
