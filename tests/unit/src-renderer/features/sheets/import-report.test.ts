import { describe, expect, it } from 'vitest';
import type { RowFate } from '../../../../../src-renderer/db/case-import';
import {
  countFates,
  dryRunReportRows,
  reportRows,
} from '../../../../../src-renderer/features/sheets/import-report';
import i18n from '../../../../../src-renderer/i18n';

const rejected: RowFate[] = [
  { row: 4, kind: 'failed', problems: [{ code: 'bad-date', field: 'receivedAt', value: '31/02/2024' }] },
  { row: 5, kind: 'duplicate', externalRef: 'OLD-1', reference: 'CMP-2024-7' },
  { row: 6, kind: 'duplicate', externalRef: 'OLD-2', sameAsRow: 3 },
];

describe('dryRunReportRows', () => {
  it('lists every rejected row with what will become of it and why, in the import report’s columns', () => {
    const { columns, rows } = dryRunReportRows(i18n.t, rejected);
    expect(columns).toEqual(reportRows(i18n.t, []).columns);
    expect(columns).toEqual(['Row', 'Outcome', 'Case', 'Details']);
    expect(rows).toEqual([
      ['4', 'will fail', '', 'Received “31/02/2024” is not a date.'],
      [
        '5',
        'will be skipped as a duplicate',
        'CMP-2024-7',
        'External reference OLD-1 is already case CMP-2024-7.',
      ],
      ['6', 'will be skipped as a duplicate', '', 'External reference OLD-2 is also on row 3.'],
    ]);
  });

  it('says what the import did, not what it will do, in the import’s own report', () => {
    expect(reportRows(i18n.t, rejected).rows.map((r) => r[1])).toEqual([
      'failed',
      'skipped duplicate',
      'skipped duplicate',
    ]);
  });

  it('keeps every row, however many (the screen shows the first thousand)', () => {
    const many: RowFate[] = Array.from({ length: 2500 }, (_, i) => ({
      row: i + 2,
      kind: 'failed',
      problems: [{ code: 'missing', field: 'name', value: '' }],
    }));
    const { rows } = dryRunReportRows(i18n.t, many);
    expect(rows).toHaveLength(2500);
    expect(rows[2499]).toEqual(['2501', 'will fail', '', 'Complainant name is missing.']);
  });
});

describe('countFates', () => {
  it('counts each fate once, and the imported cases numbered on the desk', () => {
    const fates: RowFate[] = [
      { row: 2, kind: 'imported', caseId: 'a', reference: 'CMP-2026-000101' },
      { row: 3, kind: 'imported', caseId: 'b', reference: 'CMP-2026-D3F2A9C1E-0001' },
      { row: 4, kind: 'imported', caseId: 'c', reference: 'CMP-2026-D3F2A9C1E-0002' },
      { row: 5, kind: 'duplicate', externalRef: 'L-1', reference: 'CMP-2026-D3F2A9C1E-0001' },
      { row: 6, kind: 'not-imported' },
      { row: 7, kind: 'failed', problems: [{ code: 'missing', field: 'name', value: '' }] },
      { row: 8, kind: 'refused', message: 'The disk is almost full.' },
    ];
    expect(countFates(fates)).toEqual({
      imported: 3,
      duplicates: 1,
      failed: 2,
      notImported: 1,
      deskReferenced: 2,
    });
  });
});
