import { CHANNELS, FINDINGS, REGIME_IDS, SEVERITIES } from '../../../src-shared/domain/case';
import { CASE_STATUSES, STAGES } from '../../../src-shared/domain/workflow';
import { CASE_SORTS, type CaseDrill, type CaseQuery, type CaseSort } from '../../db/case-query';
import { readDrill } from './case-drill';

/** Saved views: a name for a common set of filters. */
export const VIEWS = [
  'all',
  'my-work',
  'my-overdue',
  'overdue',
  'due-soon',
  'update-owed',
  'escalated',
  'unassigned',
] as const;
export type View = (typeof VIEWS)[number];

export interface ListParams {
  view: View;
  q: string;
  filters: Omit<CaseQuery, 'sort'>;
  sort: CaseSort;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** The list's state lives in the URL, so a view can be bookmarked, and the dashboard can link to it. */
export function readListParams(
  sp: URLSearchParams,
  drillOf: (key: string) => CaseDrill | null = readDrill,
): ListParams {
  const filters: Omit<CaseQuery, 'sort'> = {};
  const status = oneOf(CASE_STATUSES, sp.get('status'));
  if (status) filters.status = status;
  const stage = oneOf(STAGES, sp.get('stage'));
  if (stage) filters.stage = stage;
  const channel = oneOf(CHANNELS, sp.get('channel'));
  if (channel) filters.channel = channel;
  const severity = oneOf(SEVERITIES, sp.get('severity'));
  if (severity) filters.severity = severity;
  const regime = oneOf(REGIME_IDS, sp.get('regime'));
  if (regime) filters.regime = regime;
  const due = oneOf(['overdue', 'due-soon'] as const, sp.get('due'));
  if (due) filters.due = due;
  if (sp.get('category')) filters.category = sp.get('category')!;
  if (sp.has('assignee')) filters.assigneeId = sp.get('assignee') ?? '';
  if (sp.get('escalated') === '1') filters.escalated = true;
  if (sp.get('from')) filters.receivedFrom = sp.get('from')!;
  if (sp.get('to')) filters.receivedTo = sp.get('to')!;
  if (sp.has('product')) filters.product = sp.get('product') ?? '';
  if (sp.get('rootCause')) filters.rootCause = sp.get('rootCause')!;
  const open = oneOf(['0', '1'] as const, sp.get('open'));
  if (open) filters.open = open === '1' ? 1 : 0;
  const finding = oneOf(FINDINGS, sp.get('finding'));
  if (finding) filters.finding = finding;
  if (sp.get('complainant')) filters.complainantKey = sp.get('complainant')!;
  // A drill-down no longer kept shows no cases (and says so), never every case.
  if (sp.get('drill')) filters.drill = drillOf(sp.get('drill')!) ?? { label: '', ids: [] };
  return {
    view: oneOf(VIEWS, sp.get('view')) ?? 'all',
    q: sp.get('q') ?? '',
    filters,
    sort: oneOf(CASE_SORTS, sp.get('sort')) ?? 'received',
  };
}

/** What a saved view adds to the filters the officer chose. */
export function applyView(
  view: View,
  filters: Omit<CaseQuery, 'sort'>,
  sort: CaseSort,
  meId: string,
): CaseQuery {
  switch (view) {
    case 'my-work':
      return { ...filters, assigneeId: meId, sort: 'due' };
    case 'my-overdue':
      return { ...filters, assigneeId: meId, due: 'overdue', sort: 'due' };
    case 'overdue':
      return { ...filters, due: 'overdue', sort: 'due' };
    case 'due-soon':
      return { ...filters, due: 'due-soon', sort: 'due' };
    case 'update-owed':
      return { ...filters, informed: 'owed', sort: 'informed' };
    case 'escalated':
      return { ...filters, escalated: true, sort };
    case 'unassigned':
      return { ...filters, assigneeId: '', sort };
    default:
      return { ...filters, sort };
  }
}
