import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Link as MuiLink,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  FINDINGS,
  RECURRENCE,
  type CaseRecord,
  type Finding,
  type Recurrence,
} from '../../../src-shared/domain/case';
import { RootCauseFindingSchema } from '../../../src-shared/domain/investigation';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { caseIdsForReferences, recordRootCauseAndFinding } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useCaseRefs } from './hooks';
import { fieldErrors, messageOf, Section } from './Section';

/** The form, seeded from the case; the similar-case references are filled in once they load. */
function RootCauseForm({ record, similarRefs }: { record: CaseRecord; similarRefs: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const { rootCauseTaxonomy, requireFindingToLeaveInvestigation } = useSettings().settings;
  const detail = record.findingDetail;
  const [values, setValues] = useState({
    rootCause: record.rootCause,
    contributingFactors: detail?.contributingFactors ?? '',
    recurrence: (detail?.recurrence ?? 'isolated') as Recurrence,
    similar: similarRefs,
    finding: (record.finding ?? '') as Finding | '',
    rationale: detail?.rationale ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const closed = record.open !== 1;
  // A label no longer offered in Settings stays selectable on the case that already has it.
  const causes =
    record.rootCause && !rootCauseTaxonomy.includes(record.rootCause)
      ? [...rootCauseTaxonomy, record.rootCause]
      : rootCauseTaxonomy;
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      const refs = values.recurrence === 'recurring' ? values.similar.split(/[\s,;]+/) : [];
      const similarCaseIds = await caseIdsForReferences(getDb(), refs);
      const input = {
        finding: values.finding,
        rootCause: values.rootCause,
        rationale: values.rationale,
        contributingFactors: values.contributingFactors,
        recurrence: values.recurrence,
        similarCaseIds,
      };
      const parsed = RootCauseFindingSchema.safeParse(input);
      setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
      if (!parsed.success) return;
      await recordRootCauseAndFinding(getDb(), record.id, parsed.data, causes, actor);
      notify(t('investigation.rootCause.saved'), 'success');
    } catch (error) {
      const field = (error as { field?: string }).field;
      if (field) setErrors({ [field === 'similarCaseIds' ? 'similar' : field]: messageOf(error) });
      else setFailure(messageOf(error));
    }
  };

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
        <TextField
          select
          label={t('investigation.rootCause.rootCause')}
          required
          disabled={closed}
          value={values.rootCause}
          onChange={(e) => set({ rootCause: e.target.value })}
          error={!!errors.rootCause}
          helperText={errors.rootCause ?? t('investigation.rootCause.rootCauseHelp')}
        >
          {causes.map((c) => (
            <MenuItem key={c} value={c}>
              {c}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t('investigation.rootCause.factors')}
          multiline
          minRows={2}
          disabled={closed}
          value={values.contributingFactors}
          onChange={(e) => set({ contributingFactors: e.target.value })}
          error={!!errors.contributingFactors}
          helperText={errors.contributingFactors}
        />
        <FormControl disabled={closed}>
          <FormLabel id="recurrence-label">{t('investigation.rootCause.recurrence')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="recurrence-label"
            value={values.recurrence}
            onChange={(e) => set({ recurrence: e.target.value as Recurrence })}
          >
            {RECURRENCE.map((r) => (
              <FormControlLabel
                key={r}
                value={r}
                control={<Radio />}
                label={t(`investigation.rootCause.${r}`)}
              />
            ))}
          </RadioGroup>
        </FormControl>
        {values.recurrence === 'recurring' && (
          <TextField
            label={t('investigation.rootCause.similar')}
            disabled={closed}
            value={values.similar}
            onChange={(e) => set({ similar: e.target.value })}
            error={!!errors.similar}
            helperText={errors.similar ?? t('investigation.rootCause.similarHelp')}
          />
        )}
        <TextField
          select
          label={t('investigation.rootCause.finding')}
          required
          disabled={closed}
          value={values.finding}
          onChange={(e) => set({ finding: e.target.value as Finding | '' })}
          error={!!errors.finding}
          helperText={errors.finding}
        >
          {FINDINGS.map((f) => (
            <MenuItem key={f} value={f}>
              {t(`finding.${f}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t('investigation.rootCause.rationale')}
          required
          multiline
          minRows={3}
          disabled={closed}
          value={values.rationale}
          onChange={(e) => set({ rationale: e.target.value })}
          error={!!errors.rationale}
          helperText={errors.rationale}
        />
        {failure && <Alert severity="error">{failure}</Alert>}
        {!closed && (
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
  const similar = useCaseRefs(record.findingDetail?.similarCaseIds ?? []);
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
      <RootCauseForm key={`${record.updatedAt}:${refs}`} record={record} similarRefs={refs} />
    </Section>
  );
}
