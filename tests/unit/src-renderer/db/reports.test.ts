import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseAuditTrail } from '../../../../src-renderer/db/audit-log';
import { createCase } from '../../../../src-renderer/db/cases';
import { recordLetterExport, recordReportExport } from '../../../../src-renderer/db/reports';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { freshDb, intake, person, testRules } from './test-db';

let db: RedressDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.delete());

describe('exports of personal data are on the case’s trail', () => {
  it('a case report and a letter PDF each leave an entry naming who, the file and what it was', async () => {
    const who = person('p1', 'Priya Shah', 'officer');
    const received = '2026-03-02T09:30:00.000Z';
    const c = await createCase(db, intake(received), who, testRules(), new Date(received));
    await recordReportExport(db, c.id, who, {
      file: '/home/priya/Exports/CMP-1-redacted.pdf',
      redacted: true,
      sections: ['summary'],
      auditAppendix: false,
    });
    await recordLetterExport(db, c.id, who, {
      file: 'C:\\Letters\\CMP-1 Final response.pdf',
      subject: 'Final response',
    });
    const trail = await caseAuditTrail(db, c.id);
    const exports = trail.filter((e) => e.action.endsWith('-export'));
    expect(exports.map((e) => [e.action, e.actor])).toEqual([
      ['report-export', { id: 'p1', name: 'Priya Shah' }],
      ['letter-export', { id: 'p1', name: 'Priya Shah' }],
    ]);
    expect(exports[1]!.changes).toEqual([
      { field: 'file', before: null, after: 'C:\\Letters\\CMP-1 Final response.pdf' },
      { field: 'subject', before: null, after: 'Final response' },
    ]);
  });

  it('refuses an export record for a case that is not there', async () => {
    await expect(
      recordLetterExport(db, 'no-such-case', person('p1', 'P', 'officer'), { file: 'x.pdf', subject: 's' }),
    ).rejects.toThrow();
  });
});
