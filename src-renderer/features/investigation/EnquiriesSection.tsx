import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import {
  EnquiryAnswerSchema,
  EnquiryInputSchema,
  enquiryState,
  type Enquiry,
  type EnquiryInput,
} from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { FormText } from '../../components/FormFields';
import { FormDate } from '../../components/DateField';
import { useSchemaForm } from '../../components/schema-form';
import { answerEnquiry, addEnquiry } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useEnquiries, useInvestigationEditable } from './hooks';
import { useToday } from '../../app/clock';
import { Section } from './Section';

const STATE_COLOR = { answered: 'success', overdue: 'error', awaiting: 'default' } as const;

function AnswerForm({ enquiry, onDone }: { enquiry: Enquiry; onDone: () => void }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const today = useToday();
  const { control, submit, refusal } = useSchemaForm(EnquiryAnswerSchema, {
    defaultValues: { answer: '', answeredDate: today },
  });
  const save = submit(async (input) => {
    await answerEnquiry(getDb(), enquiry.id, input, actor);
    onDone();
  });
  return (
    <Box
      component="form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={t('investigation.enquiries.recordAnswer')}
    >
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <FormText
          control={control}
          name="answer"
          label={t('investigation.enquiries.answer')}
          required
          multiline
          minRows={2}
          autoFocus
        />
        <FormDate
          control={control}
          name="answeredDate"
          label={t('investigation.enquiries.answeredDate')}
          required
          sx={{ maxWidth: 220 }}
        />
        {refusal && <Alert severity="error">{refusal}</Alert>}
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" size="small">
            {t('investigation.enquiries.saveAnswer')}
          </Button>
          <Button size="small" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

function EnquiryCard({ enquiry, editable }: { enquiry: Enquiry; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const [answering, setAnswering] = useState(false);
  const state = enquiryState(enquiry, today);
  return (
    <Paper
      variant="outlined"
      component="li"
      sx={{ p: 2, listStyle: 'none' }}
      aria-label={t('investigation.enquiries.to', { name: enquiry.recipient })}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3">
          {enquiry.recipient}
        </Typography>
        <Chip size="small" color={STATE_COLOR[state]} label={t(`investigation.enquiries.state.${state}`)} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {[
          t('investigation.enquiries.sentOn', { date: format.day(enquiry.sentDate) }),
          enquiry.dueDate ? t('investigation.dueOn', { date: format.day(enquiry.dueDate) }) : null,
          t('investigation.enquiries.by', { name: enquiry.createdBy.name }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap', mt: 1 }}>{enquiry.question}</Typography>
      {enquiry.answer && (
        <Box sx={{ borderLeft: 3, borderColor: 'success.main', pl: 1.5, mt: 1 }}>
          <Typography variant="subtitle2">
            {t('investigation.enquiries.answeredOn', {
              date: format.day(enquiry.answer.answeredDate),
              name: enquiry.answer.recordedBy.name,
            })}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{enquiry.answer.answer}</Typography>
        </Box>
      )}
      {!enquiry.answer && editable && !answering && (
        <Button size="small" sx={{ mt: 1 }} onClick={() => setAnswering(true)}>
          {t('investigation.enquiries.recordAnswer')}
        </Button>
      )}
      {answering && <AnswerForm enquiry={enquiry} onDone={() => setAnswering(false)} />}
    </Paper>
  );
}

/** "Consult the department that knows": questions sent inside the organisation and their answers. */
export function EnquiriesSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const enquiries = useEnquiries(record.id);
  const today = useToday();
  const empty: EnquiryInput = { recipient: '', question: '', sentDate: today, dueDate: '' };
  const { control, reset, submit, refusal } = useSchemaForm(EnquiryInputSchema, { defaultValues: empty });
  const editable = useInvestigationEditable(record);
  const overdue = (enquiries ?? []).filter((e) => enquiryState(e, today) === 'overdue').length;

  const send = submit(async (input) => {
    await addEnquiry(getDb(), record.id, input, actor);
    reset(empty);
  });
  return (
    <Section
      id="enquiries"
      title={t('investigation.enquiries.title')}
      intro={t('investigation.enquiries.intro')}
      badge={
        overdue > 0 && (
          <Chip color="error" size="small" label={t('investigation.overdueCount', { count: overdue })} />
        )
      }
    >
      {enquiries && enquiries.length === 0 && (
        <Typography color="text.secondary">{t('investigation.enquiries.empty')}</Typography>
      )}
      {enquiries && enquiries.length > 0 && (
        <Stack
          spacing={1.5}
          component="ul"
          sx={{ m: 0, p: 0 }}
          aria-label={t('investigation.enquiries.title')}
        >
          {enquiries.map((e) => (
            <EnquiryCard key={e.id} enquiry={e} editable={editable} />
          ))}
        </Stack>
      )}
      {editable && (
        <Box
          component="form"
          onSubmit={(e) => void send(e)}
          noValidate
          aria-label={t('investigation.enquiries.send')}
        >
          <Stack spacing={2}>
            <FormText
              control={control}
              name="recipient"
              label={t('investigation.enquiries.recipient')}
              required
              fullWidth
            />
            <FormText
              control={control}
              name="question"
              label={t('investigation.enquiries.question')}
              required
              multiline
              minRows={2}
            />
            {/* Wraps in the narrow column of a 1366-pixel window instead of pushing past it. */}
            <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <FormDate
                control={control}
                name="sentDate"
                label={t('investigation.enquiries.sentDate')}
                required
                sx={{ flex: '1 1 170px' }}
              />
              <FormDate
                control={control}
                name="dueDate"
                label={t('investigation.dueDate')}
                sx={{ flex: '1 1 170px' }}
              />
              <Box sx={{ alignSelf: 'center' }}>
                <Button type="submit" variant="outlined">
                  {t('investigation.enquiries.send')}
                </Button>
              </Box>
            </Stack>
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </Box>
      )}
    </Section>
  );
}
