// Exports of a case file are disclosures: each one is recorded on the case's audit trail (who,
// when, which file, redacted or not), so the office can say what left it and when.
import type { AuditEntry } from '../../src-shared/domain/audit';
import type { Actor } from '../../src-shared/domain/case';
import { NotFoundError } from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit } from './audit-log';
import type { RedressDB } from './schema';

export const REPORT_EXPORT_ACTION = 'report-export';
export const LETTER_EXPORT_ACTION = 'letter-export';

export interface ReportExportDetails {
  /** Where the PDF was saved. */
  file: string;
  redacted: boolean;
  sections: string[];
  auditAppendix: boolean;
}

export async function recordReportExport(
  db: RedressDB,
  caseId: string,
  actor: Actor,
  details: ReportExportDetails,
  now = new Date(),
): Promise<AuditEntry> {
  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    if (!(await db.cases.get(caseId))) throw new NotFoundError(tm('errors.caseNotFound'));
    return appendAudit(db, {
      at: now.toISOString(),
      actor,
      entity: 'case-report',
      entityId: caseId,
      caseId,
      action: REPORT_EXPORT_ACTION,
      changes: [
        { field: 'file', before: null, after: details.file },
        { field: 'redacted', before: null, after: details.redacted },
        { field: 'sections', before: null, after: details.sections.join(', ') },
        { field: 'auditAppendix', before: null, after: details.auditAppendix },
      ],
    });
  });
}

/** A letter to the complainant saved as a PDF file: it names them and their address, so it is a disclosure too. */
export async function recordLetterExport(
  db: RedressDB,
  caseId: string,
  actor: Actor,
  details: { file: string; subject: string },
  now = new Date(),
): Promise<AuditEntry> {
  return db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
    if (!(await db.cases.get(caseId))) throw new NotFoundError(tm('errors.caseNotFound'));
    return appendAudit(db, {
      at: now.toISOString(),
      actor,
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
