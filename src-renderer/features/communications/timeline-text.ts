import type { AuditEntry } from '../../../src-shared/domain/audit';

const field = (entry: AuditEntry, name: string) => entry.changes.find((c) => c.field === name)?.after;
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Plain words for the timeline line of a letter, proposal, action or follow-up event (null for other events). */
export function featureTimelineDetail(entry: AuditEntry): string | null {
  switch (entry.entity) {
    case 'communication':
      return [text(field(entry, 'subject')), text(field(entry, 'to')) && `to ${text(field(entry, 'to'))}`]
        .filter(Boolean)
        .join(' ');
    case 'resolution':
      return text(field(entry, 'summary'));
    case 'consultation':
      return text(field(entry, 'person')) || text(field(entry, 'answer'));
    case 'action':
      return [text(field(entry, 'title')), text(field(entry, 'outcome'))].filter(Boolean).join(' — ');
    case 'follow-up': {
      const score = field(entry, 'score');
      return score
        ? `${text(score)}/5, ${field(entry, 'resolved') ? 'resolved' : 'not resolved'}`
        : text(field(entry, 'dueAt'));
    }
    default:
      return entry.action === 'satisfaction' ? '' : null;
  }
}
