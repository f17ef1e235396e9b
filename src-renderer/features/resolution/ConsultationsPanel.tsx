import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { OfficeDateTimeField } from '../../components/OfficeDateTimeField';
import { addConsultation, answerConsultation } from '../../db/resolution';
import { CONSULTEES, type ConsultationRecord } from '../../../src-shared/domain/resolution';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { formError } from './form-error';
import { useConsultations } from './hooks';

type Consultee = (typeof CONSULTEES)[number];

/** Advice sought from legal, compliance or senior management: who, what, when, and the answer. */
export function ConsultationsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const list = useConsultations(caseId);
  const [withWhom, setWithWhom] = useState<Consultee>('legal');
  const [person, setPerson] = useState('');
  const [question, setQuestion] = useState('');
  const [askedAt, setAskedAt] = useState(() => new Date().toISOString());
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const err = (f: string) => (error?.field === f ? error.message : undefined);
  const add = async () => {
    setError(null);
    try {
      await addConsultation(getDb(), caseId, { with: withWhom, person, question, askedAt }, actor);
      setPerson('');
      setQuestion('');
      notify(t('resolution.consult.saved'), 'success');
    } catch (e) {
      setError(formError(e));
    }
  };
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
            ) : (
              <AnswerForm consultation={c} />
            )}
          </Paper>
        ))}
      </Stack>
      <Stack spacing={2} sx={{ mt: 2 }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, gap: 2 }}>
          <TextField
            select
            label={t('resolution.consult.with')}
            value={withWhom}
            onChange={(e) => setWithWhom(e.target.value as Consultee)}
          >
            {CONSULTEES.map((c) => (
              <MenuItem key={c} value={c}>
                {t(`resolution.consult.whom.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('resolution.consult.person')}
            required
            value={person}
            onChange={(e) => setPerson(e.target.value)}
            error={!!err('person')}
            helperText={err('person')}
          />
          <OfficeDateTimeField
            label={t('resolution.consult.askedAt')}
            value={askedAt}
            onChange={setAskedAt}
            error={!!err('askedAt')}
            helperText={err('askedAt')}
          />
        </Box>
        <TextField
          label={t('resolution.consult.question')}
          required
          multiline
          minRows={2}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          error={!!err('question')}
          helperText={err('question')}
        />
        {error && !error.field && <Alert severity="error">{error.message}</Alert>}
        <Box>
          <Button variant="outlined" onClick={() => void add()}>
            {t('resolution.consult.add')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}

function AnswerForm({ consultation }: { consultation: ConsultationRecord }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await answerConsultation(getDb(), consultation.id, answer, actor);
    } catch (e) {
      setError(formError(e).message);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'flex-start' }}>
      <TextField
        size="small"
        label={t('resolution.consult.answer')}
        placeholder={t('resolution.consult.awaiting')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        error={!!error}
        helperText={error}
        sx={{ flexGrow: 1 }}
      />
      <Button onClick={() => void save()}>{t('resolution.consult.saveAnswer')}</Button>
    </Stack>
  );
}
