import {
  Alert,
  Box,
  Button,
  Chip,
  FormControl,
  FormControlLabel,
  FormLabel,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSatisfaction } from '../../../src-shared/domain/case';
import { isSatisfied } from '../../../src-shared/domain/resolution';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useUsers } from '../../db/hooks';
import { addAction, completeAction, recordFollowUp, scheduleFollowUp } from '../../db/follow-up';
import type { ActionRecord } from '../../../src-shared/domain/follow-up';
import { getDb } from '../../db/schema';
import type { CaseTabProps } from '../cases/case-tab-props';
import { useCurrentUser } from '../users/current-user';
import { formError } from './form-error';
import { isOverdue } from '../../../src-shared/domain/deadlines';
import { useToday } from '../../app/clock';
import { useActions, useFollowUp } from './hooks';
import { UserSelect } from '../../components/UserSelect';

/** Implementation (actions with owners and due dates) and the follow-up check with the complainant. */
export function FollowUpTab({ record }: CaseTabProps) {
  return (
    <Stack spacing={3}>
      <ActionsPanel caseId={record.id} />
      <FollowUpPanel caseId={record.id} status={record.status} satisfaction={record.satisfaction ?? null} />
    </Stack>
  );
}

function ActionsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const users = useUsers() ?? [];
  const actions = useActions(caseId);
  const today = useToday();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState(actor.id);
  const [dueAt, setDueAt] = useState(today);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const err = (f: string) => (error?.field === f ? error.message : undefined);
  const add = async () => {
    setError(null);
    const owner = users.find((u) => u.id === ownerId);
    try {
      await addAction(
        getDb(),
        caseId,
        { title, owner: owner ? { id: owner.id, name: owner.name } : (null as never), dueAt },
        actor,
      );
      setTitle('');
    } catch (e) {
      setError(formError(e));
    }
  };
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="actions-heading">
      <Typography variant="h6" component="h2" id="actions-heading" gutterBottom>
        {t('resolution.actions.title')}
      </Typography>
      {actions && actions.length === 0 && (
        <Typography color="text.secondary">{t('resolution.actions.empty')}</Typography>
      )}
      <Stack
        spacing={1.5}
        component="ul"
        sx={{ p: 0, listStyle: 'none' }}
        aria-label={t('resolution.actions.title')}
      >
        {(actions ?? []).map((a) => (
          <ActionItem key={a.id} action={a} />
        ))}
      </Stack>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr auto' },
          gap: 2,
          mt: 2,
          alignItems: 'start',
        }}
      >
        <TextField
          label={t('resolution.actions.what')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={!!err('title')}
          helperText={err('title')}
        />
        <UserSelect
          label={t('resolution.actions.owner')}
          users={users}
          value={ownerId}
          onChange={setOwnerId}
        />
        <TextField
          type="date"
          label={t('resolution.actions.due')}
          value={dueAt}
          onChange={(e) => setDueAt(e.target.value)}
          error={!!err('dueAt')}
          helperText={err('dueAt')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button variant="outlined" onClick={() => void add()} sx={{ mt: 1 }}>
          {t('resolution.actions.add')}
        </Button>
      </Box>
      {error && !error.field && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error.message}
        </Alert>
      )}
    </Paper>
  );
}

function ActionItem({ action }: { action: ActionRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | null>(null);
  const overdue = isOverdue(action.dueAt, !!action.done, useToday());
  const done = async () => {
    try {
      await completeAction(getDb(), action.id, outcome, actor);
    } catch (e) {
      setError(formError(e).message);
    }
  };
  return (
    <Paper variant="outlined" component="li" sx={{ p: 2 }} aria-label={action.title}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600, flexGrow: 1 }}>{action.title}</Typography>
        {overdue && <Chip size="small" color="error" label={t('resolution.actions.overdue')} />}
        <Typography variant="body2" color="text.secondary">
          {action.owner.name} · {t('resolution.actions.due')} {format.day(action.dueAt)}
        </Typography>
      </Stack>
      {action.done ? (
        <Typography color="success.main">
          {t('resolution.actions.doneOn', { date: format.date(action.doneAt!), outcome: action.outcome })}
        </Typography>
      ) : (
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'flex-start' }}>
          <TextField
            size="small"
            label={t('resolution.actions.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            error={!!error}
            helperText={error}
            sx={{ flexGrow: 1 }}
          />
          <Button onClick={() => void done()}>{t('resolution.actions.done')}</Button>
        </Stack>
      )}
    </Paper>
  );
}

function FollowUpPanel({
  caseId,
  status,
  satisfaction,
}: {
  caseId: string;
  status: string;
  satisfaction: CaseSatisfaction | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const rules = useCaseRules();
  const { actor } = useCurrentUser();
  const followUp = useFollowUp(caseId);
  const [date, setDate] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const [resolved, setResolved] = useState<'yes' | 'no' | ''>('');
  const [comments, setComments] = useState('');
  const [next, setNext] = useState<'close' | 'adjust'>('close');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const satisfied = score !== null && isSatisfied({ score, resolved: resolved === 'yes' });
  const pending = followUp && !followUp.result ? followUp : null;

  const schedule = async () => {
    try {
      await scheduleFollowUp(getDb(), caseId, date, actor);
      setDate('');
    } catch (e) {
      setError(formError(e));
    }
  };
  const save = async () => {
    setError(null);
    if (score === null) return setError({ field: 'score', message: t('resolution.followUp.score') });
    if (!resolved) return setError({ field: 'resolved', message: t('resolution.followUp.resolved') });
    try {
      await recordFollowUp(
        getDb(),
        caseId,
        { score: score as CaseSatisfaction['score'], resolved: resolved === 'yes', comments, next, reason },
        actor,
        rules,
      );
      notify(t('resolution.followUp.saved'), 'success');
    } catch (e) {
      setError(formError(e));
    }
  };
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="followup-heading">
      <Typography variant="h6" component="h2" id="followup-heading" gutterBottom>
        {t('resolution.followUp.title')}
      </Typography>
      {satisfaction && (
        <Alert severity={isSatisfied(satisfaction) ? 'success' : 'warning'} sx={{ mb: 2 }}>
          {t('resolution.followUp.latest', {
            score: satisfaction.score,
            resolved: t(
              satisfaction.resolved ? 'resolution.followUp.resolvedYes' : 'resolution.followUp.resolvedNo',
            ),
            date: format.date(satisfaction.at),
          })}
        </Alert>
      )}
      <Typography sx={{ mb: 1 }}>
        {pending
          ? t('resolution.followUp.scheduled', { date: format.day(pending.dueAt) })
          : t('resolution.followUp.notScheduled')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mb: 3, alignItems: 'flex-start' }}>
        <TextField
          type="date"
          size="small"
          label={t('resolution.followUp.date')}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button onClick={() => void schedule()} disabled={!date}>
          {t('resolution.followUp.schedule')}
        </Button>
      </Stack>
      {status !== 'follow-up' ? (
        <Typography color="text.secondary">{t('resolution.followUp.notYet')}</Typography>
      ) : (
        <Stack
          spacing={2}
          component="form"
          aria-label={t('resolution.followUp.record')}
          onSubmit={(e) => e.preventDefault()}
        >
          <Typography variant="subtitle1" component="h3">
            {t('resolution.followUp.record')}
          </Typography>
          <FormControl error={error?.field === 'score'}>
            <FormLabel id="score-label">{t('resolution.followUp.score')}</FormLabel>
            <RadioGroup
              row
              aria-labelledby="score-label"
              value={score === null ? '' : String(score)}
              onChange={(e) => setScore(Number(e.target.value))}
            >
              {[1, 2, 3, 4, 5].map((n) => (
                <FormControlLabel key={n} value={String(n)} control={<Radio />} label={String(n)} />
              ))}
            </RadioGroup>
          </FormControl>
          <FormControl error={error?.field === 'resolved'}>
            <FormLabel id="resolved-label">{t('resolution.followUp.resolved')}</FormLabel>
            <RadioGroup
              row
              aria-labelledby="resolved-label"
              value={resolved}
              onChange={(e) => setResolved(e.target.value as 'yes')}
            >
              <FormControlLabel value="yes" control={<Radio />} label={t('resolution.followUp.yes')} />
              <FormControlLabel value="no" control={<Radio />} label={t('resolution.followUp.no')} />
            </RadioGroup>
          </FormControl>
          <TextField
            label={t('resolution.followUp.comments')}
            multiline
            minRows={2}
            value={comments}
            onChange={(e) => setComments(e.target.value)}
          />
          <FormControl>
            <FormLabel id="next-label">{t('resolution.followUp.next')}</FormLabel>
            <RadioGroup
              row
              aria-labelledby="next-label"
              value={next}
              onChange={(e) => setNext(e.target.value as 'close')}
            >
              <FormControlLabel value="close" control={<Radio />} label={t('resolution.followUp.close')} />
              <FormControlLabel value="adjust" control={<Radio />} label={t('resolution.followUp.adjust')} />
            </RadioGroup>
          </FormControl>
          {(next === 'adjust' || (score !== null && resolved && !satisfied)) && (
            <TextField
              label={t('resolution.followUp.reason')}
              required
              multiline
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={error?.field === 'reason'}
              helperText={
                error?.field === 'reason'
                  ? error.message
                  : t(
                      next === 'adjust'
                        ? 'resolution.followUp.reasonHelpAdjust'
                        : 'resolution.followUp.reasonHelpClose',
                    )
              }
            />
          )}
          {error && error.field !== 'reason' && <Alert severity="error">{error.message}</Alert>}
          <Box>
            <Button variant="contained" onClick={() => void save()}>
              {t('resolution.followUp.save')}
            </Button>
          </Box>
        </Stack>
      )}
    </Paper>
  );
}
