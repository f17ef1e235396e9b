import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, IconButton, Paper, Stack, Typography } from '@mui/material';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import {
  isMonetary,
  ProposalSchema,
  REMEDY_TYPES,
  type ProposalOutput,
  type RemedyType,
  type ResolutionRecord,
} from '../../../src-shared/domain/resolution';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { FormCheckbox, FormMoney, FormSelect, FormText } from '../../components/FormFields';
import { NotAllowed } from '../../components/NotAllowed';
import { useSchemaForm } from '../../components/schema-form';
import { formDraftKey } from '../../components/form-draft';
import { saveProposal } from '../../db/resolution';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** A remedy as typed: the amount box may be empty (null) until a monetary remedy needs it. */
interface RemedyDraft {
  type: RemedyType;
  amount: number | null;
  currency: string;
  rationale: string;
}
interface ProposalDraft {
  summary: string;
  legal: boolean;
  remedies: RemedyDraft[];
}

const CURRENCY_BY_REGIME: Record<string, string> = { uk: 'GBP', au: 'AUD', us: 'USD' };

// Amount and currency belong to monetary remedies only: a box left from another type is not sent.
const proposalInput = (v: ProposalDraft) => ({
  ...v,
  remedies: v.remedies.map((r) => ({
    ...r,
    amount: isMonetary(r.type) ? r.amount : null,
    currency: isMonetary(r.type) ? r.currency.trim().toUpperCase() : '',
  })),
});

/** The officer's proposal: remedies with amounts and rationale, a summary, and the legal flag. */
export function ProposalPanel({ record, current }: { record: CaseRecord; current: ResolutionRecord | null }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor, user, can } = useCurrentUser();
  const writing = can('proposal.write', { case: caseSubject(record) });
  const { settings } = useSettings();
  const currency = CURRENCY_BY_REGIME[record.regime.slice(0, 2)] ?? 'GBP';
  const blank: RemedyDraft = { type: 'apology', amount: null, currency, rationale: '' };
  // The form follows the proposal's content (not its decision or dates) while nothing is typed in
  // it; what was typed stays when the proposal is decided, put to the complainant or saved elsewhere.
  const { control, submit, refusal, formState, storedChanged, showStored } = useSchemaForm<
    ProposalDraft,
    ProposalOutput
  >(ProposalSchema, {
    defaultValues: { summary: '', legal: false, remedies: [blank] },
    stored: current
      ? { summary: current.summary, legal: current.legal, remedies: current.remedies.map((r) => ({ ...r })) }
      : undefined,
    keepTyped: 'form',
    toInput: proposalInput,
    draft: formDraftKey(user.id, record.id, 'proposal'),
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'remedies' });
  const types = useWatch({ control, name: 'remedies' }).map((r) => r.type);
  const listError = formState.errors.remedies?.root?.message ?? formState.errors.remedies?.message;
  const closed = record.open !== 1;
  const startsNew =
    !!current &&
    (current.proposedAt !== null || ['approved', 'rejected', 'changes-requested'].includes(current.state));

  const save = submit(async (input) => {
    await saveProposal(getDb(), record.id, input, actor, settings.approvalRules);
    notify(t('resolution.proposal.saved'), 'success');
  });

  if (!writing.ok)
    return (
      <Paper sx={{ p: 3 }} component="section" aria-labelledby="proposal-heading">
        <Typography variant="h6" component="h2" id="proposal-heading" gutterBottom>
          {t('resolution.proposal.title')}
        </Typography>
        <NotAllowed permission={writing} />
      </Paper>
    );
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="proposal-heading">
      <Typography variant="h6" component="h2" id="proposal-heading">
        {t('resolution.proposal.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('resolution.proposal.intro')}
      </Typography>
      <Stack spacing={2} component="form" noValidate onSubmit={(e) => void save(e)}>
        {startsNew && <Alert severity="info">{t('resolution.proposal.readOnly')}</Alert>}
        {storedChanged && (
          <Alert
            severity="warning"
            action={
              <Button color="inherit" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={showStored}>
                {t('resolution.proposal.showSaved')}
              </Button>
            }
          >
            {t('resolution.proposal.savedElsewhere')}
          </Alert>
        )}
        {fields.map((remedy, i) => (
          <Paper
            key={remedy.id}
            variant="outlined"
            sx={{ p: 2 }}
            component="fieldset"
            aria-label={t('resolution.proposal.remedyN', { n: i + 1 })}
          >
            {/* The remedy and its remove button, then its amount and currency beneath it, half the
                row each: an amount refused has room to say why in a line or two, not a word a line. */}
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) auto',
                gap: 2,
                alignItems: 'start',
              }}
            >
              <FormSelect
                control={control}
                name={`remedies.${i}.type`}
                label={t('resolution.proposal.type')}
                options={REMEDY_TYPES.map((type) => ({ value: type, label: t(`resolution.remedy.${type}`) }))}
                sx={{ gridColumn: '1 / 3' }}
              />
              {types[i] && isMonetary(types[i]) && (
                <>
                  <FormMoney
                    control={control}
                    name={`remedies.${i}.amount`}
                    nullable
                    label={t('resolution.proposal.amount')}
                    required
                    sx={{ gridRow: 2, gridColumn: 1 }}
                  />
                  <FormText
                    control={control}
                    name={`remedies.${i}.currency`}
                    label={t('resolution.proposal.currency')}
                    required
                    sx={{ gridRow: 2, gridColumn: 2 }}
                  />
                </>
              )}
              <IconButton
                aria-label={t('resolution.proposal.removeRemedy', { n: i + 1 })}
                onClick={() => remove(i)}
                disabled={fields.length === 1}
                sx={{ gridRow: 1, gridColumn: 3, mt: 1 }}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
            <FormText
              control={control}
              name={`remedies.${i}.rationale`}
              sx={{ mt: 2 }}
              fullWidth
              multiline
              minRows={2}
              required
              label={t('resolution.proposal.rationale')}
            />
          </Paper>
        ))}
        <Box>
          <Button onClick={() => append(blank)}>{t('resolution.proposal.addRemedy')}</Button>
        </Box>
        <FormText
          control={control}
          name="summary"
          label={t('resolution.proposal.summary')}
          required
          multiline
          minRows={2}
        />
        <FormCheckbox control={control} name="legal" label={t('resolution.proposal.legal')} />
        {(listError || refusal) && <Alert severity="error">{listError ?? refusal}</Alert>}
        <Box>
          <Button type="submit" variant="contained" disabled={closed || formState.isSubmitting}>
            {t('resolution.proposal.save')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
