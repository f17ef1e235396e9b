import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  DAY_MS,
  OTHER_KEY,
  type Dashboard,
  type DashboardFilters,
  type StackDimension,
  type VolumeRow,
} from '../../../src-shared/analytics/aggregate';
import type { UserRecord } from '../../../src-shared/domain/users';
import { casesLink, type Drill } from './dashboard-params';
import { ComboChart, PALETTE, type Series } from './ComboChart';

const pct = (met: number, total: number) => (total ? Math.round((met / total) * 1000) / 10 : null);

/** Every chart of the dashboard, each from the one answer the worker gave. */
export function DashboardCharts({
  dashboard: d,
  filters,
  stackBy,
  now,
  users,
  ownWorkloadOnly,
}: {
  dashboard: Dashboard;
  filters: DashboardFilters;
  stackBy: StackDimension;
  now: number;
  users: UserRecord[];
  /** An officer sees only their own row of the workload chart. */
  ownWorkloadOnly: string | null;
}) {
  const { t } = useTranslation();
  const link = (drill: Drill) => casesLink(filters, drill);
  const name = (id: string) => (id ? (users.find((u) => u.id === id)?.name ?? id) : t('case.unassigned'));
  const period = (r: { startMs: number; endMs: number }) => ({ fromMs: r.startMs, toMs: r.endMs - 1 });
  const empty = d.total === 0;

  const stackLabel = (key: string) => {
    if (key === OTHER_KEY) return t('dashboard.other');
    if (stackBy === 'channel') return t(`channel.${key}`);
    if (stackBy === 'severity') return t(`severity.${key}`);
    if (stackBy === 'none') return t('dashboard.complaints');
    return key === '(none)' ? t('dashboard.noProduct') : key;
  };
  const stackDrill = (key: string): Drill | null => {
    if (key === OTHER_KEY) return null; // "Other" is several values: no exact list for it
    if (stackBy === 'none') return {};
    if (stackBy === 'product') return { product: key === '(none)' ? '' : key };
    return { [stackBy]: key };
  };

  const workload = ownWorkloadOnly ? d.workload.filter((w) => w.assigneeId === ownWorkloadOnly) : d.workload;
  // One line per regime would be unreadable: the three busiest get a line, every regime is in the table.
  const regimeCases = (regime: string) =>
    d.compliance.rows.reduce(
      (n, r) => n + (r.byRegime[regime as keyof typeof r.byRegime]?.resolved.total ?? 0),
      0,
    );
  const drawn = [...d.compliance.regimes].sort((a, b) => regimeCases(b) - regimeCases(a)).slice(0, 3);
  const regimeSeries = d.compliance.regimes.map((regime, i) => ({
    key: `resolved-${regime}`,
    label: t('dashboard.resolvedInTime', { regime: t(`regime.${regime}`) }),
    color: PALETTE[(i + 2) % PALETTE.length]!,
    kind: 'line' as const,
    hidden: !drawn.includes(regime),
    value: (r: (typeof d.compliance.rows)[number]) => {
      const x = r.byRegime[regime]?.resolved;
      return x ? pct(x.met, x.total) : null;
    },
    text: (r: (typeof d.compliance.rows)[number]) => {
      const x = r.byRegime[regime]?.resolved;
      return x?.total ? `${x.met}/${x.total} (${pct(x.met, x.total)}%)` : '—';
    },
  }));

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
      <ComboChart
        title={t('dashboard.charts.volume')}
        subtitle={t('dashboard.charts.volumeHint')}
        wide
        rows={d.volume.rows}
        label={(r) => r.label}
        firstColumn={t('dashboard.period')}
        empty={empty}
        series={d.volume.keys.map((key, i): Series<VolumeRow> => ({
          key: `v-${key}`,
          label: stackLabel(key),
          color: PALETTE[i % PALETTE.length]!,
          kind: 'bar',
          stackId: 'volume',
          value: (r) => r.counts[key] ?? 0,
          link: (r) => {
            const drill = stackDrill(key);
            return drill ? link({ ...period(r), ...drill }) : undefined;
          },
        }))}
      />
      <ComboChart
        title={t('dashboard.charts.pareto')}
        rows={d.pareto}
        label={(r) => r.rootCause}
        firstColumn={t('dashboard.rootCause')}
        rightDomain={[0, 100]}
        rightUnit="%"
        series={[
          {
            key: 'count',
            label: t('dashboard.complaints'),
            color: PALETTE[0]!,
            kind: 'bar',
            value: (r) => r.count,
            link: (r) => link({ rootCause: r.rootCause }),
          },
          {
            key: 'cumulative',
            label: t('dashboard.cumulative'),
            color: PALETTE[1]!,
            kind: 'line',
            axis: 'right',
            value: (r) => r.cumulativePct,
            text: (r) => `${r.cumulativePct}%`,
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.compliance')}
        subtitle={t('dashboard.charts.complianceHint')}
        rows={d.compliance.rows}
        label={(r) => r.label}
        firstColumn={t('dashboard.period')}
        leftDomain={[0, 100]}
        leftUnit="%"
        empty={d.compliance.rows.every((r) => r.ack.total === 0 && r.resolved.total === 0)}
        series={[
          {
            key: 'ack',
            label: t('dashboard.ackInTime'),
            color: PALETTE[0]!,
            kind: 'line',
            value: (r) => pct(r.ack.met, r.ack.total),
            text: (r) =>
              r.ack.total ? `${r.ack.met}/${r.ack.total} (${pct(r.ack.met, r.ack.total)}%)` : '—',
          },
          {
            key: 'resolved',
            label: t('dashboard.resolvedInTimeAll'),
            color: PALETTE[1]!,
            kind: 'line',
            value: (r) => pct(r.resolved.met, r.resolved.total),
            text: (r) =>
              r.resolved.total
                ? `${r.resolved.met}/${r.resolved.total} (${pct(r.resolved.met, r.resolved.total)}%)`
                : '—',
          },
          ...regimeSeries,
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.timeToResolve')}
        subtitle={t('dashboard.charts.timeToResolveHint')}
        rows={d.resolution.rows}
        label={(r) => r.label}
        firstColumn={t('dashboard.period')}
        leftUnit={t('dashboard.daysUnit')}
        series={[
          {
            key: 'median',
            label: t('dashboard.median'),
            color: PALETTE[0]!,
            kind: 'line',
            value: (r) => r.medianDays,
          },
          {
            key: 'p90',
            label: t('dashboard.p90'),
            color: PALETTE[1]!,
            kind: 'line',
            value: (r) => r.p90Days,
          },
          {
            key: 'closed',
            label: t('dashboard.closedCases'),
            color: PALETTE[9]!,
            kind: 'bar',
            axis: 'right',
            value: (r) => r.count,
            link: (r) => link({ ...period(r), status: 'closed' }),
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.distribution')}
        rows={d.resolution.distribution}
        label={(r) => r.label}
        firstColumn={t('dashboard.timeTaken')}
        series={[
          {
            key: 'count',
            label: t('dashboard.closedCases'),
            color: PALETTE[2]!,
            kind: 'bar',
            value: (r) => r.count,
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.satisfaction')}
        subtitle={t('dashboard.charts.satisfactionHint')}
        rows={d.satisfaction}
        label={(r) => r.label}
        firstColumn={t('dashboard.period')}
        leftDomain={[1, 5]}
        series={[
          {
            key: 'avg',
            label: t('dashboard.averageScore'),
            color: PALETTE[3]!,
            kind: 'line',
            value: (r) => r.average,
          },
          {
            key: 'n',
            label: t('dashboard.responses'),
            color: PALETTE[9]!,
            kind: 'bar',
            axis: 'right',
            value: (r) => r.count,
          },
        ]}
        empty={d.satisfaction.every((r) => r.count === 0)}
      />
      <ComboChart
        title={t('dashboard.charts.outcomes')}
        subtitle={t('dashboard.charts.reopened', {
          reopened: d.reopened.reopened,
          closed: d.reopened.closed,
        })}
        rows={d.outcomes}
        label={(r) => t(`finding.${r.finding}`)}
        firstColumn={t('dashboard.finding')}
        series={[
          {
            key: 'count',
            label: t('dashboard.complaints'),
            color: PALETTE[4]!,
            kind: 'bar',
            value: (r) => r.count,
            text: (r) => `${r.count} (${r.pct}%)`,
            link: (r) => link({ finding: r.finding }),
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.backlogAge')}
        rows={d.backlogByAge}
        label={(r) => r.label}
        firstColumn={t('dashboard.age')}
        series={[
          {
            key: 'count',
            label: t('dashboard.openCases'),
            color: PALETTE[5]!,
            kind: 'bar',
            value: (r) => r.count,
            // Age in whole days: received in (now - max days, now - min days].
            link: (r) =>
              link({
                open: 1,
                fromMs: r.maxDays === null ? undefined : now - r.maxDays * DAY_MS + 1,
                toMs: now - r.minDays * DAY_MS,
              }),
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.backlogStage')}
        rows={d.backlogByStage}
        label={(r) => t(`stage.${r.stage}`)}
        firstColumn={t('dashboard.stage')}
        series={[
          {
            key: 'count',
            label: t('dashboard.openCases'),
            color: PALETTE[6]!,
            kind: 'bar',
            value: (r) => r.count,
            link: (r) => link({ stage: r.stage, open: 1 }),
          },
        ]}
      />
      <ComboChart
        title={ownWorkloadOnly ? t('dashboard.charts.myWorkload') : t('dashboard.charts.workload')}
        rows={workload}
        label={(r) => name(r.assigneeId)}
        firstColumn={t('dashboard.officer')}
        layout="vertical"
        series={[
          {
            key: 'open',
            label: t('dashboard.openCases'),
            color: PALETTE[0]!,
            kind: 'bar',
            value: (r) => r.open,
            link: (r) => link({ assigneeId: r.assigneeId, open: 1 }),
          },
          {
            key: 'overdue',
            label: t('due.overdue'),
            color: PALETTE[4]!,
            kind: 'bar',
            value: (r) => r.overdue,
            link: (r) => link({ assigneeId: r.assigneeId, due: 'overdue' }),
          },
          {
            key: 'closed',
            label: t('dashboard.closedCases'),
            color: PALETTE[2]!,
            kind: 'bar',
            value: (r) => r.closed,
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.repeat')}
        rows={d.repeatComplainants}
        label={(r) => r.complainantKey}
        firstColumn={t('dashboard.complainant')}
        layout="vertical"
        series={[
          {
            key: 'count',
            label: t('dashboard.complaints'),
            color: PALETTE[7]!,
            kind: 'bar',
            value: (r) => r.count,
            link: (r) => link({ complainantKey: r.complainantKey }),
          },
        ]}
      />
      <ComboChart
        title={t('dashboard.charts.recurring')}
        rows={d.recurring}
        label={(r) => `${r.product} · ${r.category}`}
        firstColumn={t('dashboard.productCategory')}
        layout="vertical"
        series={[
          {
            key: 'count',
            label: t('dashboard.complaints'),
            color: PALETTE[8]!,
            kind: 'bar',
            value: (r) => r.count,
            link: (r) => link({ product: r.product, category: r.category }),
          },
        ]}
      />
    </Box>
  );
}
