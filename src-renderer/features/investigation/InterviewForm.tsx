import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INTERVIEW_METHODS,
  InterviewInputSchema,
  type InterviewInput,
} from '../../../src-shared/domain/investigation';
import { useFormat, useOfficeTimeCaption } from '../../app/format';
import { FormCheckbox, FormNumber, FormSelect, FormText } from '../../components/FormFields';
import { FormDate } from '../../components/DateField';
import { useSchemaForm } from '../../components/schema-form';
import { addInterview, updateInterview } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { reindexCase } from '../../db/search-sync';
import { useCurrentUser } from '../users/current-user';
import { clearInterviewDraft, saveInterviewDraft } from './interview-draft';

type TextKey = {
  [K in keyof InterviewInput]: InterviewInput[K] extends string ? K : never;
}[keyof InterviewInput];

/**
 * Records an interview (or corrects a draft one). Every change is kept on this computer at once,
 * so the statement survives a reload; Save writes the record with its audit entry.
 */
export function InterviewForm({
  caseId,
  interviewId,
  initial,
  restored,
  onDone,
}: {
  caseId: string;
  interviewId: string | null;
  initial: InterviewInput;
  restored: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const officeTime = useOfficeTimeCaption();
  const { actor, user } = useCurrentUser();
  const [autosavedAt, setAutosavedAt] = useState<string | null>(null);
  const { control, watch, submit, refusal, formState } = useSchemaForm(InterviewInputSchema, {
    defaultValues: initial,
  });

  useEffect(() => {
    const { unsubscribe } = watch((values) => {
      const savedAt = new Date().toISOString();
      if (saveInterviewDraft(user.id, caseId, { interviewId, values: values as InterviewInput, savedAt }))
        setAutosavedAt(savedAt);
    });
    return unsubscribe;
  }, [watch, user.id, caseId, interviewId]);

  const text = (
    name: TextKey,
    label: string,
    props: { required?: boolean; multiline?: boolean; rows?: number } = {},
  ) => (
    <FormText
      control={control}
      name={name}
      label={label}
      required={props.required}
      multiline={props.multiline}
      minRows={props.rows}
      fullWidth
    />
  );

  const save = submit(async (values) => {
    if (interviewId) await updateInterview(getDb(), interviewId, values, actor);
    else await addInterview(getDb(), caseId, values, actor);
    void reindexCase(getDb(), caseId);
    clearInterviewDraft(user.id, caseId, interviewId);
    onDone();
  });
  const discard = () => {
    clearInterviewDraft(user.id, caseId, interviewId);
    onDone();
  };

  return (
    <Paper
      variant="outlined"
      component="form"
      onSubmit={(e) => void save(e)}
      noValidate
      sx={{ p: 2 }}
      aria-label={
        interviewId ? t('investigation.interviews.editTitle') : t('investigation.interviews.newTitle')
      }
    >
      <Typography variant="subtitle1" component="h3" sx={{ mb: 1 }}>
        {interviewId ? t('investigation.interviews.editTitle') : t('investigation.interviews.newTitle')}
      </Typography>
      {restored && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('investigation.interviews.restored')}
        </Alert>
      )}
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          {text('intervieweeName', t('investigation.interviews.intervieweeName'), { required: true })}
          {text('intervieweeRole', t('investigation.interviews.intervieweeRole'))}
          {text('intervieweeContact', t('investigation.interviews.intervieweeContact'))}
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          {text('interviewer', t('investigation.interviews.interviewer'), { required: true })}
          {text('othersPresent', t('investigation.interviews.othersPresent'))}
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <FormDate control={control} name="date" label={t('investigation.interviews.date')} required />
          <FormText
            control={control}
            name="time"
            type="time"
            label={t('investigation.interviews.time')}
            slotProps={{ inputLabel: { shrink: true } }}
            helperText={officeTime}
          />
          <FormNumber
            control={control}
            name="durationMinutes"
            nullable
            label={t('investigation.interviews.duration')}
            slotProps={{ htmlInput: { min: 0, max: 1440 } }}
          />
          <FormSelect
            control={control}
            name="method"
            label={t('investigation.interviews.method')}
            options={INTERVIEW_METHODS.map((m) => ({
              value: m,
              label: t(`investigation.interviews.methods.${m}`),
            }))}
            sx={{ minWidth: 160 }}
          />
          {text('location', t('investigation.interviews.location'))}
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <FormCheckbox control={control} name="consentGiven" label={t('investigation.interviews.consent')} />
          <FormCheckbox control={control} name="noticeGiven" label={t('investigation.interviews.notice')} />
        </Stack>
        {text('statement', t('investigation.interviews.statement'), { multiline: true, rows: 8 })}
        {text('keyPoints', t('investigation.interviews.keyPoints'), { multiline: true, rows: 2 })}
        {text('followUpActions', t('investigation.interviews.followUp'), { multiline: true, rows: 2 })}
        {refusal && <Alert severity="error">{refusal}</Alert>}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('investigation.interviews.save')}
          </Button>
          <Button onClick={discard}>{t('investigation.interviews.discard')}</Button>
          <Box role="status" sx={{ color: 'text.secondary', typography: 'body2' }}>
            {autosavedAt
              ? t('investigation.interviews.autosaved', { time: format.dateTime(autosavedAt) })
              : ''}
          </Box>
        </Stack>
      </Stack>
    </Paper>
  );
}
