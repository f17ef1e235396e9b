import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import {
  CONSULTEES,
  ConsultationAnswerSchema,
  ConsultationSchema,
  type ConsultationRecord,
} from '../../../src-shared/domain/resolution';
import { FormOfficeDateTime } from '../../components/DateField';
import { FormSelect, FormText } from '../../components/FormFields';
import { NotAllowed } from '../../components/NotAllowed';
import { useSchemaForm } from '../../components/schema-form';
import { addConsultation, answerConsultation } from '../../db/resolution';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useConsultations } from './hooks';
import { OneFieldForm } from './OneFieldForm';

/** Advice sought from legal, compliance or senior management: who, what, when, and the answer. */
export function ConsultationsPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor, can } = useCurrentUser();
  const caseId = record.id;
  // Consulting is part of working out the resolution.
  const writing = can('proposal.write', { case: caseSubject(record) });
  const list = useConsultations(caseId);
  const { control, resetField, submit, refusal } = useSchemaForm(ConsultationSchema, {
    defaultValues: { with: 'legal', person: '', question: '', askedAt: new Date().toISOString() },
  });
  const add = submit(async (input) => {
    await addConsultation(getDb(), caseId, input, actor);
    resetField('person');
    resetField('question');
    notify(t('resolution.consult.saved'), 'success');
  });
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="consult-heading">
      <Typography variant="h6" component="h2" id="consult-heading" gutterBottom>
        {t('resolution.consult.title')}
      </Typography>
      {list && list.length === 0 && (
        <Typography color="text.secondary">{t('resolution.consult.empty')}</Typography>
      )}
      <Stack spacing={2} component="ul" sx={{ p: 0, listStyle: 'none' }}>
        {(list ?? []).map((c) => (
          <Paper variant="outlined" component="li" key={c.id} sx={{ p: 2 }}>
            <Typography sx={{ fontWeight: 600 }}>
              {t(`resolution.consult.whom.${c.with}`)} — {c.person}, {format.dateTime(c.askedAt)}
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap' }}>{c.question}</Typography>
            {c.answeredAt ? (
              <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
                <strong>{t('resolution.consult.answer')}</strong> ({format.dateTime(c.answeredAt)}):{' '}
                {c.answer}
              </Typography>
            ) : writing.ok ? (
              <AnswerForm consultation={c} />
            ) : (
              <Typography color="text.secondary">{t('resolution.consult.awaiting')}</Typography>
            )}
          </Paper>
        ))}
      </Stack>
      <NotAllowed permission={writing} sx={{ mt: 2 }} />
      {writing.ok && (
        <Stack spacing={2} sx={{ mt: 2 }} component="form" noValidate onSubmit={(e) => void add(e)}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, gap: 2 }}>
            <FormSelect
              control={control}
              name="with"
              label={t('resolution.consult.with')}
              options={CONSULTEES.map((c) => ({ value: c, label: t(`resolution.consult.whom.${c}`) }))}
            />
            <FormText control={control} name="person" label={t('resolution.consult.person')} required />
            <FormOfficeDateTime control={control} name="askedAt" label={t('resolution.consult.askedAt')} />
          </Box>
          <FormText
            control={control}
            name="question"
            label={t('resolution.consult.question')}
            required
            multiline
            minRows={2}
          />
          {refusal && <Alert severity="error">{refusal}</Alert>}
          <Box>
            <Button type="submit" variant="outlined">
              {t('resolution.consult.add')}
            </Button>
          </Box>
        </Stack>
      )}
    </Paper>
  );
}

function AnswerForm({ consultation }: { consultation: ConsultationRecord }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  return (
    <OneFieldForm
      schema={ConsultationAnswerSchema}
      name="answer"
      label={t('resolution.consult.answer')}
      action={t('resolution.consult.saveAnswer')}
      onSave={(answer) => answerConsultation(getDb(), consultation.id, answer, actor)}
      fieldProps={{ placeholder: t('resolution.consult.awaiting'), sx: { flexGrow: 1 } }}
      sx={{ mt: 1 }}
    />
  );
}
