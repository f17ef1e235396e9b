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

  it('a redacted copy’s entry carries its redaction log: for whom, why, kinds with counts, terms shown', async () => {
    const who = person('m1', 'Morgan Lee', 'manager');
    const received = '2026-03-02T09:30:00.000Z';
    const c = await createCase(db, intake(received), who, testRules(), new Date(received));
    const log = {
      recipient: 'Financial Ombudsman Service',
      purpose: 'Referral',
      removed: { name: 3, postcode: 1 },
      addedTerms: 1,
      unredacted: [{ term: 'Leeds', reason: 'Public branch town' }],
    };
    await recordReportExport(db, c.id, who, {
      file: 'CMP-1-redacted.pdf',
      redacted: true,
      sections: ['timeline'],
      auditAppendix: false,
      log,
    });
    const entry = (await caseAuditTrail(db, c.id)).at(-1)!;
    expect(entry.action).toBe('report-export');
    expect(entry.actor).toEqual({ id: 'm1', name: 'Morgan Lee' });
    expect(Object.fromEntries(entry.changes.map((ch) => [ch.field, ch.after]))).toMatchObject({
      recipient: 'Financial Ombudsman Service',
      purpose: 'Referral',
      removed: { name: 3, postcode: 1 },
      addedTerms: 1,
      unredacted: [{ term: 'Leeds', reason: 'Public branch town' }],
    });
  });

  it('a case report’s entry names the document ID printed on its pages', async () => {
    const who = person('p1', 'Priya Shah', 'officer');
    const received = '2026-03-02T09:30:00.000Z';
    const c = await createCase(db, intake(received), who, testRules(), new Date(received));
    await recordReportExport(db, c.id, who, {
      file: 'CMP-1.pdf',
      redacted: false,
      sections: ['summary'],
      auditAppendix: false,
      documentId: 'DOC-BCDF-2345-GHJK',
    });
    const entry = (await caseAuditTrail(db, c.id)).at(-1)!;
    expect(entry.changes).toContainEqual({ field: 'documentId', before: null, after: 'DOC-BCDF-2345-GHJK' });
  });

  it('refuses an export record for a case that is not there', async () => {
    await expect(
      recordLetterExport(db, 'no-such-case', person('p1', 'P', 'officer'), { file: 'x.pdf', subject: 's' }),
    ).rejects.toThrow();
  });
});
