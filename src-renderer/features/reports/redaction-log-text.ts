// The redaction log of a redacted copy, in words for the case's timeline: for whom and why, the
// kinds removed with counts, and the terms shown on purpose with their reasons.
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { inKindOrder } from '../../../src-shared/reports/redaction-review';

type T = (k: string, o?: Record<string, unknown>) => string;

export function redactionLogText(entry: AuditEntry, t: T): string | null {
  const after = (name: string): unknown => entry.changes.find((c) => c.field === name)?.after;
  const recipient = after('recipient');
  if (typeof recipient !== 'string') return null;
  // In a fixed order (people first), so one export reads like another.
  const removed = inKindOrder((after('removed') ?? {}) as Record<string, number>);
  const added = Number(after('addedTerms') ?? 0);
  const shown = (after('unredacted') ?? []) as { term: string; reason: string }[];
  return [
    t('reports.log.forWhom', { recipient, purpose: String(after('purpose') ?? '') }),
    removed.length
      ? t('reports.log.removed', {
          list: removed
            .map(([kind, count]) =>
              t('reports.log.kindCount', {
                kind: t(`reports.review.kinds.${kind}`, { defaultValue: kind }),
                count,
              }),
            )
            .join(', '),
        })
      : t('reports.log.removedNone'),
    added > 0 ? t('reports.log.added', { count: added }) : null,
    shown.length
      ? t('reports.log.shown', {
          list: shown.map((s) => t('reports.log.shownItem', { term: s.term, reason: s.reason })).join(', '),
        })
      : null,
  ]
    .filter(Boolean)
    .join('; ');
}
