// One recharts chart shape for every dashboard card: bars and/or lines over labelled rows, a click
// on a bar opening the cases it counts, and the same numbers as the card's table.
import { useTheme } from '@mui/material';
import { useNavigate } from 'react-router';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartCard, type TableCellValue } from './ChartCard';

export interface Series<R> {
  key: string;
  label: string;
  color: string;
  kind: 'bar' | 'line';
  stackId?: string;
  /** 'right' for a second scale (e.g. a cumulative % line). */
  axis?: 'left' | 'right';
  value: (row: R) => number | null;
  /** Shown in the table instead of the bare value. */
  text?: (row: R) => string;
  link?: (row: R) => string | undefined;
  /** In the table only, not drawn. */
  hidden?: boolean;
}

export interface ComboChartProps<R> {
  title: string;
  subtitle?: string;
  rows: R[];
  label: (row: R) => string;
  series: Series<R>[];
  /** Defaults to "no row has a non-zero value". */
  empty?: boolean;
  rightDomain?: [number, number];
  leftDomain?: [number, number];
  rightUnit?: string;
  leftUnit?: string;
  firstColumn: string;
  wide?: boolean;
  layout?: 'horizontal' | 'vertical';
}

export const PALETTE = [
  '#1976d2',
  '#ef6c00',
  '#2e7d32',
  '#8e24aa',
  '#c62828',
  '#00838f',
  '#6d4c41',
  '#5c6bc0',
  '#9e9d24',
  '#757575',
];

export function ComboChart<R>(props: ComboChartProps<R>) {
  const theme = useTheme();
  const navigate = useNavigate();
  const { rows, series, label } = props;
  const data = rows.map((r, i) => ({
    __i: i,
    __label: label(r),
    ...Object.fromEntries(series.map((s) => [s.key, s.value(r)])),
  }));
  const empty = props.empty ?? !rows.some((r) => series.some((s) => (s.value(r) ?? 0) !== 0));
  const axisColor = theme.palette.text.secondary;
  const hasRight = series.some((s) => s.axis === 'right' && !s.hidden);
  const vertical = props.layout === 'vertical';
  const open = (s: Series<R>, i: number) => {
    const href = s.link?.(rows[i]!);
    if (href) void navigate(href);
  };

  const table = {
    columns: [props.firstColumn, ...series.map((s) => s.label)],
    rows: rows.map((r): TableCellValue[] => [
      { text: label(r) },
      ...series.map((s) => ({
        text: s.text ? s.text(r) : String(s.value(r) ?? '—'),
        href: s.value(r) ? s.link?.(r) : undefined,
      })),
    ]),
  };

  // Long labels (root causes, products) are cut on the axis; the tooltip and table show them whole.
  const max = vertical ? 20 : 14;
  const category = {
    dataKey: '__label',
    stroke: axisColor,
    tick: { fontSize: 12 },
    tickFormatter: (v: string) => (v.length > max ? `${v.slice(0, max - 1)}…` : v),
  };
  return (
    <ChartCard title={props.title} subtitle={props.subtitle} empty={empty} table={table} wide={props.wide}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={data}
          layout={vertical ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 8, bottom: 0, left: vertical ? 40 : 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
          {vertical ? (
            <>
              <XAxis type="number" stroke={axisColor} allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis
                type="category"
                {...category}
                tick={{ fontSize: 12, width: 400 }}
                width={170}
                interval={0}
              />
            </>
          ) : (
            <>
              <XAxis {...category} />
              <YAxis
                yAxisId="left"
                stroke={axisColor}
                domain={props.leftDomain}
                unit={props.leftUnit}
                allowDecimals={!!props.leftDomain}
                tick={{ fontSize: 12 }}
              />
              {hasRight && (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  stroke={axisColor}
                  domain={props.rightDomain}
                  unit={props.rightUnit}
                  tick={{ fontSize: 12 }}
                />
              )}
            </>
          )}
          <Tooltip
            contentStyle={{
              background: theme.palette.background.paper,
              border: `1px solid ${theme.palette.divider}`,
              color: theme.palette.text.primary,
            }}
            cursor={{ fill: theme.palette.action.hover }}
          />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series
            .filter((s) => !s.hidden)
            .map((s) =>
              s.kind === 'bar' ? (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  fill={s.color}
                  stackId={s.stackId}
                  yAxisId={vertical ? undefined : (s.axis ?? 'left')}
                  isAnimationActive={false}
                  cursor={s.link ? 'pointer' : undefined}
                  onClick={(entry: { payload?: { __i: number } }) =>
                    entry.payload && open(s, entry.payload.__i)
                  }
                />
              ) : (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={2}
                  yAxisId={vertical ? undefined : (s.axis ?? 'left')}
                  connectNulls
                  isAnimationActive={false}
                  dot={{ r: 3 }}
                />
              ),
            )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
