import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INTERVIEW_METHODS,
  InterviewInputSchema,
  type InterviewInput,
  type InterviewMethod,
} from '../../../src-shared/domain/investigation';
import { useFormat, useOfficeTimeCaption } from '../../app/format';
import { addInterview, updateInterview } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { clearInterviewDraft, saveInterviewDraft } from './interview-draft';
import { fieldErrors, messageOf } from './Section';

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
  const { actor } = useCurrentUser();
  const [values, setValues] = useState<InterviewInput>(initial);
  const [autosavedAt, setAutosavedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (patch: Partial<InterviewInput>) => {
    const next = { ...values, ...patch };
    setValues(next);
    const savedAt = new Date().toISOString();
    if (saveInterviewDraft(caseId, { interviewId, values: next, savedAt })) setAutosavedAt(savedAt);
  };
  const text = (
    name: TextKey,
    label: string,
    props: { required?: boolean; multiline?: boolean; rows?: number } = {},
  ) => (
    <TextField
      label={label}
      required={props.required}
      multiline={props.multiline}
      minRows={props.rows}
      fullWidth
      value={values[name] ?? ''}
      onChange={(e) => change({ [name]: e.target.value })}
      error={!!errors[name]}
      helperText={errors[name]}
    />
  );

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = InterviewInputSchema.safeParse(values);
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    setBusy(true);
    try {
      if (interviewId) await updateInterview(getDb(), interviewId, values, actor);
      else await addInterview(getDb(), caseId, values, actor);
      clearInterviewDraft(caseId, interviewId);
      onDone();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const discard = () => {
    clearInterviewDraft(caseId, interviewId);
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
          <TextField
            type="date"
            label={t('investigation.interviews.date')}
            required
            value={values.date}
            onChange={(e) => change({ date: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={!!errors.date}
            helperText={errors.date}
          />
          <TextField
            type="time"
            label={t('investigation.interviews.time')}
            value={values.time}
            onChange={(e) => change({ time: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={!!errors.time}
            helperText={errors.time ?? officeTime}
          />
          <TextField
            type="number"
            label={t('investigation.interviews.duration')}
            value={values.durationMinutes ?? ''}
            onChange={(e) =>
              change({ durationMinutes: e.target.value === '' ? null : Number(e.target.value) })
            }
            slotProps={{ htmlInput: { min: 0, max: 1440 } }}
            error={!!errors.durationMinutes}
            helperText={errors.durationMinutes}
          />
          <TextField
            select
            label={t('investigation.interviews.method')}
            value={values.method}
            onChange={(e) => change({ method: e.target.value as InterviewMethod })}
            sx={{ minWidth: 160 }}
          >
            {INTERVIEW_METHODS.map((m) => (
              <MenuItem key={m} value={m}>
                {t(`investigation.interviews.methods.${m}`)}
              </MenuItem>
            ))}
          </TextField>
          {text('location', t('investigation.interviews.location'))}
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <FormControlLabel
            control={
              <Checkbox
                checked={values.consentGiven}
                onChange={(e) => change({ consentGiven: e.target.checked })}
              />
            }
            label={t('investigation.interviews.consent')}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={values.noticeGiven}
                onChange={(e) => change({ noticeGiven: e.target.checked })}
              />
            }
            label={t('investigation.interviews.notice')}
          />
        </Stack>
        {text('statement', t('investigation.interviews.statement'), { multiline: true, rows: 8 })}
        {text('keyPoints', t('investigation.interviews.keyPoints'), { multiline: true, rows: 2 })}
        {text('followUpActions', t('investigation.interviews.followUp'), { multiline: true, rows: 2 })}
        {failure && <Alert severity="error">{failure}</Alert>}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" disabled={busy}>
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
