import { Alert, Box, Button, IconButton, Paper, Stack, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { officeCurrency } from '../../../src-shared/domain/money';
import { caseSubject } from '../../../src-shared/domain/permissions';
import {
  AGE_BANDS,
  ASIC_OUTCOMES,
  CaseReturnDataSchema,
  COMPLAINANT_TYPES,
  emptyReturnData,
  fcaUpheld,
  GENDERS,
  OMBUDSMAN_OUTCOMES,
  REDRESS_TYPES,
  type CaseReturnData,
  type CaseReturnDataInput,
  type OmbudsmanOutcome,
} from '../../../src-shared/domain/regulatory-codes';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { FormDate } from '../../components/DateField';
import { FormCheckbox, FormMoney, FormRadios, FormSelect, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { recordReturnData } from '../../db/return-data';
import { getDb } from '../../db/schema';
import type { CaseTabProps } from '../cases/case-tab-props';
import { useCurrentUser } from '../users/current-user';
import { codeOptions } from './code-options';

/** The form's shape: the referral is a tick box with its fields, not a nullable object. */
type Values = Omit<CaseReturnDataInput, 'ombudsman'> & {
  referred: boolean;
  referredOn: string;
  ombudsmanOutcome: string;
  outcomeOn: string;
};

const REFERRAL_FIELDS: Record<string, string> = {
  'ombudsman.referredOn': 'referredOn',
  'ombudsman.outcome': 'ombudsmanOutcome',
  'ombudsman.outcomeOn': 'outcomeOn',
};

function toValues(data: CaseReturnData): Values {
  const { ombudsman, ...rest } = data;
  return {
    ...rest,
    referred: !!ombudsman,
    referredOn: ombudsman?.referredOn ?? '',
    ombudsmanOutcome: ombudsman?.outcome ?? 'pending',
    outcomeOn: ombudsman?.outcomeOn ?? '',
  };
}

function toInput({
  referred,
  referredOn,
  ombudsmanOutcome,
  outcomeOn,
  ...rest
}: Values): CaseReturnDataInput {
  return {
    ...rest,
    ombudsman: referred
      ? {
          referredOn,
          outcome: ombudsmanOutcome as OmbudsmanOutcome,
          outcomeOn: outcomeOn || null,
        }
      : null,
  };
}

/** What the FCA return and the ASIC IDR report need to know about this complaint. */
export function ReturnDataTab({ record }: CaseTabProps) {
  return <ReturnDataForm record={record} />;
}

function ReturnDataForm({ record }: CaseTabProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { settings } = useSettings();
  const { actor, can } = useCurrentUser();
  const editable = can('case.edit', { case: caseSubject(record) }).ok;
  const currency = officeCurrency(settings);
  const { control, submit, refusal } = useSchemaForm<Values, CaseReturnData>(CaseReturnDataSchema, {
    // Follows the stored case where nothing has been typed (another desk's change, Restrict).
    stored: toValues(record.returnData ?? emptyReturnData()),
    toInput,
    fieldFor: (path) => REFERRAL_FIELDS[path] ?? null,
  });
  const payments = useFieldArray({ control, name: 'redress' });
  const referred = useWatch({ control, name: 'referred' });
  const lists = { products: settings.regulatoryProducts, causes: settings.complaintCauses };
  // An entry removed from Settings stays shown on the case that already has it.
  const keep = <E extends { id: string; name: string }>(list: readonly E[], id: string | undefined) =>
    id && !list.some((e) => e.id === id) ? [...list, { id, name: id }] : list;
  const options = (list: readonly { id: string; name: string }[]) => [
    { value: '', label: t('returns.data.notRecorded') },
    ...list.map((e) => ({ value: e.id, label: e.name })),
  ];
  const upheld = fcaUpheld(record.finding);
  // '' is a real choice here ("Not recorded", "From the finding"): show it rather than an empty box.
  const showEmpty = { select: { displayEmpty: true }, inputLabel: { shrink: true } };

  const save = submit(async (data) => {
    await recordReturnData(getDb(), record.id, data, lists, actor);
    notify(t('returns.data.saved'), 'success');
  });

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="return-data-heading">
      <Typography variant="h6" component="h2" id="return-data-heading" gutterBottom>
        {t('returns.data.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('returns.data.intro')}
      </Typography>
      <Box component="form" noValidate onSubmit={(e) => void save(e)} aria-label={t('returns.data.title')}>
        <Stack spacing={2} sx={{ maxWidth: 720 }}>
          <FormSelect
            control={control}
            name="productId"
            slotProps={showEmpty}
            label={t('returns.data.product')}
            helperText={t('returns.data.productHelp')}
            disabled={!editable}
            options={options(keep(settings.regulatoryProducts, record.returnData?.productId))}
          />
          <FormSelect
            control={control}
            name="causeId"
            slotProps={showEmpty}
            label={t('returns.data.cause')}
            helperText={t('returns.data.causeHelp')}
            disabled={!editable}
            options={options(keep(settings.complaintCauses, record.returnData?.causeId))}
          />
          <FormCheckbox control={control} name="reportable" label={t('returns.data.reportable')} />
          <FormRadios
            control={control}
            name="complainantType"
            label={t('returns.data.complainantType')}
            disabled={!editable}
            options={codeOptions(t, 'complainantType', COMPLAINANT_TYPES)}
          />
          <FormText
            control={control}
            name="postcode"
            label={t('returns.data.postcode')}
            disabled={!editable}
          />
          {settings.reportDemographics && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <FormSelect
                control={control}
                name="gender"
                slotProps={showEmpty}
                label={t('returns.data.gender')}
                disabled={!editable}
                sx={{ minWidth: 200 }}
                options={codeOptions(t, 'gender', GENDERS, t('returns.data.notRecorded'))}
              />
              <FormSelect
                control={control}
                name="ageBand"
                slotProps={showEmpty}
                label={t('returns.data.ageBand')}
                disabled={!editable}
                sx={{ minWidth: 200 }}
                options={codeOptions(t, 'ageBand', AGE_BANDS, t('returns.data.notRecorded'))}
              />
            </Stack>
          )}
          <Typography>
            {t('returns.data.fcaOutcome')}:{' '}
            {upheld === null
              ? t('returns.data.fcaUnknown')
              : upheld
                ? t('returns.data.fcaUpheld')
                : t('returns.data.fcaNotUpheld')}
          </Typography>
          <FormSelect
            control={control}
            name="asicOutcome"
            slotProps={showEmpty}
            label={t('returns.data.asicOutcome')}
            disabled={!editable}
            options={codeOptions(t, 'asicOutcome', ASIC_OUTCOMES, t('returns.data.asicFromFinding'))}
          />

          <Typography variant="subtitle1" component="h3">
            {t('returns.data.redress')}
          </Typography>
          {payments.fields.length === 0 && (
            <Typography color="text.secondary">{t('returns.data.redressNone')}</Typography>
          )}
          {payments.fields.map((field, i) => (
            <Stack
              key={field.id}
              direction={{ xs: 'column', md: 'row' }}
              spacing={1}
              sx={{ alignItems: 'flex-start' }}
              role="group"
              aria-label={t('returns.data.payment', { n: i + 1 })}
            >
              <FormSelect
                control={control}
                name={`redress.${i}.type`}
                label={t('returns.data.redressType')}
                disabled={!editable}
                sx={{ minWidth: 180 }}
                options={codeOptions(t, 'redressType', REDRESS_TYPES)}
              />
              <FormMoney
                control={control}
                name={`redress.${i}.amount`}
                label={t('returns.data.amount')}
                disabled={!editable}
              />
              <FormText
                control={control}
                name={`redress.${i}.currency`}
                label={t('returns.data.currency')}
                disabled={!editable}
                sx={{ width: 110 }}
              />
              <FormDate
                control={control}
                name={`redress.${i}.paidOn`}
                label={t('returns.data.paidOn')}
                disabled={!editable}
              />
              {editable && (
                <IconButton
                  aria-label={t('returns.data.removePayment', { n: i + 1 })}
                  onClick={() => payments.remove(i)}
                >
                  <DeleteIcon />
                </IconButton>
              )}
            </Stack>
          ))}
          {editable && (
            <Box>
              <Button
                onClick={() => payments.append({ type: 'refund', amount: Number.NaN, currency, paidOn: '' })}
              >
                {t('returns.data.addPayment')}
              </Button>
            </Box>
          )}

          <Typography variant="subtitle1" component="h3">
            {t('returns.data.ombudsman')}
          </Typography>
          <FormCheckbox control={control} name="referred" label={t('returns.data.referred')} />
          {referred && (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
              <FormDate
                control={control}
                name="referredOn"
                label={t('returns.data.referredOn')}
                disabled={!editable}
              />
              <FormSelect
                control={control}
                name="ombudsmanOutcome"
                label={t('returns.data.ombudsmanOutcome')}
                disabled={!editable}
                sx={{ minWidth: 220 }}
                options={codeOptions(t, 'ombudsmanOutcome', OMBUDSMAN_OUTCOMES)}
              />
              <FormDate
                control={control}
                name="outcomeOn"
                label={t('returns.data.outcomeOn')}
                disabled={!editable}
              />
            </Stack>
          )}
          {refusal && <Alert severity="error">{refusal}</Alert>}
          {editable && (
            <Box>
              <Button type="submit" variant="contained">
                {t('returns.data.save')}
              </Button>
            </Box>
          )}
        </Stack>
      </Box>
    </Paper>
  );
}
