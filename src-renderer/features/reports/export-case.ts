// One case → one PDF: gather from Dexie, send over `reports:case-pdf`, return where it was saved.
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { CaseReportOptions, Destination, SaveResult } from '../../../src-shared/ipc/channels/reports';
import { api, ApiError, call } from '../../api/client';
import { recordReportExport } from '../../db/reports';
import { getDb } from '../../db/schema';
import { gatherCaseReport, type GatherContext } from './gather-case-report';

export async function exportCasePdf(
  caseId: string,
  options: CaseReportOptions,
  destination: Destination,
  ctx: GatherContext & { actor: ActingPerson },
): Promise<SaveResult> {
  const data = await gatherCaseReport(getDb(), caseId, { ...ctx, redact: options.redact });
  if (!data) throw new ApiError('NOT_FOUND', ctx.t('reports.batch.missing'));
  const saved = await call(api().reports.casePdf({ data, options, destination }));
  if (saved.saved) {
    await recordReportExport(getDb(), caseId, ctx.actor, {
      file: saved.path,
      redacted: options.redact,
      sections: options.sections,
      auditAppendix: options.includeAudit,
    });
  }
  return saved;
}

/** A file name for a case's PDF: its reference, plus "-redacted" for the shareable copy. */
export const caseReportFileName = (reference: string, redacted: boolean) =>
  `${reference}${redacted ? '-redacted' : ''}.pdf`;
