import { useReasonText } from './reason-text';
import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  ApprovalDecisionSchema,
  canGoToComplainant,
  COMPLAINANT_RESPONSES,
  ComplainantResponseSchema,
  proposalSubject,
  totals,
  type ApprovalDecision,
  type ComplainantResponse,
  type ComplainantResponseOutput,
  type ResolutionRecord,
} from '../../../src-shared/domain/resolution';
import { formatMoney } from '../../../src-shared/domain/templates';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { FormSelect, FormText } from '../../components/FormFields';
import { NotAllowed } from '../../components/NotAllowed';
import { formError, useSchemaForm } from '../../components/schema-form';
import { activeUsers } from '../../../src-shared/domain/users';
import { useUsers } from '../../db/hooks';
import { decideApproval, proposeToComplainant, recordResponse } from '../../db/resolution';
import { getDb } from '../../db/schema';
import type { CaseTabProps } from '../cases/case-tab-props';
import { useCurrentUser } from '../users/current-user';
import { ConsultationsPanel } from './ConsultationsPanel';
import { FairnessPanel } from './FairnessPanel';
import { useResolution } from './hooks';
import { ProposalPanel } from './ProposalPanel';
import { approversAmong, caseSubject } from '../../../src-shared/domain/permissions';
import type { CaseRecord } from '../../../src-shared/domain/case';

/** Resolution: the proposal, its approval, putting it to the complainant and their answer; consultations; the fairness aid. */
export function ResolutionTab({ record }: CaseTabProps) {
  const current = useResolution(record.id);
  if (current === undefined) return null;
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 3fr) minmax(0, 2fr)' },
        gap: 3,
        alignItems: 'start',
      }}
    >
      <Stack spacing={3}>
        {current && <StatusPanel record={record} current={current} />}
        <ProposalPanel record={record} current={current} />
        <ConsultationsPanel record={record} />
      </Stack>
      <Stack spacing={3}>
        <FairnessPanel record={record} />
      </Stack>
    </Box>
  );
}

/** Where the current proposal stands, and the next thing to do with it. */
function StatusPanel({ record, current }: { record: CaseRecord; current: ResolutionRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale } = useSettings().settings;
  const reasonText = useReasonText();
  const money = totals(current.remedies).map((m) => formatMoney(m, locale));
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="status-heading">
      <Typography variant="h6" component="h2" id="status-heading" gutterBottom>
        {t('resolution.approval.title')}: {t(`resolution.proposal.state.${current.state}`)}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap' }}>{current.summary}</Typography>
      <Box component="ul" sx={{ mt: 1, mb: 1 }}>
        {current.remedies.map((r, i) => (
          <li key={i}>
            {t(`resolution.remedy.${r.type}`)}
            {r.amount ? ` — ${formatMoney({ amount: r.amount, currency: r.currency }, locale)}` : ''}:{' '}
            {r.rationale}
          </li>
        ))}
      </Box>
      {money.length > 0 && <Typography variant="body2">{money.join(' + ')}</Typography>}
      {current.approvalReasons.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('resolution.proposal.reasons')} {current.approvalReasons.map(reasonText).join('; ')}.
        </Typography>
      )}
      {current.decision && (
        <Alert severity={current.decision.outcome === 'approved' ? 'success' : 'warning'} sx={{ mt: 2 }}>
          {t('resolution.proposal.decision', {
            outcome: t(`resolution.approval.outcome.${current.decision.outcome}`),
            name: current.decision.by.name,
            date: format.dateTime(current.decision.at),
          })}
          {current.decision.comment ? ` — “${current.decision.comment}”` : ''}
        </Alert>
      )}
      {current.state === 'awaiting-approval' && <DecisionForm record={record} current={current} />}
      {canGoToComplainant(current.state) && !current.proposedAt && (
        <PutToComplainant record={record} current={current} />
      )}
      {current.proposedAt && (
        <Typography sx={{ mt: 2 }}>
          {t('resolution.proposal.proposedOn', { date: format.dateTime(current.proposedAt) })}
        </Typography>
      )}
      {current.response && (
        <Typography sx={{ mt: 1 }}>
          <strong>{t('resolution.response.title')}:</strong>{' '}
          {t('resolution.response.recorded', {
            outcome: t(`resolution.response.${current.response.outcome}`),
            date: format.dateTime(current.response.at),
          })}
          {current.response.note ? ` — ${current.response.note}` : ''}
        </Typography>
      )}
      {current.proposedAt && (!current.response || current.response.outcome === 'no-reply') && (
        <ResponseForm record={record} current={current} />
      )}
    </Paper>
  );
}

/**
 * The manager's decision. Officers see that a decision is awaited; a manager who may not approve
 * this one (they wrote or edited it) sees why instead of the Approve button.
 */
function DecisionForm({ record, current }: { record: CaseRecord; current: ResolutionRecord }) {
  const { can } = useCurrentUser();
  const { t } = useTranslation();
  if (!can('proposal.approve', { case: caseSubject(record) }).ok)
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {t('resolution.approval.waiting')}
      </Alert>
    );
  return <ManagerDecision record={record} current={current} />;
}

function ManagerDecision({ record, current }: { record: CaseRecord; current: ResolutionRecord }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor, can } = useCurrentUser();
  const { locale } = useSettings().settings;
  const approval = can('proposal.approve', {
    case: caseSubject(record),
    proposal: proposalSubject(current),
    locale,
  });
  const { control, setValue, submit, refusal } = useSchemaForm(ApprovalDecisionSchema, {
    defaultValues: { outcome: 'approved', comment: '' },
  });
  // Each button is the outcome: it is set, then the form is checked (a comment unless approving).
  const decide = (outcome: ApprovalDecision) => {
    setValue('outcome', outcome);
    void submit(async (decision) => {
      await decideApproval(getDb(), current.id, decision, actor, new Date(), locale);
      notify(t('resolution.approval.decided'), 'success');
    })();
  };
  return (
    <Stack
      spacing={2}
      sx={{ mt: 2 }}
      component="form"
      noValidate
      aria-label={t('resolution.approval.title')}
      onSubmit={(e) => e.preventDefault()}
    >
      <Alert severity={approval.ok ? 'warning' : 'info'}>
        {approval.ok ? t('resolution.approval.forManager') : approval.message}
      </Alert>
      <FormText
        control={control}
        name="comment"
        label={t('resolution.approval.comment')}
        multiline
        minRows={2}
      />
      {refusal && <Alert severity="error">{refusal}</Alert>}
      <Stack direction="row" spacing={1}>
        {approval.ok && (
          <Button variant="contained" color="success" onClick={() => decide('approved')}>
            {t('resolution.approval.approve')}
          </Button>
        )}
        <Button variant="outlined" onClick={() => decide('changes-requested')}>
          {t('resolution.approval.requestChanges')}
        </Button>
        <Button variant="outlined" color="error" onClick={() => decide('rejected')}>
          {t('resolution.approval.reject')}
        </Button>
      </Stack>
    </Stack>
  );
}

function PutToComplainant({ record, current }: { record: CaseRecord; current: ResolutionRecord }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const rules = useCaseRules();
  const { actor, can } = useCurrentUser();
  const writing = can('proposal.write', { case: caseSubject(record) });
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setError(null);
    try {
      await proposeToComplainant(getDb(), current.id, actor, rules);
      notify(t('resolution.proposal.sent'), 'success');
    } catch (e) {
      setError(formError(e).message);
    }
  };
  if (!writing.ok) return <NotAllowed permission={writing} sx={{ mt: 2 }} />;
  return (
    <Stack spacing={1} sx={{ mt: 2, alignItems: 'flex-start' }}>
      <Button variant="contained" onClick={() => void go()}>
        {t('resolution.proposal.putToComplainant')}
      </Button>
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}

interface ResponseValues {
  outcome: ComplainantResponse;
  note: string;
  /** The manager to escalate a rejection to, by id; '' for none. */
  escalateTo: string;
}

/** The complainant's answer: accepted, rejected (optionally escalating) or no reply yet. */
function ResponseForm({ record, current }: { record: CaseRecord; current: ResolutionRecord }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const rules = useCaseRules();
  const { actor, can } = useCurrentUser();
  const writing = can('proposal.write', { case: caseSubject(record) });
  const escalating = can('case.escalate', { case: caseSubject(record) });
  // A rejection is escalated to someone who can decide on the remedy.
  const managers = approversAmong(activeUsers(useUsers() ?? []));
  const { control, submit, refusal } = useSchemaForm<ResponseValues, ComplainantResponseOutput>(
    ComplainantResponseSchema,
    {
      defaultValues: { outcome: 'accepted', note: '', escalateTo: '' },
      toInput: (v) => {
        const owner = v.outcome === 'rejected' ? managers.find((m) => m.id === v.escalateTo) : undefined;
        return { ...v, escalateTo: owner ? { id: owner.id, name: owner.name } : null };
      },
    },
  );
  const outcome = useWatch({ control, name: 'outcome' });
  const save = submit(async (response) => {
    await recordResponse(getDb(), current.id, response, actor, rules);
    notify(t('resolution.response.saved'), 'success');
  });
  if (!writing.ok) return <NotAllowed permission={writing} sx={{ mt: 2 }} />;
  return (
    <Stack spacing={2} sx={{ mt: 2 }} component="section" aria-labelledby="response-heading">
      <Typography variant="subtitle1" component="h3" id="response-heading">
        {t('resolution.response.title')}
      </Typography>
      <Stack spacing={2} component="form" noValidate onSubmit={(e) => void save(e)}>
        <FormSelect
          control={control}
          name="outcome"
          label={t('resolution.response.outcome')}
          options={COMPLAINANT_RESPONSES.map((r) => ({ value: r, label: t(`resolution.response.${r}`) }))}
        />
        <FormText
          control={control}
          name="note"
          label={t('resolution.response.note')}
          required={outcome === 'rejected'}
          multiline
          minRows={2}
        />
        {outcome === 'rejected' && !escalating.ok && <NotAllowed permission={escalating} />}
        {outcome === 'rejected' && escalating.ok && (
          <FormSelect
            control={control}
            name="escalateTo"
            label={t('resolution.response.escalateTo')}
            options={[
              { value: '', label: t('resolution.response.noEscalation') },
              ...managers.map((m) => ({ value: m.id, label: m.name })),
            ]}
          />
        )}
        {refusal && <Alert severity="error">{refusal}</Alert>}
        <Box>
          <Button type="submit" variant="contained">
            {t('resolution.response.save')}
          </Button>
        </Box>
      </Stack>
    </Stack>
  );
}
