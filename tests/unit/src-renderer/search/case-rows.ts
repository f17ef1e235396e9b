import type { CaseRecord } from '../../../../src-shared/domain/case';

/** A stored case with just what search reads (the rest of CaseRecord does not matter here). */
export function caseRow(n: number, fields: Partial<CaseRecord> = {}): CaseRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  return {
    id: `case-${String(n).padStart(4, '0')}`,
    reference: `CMP-2026-${String(n).padStart(6, '0')}`,
    complainant: { name: n % 2 ? 'Zoë Adams' : 'Priya Shah' },
    description: n % 3 ? 'Charged twice for one payment.' : 'Branch closed the account without notice.',
    receivedAt: at,
    createdAt: at,
    updatedAt: at,
    status: 'received',
    ...fields,
  } as CaseRecord;
}
