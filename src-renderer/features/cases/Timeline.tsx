import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { inTimeOrder, type AuditEntry, type FieldChange } from '../../../src-shared/domain/audit';
import { CHECKLISTS, STAGES } from '../../../src-shared/domain/workflow';
import { useFormat } from '../../app/format';
import { featureTimelineDetail } from '../communications/timeline-text';
import { investigationEvent } from '../investigation/timeline';
import { redactionLogText } from '../reports/redaction-log-text';

const MAX_VALUE = 120;
const CHECKLIST_LABEL_KEYS = new Map(
  STAGES.flatMap((s) => CHECKLISTS[s].map((i) => [i.id, i.labelKey] as const)),
);
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

const RETENTION_ACTIONS = [
  'legal-hold',
  'legal-hold-lift',
  'dispose-delete',
  'dispose-anonymise',
  'dispose-erasure',
];

/** Which changes to spell out on the timeline (also used by the PDF case report): status moves, assignment and escalation matter most. */
export function summary(entry: AuditEntry, t: (k: string, o?: Record<string, unknown>) => string): string {
  const field = (name: string): FieldChange | undefined => entry.changes.find((c) => c.field === name);
  const status = field('status');
  const feature = featureTimelineDetail(entry);
  if (feature !== null) return feature;
  if (entry.action === 'transition' && status) {
    return `${t(`status.${String(status.before)}`)} → ${t(`status.${String(status.after)}`)}`;
  }
  if (entry.action === 'bundle-receive') {
    return t('bundle.timeline.received', {
      office: show(field('office')?.after),
      bundleId: show(field('bundleId')?.after).slice(0, 8),
      fingerprint: show(field('fingerprint')?.after),
    });
  }
  if (entry.action === 'assign') return show(field('assignee.name')?.after ?? null);
  if (entry.action === 'trail-details-restored')
    return t('team.timeline.restored', { count: Number(field('restoredEntries')?.after ?? 0) });
  if (entry.action === 'escalate') return show(field('escalation.owner.name')?.after ?? null);
  if (entry.entity === 'improvement') return show(field('improvement')?.after ?? null);
  // The label says it all (a restriction's or hold's reason shows beneath it).
  if (RETENTION_ACTIONS.includes(entry.action)) return '';
  if (['create', 'sla-pause', 'sla-resume', 'restrict', 'unrestrict', 'view'].includes(entry.action))
    return '';
  if (entry.action === 'checklist-tick' || entry.action === 'checklist-untick') {
    // checklist.<item>.at changes name the items; show their labels.
    const ids = new Set(
      entry.changes.map((c) => /^checklist\.([^.]+)\./.exec(c.field)?.[1]).filter((id): id is string => !!id),
    );
    return [...ids]
      .map((id) => {
        const key = CHECKLIST_LABEL_KEYS.get(id);
        return key ? t(key) : id;
      })
      .join(', ');
  }
  if (entry.action === 'report-export' || entry.action === 'letter-export') {
    const name =
      String(field('file')?.after ?? '')
        .split(/[\\/]/)
        .pop() ?? '';
    const id = field('documentId')?.after;
    const file = typeof id === 'string' ? `${name} (${t('reports.case.documentId', { id })})` : name;
    if (!field('redacted')?.after) return file;
    const log = redactionLogText(entry, t);
    return `${file} (${t('reports.case.redactedCopy')})${log ? ` ${log}` : ''}`;
  }
  if (entry.action === 'finding') {
    const f = field('finding')?.after;
    const cause = field('rootCause')?.after;
    return [f ? t(`finding.${String(f)}`) : null, cause ? show(cause) : null].filter(Boolean).join(' — ');
  }
  return entry.changes.map((c) => `${c.field}: ${show(c.before)} → ${show(c.after)}`).join('; ');
}

/** An event's label and detail in plain words, for the timeline and the PDF case report alike. */
export function timelineEvent(
  entry: AuditEntry,
  t: (k: string, o?: Record<string, unknown>) => string,
): { label: string; detail: string } {
  const feature = investigationEvent(entry, t);
  if (feature) return feature;
  // Each feature names its own events; the first key that exists wins.
  const label = t(`case.action.${entry.action}`, {
    defaultValue: t(`resolution.timeline.${entry.action}`, {
      defaultValue: t(`improvements.timeline.${entry.action}`, { defaultValue: entry.action }),
    }),
  });
  return { label, detail: summary(entry, t) };
}

/** Every event of the case, oldest first, with who and when (read from the audit trail). */
export function Timeline({ entries }: { entries: AuditEntry[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="history-heading">
      <Typography variant="h6" component="h2" id="history-heading" gutterBottom>
        {t('case.history')}
      </Typography>
      {entries && entries.length === 0 && (
        <Typography color="text.secondary">{t('case.historyEmpty')}</Typography>
      )}
      <Box component="ol" sx={{ m: 0, pl: 3 }} aria-label={t('case.history')}>
        {inTimeOrder(entries ?? []).map((entry) => {
          const { label, detail } = timelineEvent(entry, t);
          return (
            <li key={entry.seq}>
              <Typography>
                <strong>{label}</strong>
                {detail ? `: ${detail}` : ''} — {entry.actor.name}, {format.dateTime(entry.at)}
              </Typography>
              {entry.erased && (
                <Typography variant="body2" color="text.secondary">
                  {t('retention.erased', {
                    date: format.date(entry.erased.at),
                    record: entry.erased.recordId.slice(0, 8),
                  })}
                </Typography>
              )}
              {entry.reason && (
                <Typography variant="body2" color="text.secondary">
                  {t('case.reason')}: {entry.reason}
                </Typography>
              )}
            </li>
          );
        })}
      </Box>
    </Paper>
  );
}
