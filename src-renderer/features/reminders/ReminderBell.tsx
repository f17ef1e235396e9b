import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Reminder } from '../../../src-shared/domain/reminders';

/** The top bar's way to the reminders centre, with how many there are (overdue ones in red). */
export function ReminderBell({ reminders }: { reminders: Reminder[] | undefined }) {
  const { t } = useTranslation();
  const count = reminders?.length ?? 0;
  const overdue = reminders?.some((r) => r.overdue) ?? false;
  const label = t('reminders.bell', { count });
  return (
    <Tooltip title={label}>
      <IconButton color="inherit" component={Link} to="/reminders" aria-label={label}>
        <Badge badgeContent={count} color={overdue ? 'error' : 'warning'} max={99}>
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
