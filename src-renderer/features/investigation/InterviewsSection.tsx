import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import {
  AddendumInputSchema,
  canEditInterview,
  emptyInterview,
  type InterviewInput,
  type InterviewRecord,
} from '../../../src-shared/domain/investigation';
import { useFormat } from '../../app/format';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { addAddendum, signOffInterview } from '../../db/investigation';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { useInterviews, useInvestigationEditable } from './hooks';
import { useToday } from '../../app/clock';
import { findInterviewDraft } from './interview-draft';
import { InterviewForm } from './InterviewForm';
import { messageOf, Section } from './Section';
import { DetailItem } from '../../components/DetailItem';
import { keepTypedOnClose } from '../../components/dialog-close';

interface Editing {
  interviewId: string | null;
  initial: InterviewInput;
  restored: boolean;
}

/** Asks before signing off; shows a refusal in place. */
function SignOffDialog({ onConfirm, onClose }: { onConfirm: () => Promise<unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="interview-dialog-title" fullWidth maxWidth="sm">
      <DialogTitle id="interview-dialog-title">{t('investigation.interviews.signOffTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <DialogContentText>{t('investigation.interviews.signOffBody')}</DialogContentText>
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void confirm()} disabled={busy}>
          {t('investigation.interviews.signOff')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** An addendum to a signed-off interview: what is added and why; a refusal keeps what was typed. */
function AddendumDialog({ interviewId, onClose }: { interviewId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const { control, submit, refusal, formState } = useSchemaForm(AddendumInputSchema, {
    defaultValues: { text: '', reason: '' },
  });
  const save = submit(async (input) => {
    await addAddendum(getDb(), interviewId, input, actor);
    onClose();
  });
  return (
    <Dialog
      open
      onClose={keepTypedOnClose(onClose, formState.isSubmitting)}
      aria-labelledby="interview-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="interview-dialog-title">{t('investigation.interviews.addAddendum')}</DialogTitle>
      {/* display: contents keeps the dialog's own layout of content and actions. */}
      <Box component="form" noValidate onSubmit={(e) => void save(e)} sx={{ display: 'contents' }}>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <FormText
              control={control}
              name="text"
              label={t('investigation.interviews.addendumText')}
              required
              multiline
              minRows={3}
              autoFocus
            />
            <FormText
              control={control}
              name="reason"
              label={t('case.reason')}
              required
              multiline
              minRows={1}
            />
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('investigation.interviews.addAddendum')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

function InterviewCard({
  interview,
  editable,
  onEdit,
}: {
  interview: InterviewRecord;
  editable: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'sign-off' | 'addendum' | null>(null);
  const signed = interview.status === 'signed-off';
  const may = canEditInterview(interview);
  const lock = may.ok ? null : may.message;
  const edit = () => {
    if (may.ok) onEdit();
    else setRefusal(may.message);
  };
  const when = [
    format.day(interview.date),
    interview.time,
    interview.durationMinutes !== null
      ? t('investigation.interviews.minutes', { count: interview.durationMinutes })
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Paper
      variant="outlined"
      component="article"
      sx={{ p: 2 }}
      aria-label={t('investigation.interviews.with', { name: interview.intervieweeName })}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3">
          {interview.intervieweeName}
          {interview.intervieweeRole ? ` — ${interview.intervieweeRole}` : ''}
        </Typography>
        <Chip
          size="small"
          color={signed ? 'success' : 'default'}
          label={t(`investigation.interviews.status.${interview.status}`)}
        />
      </Stack>
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' },
          gap: 1.5,
          m: 0,
          mb: 2,
        }}
      >
        <DetailItem label={t('investigation.interviews.when')}>{when}</DetailItem>
        <DetailItem label={t('investigation.interviews.method')}>
          {[t(`investigation.interviews.methods.${interview.method}`), interview.location]
            .filter(Boolean)
            .join(', ')}
        </DetailItem>
        <DetailItem label={t('investigation.interviews.intervieweeContact')}>
          {interview.intervieweeContact}
        </DetailItem>
        <DetailItem label={t('investigation.interviews.interviewer')}>{interview.interviewer}</DetailItem>
        <DetailItem label={t('investigation.interviews.othersPresent')}>{interview.othersPresent}</DetailItem>
        <DetailItem label={t('investigation.interviews.consentAndNotice')}>
          {[
            interview.consentGiven
              ? t('investigation.interviews.consentYes')
              : t('investigation.interviews.consentNo'),
            interview.noticeGiven
              ? t('investigation.interviews.noticeYes')
              : t('investigation.interviews.noticeNo'),
          ].join('\n')}
        </DetailItem>
      </Box>
      <Box component="dl" sx={{ m: 0, display: 'grid', gap: 1.5 }}>
        <DetailItem label={t('investigation.interviews.statement')}>{interview.statement}</DetailItem>
        <DetailItem label={t('investigation.interviews.keyPoints')}>{interview.keyPoints}</DetailItem>
        <DetailItem label={t('investigation.interviews.followUp')}>{interview.followUpActions}</DetailItem>
      </Box>
      {interview.signedOff && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          {t('investigation.interviews.signedOffBy', {
            name: interview.signedOff.by.name,
            date: format.dateTime(interview.signedOff.at),
          })}
        </Typography>
      )}
      {interview.addenda.length > 0 && (
        <Box
          component="ol"
          sx={{ m: 0, mt: 1.5, pl: 0, listStyle: 'none' }}
          aria-label={t('investigation.interviews.addenda')}
        >
          {interview.addenda.map((a) => (
            <Box
              component="li"
              key={a.id}
              sx={{ borderLeft: 3, borderColor: 'warning.main', pl: 1.5, mb: 1 }}
            >
              <Typography variant="subtitle2">
                {t('investigation.interviews.addendumBy', { name: a.by.name, date: format.dateTime(a.at) })}
              </Typography>
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{a.text}</Typography>
              <Typography variant="body2" color="text.secondary">
                {t('investigation.interviews.addendumReason', { reason: a.reason })}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {refusal && (
        <Alert severity="warning" sx={{ mt: 1.5 }} onClose={() => setRefusal(null)}>
          {refusal}
        </Alert>
      )}
      {editable && (
        <Stack direction="row" spacing={1} sx={{ mt: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
          {/* A signed-off record is locked: it offers an addendum, and says why there is no Edit. */}
          {!signed && (
            <Button size="small" onClick={edit}>
              {t('investigation.interviews.edit')}
            </Button>
          )}
          {!signed && (
            <Button size="small" variant="outlined" onClick={() => setDialog('sign-off')}>
              {t('investigation.interviews.signOff')}
            </Button>
          )}
          {signed && (
            <Button size="small" variant="outlined" onClick={() => setDialog('addendum')}>
              {t('investigation.interviews.addAddendum')}
            </Button>
          )}
          {signed && lock && (
            <Typography variant="body2" color="text.secondary">
              {lock}
            </Typography>
          )}
        </Stack>
      )}
      {dialog === 'sign-off' && (
        <SignOffDialog
          onConfirm={() => signOffInterview(getDb(), interview.id, actor)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'addendum' && <AddendumDialog interviewId={interview.id} onClose={() => setDialog(null)} />}
    </Paper>
  );
}

/** Interview records: Draft → Signed off (locked); corrections afterwards are addenda. */
export function InterviewsSection({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { actor, user } = useCurrentUser();
  const interviews = useInterviews(record.id);
  const today = useToday();
  const editable = useInvestigationEditable(record);
  // A draft left open (a reload mid-interview) comes straight back.
  const [editing, setEditing] = useState<Editing | null>(() => {
    const draft = findInterviewDraft(user.id, record.id);
    return draft ? { interviewId: draft.interviewId, initial: draft.values, restored: true } : null;
  });
  const fromRecord = (i: InterviewRecord): InterviewInput => {
    const {
      id: _id,
      caseId: _c,
      createdAt: _a,
      createdBy: _b,
      updatedAt: _u,
      status: _s,
      signedOff: _o,
      addenda: _d,
      ...fields
    } = i;
    return fields;
  };
  return (
    <Section
      id="interviews"
      title={t('investigation.interviews.title')}
      intro={t('investigation.interviews.intro')}
    >
      {interviews && interviews.length === 0 && !editing && (
        <Typography color="text.secondary">{t('investigation.interviews.empty')}</Typography>
      )}
      {(interviews ?? []).map((i) =>
        editing?.interviewId === i.id ? null : (
          <InterviewCard
            key={i.id}
            interview={i}
            editable={editable}
            onEdit={() => setEditing({ interviewId: i.id, initial: fromRecord(i), restored: false })}
          />
        ),
      )}
      {editing && editable ? (
        <InterviewForm
          key={editing.interviewId ?? 'new'}
          caseId={record.id}
          interviewId={editing.interviewId}
          initial={editing.initial}
          restored={editing.restored}
          onDone={() => setEditing(null)}
        />
      ) : (
        editable && (
          <Box>
            <Button
              variant="outlined"
              onClick={() =>
                setEditing({ interviewId: null, initial: emptyInterview(actor.name, today), restored: false })
              }
            >
              {t('investigation.interviews.record')}
            </Button>
          </Box>
        )
      )}
    </Section>
  );
}
