// Exports of a case file are disclosures: each one is recorded on the case's audit trail (who,
// when, which file, redacted or not), so the office can say what left it and when.
import type { AuditEntry } from '../../src-shared/domain/audit';
import { personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import type { RedactionLog } from '../../src-shared/reports/redaction-review';
import { appendAudit } from './audit-log';
import { caseToWrite } from './guard';
import type { RedressDB } from './schema';

export const REPORT_EXPORT_ACTION = 'report-export';
export const LETTER_EXPORT_ACTION = 'letter-export';

export interface ReportExportDetails {
  /** Where the PDF was saved. */
  file: string;
  redacted: boolean;
  sections: string[];
  auditAppendix: boolean;
  /** The ID printed on every page of the PDF, so a printed page can be traced to this export. */
  documentId?: string;
  /** For a redacted copy: for whom, why, what kinds went (counts only) and what was shown on purpose. */
  log?: RedactionLog;
}

export async function recordReportExport(
  db: RedressDB,
  caseId: string,
  by: ActingPerson,
  details: ReportExportDetails,
  now = new Date(),
): Promise<AuditEntry> {
  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    await caseToWrite(db, caseId, by, 'report.case-export');
    return appendAudit(db, {
      at: now.toISOString(),
      actor: personOf(by),
      entity: 'case-report',
      entityId: caseId,
      caseId,
      action: REPORT_EXPORT_ACTION,
      changes: [
        { field: 'file', before: null, after: details.file },
        { field: 'redacted', before: null, after: details.redacted },
        { field: 'sections', before: null, after: details.sections.join(', ') },
        { field: 'auditAppendix', before: null, after: details.auditAppendix },
        ...(details.documentId ? [{ field: 'documentId', before: null, after: details.documentId }] : []),
        ...(details.log
          ? [
              { field: 'recipient', before: null, after: details.log.recipient },
              { field: 'purpose', before: null, after: details.log.purpose },
              { field: 'removed', before: null, after: details.log.removed },
              { field: 'addedTerms', before: null, after: details.log.addedTerms },
              { field: 'unredacted', before: null, after: details.log.unredacted },
            ]
          : []),
      ],
    });
  });
}

/** A letter to the complainant saved as a PDF file: it names them and their address, so it is a disclosure too. */
export async function recordLetterExport(
  db: RedressDB,
  caseId: string,
  by: ActingPerson,
  details: { file: string; subject: string },
  now = new Date(),
): Promise<AuditEntry> {
  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    // A letter leaves with the permission to write letters on the case.
    await caseToWrite(db, caseId, by, 'communication.record');
    return appendAudit(db, {
      at: now.toISOString(),
      actor: personOf(by),
      entity: 'letter-pdf',
      entityId: caseId,
      caseId,
      action: LETTER_EXPORT_ACTION,
      changes: [
        { field: 'file', before: null, after: details.file },
        { field: 'subject', before: null, after: details.subject },
      ],
    });
  });
}
