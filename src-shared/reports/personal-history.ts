// Every value a personal field of a case ever held, read from its audit trail: a redacted copy
// must remove the name as first typed as well as the corrected one, and main checks the finished
// PDF against the same list.
import type { FieldChange } from '../domain/audit';
import type { PersonalKind, RedactionContext } from '../ipc/channels/reports';

interface TrailEntry {
  entity: string;
  entityId: string;
  changes: FieldChange[];
}

/** Which fields are personal, and what they hold (the entity too, where a field name is shared). */
const PERSONAL_FIELDS: { field: RegExp; entity?: string; kind: PersonalKind }[] = [
  { field: /^complainant\.name$/, kind: 'complainant' },
  { field: /^complainant\.(email|phone)$/, kind: 'contact' },
  { field: /^complainant\.address$/, kind: 'address' },
  { field: /^complainant\.needs$/, kind: 'needs' },
  { field: /^accountRef$/, kind: 'account' },
  { field: /^intervieweeName$/, entity: 'interview', kind: 'witness' },
  { field: /^intervieweeContact$/, entity: 'interview', kind: 'contact' },
  { field: /^othersPresent$/, entity: 'interview', kind: 'person' },
  { field: /^interviewer$/, entity: 'interview', kind: 'staff' },
  // Whoever the case was given to, or escalated to, even if they never acted on it.
  { field: /^(?:assignee|escalation\.owner)\.name$/, entity: 'case', kind: 'staff' },
  { field: /^recipient$/, entity: 'enquiry', kind: 'other' },
  { field: /^name$/, entity: 'evidence', kind: 'file' },
];

const kindOf = (entity: string, field: string) =>
  PERSONAL_FIELDS.find((p) => p.field.test(field) && (!p.entity || p.entity === entity))?.kind;

const valuesOf = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(valuesOf) : [];

/** The personal values in a case's trail (oldest first), each once; a witness's former names say whose. */
export function personalHistory(trail: readonly TrailEntry[]): RedactionContext['history'] {
  // A witness keeps one pseudonym under every name they were typed as: their latest name.
  const latestName = new Map<string, string>();
  for (const e of trail)
    for (const c of e.changes)
      if (kindOf(e.entity, c.field) === 'witness' && typeof c.after === 'string' && c.after.trim())
        latestName.set(e.entityId, c.after);
  const seen = new Set<string>();
  const out: RedactionContext['history'] = [];
  for (const e of trail)
    for (const c of e.changes) {
      const kind = kindOf(e.entity, c.field);
      if (!kind) continue;
      for (const value of [...valuesOf(c.before), ...valuesOf(c.after)]) {
        const key = `${kind}\u0000${value}`;
        if (!value.trim() || seen.has(key)) continue;
        seen.add(key);
        out.push({ kind, value, sameAs: kind === 'witness' ? (latestName.get(e.entityId) ?? '') : '' });
      }
    }
  return out;
}
