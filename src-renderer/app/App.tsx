import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { useEffect, useMemo } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { preloadAnalytics } from '../analytics/analytics-client';
import { AccountsPage } from '../features/accounts/AccountsPage';
import { BackupsPage } from '../features/backup/BackupsPage';
import { CasePage } from '../features/cases/CasePage';
import { CasesListPage } from '../features/cases/CasesListPage';
import { ComplainantPage } from '../features/complainants/ComplainantPage';
import { RemindersPage } from '../features/reminders/RemindersPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ImprovementEditPage } from '../features/improvements/ImprovementEditPage';
import { ImprovementsPage } from '../features/improvements/ImprovementsPage';
import { NewCasePage } from '../features/intake/NewCasePage';
import { TemplatesPage } from '../features/templates/TemplatesPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { ReturnsPage } from '../features/returns/ReturnsPage';
import { RetentionPage } from '../features/retention/RetentionPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ImportPage } from '../features/sheets/ImportPage';
import { SessionGate } from '../features/session/SessionGate';
import { useCurrentUser } from '../features/users/current-user';
import { SettingsProblemNotice } from '../features/settings/SettingsProblemNotice';
import { TrainingBanner } from '../features/training/TrainingBanner';
import { TrainingDatabaseCheck } from '../features/training/TrainingDatabaseCheck';
import { AppInfoProvider } from './app-info';
import { ErrorBoundary } from './ErrorBoundary';
import { PermittedPage } from './PermittedPage';
import { DatePickersProvider } from '../components/DateField';
import { NotificationsProvider } from './notifications';
import { SettingsProvider, useSettings } from './settings-context';
import { Shell } from './Shell';
import { buildTheme } from './theme';
import { useThemeChoice } from './theme-choice';

/** People and access, with the directory and the session's policy read again after each change. */
function PeopleRoute() {
  const { refreshDirectory } = useCurrentUser();
  return <AccountsPage onPeopleChanged={() => void refreshDirectory()} />;
}

function ThemedApp() {
  const { settings } = useSettings();
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const [choice] = useThemeChoice();
  const office = settings.theme === 'system' ? (prefersDark ? 'dark' : 'light') : settings.theme;
  const mode = choice ?? office;
  const theme = useMemo(() => buildTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <DatePickersProvider>
        <NotificationsProvider>
          <TrainingBanner />
          <SessionGate>
            <SettingsProblemNotice />
            <TrainingDatabaseCheck />
            {/* Hash routing: the app is one file set served from app://redress/, with no server to rewrite paths. */}
            <HashRouter>
              <Shell>
                <Routes>
                  <Route path="/" element={<Navigate to="/cases" replace />} />
                  <Route path="/cases" element={<CasesListPage />} />
                  <Route path="/cases/new" element={<NewCasePage />} />
                  <Route
                    path="/cases/import"
                    element={
                      <PermittedPage action="case.import" titleKey="sheets.import.title">
                        <ImportPage />
                      </PermittedPage>
                    }
                  />
                  <Route path="/cases/:id" element={<CasePage />} />
                  <Route path="/cases/:id/:tab" element={<CasePage />} />
                  <Route path="/complainants/:caseId" element={<ComplainantPage />} />
                  <Route path="/reminders" element={<RemindersPage />} />
                  <Route path="/dashboard" element={<DashboardPage />} />
                  <Route path="/improvements" element={<ImprovementsPage />} />
                  <Route path="/improvements/:id" element={<ImprovementEditPage />} />
                  <Route path="/templates" element={<TemplatesPage />} />
                  <Route path="/reports" element={<ReportsPage />} />
                  <Route path="/settings" element={<SettingsPage />} />
                  <Route path="/people" element={<PeopleRoute />} />
                  <Route path="/retention" element={<RetentionPage />} />
                  <Route
                    path="/backups"
                    element={
                      <PermittedPage action="backups.run" titleKey="backup.title">
                        <BackupsPage />
                      </PermittedPage>
                    }
                  />
                  <Route
                    path="/returns"
                    element={
                      <PermittedPage action="returns.view" titleKey="returns.screen.title">
                        <ReturnsPage />
                      </PermittedPage>
                    }
                  />
                  <Route path="*" element={<Navigate to="/cases" replace />} />
                </Routes>
              </Shell>
            </HashRouter>
          </SessionGate>
        </NotificationsProvider>
      </DatePickersProvider>
    </ThemeProvider>
  );
}

export function App() {
  useEffect(preloadAnalytics, []);
  return (
    <ErrorBoundary>
      <AppInfoProvider>
        <SettingsProvider>
          <ThemedApp />
        </SettingsProvider>
      </AppInfoProvider>
    </ErrorBoundary>
  );
}
