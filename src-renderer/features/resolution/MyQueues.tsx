// The officer's own implementation actions, complainants waiting for news from them and, for a
// manager, the proposals waiting for their approval: shown above the case list in "My work", so
// nothing owed sits only inside a case.
import { Chip, Link as MuiLink, Paper, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isOverdue, updateOwedBefore } from '../../../src-shared/domain/deadlines';
import { useCaseRules } from '../../app/case-rules';
import { useNow, useToday } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { updatesOwedFor } from '../../db/case-query';
import { escalatedTo } from '../../db/reminders';
import { getDb } from '../../db/schema';
import { caseTabPath } from '../cases/case-tabs-path';
import { useCurrentUser } from '../users/current-user';
import { useViewer } from '../users/use-viewer';
import { useAwaitingApproval, useMyActions } from './hooks';
import { useReasonText } from './reason-text';
import { formatMoney } from '../../../src-shared/domain/money';
import { totals } from '../../../src-shared/domain/resolution';
import type { ActingPerson } from '../../../src-shared/domain/permissions';

/** How many waiting complainants My work lists; the rest are a click away in the Cases list. */
const OWED_SHOWN = 8;

function useMyUpdatesOwed(viewer: ActingPerson) {
  const { calendar } = useCaseRules();
  const days = useSettings().settings.keepInformedBusinessDays;
  // Changes once a day, so the query re-runs then and on any write, not every minute.
  const before = updateOwedBefore(useNow(), calendar, days);
  return useLiveQuery(() => updatesOwedFor(getDb(), viewer, before, OWED_SHOWN), [viewer, before]);
}

export function MyQueues() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user, can } = useCurrentUser();
  const viewer = useViewer();
  const actions = useMyActions(viewer);
  const approvals = useAwaitingApproval();
  const owed = useMyUpdatesOwed(viewer);
  const escalated = useLiveQuery(() => escalatedTo(getDb(), viewer), [viewer]);
  // Whoever decides on proposals sees the whole office's queue of them beside their own work.
  const isManager = can('proposal.approve').ok;
  const day = useToday();
  const { locale } = useSettings().settings;
  const reasonText = useReasonText();
  if (!actions?.length && !owed?.rows.length && !escalated?.length && !(isManager && approvals?.length))
    return null;
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 2 }}>
      {!!actions?.length && (
        <Queue id="my-actions" title={t('resolution.queues.actions', { count: actions.length })}>
          {actions.map((a) => (
            <li key={a.id}>
              <MuiLink component={Link} to={caseTabPath(a.caseId, 'follow-up')}>
                {a.caseReference}
              </MuiLink>{' '}
              — {a.title} · {t('resolution.actions.due')} {format.day(a.dueAt)}{' '}
              {isOverdue(a.dueAt, false, day) && (
                <Chip size="small" color="error" label={t('resolution.actions.overdue')} />
              )}
            </li>
          ))}
        </Queue>
      )}
      {!!owed?.rows.length && (
        <Queue
          id="my-updates-owed"
          title={
            owed.next
              ? t('resolution.queues.updatesOwedMore', { count: owed.rows.length })
              : t('resolution.queues.updatesOwed', { count: owed.rows.length })
          }
        >
          {owed.rows.map((c) => (
            <li key={c.id}>
              <MuiLink component={Link} to={caseTabPath(c.id, 'communications')}>
                {c.reference}
              </MuiLink>{' '}
              — {c.complainant.name} ·{' '}
              {c.informedAt === c.receivedAt
                ? t('resolution.queues.noNewsSince', { date: format.dateTime(c.receivedAt) })
                : t('resolution.queues.lastNews', { date: format.dateTime(c.informedAt) })}
            </li>
          ))}
          <li>
            <MuiLink component={Link} to={`/cases?view=update-owed&assignee=${encodeURIComponent(user.id)}`}>
              {t('resolution.queues.allUpdatesOwed')}
            </MuiLink>
          </li>
        </Queue>
      )}
      {!!escalated?.length && (
        <Queue id="my-escalations" title={t('resolution.queues.escalated', { count: escalated.length })}>
          {escalated.map((c) => (
            <li key={c.id}>
              <MuiLink component={Link} to={`/cases/${c.id}`}>
                {c.reference}
              </MuiLink>{' '}
              — {c.complainant.name} · {c.escalation?.reason}
            </li>
          ))}
        </Queue>
      )}
      {isManager && !!approvals?.length && (
        <Queue id="my-approvals" title={t('resolution.queues.approvals', { count: approvals.length })}>
          {/* Oldest waiting first, each with what it pays and why it needs a decision. */}
          {approvals.map((r) => (
            <li key={r.id}>
              <MuiLink component={Link} to={caseTabPath(r.caseId, 'resolution')}>
                {r.caseReference}
              </MuiLink>{' '}
              — {r.summary}
              {totals(r.remedies).length > 0 &&
                ` · ${totals(r.remedies)
                  .map((m) => formatMoney(m, locale))
                  .join(' + ')}`}
              {r.requestedAt
                ? ` · ${t('resolution.queues.waitingSince', { date: format.dateTime(r.requestedAt) })}`
                : ''}
              {r.approvalReasons.length > 0 && (
                <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                  {r.approvalReasons.map(reasonText).join('; ')}
                </Typography>
              )}
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
      <Stack
        component="ul"
        spacing={0.5}
        sx={{ listStyle: 'none', p: 0, m: 0, maxHeight: 360, overflowY: 'auto' }}
      >
        {children}
      </Stack>
    </Paper>
  );
}
