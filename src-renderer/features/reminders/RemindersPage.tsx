import { Chip, Link as MuiLink, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REMINDER_KINDS, type Reminder, type ReminderKind } from '../../../src-shared/domain/reminders';
import { useFormat } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { caseTabPath } from '../cases/case-tabs-path';
import { reminderText } from './reminder-text';
import { useReminders } from './use-reminders';

/** Where on the case each reminder is dealt with. */
const TAB: Record<ReminderKind, string> = {
  acknowledge: 'communications',
  holding: 'communications',
  final: 'communications',
  'update-owed': 'communications',
  enquiry: 'investigation',
  action: 'follow-up',
};

/** The reminders centre: everything due from the signed-in person, grouped, overdue first. */
export function RemindersPage() {
  const { t } = useTranslation();
  const reminders = useReminders();
  const subtitle = (list: readonly Reminder[]) => {
    const overdue = list.filter((r) => r.overdue).length;
    return overdue
      ? t('reminders.subtitleOverdue', { count: overdue, total: list.length })
      : t('reminders.subtitle', { count: list.length });
  };
  const groups = REMINDER_KINDS.map((kind) => ({
    kind,
    items: (reminders ?? []).filter((r) => r.kind === kind),
  })).filter((g) => g.items.length > 0);
  return (
    <>
      <PageHeader title={t('reminders.title')} subtitle={reminders ? subtitle(reminders) : ' '} />
      {reminders && reminders.length === 0 ? (
        <EmptyState title={t('reminders.emptyTitle')} body={t('reminders.emptyBody')} />
      ) : (
        <Stack spacing={2}>
          {groups.map((g) => (
            <ReminderGroup key={g.kind} kind={g.kind} items={g.items} />
          ))}
        </Stack>
      )}
    </>
  );
}

function ReminderGroup({ kind, items }: { kind: ReminderKind; items: Reminder[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = `reminders-${kind}`;
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id={id}>
        {t(`reminders.groups.${kind}`)} ({format.number(items.length)})
      </Typography>
      <List dense aria-labelledby={id}>
        {items.map((r) => (
          <ListItem key={r.key} disableGutters divider>
            <ListItemText
              primary={
                <>
                  <MuiLink component={Link} to={caseTabPath(r.caseId, TAB[kind])}>
                    {r.reference}
                  </MuiLink>{' '}
                  — {reminderText(r, t, format)}
                </>
              }
            />
            <Stack direction="row" spacing={1}>
              {r.escalated && <Chip size="small" label={t('reminders.escalated')} />}
              {r.overdue && <Chip size="small" color="error" label={t('reminders.overdue')} />}
            </Stack>
          </ListItem>
        ))}
      </List>
    </Paper>
  );
}
