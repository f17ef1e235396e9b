// How investigation events read on the case timeline (Timeline.tsx asks here first).
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { markdownAsText } from './markdown-text';

const ENTITIES = new Set(['plan-item', 'note', 'interview', 'evidence', 'enquiry']);
const MAX = 120;
const clip = (v: unknown) => {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
  return s.length > MAX ? `${s.slice(0, MAX)}…` : s;
};

// Notes are Markdown: the timeline reads them as the words they show.
const noteText = (v: unknown) => (typeof v === 'string' ? markdownAsText(v) : v);

/** The label and detail of an investigation event, or null for other entries. */
export function investigationEvent(
  entry: AuditEntry,
  t: (key: string, options?: Record<string, unknown>) => string,
): { label: string; detail: string } | null {
  if (!ENTITIES.has(entry.entity)) return null;
  const value = (field: string) => entry.changes.find((c) => c.field === field);
  const label = t(`investigation.action.${entry.action}`, { defaultValue: entry.action });
  let detail: string;
  switch (entry.action) {
    case 'note-edit': {
      const text = value('text');
      detail = t('investigation.timeline.noteEdit', {
        before: clip(noteText(text?.before)),
        after: clip(noteText(text?.after)),
      });
      break;
    }
    case 'note-add':
      detail = clip(noteText(value('text')?.after));
      break;
    case 'plan-add':
    case 'plan-done':
    case 'plan-reopen':
      detail = clip(value('text')?.after);
      break;
    case 'note-pin':
    case 'note-unpin':
      detail = '';
      break;
    case 'evidence-add':
      detail = `${clip(value('name')?.after)} (SHA-256 ${String(value('sha256')?.after ?? '').slice(0, 12)}…)`;
      break;
    case 'evidence-supersede':
      detail = clip(value('name')?.after);
      break;
    case 'enquiry-add':
    case 'enquiry-answer':
      detail = clip(value('recipient')?.after);
      break;
    default:
      detail = clip(value('intervieweeName')?.after);
  }
  return { label, detail };
}
