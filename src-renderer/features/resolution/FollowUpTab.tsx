import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Actor, CaseSatisfaction } from '../../../src-shared/domain/case';
import { caseSubject, type Permission } from '../../../src-shared/domain/permissions';
import { ActionDoneSchema, FollowUpDateSchema, isSatisfied } from '../../../src-shared/domain/resolution';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useUsers } from '../../db/hooks';
import { addAction, completeAction, recordFollowUp, scheduleFollowUp } from '../../db/follow-up';
import { ActionSchema, FollowUpResultSchema, type ActionRecord } from '../../../src-shared/domain/follow-up';
import { getDb } from '../../db/schema';
import type { CaseTabProps } from '../cases/case-tab-props';
import { useCurrentUser } from '../users/current-user';
import { isOverdue } from '../../../src-shared/domain/deadlines';
import { useToday } from '../../app/clock';
import { useActions, useFollowUp } from './hooks';
import { OneFieldForm } from './OneFieldForm';
import { FormRadios, FormText } from '../../components/FormFields';
import { FormDate } from '../../components/DateField';
import { NotAllowed } from '../../components/NotAllowed';
import { useSchemaForm } from '../../components/schema-form';
import { FormUserSelect } from '../../components/UserSelect';

/** Implementation (actions with owners and due dates) and the follow-up check with the complainant. */
export function FollowUpTab({ record }: CaseTabProps) {
  // Carrying out the remedy and checking back with the complainant is work on the case.
  const working = useCurrentUser().can('case.edit', { case: caseSubject(record) });
  return (
    <Stack spacing={3}>
      <ActionsPanel caseId={record.id} working={working} />
      <FollowUpPanel
        caseId={record.id}
        status={record.status}
        satisfaction={record.satisfaction ?? null}
        working={working}
      />
    </Stack>
  );
}

interface ActionValues {
  title: string;
  owner: Actor | null;
  dueAt: string;
}

/** The check as the form holds it: nothing chosen yet is null, for the schema to ask for. */
interface FollowUpValues {
  score: number | null;
  resolved: boolean | null;
  comments: string;
  next: 'close' | 'adjust';
  reason: string;
}

const SCORES = [1, 2, 3, 4, 5] as const;

function ActionsPanel({ caseId, working }: { caseId: string; working: Permission }) {
  const { t } = useTranslation();
  const { actor } = useCurrentUser();
  const users = useUsers() ?? [];
  const actions = useActions(caseId);
  const today = useToday();
  const { control, resetField, submit, refusal } = useSchemaForm<ActionValues, z.output<typeof ActionSchema>>(
    ActionSchema,
    {
      defaultValues: { title: '', owner: { id: actor.id, name: actor.name }, dueAt: today },
    },
  );
  const add = submit(async (input) => {
    await addAction(getDb(), caseId, input, actor);
    resetField('title');
  });
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
          <ActionItem key={a.id} action={a} working={working} />
        ))}
      </Stack>
      <NotAllowed permission={working} />
      {working.ok && (
        <Box
          component="form"
          noValidate
          onSubmit={(e) => void add(e)}
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', md: '2fr 1fr 1fr auto' },
            gap: 2,
            mt: 2,
            alignItems: 'start',
          }}
        >
          <FormText control={control} name="title" label={t('resolution.actions.what')} required />
          <FormUserSelect
            control={control}
            name="owner"
            label={t('resolution.actions.owner')}
            users={users}
          />
          <FormDate control={control} name="dueAt" label={t('resolution.actions.due')} />
          <Button type="submit" variant="outlined" sx={{ mt: 1 }}>
            {t('resolution.actions.add')}
          </Button>
        </Box>
      )}
      {refusal && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {refusal}
        </Alert>
      )}
    </Paper>
  );
}

function ActionItem({ action, working }: { action: ActionRecord; working: Permission }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useCurrentUser();
  const overdue = isOverdue(action.dueAt, !!action.done, useToday());
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
        working.ok && (
          <OneFieldForm
            schema={ActionDoneSchema}
            name="outcome"
            label={t('resolution.actions.outcome')}
            action={t('resolution.actions.done')}
            onSave={(outcome) => completeAction(getDb(), action.id, outcome, actor)}
            fieldProps={{ sx: { flexGrow: 1 } }}
            sx={{ mt: 1 }}
          />
        )
      )}
    </Paper>
  );
}

function FollowUpPanel({
  caseId,
  status,
  satisfaction,
  working,
}: {
  caseId: string;
  status: string;
  satisfaction: CaseSatisfaction | null;
  working: Permission;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const rules = useCaseRules();
  const { actor } = useCurrentUser();
  const followUp = useFollowUp(caseId);
  const pending = followUp && !followUp.result ? followUp : null;
  const { control, submit, refusal } = useSchemaForm<FollowUpValues, z.output<typeof FollowUpResultSchema>>(
    FollowUpResultSchema,
    {
      defaultValues: { score: null, resolved: null, comments: '', next: 'close', reason: '' },
    },
  );
  const [score, resolved, next] = useWatch({ control, name: ['score', 'resolved', 'next'] });
  const satisfied = score !== null && isSatisfied({ score, resolved: resolved === true });
  const save = submit(async (result) => {
    await recordFollowUp(getDb(), caseId, result, actor, rules);
    notify(t('resolution.followUp.saved'), 'success');
  });
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
      {!working.ok ? (
        <NotAllowed permission={working} />
      ) : (
        <OneFieldForm
          schema={FollowUpDateSchema}
          name="dueAt"
          label={t('resolution.followUp.date')}
          action={t('resolution.followUp.schedule')}
          onSave={(dueAt) => scheduleFollowUp(getDb(), caseId, dueAt, actor)}
          date
          sx={{ mb: 3 }}
        />
      )}
      {!working.ok ? null : status !== 'follow-up' ? (
        <Typography color="text.secondary">{t('resolution.followUp.notYet')}</Typography>
      ) : (
        <Stack
          spacing={2}
          component="form"
          noValidate
          aria-label={t('resolution.followUp.record')}
          onSubmit={(e) => void save(e)}
        >
          <Typography variant="subtitle1" component="h3">
            {t('resolution.followUp.record')}
          </Typography>
          <FormRadios
            control={control}
            name="score"
            label={t('resolution.followUp.score')}
            options={SCORES.map((n) => ({ value: String(n), label: String(n) }))}
            parse={Number}
          />
          <FormRadios
            control={control}
            name="resolved"
            label={t('resolution.followUp.resolved')}
            options={[
              { value: 'true', label: t('resolution.followUp.yes') },
              { value: 'false', label: t('resolution.followUp.no') },
            ]}
            parse={(v) => v === 'true'}
          />
          <FormText
            control={control}
            name="comments"
            label={t('resolution.followUp.comments')}
            multiline
            minRows={2}
          />
          <FormRadios
            control={control}
            name="next"
            label={t('resolution.followUp.next')}
            options={[
              { value: 'close', label: t('resolution.followUp.close') },
              { value: 'adjust', label: t('resolution.followUp.adjust') },
            ]}
          />
          {(next === 'adjust' || (score !== null && resolved !== null && !satisfied)) && (
            <FormText
              control={control}
              name="reason"
              label={t('resolution.followUp.reason')}
              required
              multiline
              helperText={t(
                next === 'adjust'
                  ? 'resolution.followUp.reasonHelpAdjust'
                  : 'resolution.followUp.reasonHelpClose',
              )}
            />
          )}
          {refusal && <Alert severity="error">{refusal}</Alert>}
          <Box>
            <Button type="submit" variant="contained">
              {t('resolution.followUp.save')}
            </Button>
          </Box>
        </Stack>
      )}
    </Paper>
  );
}
