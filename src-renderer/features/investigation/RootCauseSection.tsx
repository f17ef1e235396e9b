import { Alert, Box, Button, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  FINDINGS,
  RECURRENCE,
  type CaseRecord,
  type Finding,
  type Recurrence,
} from '../../../src-shared/domain/case';
import {
  RootCauseFindingSchema,
  type RootCauseFindingOutput,
} from '../../../src-shared/domain/investigation';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { FormRadios, FormSelect, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { formDraftKey } from '../../components/form-draft';
import { caseIdsForReferences, recordRootCauseAndFinding } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useCasesByIds } from '../../db/hooks';
import { useViewer } from '../users/use-viewer';
import { useInvestigationEditable } from './hooks';
import { Section } from './Section';

interface RootCauseValues {
  rootCause: string;
  contributingFactors: string;
  recurrence: Recurrence;
  /** Similar cases as the references typed, e.g. "CMP-2026-000012, CMP-2026-000014". */
  similar: string;
  finding: Finding | '';
  rationale: string;
}

const referencesIn = (v: RootCauseValues) =>
  v.recurrence === 'recurring' ? v.similar.split(/[\s,;]+/).filter(Boolean) : [];

/**
 * The form, following the stored case where nothing has been typed (a checklist tick or a status
 * move changes the case while the analysis is half written); the similar-case references are
 * filled in once they load.
 */
function RootCauseForm({ record, similarRefs }: { record: CaseRecord; similarRefs: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor, user } = useCurrentUser();
  const { rootCauseTaxonomy, requireFindingToLeaveInvestigation } = useSettings().settings;
  const detail = record.findingDetail;
  // The schema checks the references as typed (how many, recurring only); saving looks them up.
  const { control, submit, refusal } = useSchemaForm<RootCauseValues, RootCauseFindingOutput>(
    RootCauseFindingSchema,
    {
      stored: {
        rootCause: record.rootCause,
        contributingFactors: detail?.contributingFactors ?? '',
        recurrence: detail?.recurrence ?? 'isolated',
        similar: similarRefs,
        finding: record.finding ?? '',
        rationale: detail?.rationale ?? '',
      },
      toInput: ({ similar, ...v }) => ({ ...v, similarCaseIds: referencesIn({ ...v, similar }) }),
      fieldFor: (path) => (path.startsWith('similarCaseIds') ? 'similar' : null),
      draft: formDraftKey(user.id, record.id, 'root-cause'),
    },
  );
  const recurrence = useWatch({ control, name: 'recurrence' });
  const readOnly = !useInvestigationEditable(record);
  // A label no longer offered in Settings stays selectable on the case that already has it.
  const causes =
    record.rootCause && !rootCauseTaxonomy.includes(record.rootCause)
      ? [...rootCauseTaxonomy, record.rootCause]
      : rootCauseTaxonomy;

  const save = submit(async (input) => {
    const similarCaseIds = await caseIdsForReferences(getDb(), input.similarCaseIds, actor);
    await recordRootCauseAndFinding(getDb(), record.id, { ...input, similarCaseIds }, causes, actor);
    notify(t('investigation.rootCause.saved'), 'success');
  });

  return (
    <Box
      component="form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={t('investigation.rootCause.title')}
    >
      <Stack spacing={2}>
        {requireFindingToLeaveInvestigation && (
          <Typography variant="body2" color="text.secondary">
            {t('investigation.rootCause.rule')}
          </Typography>
        )}
        <FormSelect
          control={control}
          name="rootCause"
          label={t('investigation.rootCause.rootCause')}
          required
          disabled={readOnly}
          helperText={t('investigation.rootCause.rootCauseHelp')}
          options={causes.map((c) => ({ value: c, label: c }))}
        />
        <FormText
          control={control}
          name="contributingFactors"
          label={t('investigation.rootCause.factors')}
          multiline
          minRows={2}
          disabled={readOnly}
        />
        <FormRadios
          control={control}
          name="recurrence"
          label={t('investigation.rootCause.recurrence')}
          disabled={readOnly}
          options={RECURRENCE.map((r) => ({ value: r, label: t(`investigation.rootCause.${r}`) }))}
        />
        {recurrence === 'recurring' && (
          <FormText
            control={control}
            name="similar"
            label={t('investigation.rootCause.similar')}
            disabled={readOnly}
            helperText={t('investigation.rootCause.similarHelp')}
          />
        )}
        <FormSelect
          control={control}
          name="finding"
          label={t('investigation.rootCause.finding')}
          required
          disabled={readOnly}
          options={FINDINGS.map((f) => ({ value: f, label: t(`finding.${f}`) }))}
        />
        <FormText
          control={control}
          name="rationale"
          label={t('investigation.rootCause.rationale')}
          required
          multiline
          minRows={3}
          disabled={readOnly}
        />
        {refusal && <Alert severity="error">{refusal}</Alert>}
        {!readOnly && (
          <Box>
            <Button type="submit" variant="contained">
              {t('investigation.rootCause.save')}
            </Button>
          </Box>
        )}
      </Stack>
    </Box>
  );
}

/** Root-cause classification, contributing factors, recurrence and the finding with its rationale. */
export function RootCauseSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const similar = useCasesByIds(record.findingDetail?.similarCaseIds ?? [], useViewer());
  const refs = similar.map((c) => c.reference).join(', ');
  return (
    <Section
      id="root-cause"
      title={t('investigation.rootCause.title')}
      intro={t('investigation.rootCause.intro')}
    >
      {similar.length > 0 && (
        <Typography variant="body2">
          {t('investigation.rootCause.linked')}{' '}
          {similar.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <MuiLink component={Link} to={`/cases/${c.id}`}>
                {c.reference}
              </MuiLink>
            </span>
          ))}
        </Typography>
      )}
      <RootCauseForm record={record} similarRefs={refs} />
    </Section>
  );
}
