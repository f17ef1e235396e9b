// What the PDF worker is asked to build, and how: one pure function from a job to PDF bytes,
// run inside the worker thread in the app and directly by tests that want no thread.
import type {
  CaseReportData,
  CaseReportOptions,
  LetterPdfData,
  ManagementReportData,
} from '../../../src-shared/ipc/channels/reports';
import { redactCaseReport } from '../../../src-shared/reports/redact';
import { caseReportDoc } from './case-report-doc';
import { markTraining, type DocDefinition } from './doc-kit';
import { letterDoc } from './letter-doc';
import { managementReportDoc } from './management-doc';
import { renderPdf } from './render';

export type PdfJob = (
  | { kind: 'case-report'; data: CaseReportData; options: CaseReportOptions }
  | { kind: 'management-report'; data: ManagementReportData }
  | { kind: 'letter'; data: LetterPdfData }
) & {
  /** Made in a training profile (main's word, never the renderer's): every page says TRAINING. */
  training?: boolean;
};

function definitionOf(job: PdfJob): DocDefinition {
  switch (job.kind) {
    case 'case-report':
      return caseReportDoc(job.options.redact ? redactCaseReport(job.data) : job.data, job.options);
    case 'management-report':
      return managementReportDoc(job.data);
    case 'letter':
      return letterDoc(job.data);
  }
}

export function buildPdf(job: PdfJob, fontsDir: string): Promise<Buffer> {
  const doc = definitionOf(job);
  return renderPdf(job.training ? markTraining(doc) : doc, fontsDir);
}
