// The management report as a pdfmake document definition (pure): KPIs, volumes, root causes,
// SLA trend, recurring issues and improvement actions, each chart with its numbers beside it.
import type { ManagementReportData } from '../../../src-shared/ipc/channels/reports';
import type { sharedEn } from '../../../src-shared/i18n';
import { t } from '../../i18n';
import { barChart, paretoChart, percentLineChart } from './charts';
import {
  COLORS,
  archival,
  bookmarked,
  DEFAULT_STYLE,
  STYLES,
  heading,
  makeFormatter,
  none,
  numbered,
  pageChrome,
  pct,
  table,
  type Content,
  type DocDefinition,
} from './doc-kit';

const CHART = { width: 220, height: 120 };
/** Charts show at most this many bars; the table beside lists every row. */
const MAX_BARS = 24;

/** A chart with its table beside it; kept on one page when the table is short enough to allow it. */
function chartBeside(chart: Content | null, numbers: Content, scale?: string): Content {
  return {
    columns: [
      {
        width: CHART.width + 10,
        stack: [
          chart ?? none(),
          ...(chart && scale ? [{ text: scale, style: 'small', color: COLORS.muted }] : []),
        ],
      },
      { width: '*', stack: [numbers] },
    ],
    columnGap: 12,
    margin: [0, 0, 0, 8],
  };
}

/** A heading and what follows it, kept on one page when short (pdfmake cannot look ahead otherwise). */
/**
 * A section kept on one page when its table is short enough, in printed lines rather than rows: a
 * list of thirty long root-cause sentences wraps to several pages' worth, and pdfmake drops an
 * unbreakable block taller than a page without a word (the whole section vanished).
 */
const keep = (labels: readonly string[], ...parts: Content[]): Content => ({
  stack: parts,
  unbreakable: printedLines(labels) <= MAX_KEPT_LINES,
});
const MAX_KEPT_LINES = 30;
/** Characters of a table label that fit on one line in the narrowest column beside a chart. */
const CHARS_PER_LINE = 28;
export const printedLines = (labels: readonly string[]) =>
  labels.reduce((sum, l) => sum + Math.max(1, Math.ceil(l.length / CHARS_PER_LINE)), 0);

const scaleNote = (max: number, f: (v: number) => string) => t('pdf.management.scale', { max: f(max) });

function kpiTiles(d: ManagementReportData): Content {
  const f = makeFormatter(d.context.locale, d.context.timeZone);
  const k = d.kpis;
  const days = (v: number | null) => (v === null ? '—' : t('pdf.management.days', { value: f.number(v, 1) }));
  const tiles: [string, string][] = [
    [t('pdf.management.kpi.received'), f.number(k.received)],
    [t('pdf.management.kpi.closed'), f.number(k.closed)],
    [t('pdf.management.kpi.openAtEnd'), f.number(k.openAtEnd)],
    [t('pdf.management.kpi.acknowledgedWithinTarget'), pct(f, k.acknowledgedWithinTargetPct)],
    [t('pdf.management.kpi.finalResponseOnTime'), pct(f, k.finalResponseOnTimePct)],
    [t('pdf.management.kpi.medianDaysToResolve'), days(k.medianDaysToResolve)],
    [t('pdf.management.kpi.p90DaysToResolve'), days(k.p90DaysToResolve)],
    [t('pdf.management.kpi.upheldRate'), pct(f, k.upheldRatePct)],
    [
      t('pdf.management.kpi.averageSatisfaction', { responses: f.number(k.satisfactionResponses) }),
      k.averageSatisfaction === null ? '—' : f.number(k.averageSatisfaction, 2),
    ],
    [t('pdf.management.kpi.reopened'), pct(f, k.reopenedPct)],
  ];
  const cell = ([label, value]: [string, string]): Content => ({
    stack: [
      { text: value, fontSize: 15, bold: true, color: COLORS.accent },
      { text: label, style: 'label' },
    ],
    margin: [4, 6, 4, 6],
  });
  const rows: Content[][] = [];
  for (let i = 0; i < tiles.length; i += 5) rows.push(tiles.slice(i, i + 5).map(cell));
  return {
    table: { widths: ['*', '*', '*', '*', '*'], body: rows },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => COLORS.rule,
      vLineColor: () => COLORS.rule,
    },
    margin: [0, 0, 0, 8],
  };
}

export function managementReportDoc(d: ManagementReportData): DocDefinition {
  const f = makeFormatter(d.context.locale, d.context.timeZone);
  const n = (v: number) => f.number(v);
  const months = d.byMonth.slice(-MAX_BARS);
  const cats = d.byCategory.slice(0, MAX_BARS);
  const causes = d.rootCauses.slice(0, MAX_BARS);
  const trend = d.slaTrend.slice(-MAX_BARS);
  const period = t('pdf.management.period', { from: f.date(d.range.from), to: f.date(d.range.to) });
  const col = (key: keyof typeof sharedEn.pdf.management.column) => t(`pdf.management.column.${key}`);
  const section = (n: number, key: keyof typeof sharedEn.pdf.management.section) =>
    bookmarked(numbered(n, t(`pdf.management.section.${key}`)));
  const note = (key: keyof typeof sharedEn.pdf.management.note): Content => ({
    text: t(`pdf.management.note.${key}`),
    style: 'small',
    color: COLORS.muted,
  });

  const content: Content[] = [
    { text: d.context.officeName, style: 'muted' },
    heading(t('pdf.management.title'), 1),
    { text: period, fontSize: 12, margin: [0, 0, 0, 2] },
    {
      text: t('pdf.management.filters', { filters: d.filtersLabel || t('pdf.management.noFilters') }),
      style: 'muted',
    },
    {
      text: t('pdf.management.generatedBy', {
        name: d.context.generatedBy,
        at: f.dateTime(d.context.generatedAt),
      }),
      style: 'muted',
      margin: [0, 0, 0, 10],
    },
    section(1, 'keyFigures'),
    kpiTiles(d),
    note('keyFigures'),
    keep(
      d.byMonth.map((m) => m.month),
      section(2, 'volumeByMonth'),
      chartBeside(
        months.length ? barChart([months.map((m) => m.received), months.map((m) => m.closed)], CHART) : null,
        table(
          [col('month'), col('received'), col('closed')],
          d.byMonth.map((m) => [m.month, n(m.received), n(m.closed)]),
          ['*', 55, 55],
        ),
        scaleNote(Math.max(0, ...months.flatMap((m) => [m.received, m.closed])), n),
      ),
      note('volumeByMonth'),
    ),
    keep(
      d.byCategory.map((c) => c.category),
      section(3, 'volumeByCategory'),
      chartBeside(
        cats.length ? barChart([cats.map((c) => c.count)], CHART) : null,
        table(
          [col('category'), col('cases')],
          d.byCategory.map((c) => [c.category, n(c.count)]),
          ['*', 55],
        ),
        scaleNote(Math.max(0, ...cats.map((c) => c.count)), n),
      ),
    ),
    keep(
      d.rootCauses.map((c) => c.cause),
      section(4, 'rootCauses'),
      chartBeside(
        causes.length
          ? paretoChart(
              causes.map((c) => c.count),
              causes.map((c) => c.cumulativePct),
              CHART,
            )
          : null,
        table(
          [col('rootCause'), col('cases'), col('cumulative')],
          d.rootCauses.map((c) => [c.cause, n(c.count), pct(f, c.cumulativePct)]),
          ['*', 40, 55],
        ),
        scaleNote(Math.max(0, ...causes.map((c) => c.count)), n),
      ),
      note('rootCauses'),
    ),
    keep(
      d.slaTrend.map((m) => m.month),
      section(5, 'slaTrend'),
      chartBeside(
        trend.length
          ? percentLineChart(
              trend.map((t) => t.pct),
              { ...CHART, target: 95 },
            )
          : null,
        table(
          [col('month'), col('due'), col('inTime'), col('inTimePct'), col('acknowledgedOnTimePct')],
          d.slaTrend.map((t) => [
            t.month,
            n(t.responses),
            n(t.withinDeadline),
            pct(f, t.pct),
            pct(f, t.acknowledgedOnTimePct),
          ]),
          [46, 34, 34, '*', '*'],
        ),
        t('pdf.management.percentScale'),
      ),
      note('slaTrend'),
    ),
    keep(
      d.topIssues.map((i) => i.issue),
      section(6, 'topIssues'),
      table(
        [col('issue'), col('cases'), col('stillOpen')],
        d.topIssues.map((t) => [t.issue, n(t.count), n(t.open)]),
        ['*', 50, 55],
      ),
    ),
    keep(
      d.improvements.map((i) => i.title),
      section(7, 'improvements'),
      table(
        [col('action'), col('owner'), col('status'), col('due'), col('linkedCases')],
        d.improvements.map((i) => [i.title, i.owner, i.status, f.date(i.dueAt), n(i.linkedCases)]),
        ['*', 80, 60, 60, 45],
      ),
    ),
  ];

  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: {
      title: t('pdf.management.documentTitle', { period }),
      author: d.context.officeName,
      creator: 'Redress',
    },
    ...archival(d.context.locale),
    ...pageChrome(
      d.context.officeName,
      t('pdf.management.runningHeader', { period }),
      t('pdf.management.generated', { at: f.dateTime(d.context.generatedAt) }),
    ),
    content,
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  };
}
