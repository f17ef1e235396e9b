import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import {
  Alert,
  AlertTitle,
  Box,
  Link as MuiLink,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Paper,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardFilters } from '../../../src-shared/analytics/aggregate';
import type { EmergingIssue } from '../../../src-shared/analytics/emerging';
import { useFormat } from '../../app/format';
import { casesLink } from './dashboard-params';

/** Categories, products and root causes running well above their own history, with their cases. */
export function EmergingIssues({ issues, filters }: { issues: EmergingIssue[]; filters: DashboardFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const windowOf = (issue: EmergingIssue) =>
    t(
      issue.toMs - issue.fromMs > 7 * 86_400_000 ? 'dashboard.emerging.fourWeeks' : 'dashboard.emerging.week',
    );
  return (
    <Paper component="section" aria-labelledby="emerging-heading" sx={{ p: 2, mb: 2 }}>
      <Typography variant="subtitle1" component="h2" id="emerging-heading" sx={{ fontWeight: 600 }}>
        {t('dashboard.emerging.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('dashboard.emerging.hint')}{' '}
        <MuiLink component={Link} to="/settings">
          {t('dashboard.emerging.settingsLink')}
        </MuiLink>
      </Typography>
      {issues.length === 0 ? (
        <Typography sx={{ mt: 1 }} role="status">
          {t('dashboard.emerging.none')}
        </Typography>
      ) : (
        <List dense aria-label={t('dashboard.emerging.title')}>
          {issues.slice(0, 8).map((issue) => {
            // The list's own filters for the window's cases: the dashboard's, with this value and dates.
            const href = casesLink(
              { ...filters, fromMs: issue.fromMs, toMs: issue.toMs },
              { [issue.dimension]: issue.value },
            );
            return (
              <ListItem key={`${issue.dimension}:${issue.value}`} disableGutters>
                <ListItemIcon sx={{ minWidth: 36, color: 'warning.main' }}>
                  <TrendingUpIcon />
                </ListItemIcon>
                <ListItemText
                  primary={
                    <>
                      <strong>{t(`dashboard.emerging.dimension.${issue.dimension}`)}:</strong> {issue.value} —{' '}
                      {t('dashboard.emerging.detail', {
                        count: issue.count,
                        expected: format.number(issue.expected),
                        window: windowOf(issue),
                      })}
                    </>
                  }
                  secondary={
                    <MuiLink component={Link} to={href}>
                      {t('dashboard.emerging.open', { count: issue.count })}
                    </MuiLink>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {issues.length > 8 && (
        <Box>
          <Alert severity="info">
            <AlertTitle>{t('dashboard.emerging.more', { count: issues.length - 8 })}</AlertTitle>
          </Alert>
        </Box>
      )}
    </Paper>
  );
}
