import AssessmentIcon from '@mui/icons-material/Assessment';
import BackupIcon from '@mui/icons-material/Backup';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import AutoDeleteIcon from '@mui/icons-material/AutoDelete';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import FolderIcon from '@mui/icons-material/Folder';
import LightbulbIcon from '@mui/icons-material/Lightbulb';
import LightModeIcon from '@mui/icons-material/LightMode';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import SettingsIcon from '@mui/icons-material/Settings';
import TableChartIcon from '@mui/icons-material/TableChart';
import {
  AppBar,
  Box,
  Drawer,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Tooltip,
  Typography,
  useTheme,
} from '@mui/material';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate, useNavigationType } from 'react-router';
import type { Action } from '../../src-shared/domain/permissions';
import { AutoBackup } from '../features/backup/AutoBackup';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useDesktopNotifications } from '../features/reminders/desktop-notifications';
import { ReminderBell } from '../features/reminders/ReminderBell';
import { useReminders } from '../features/reminders/use-reminders';
import { UserMenu } from '../features/session/UserMenu';
import { TeamSyncStatus } from '../features/team/TeamSyncStatus';
import { useCurrentUser } from '../features/users/current-user';
import { DiskSpaceBanner } from './DiskSpaceBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { useSettings } from './settings-context';
import { useThemeChoice } from './theme-choice';

const DRAWER_WIDTH = 220;

// `needs`: offered only to those the permission rules allow one of these.
const NAV: readonly { to: string; key: string; icon: ReactNode; needs?: readonly Action[] }[] = [
  { to: '/cases?view=my-work', key: 'nav.myWork', icon: <AssignmentIndIcon /> },
  { to: '/reminders', key: 'reminders.nav', icon: <NotificationsIcon /> },
  { to: '/cases', key: 'nav.cases', icon: <FolderIcon /> },
  { to: '/dashboard', key: 'nav.dashboard', icon: <DashboardIcon />, needs: ['dashboard.view'] },
  { to: '/improvements', key: 'improvements.nav', icon: <LightbulbIcon /> },
  { to: '/templates', key: 'nav.templates', icon: <DescriptionIcon /> },
  { to: '/reports', key: 'nav.reports', icon: <AssessmentIcon />, needs: ['report.management'] },
  { to: '/settings', key: 'nav.settings', icon: <SettingsIcon />, needs: ['settings.edit', 'audit.verify'] },
  { to: '/people', key: 'accounts.nav', icon: <ManageAccountsIcon />, needs: ['users.manage'] },
  {
    to: '/retention',
    key: 'retention.nav',
    icon: <AutoDeleteIcon />,
    needs: ['retention.decide', 'retention.policy'],
  },
  { to: '/backups', key: 'backup.nav', icon: <BackupIcon />, needs: ['backups.run'] },
  { to: '/returns', key: 'returns.screen.nav', icon: <TableChartIcon />, needs: ['returns.view'] },
];

/** The screen a path shows: a case's tabs (/cases/:id/:tab) are its page (/cases/:id). */
const screenOf = (path: string) => path.replace(/^(\/cases\/[^/]+)\/[^/]+$/, '$1');

/**
 * A screen opened by a link starts at its top. The window keeps its scroll from route to route, so
 * a link followed from far down a long page (Settings, a case's timeline) opened the next screen
 * part-way down, its title and search out of sight. A case's tabs are one screen, and filters
 * change the address without a new screen: neither moves. Back and forward are left to the browser.
 */
function useTopOfNewScreen(screen: string) {
  const navigationType = useNavigationType();
  const shown = useRef(screen);
  useLayoutEffect(() => {
    if (shown.current === screen) return;
    shown.current = screen;
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [screen, navigationType]);
}

/** The bell, and each new reminder once as a desktop notification, while someone is signed in. */
function Reminders() {
  const reminders = useReminders();
  useDesktopNotifications(useCurrentUser().user.id, reminders);
  return <ReminderBell reminders={reminders} />;
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const location = useLocation();
  const navigate = useNavigate();
  useTopOfNewScreen(screenOf(location.pathname));
  const { can } = useCurrentUser();
  const { settings } = useSettings();
  const [, chooseTheme] = useThemeChoice();

  const toggleTheme = () => chooseTheme(theme.palette.mode === 'dark' ? 'light' : 'dark');

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }} elevation={1}>
        <Toolbar>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, mr: 2 }}>
            {t('app.name')}
          </Typography>
          <Typography variant="body2" sx={{ flexGrow: 1, opacity: 0.85 }}>
            {settings.officeName}
          </Typography>
          <TeamSyncStatus />
          <AutoBackup />
          <Reminders />
          <UserMenu />
          <Tooltip title={t('theme.toggle')}>
            <IconButton color="inherit" onClick={toggleTheme} aria-label={t('theme.toggle')}>
              {theme.palette.mode === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: DRAWER_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
        }}
      >
        <Toolbar />
        <nav aria-label={t('nav.main')}>
          <List>
            {NAV.filter((item) => !item.needs || item.needs.some((a) => can(a).ok)).map((item) => {
              // "My work" is the Cases list with a saved view: tell the two apart by the view.
              const [path, search = ''] = item.to.split('?');
              const active =
                location.pathname.startsWith(path!) &&
                (search ? location.search.includes(search) : !location.search.includes('view=my-work'));
              // Each link in its own list item: a list holds items, never links directly.
              return (
                <ListItem key={item.to} disablePadding>
                  <ListItemButton
                    component={NavLink}
                    to={item.to}
                    selected={active}
                    aria-current={active ? 'page' : undefined}
                  >
                    <ListItemIcon>{item.icon}</ListItemIcon>
                    <ListItemText primary={t(item.key)} />
                  </ListItemButton>
                </ListItem>
              );
            })}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar />
        <DiskSpaceBanner />
        {/* Keyed by screen: moving to another clears an error shown on the last one. A case's tabs
            are one screen, so moving between them keeps the case page (an opening of a
            restricted case is audited once, not per tab). */}
        <ErrorBoundary key={screenOf(location.pathname)} onGoHome={() => void navigate('/cases')}>
          {children}
        </ErrorBoundary>
      </Box>
    </Box>
  );
}
