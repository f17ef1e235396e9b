// The officer's own implementation actions and, for a manager, the proposals waiting for their
// approval: shown above the case list in "My work", so nothing owed sits only inside a case.
import { Chip, Link as MuiLink, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/format';
import { caseTabPath } from '../cases/case-tabs-path';
import { useCurrentUser } from '../users/current-user';
import { dayLabel } from './days';
import { isOverdue } from '../../../src-shared/domain/deadlines';
import { useToday } from '../../app/clock';
import { useAwaitingApproval, useMyActions } from './hooks';

export function MyQueues() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useCurrentUser();
  const actions = useMyActions(user.id);
  const approvals = useAwaitingApproval();
  const isManager = user.role === 'manager';
  const day = useToday();
  if (!actions?.length && !(isManager && approvals?.length)) return null;
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
      {!!actions?.length && (
        <Queue id="my-actions" title={t('resolution.queues.actions', { count: actions.length })}>
          {actions.map((a) => (
            <li key={a.id}>
              <MuiLink component={Link} to={caseTabPath(a.caseId, 'follow-up')}>
                {a.caseReference}
              </MuiLink>{' '}
              — {a.title} · {t('resolution.actions.due')} {dayLabel(format, a.dueAt)}{' '}
              {isOverdue(a.dueAt, false, day) && (
                <Chip size="small" color="error" label={t('resolution.actions.overdue')} />
              )}
            </li>
          ))}
        </Queue>
      )}
      {isManager && !!approvals?.length && (
        <Queue id="my-approvals" title={t('resolution.queues.approvals', { count: approvals.length })}>
          {approvals.map((r) => (
            <li key={r.id}>
              <MuiLink component={Link} to={caseTabPath(r.caseId, 'resolution')}>
                {r.caseReference}
              </MuiLink>{' '}
              — {r.summary}
              {r.requestedAt ? ` · ${format.dateTime(r.requestedAt)}` : ''}
            </li>
          ))}
        </Queue>
      )}
    </Stack>
  );
}

function Queue({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper sx={{ p: 2, flex: 1 }} component="section" aria-labelledby={`${id}-heading`}>
      <Typography variant="subtitle1" component="h2" id={`${id}-heading`} sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Stack component="ul" spacing={0.5} sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {children}
      </Stack>
    </Paper>
  );
}
