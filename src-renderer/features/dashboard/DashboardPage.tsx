import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { DateField } from '../../components/DateField';
import { FilterSelect } from '../../components/FilterSelect';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { STACK_DIMENSIONS } from '../../../src-shared/analytics/aggregate';
import { GRANULARITIES } from '../../../src-shared/analytics/periods';
import { CHANNELS, REGIME_IDS, SEVERITIES } from '../../../src-shared/domain/case';
import { dayRangeReversed, officeDayOf } from '../../../src-shared/domain/office-time';
import { PermittedPage } from '../../app/PermittedPage';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { PageHeader } from '../../components/PageHeader';
import { useUsers } from '../../db/hooks';
import { useCurrentUser } from '../users/current-user';
import { DashboardCharts } from './DashboardCharts';
import { readDashboardParams, toDashboardFilters } from './dashboard-params';
import { EmergingIssues } from './EmergingIssues';
import { useDashboardData, useFactValues } from './use-dashboard';

export const DashboardPage = () => (
  <PermittedPage action="dashboard.view" titleKey="dashboard.title">
    <Dashboard />
  </PermittedPage>
);

function Dashboard() {
  const { t } = useTranslation();
  const format = useFormat();
  const { settings } = useSettings();
  const { user } = useCurrentUser();
  const users = useUsers() ?? [];
  const [sp, setSp] = useSearchParams();
  // "Today" is fixed for the page's life, so the default range does not drift under the user.
  const [today] = useState(() => officeDayOf(new Date(), settings.timeZone));
  const spKey = sp.toString();
  const params = useMemo(() => readDashboardParams(new URLSearchParams(spKey), today), [spKey, today]);
  const filters = useMemo(() => toDashboardFilters(params, settings.timeZone), [params, settings.timeZone]);
  const { answer, answeredFor, now, error, elapsedMs, loading } = useDashboardData(filters, params);
  const products = useFactValues('product');

  // The date fields keep what was typed, even when it is refused.
  const [from, setFrom] = useState(params.from);
  const [to, setTo] = useState(params.to);
  const rangeError = dayRangeReversed(from, to) ? t('dashboard.rangeError') : '';
  // The URL changed under the fields (back button, a link): show its range. A range the fields
  // set themselves is not "outside": typing a date digit by digit passes through valid dates, and
  // the URL catching up with one of those must not overwrite what was typed since.
  const urlRange = `${params.from}|${params.to}`;
  const [shownRange, setShownRange] = useState(urlRange);
  const [typedRanges, setTypedRanges] = useState<string[]>([]);
  if (shownRange !== urlRange) {
    setShownRange(urlRange);
    const typed = typedRanges.indexOf(urlRange);
    setTypedRanges(typed >= 0 ? typedRanges.slice(typed + 1) : []);
    if (typed < 0) {
      setFrom(params.from);
      setTo(params.to);
    }
  }

  const set = (entries: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined || value === '__any') next.delete(key);
      else next.set(key, value);
    }
    setSp(next, { replace: true });
  };
  const setDay = (which: 'from' | 'to', value: string) => {
    const nextFrom = which === 'from' ? value : from;
    const nextTo = which === 'to' ? value : to;
    if (which === 'from') setFrom(value);
    else setTo(value);
    if (nextFrom && nextTo && !dayRangeReversed(nextFrom, nextTo)) {
      const range = `${nextFrom}|${nextTo}`;
      if (range !== urlRange) setTypedRanges((ranges) => [...ranges, range]);
      set({ from: nextFrom, to: nextTo });
    }
  };

  const select = (
    key: string,
    label: string,
    value: string | undefined,
    options: { value: string; label: string }[],
  ) => (
    <FilterSelect
      key={key}
      label={label}
      value={value}
      options={options}
      onChange={(v) => set({ [key]: v })}
    />
  );
  const opt = (prefix: string, list: readonly string[]) =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const f = params.filters;
  const filtered = Object.keys(f).length > 0;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={
          answer
            ? t('dashboard.summary', {
                count: answer.dashboard.total,
                formatted: format.number(answer.dashboard.total),
                from: format.date(new Date((answeredFor ?? { filters }).filters.fromMs).toISOString()),
                to: format.date(new Date((answeredFor ?? { filters }).filters.toMs).toISOString()),
              })
            : ' '
        }
      />
      <Stack
        direction="row"
        spacing={1.5}
        useFlexGap
        sx={{ flexWrap: 'wrap', mb: 2 }}
        role="search"
        aria-label={t('dashboard.filters')}
      >
        <DateField
          quietWhilePartial
          size="small"
          label={t('dashboard.from')}
          value={from}
          onChange={(v) => setDay('from', v)}
        />
        <DateField
          quietWhilePartial
          size="small"
          label={t('dashboard.to')}
          value={to}
          onChange={(v) => setDay('to', v)}
          error={!!rangeError}
          helperText={rangeError || undefined}
        />
        {select(
          'g',
          t('dashboard.granularity'),
          params.granularity,
          opt('dashboard.granularities', GRANULARITIES),
        )}
        {select('stack', t('dashboard.stackBy'), params.stackBy, opt('dashboard.stacks', STACK_DIMENSIONS))}
        {select(
          'category',
          t('list.category'),
          f.category,
          settings.taxonomy.map((c) => ({ value: c.category, label: c.category })),
        )}
        {select('channel', t('list.channel'), f.channel, opt('channel', CHANNELS))}
        {select('product', t('dashboard.product'), f.product, [
          { value: '', label: t('dashboard.noProduct') },
          ...(products ?? []).slice(0, 200).map((p) => ({ value: p, label: p })),
        ])}
        {select('severity', t('list.severity'), f.severity, opt('severity', SEVERITIES))}
        {select('regime', t('list.regime'), f.regime, opt('regime', REGIME_IDS))}
        {select('officer', t('dashboard.officer'), f.assigneeId, [
          { value: '', label: t('case.unassigned') },
          ...users.map((u) => ({ value: u.id, label: u.name })),
        ])}
        {filtered && (
          <Button
            onClick={() =>
              set(
                Object.fromEntries(
                  ['category', 'channel', 'product', 'severity', 'regime', 'officer'].map((k) => [
                    k,
                    undefined,
                  ]),
                ),
              )
            }
          >
            {t('list.clear')}
          </Button>
        )}
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {t('dashboard.failed', { message: error })}
        </Alert>
      )}
      <Box sx={{ height: 4, mb: 1 }}>{loading && <LinearProgress aria-label={t('common.loading')} />}</Box>
      {answer && answeredFor && now !== null && (
        <Box sx={{ opacity: loading ? 0.6 : 1 }} aria-busy={loading}>
          <EmergingIssues issues={answer.emerging} filters={answeredFor.filters} />
          <DashboardCharts
            dashboard={answer.dashboard}
            filters={answeredFor.filters}
            stackBy={answeredFor.stackBy}
            now={now}
            users={users}
            // Managers see everyone's workload; everyone else their own.
            ownWorkloadOnly={user.roles.includes('manager') ? null : user.id}
          />
          {elapsedMs !== null && (
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{ display: 'block', mt: 2 }}
              data-testid="dashboard-timing"
            >
              {t('dashboard.timing', { ms: Math.round(elapsedMs) })}
            </Typography>
          )}
        </Box>
      )}
    </>
  );
}
