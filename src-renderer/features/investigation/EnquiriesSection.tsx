import { Alert, Box, Button, Chip, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { enquiryState, EnquiryInputSchema, type Enquiry } from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { answerEnquiry, addEnquiry } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useEnquiries } from './hooks';
import { useToday } from '../../app/clock';
import { fieldErrors, messageOf, Section } from './Section';

const STATE_COLOR = { answered: 'success', overdue: 'error', awaiting: 'default' } as const;

function AnswerForm({ enquiry, onDone }: { enquiry: Enquiry; onDone: () => void }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const today = useToday();
  const [answer, setAnswer] = useState('');
  const [answeredDate, setAnsweredDate] = useState(today);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await answerEnquiry(getDb(), enquiry.id, { answer, answeredDate }, actor);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Box
      component="form"
      onSubmit={(e) => void save(e)}
      noValidate
      aria-label={t('investigation.enquiries.recordAnswer')}
    >
      <Stack spacing={1.5} sx={{ mt: 1 }}>
        <TextField
          label={t('investigation.enquiries.answer')}
          required
          multiline
          minRows={2}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          autoFocus
        />
        <TextField
          type="date"
          label={t('investigation.enquiries.answeredDate')}
          required
          value={answeredDate}
          onChange={(e) => setAnsweredDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ maxWidth: 220 }}
        />
        {error && <Alert severity="error">{error}</Alert>}
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

function EnquiryCard({ enquiry, caseOpen }: { enquiry: Enquiry; caseOpen: boolean }) {
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
      {!enquiry.answer && caseOpen && !answering && (
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
  const empty = { recipient: '', question: '', sentDate: today, dueDate: '' };
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const caseOpen = record.open === 1;
  const overdue = (enquiries ?? []).filter((e) => enquiryState(e, today) === 'overdue').length;

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = EnquiryInputSchema.safeParse(draft);
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (!parsed.success) return;
    try {
      await addEnquiry(getDb(), record.id, draft, actor);
      setDraft(empty);
      setFailure(null);
    } catch (err) {
      setFailure(messageOf(err));
    }
  };
  const field = (name: keyof typeof empty, label: string, extra: object = {}) => (
    <TextField
      label={label}
      value={draft[name]}
      onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      error={!!errors[name]}
      helperText={errors[name]}
      {...extra}
    />
  );
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
            <EnquiryCard key={e.id} enquiry={e} caseOpen={caseOpen} />
          ))}
        </Stack>
      )}
      {caseOpen && (
        <Box
          component="form"
          onSubmit={(e) => void send(e)}
          noValidate
          aria-label={t('investigation.enquiries.send')}
        >
          <Stack spacing={2}>
            {field('recipient', t('investigation.enquiries.recipient'), { required: true, fullWidth: true })}
            {field('question', t('investigation.enquiries.question'), {
              required: true,
              multiline: true,
              minRows: 2,
            })}
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              {field('sentDate', t('investigation.enquiries.sentDate'), {
                required: true,
                type: 'date',
                slotProps: { inputLabel: { shrink: true } },
                sx: { minWidth: 170 },
              })}
              {field('dueDate', t('investigation.dueDate'), {
                type: 'date',
                slotProps: { inputLabel: { shrink: true } },
                sx: { minWidth: 170 },
              })}
              <Box sx={{ alignSelf: 'center' }}>
                <Button type="submit" variant="outlined">
                  {t('investigation.enquiries.send')}
                </Button>
              </Box>
            </Stack>
            {failure && <Alert severity="error">{failure}</Alert>}
          </Stack>
        </Box>
      )}
    </Section>
  );
}
