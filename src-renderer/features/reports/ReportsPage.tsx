import { Alert, Box, Button, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { DateField } from '../../components/DateField';
import { FilterSelect } from '../../components/FilterSelect';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, REGIME_IDS, SEVERITIES } from '../../../src-shared/domain/case';
import {
  addMonthsToDay,
  officeDayEnd,
  officeDayOf,
  officeDayStart,
} from '../../../src-shared/domain/office-time';
import type { ManagementReportData, SaveResult } from '../../../src-shared/ipc/channels/reports';
import type { ManagementFilters, ManagementFigures } from '../../../src-shared/reports/management';
import { api, call } from '../../api/client';
import { PermittedPage } from '../../app/PermittedPage';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { PageHeader } from '../../components/PageHeader';
import { useUsers } from '../../db/hooks';
import { listImprovementsForReport } from '../../db/improvements';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { runManagementAggregation } from './run-management';
import { errorText } from '../../api/error-text';

const FILTER_KEYS = ['category', 'severity', 'regime', 'channel', 'assigneeId'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

type Phase = { kind: 'idle' } | { kind: 'reading'; read: number } | { kind: 'building' };

/** The management report: a period and optional filters in, a PDF saved where the user chooses out. */
export const ReportsPage = () => (
  <PermittedPage action="report.management" titleKey="reports.management.title">
    <ManagementReport />
  </PermittedPage>
);

function ManagementReport() {
  const { t } = useTranslation();
  const format = useFormat();
  const { settings } = useSettings();
  const { user, actor } = useCurrentUser();
  const users = useUsers() ?? [];
  // The default period: from the 1st of the month two months back to today, on the office's calendar.
  const [to, setTo] = useState(() => officeDayOf(new Date(), settings.timeZone));
  const [from, setFrom] = useState(() => `${addMonthsToDay(to, -2).slice(0, 8)}01`);
  const [filters, setFilters] = useState<Partial<Record<FilterKey, string>>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ saved: SaveResult; figures: ManagementFigures } | null>(null);

  const fromError = from ? null : t('reports.management.required');
  const toError = !to
    ? t('reports.management.required')
    : from && to < from
      ? t('reports.management.endBeforeStart')
      : null;
  const busy = phase.kind !== 'idle';

  const options: Record<FilterKey, { value: string; label: string }[]> = {
    category: settings.taxonomy.map((c) => ({ value: c.category, label: c.category })),
    severity: SEVERITIES.map((v) => ({ value: v, label: t(`severity.${v}`) })),
    regime: REGIME_IDS.map((v) => ({ value: v, label: t(`regime.${v}`) })),
    channel: CHANNELS.map((v) => ({ value: v, label: t(`channel.${v}`) })),
    assigneeId: users.map((u) => ({ value: u.id, label: u.name })),
  };
  const filterLabel = (k: FilterKey) => t(`reports.management.${k === 'assigneeId' ? 'assignee' : k}`);

  const generate = async () => {
    if (fromError || toError) return;
    setError(null);
    setResult(null);
    setPhase({ kind: 'reading', read: 0 });
    try {
      const range = {
        from: officeDayStart(from, settings.timeZone),
        to: officeDayEnd(to, settings.timeZone),
      };
      const chosen: ManagementFilters = Object.fromEntries(
        Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''),
      );
      const figures = await runManagementAggregation(
        { ...range, now: new Date().toISOString(), timeZone: settings.timeZone, filters: chosen },
        actor,
        (read) => setPhase({ kind: 'reading', read }),
      );
      setPhase({ kind: 'building' });
      const data: ManagementReportData = {
        context: {
          officeName: settings.officeName,
          locale: settings.locale,
          timeZone: settings.timeZone,
          generatedAt: new Date().toISOString(),
          generatedBy: user.name,
        },
        range,
        filtersLabel: FILTER_KEYS.filter((k) => filters[k])
          .map(
            (k) =>
              `${filterLabel(k)}: ${options[k].find((o) => o.value === filters[k])?.label ?? filters[k]}`,
          )
          .join('; '),
        ...figures,
        // The improvement register: what was in progress in the period, or completed in it.
        improvements: (await listImprovementsForReport(getDb(), range, settings.timeZone)).map((i) => ({
          title: i.title,
          owner: i.owner,
          status: t(`improvements.status.${i.status}`),
          dueAt: i.due || null,
          linkedCases: i.caseCount,
        })),
      };
      const saved = await call(
        api().reports.managementPdf({
          data,
          destination: { kind: 'ask', suggestedName: `Management report ${from} to ${to}.pdf` },
        }),
      );
      setResult({ saved, figures });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  return (
    <>
      <PageHeader title={t('reports.management.title')} subtitle={t('reports.management.subtitle')} />
      <Paper
        component="form"
        noValidate
        sx={{ p: 3, maxWidth: 900 }}
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
        aria-label={t('reports.management.title')}
      >
        <Stack spacing={2}>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
            <DateField
              label={t('reports.management.from')}
              required
              value={from}
              onChange={setFrom}
              error={!!fromError}
              helperText={fromError ?? ' '}
            />
            <DateField
              label={t('reports.management.to')}
              required
              value={to}
              onChange={setTo}
              error={!!toError}
              helperText={toError ?? ' '}
            />
          </Box>
          <Typography variant="subtitle2" component="h2">
            {t('reports.management.filters')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr 1fr' }, gap: 2 }}>
            {FILTER_KEYS.map((k) => (
              <FilterSelect
                key={k}
                label={filterLabel(k)}
                value={filters[k]}
                options={options[k]}
                onChange={(v) => setFilters((f) => ({ ...f, [k]: v }))}
                sx={{}}
              />
            ))}
          </Box>
          <Box>
            <Button type="submit" variant="contained" disabled={busy || !!fromError || !!toError}>
              {t('reports.management.generate')}
            </Button>
          </Box>
          {busy && (
            <div role="status">
              <Typography variant="body2">
                {phase.kind === 'reading'
                  ? t('reports.management.reading', { done: format.number(phase.read) })
                  : t('reports.management.building')}
              </Typography>
              <LinearProgress aria-label={t('reports.management.building')} />
            </div>
          )}
          {error && <Alert severity="error">{error}</Alert>}
          {result?.saved.saved && (
            <Alert severity="success" role="status">
              {t('reports.management.saved', { path: result.saved.path, pages: result.saved.pages })}
              <br />
              {t('reports.management.summary', {
                received: format.number(result.figures.kpis.received),
                closed: format.number(result.figures.kpis.closed),
                open: format.number(result.figures.kpis.openAtEnd),
              })}
            </Alert>
          )}
          {!busy && !result && !error && (
            <Typography color="text.secondary">{t('reports.management.emptyHint')}</Typography>
          )}
        </Stack>
      </Paper>
    </>
  );
}
