// What the PDF worker is asked to build, and how: one pure function from a job to PDF bytes,
// run inside the worker thread in the app and directly by tests that want no thread.
import type {
  CaseReportData,
  CaseReportOptions,
  LetterPdfData,
  ManagementReportData,
} from '../../../src-shared/ipc/channels/reports';
import { ValidationError } from '../../../src-shared/errors';
import { leakTerms, redactCaseReport, termsFoundIn } from '../../../src-shared/reports/redact';
import { caseReportDoc } from './case-report-doc';
import { BREAK_OPPORTUNITY, markTraining, type DocDefinition } from './doc-kit';
import { docText } from './doc-text';
import { letterDoc } from './letter-doc';
import { managementReportDoc } from './management-doc';
import { pdfText } from './pdf-text';
import { renderPdf } from './render';

export type PdfJob = (
  | {
      kind: 'case-report';
      data: CaseReportData;
      options: CaseReportOptions;
      /** Printed on every page; main derives it (document-id.ts) and records it with the export. */
      documentId?: string;
    }
  | { kind: 'management-report'; data: ManagementReportData }
  | { kind: 'letter'; data: LetterPdfData }
) & {
  /** Made in a training profile (main's word, never the renderer's): every page says TRAINING. */
  training?: boolean;
};

function definitionOf(job: PdfJob): DocDefinition {
  switch (job.kind) {
    case 'case-report':
      return caseReportDoc(
        job.options.redact ? redactCaseReport(job.data) : job.data,
        job.options,
        job.documentId,
      );
    case 'management-report':
      return managementReportDoc(job.data);
    case 'letter':
      return letterDoc(job.data);
  }
}

export async function buildPdf(job: PdfJob, fontsDir: string): Promise<Buffer> {
  const doc = definitionOf(job);
  const redacted = job.kind === 'case-report' && job.options.redact;
  if (redacted) refuseLeaks(job.data, docText(doc));
  const bytes = await renderPdf(job.training ? markTraining(doc) : doc, fontsDir);
  // And once built, what the file itself says: nothing leaves that was not checked as it reads.
  if (redacted) refuseLeaks(job.data, await pdfText(bytes));
  return bytes;
}

/**
 * Fails closed: a redacted copy whose words still hold a name, a part of one or any value a
 * personal field ever held (compared case- and accent-blind) is not built, so nothing is written.
 * The text checked is every string the PDF is made of, including the running header and footer,
 * and then the text read back from the built file.
 */
export function refuseLeaks(data: CaseReportData, text: string): void {
  const found = termsFoundIn(text.replaceAll(BREAK_OPPORTUNITY, ''), leakTerms(data));
  if (found.length === 0) return;
  const kinds = [...new Set(found.map((f) => f.kind))].join(', ');
  throw new ValidationError(
    `The redacted copy still contains personal data (${kinds}), so it was not saved. Remove it from the case or leave the affected section out, then export again.`,
  );
}
