// The dashboard's filters live in the URL (bookmarkable, and the back button restores them).
import { parseISO } from 'date-fns';
import {
  STACK_DIMENSIONS,
  type DashboardFilters,
  type StackDimension,
} from '../../../src-shared/analytics/aggregate';
import { GRANULARITIES, type Granularity } from '../../../src-shared/analytics/periods';
import { CHANNELS, REGIME_IDS, SEVERITIES } from '../../../src-shared/domain/case';
import { addMonthsToDay, officeDayEnd, officeDayStart } from '../../../src-shared/domain/office-time';

export interface DashboardParams {
  /** Office days, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  granularity: Granularity;
  stackBy: StackDimension;
  filters: Omit<DashboardFilters, 'fromMs' | 'toMs'>;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const validDay = (v: string | null): v is string =>
  !!v && DAY_RE.test(v) && !Number.isNaN(parseISO(v).getTime());

/** The last twelve months up to today (the office's day), unless the URL says otherwise. */
export function readDashboardParams(sp: URLSearchParams, today: string): DashboardParams {
  const defaultTo = today;
  const defaultFrom = addMonthsToDay(today, -12);
  let from = validDay(sp.get('from')) ? sp.get('from')! : defaultFrom;
  let to = validDay(sp.get('to')) ? sp.get('to')! : defaultTo;
  if (to < from) [from, to] = [defaultFrom, defaultTo]; // a hand-edited URL; the picker refuses it
  const filters: DashboardParams['filters'] = {};
  if (sp.get('category')) filters.category = sp.get('category')!;
  const channel = oneOf(CHANNELS, sp.get('channel'));
  if (channel) filters.channel = channel;
  if (sp.has('product')) filters.product = sp.get('product') ?? '';
  const severity = oneOf(SEVERITIES, sp.get('severity'));
  if (severity) filters.severity = severity;
  const regime = oneOf(REGIME_IDS, sp.get('regime'));
  if (regime) filters.regime = regime;
  if (sp.has('officer')) filters.assigneeId = sp.get('officer') ?? '';
  return {
    from,
    to,
    granularity: oneOf(GRANULARITIES, sp.get('g')) ?? 'month',
    stackBy: oneOf(STACK_DIMENSIONS, sp.get('stack')) ?? 'category',
    filters,
  };
}

/** The days as instants: from the start of the first office day to the end of the last. */
export function toDashboardFilters(p: DashboardParams, timeZone: string): DashboardFilters {
  return {
    ...p.filters,
    fromMs: Date.parse(officeDayStart(p.from, timeZone)),
    toMs: Date.parse(officeDayEnd(p.to, timeZone)),
  };
}

/** Extra list filters a chart element stands for. */
export interface Drill {
  fromMs?: number;
  toMs?: number;
  category?: string;
  channel?: string;
  product?: string;
  severity?: string;
  regime?: string;
  assigneeId?: string;
  rootCause?: string;
  stage?: string;
  status?: string;
  open?: 0 | 1;
  finding?: string;
  due?: 'overdue';
  complainantKey?: string;
}

/**
 * The Cases list URL for exactly the cases behind a chart element: the dashboard's filters narrowed
 * by the element's own (a period narrows the date range; a dimension value replaces the filter).
 */
export function casesLink(filters: DashboardFilters, drill: Drill = {}): string {
  const sp = new URLSearchParams();
  const fromMs = Math.max(filters.fromMs, drill.fromMs ?? -Infinity);
  const toMs = Math.min(filters.toMs, drill.toMs ?? Infinity);
  sp.set('from', new Date(fromMs).toISOString());
  sp.set('to', new Date(toMs).toISOString());
  const pick = <K extends keyof Drill & keyof DashboardFilters>(k: K) => drill[k] ?? filters[k];
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined) sp.set(key, String(value));
  };
  set('category', pick('category'));
  set('channel', pick('channel'));
  set('product', pick('product'));
  set('severity', pick('severity'));
  set('regime', pick('regime'));
  set('assignee', pick('assigneeId'));
  set('rootCause', drill.rootCause);
  set('stage', drill.stage);
  set('status', drill.status);
  set('open', drill.open);
  set('finding', drill.finding);
  set('due', drill.due);
  set('complainant', drill.complainantKey);
  return `/cases?${sp.toString()}`;
}
