// One case → one PDF: gather from Dexie, send over `reports:case-pdf`, return where it was saved.
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { CaseReportOptions, Destination, SaveResult } from '../../../src-shared/ipc/channels/reports';
import { redactCaseReport, type Hit } from '../../../src-shared/reports/redact';
import {
  choiceTerms,
  inExport,
  redactionLog,
  removedByKind,
  reviewPassages,
  type Passage,
  type RedactionChoice,
} from '../../../src-shared/reports/redaction-review';
import { api, ApiError, call } from '../../api/client';
import { recordReportExport } from '../../db/reports';
import { getDb } from '../../db/schema';
import { gatherCaseReport, type GatherContext } from './gather-case-report';

type ExportContext = GatherContext & { actor: ActingPerson };

/**
 * Runs the engine as the export will, with the user's choice: the data to send and every hit in
 * the sections exported. Main redacts again and checks the built PDF; this is what the log counts.
 */
async function gatherRedacted(
  caseId: string,
  options: CaseReportOptions,
  choice: RedactionChoice,
  ctx: GatherContext,
  mark: boolean,
) {
  const hits: Hit[] = [];
  const data = await gatherCaseReport(getDb(), caseId, {
    ...ctx,
    redact: true,
    terms: choiceTerms(choice),
    review: { mark, hits },
  });
  if (!data) throw new ApiError('NOT_FOUND', ctx.t('reports.batch.missing'));
  const redacted = redactCaseReport(data, { mark, hits });
  const shown = hits.filter((h) => inExport(h.where, options.sections, options.includeAudit));
  return { data, redacted, hits: shown };
}

export interface RedactionPreview {
  passages: Passage[];
  removed: ReturnType<typeof removedByKind>;
}

/** The redacted copy as it will read, placeholders marked, and the terms removed by kind. */
export async function previewRedaction(
  caseId: string,
  options: CaseReportOptions,
  choice: RedactionChoice,
  ctx: GatherContext,
): Promise<RedactionPreview> {
  const { redacted, hits } = await gatherRedacted(caseId, options, choice, ctx, true);
  return {
    passages: reviewPassages(redacted, options.sections, options.includeAudit),
    removed: removedByKind(hits),
  };
}

export async function exportCasePdf(
  caseId: string,
  options: CaseReportOptions,
  destination: Destination,
  ctx: ExportContext,
  choice?: RedactionChoice,
): Promise<SaveResult> {
  const review = options.redact && choice ? await gatherRedacted(caseId, options, choice, ctx, false) : null;
  const data = review
    ? review.data
    : await gatherCaseReport(getDb(), caseId, { ...ctx, redact: options.redact });
  if (!data) throw new ApiError('NOT_FOUND', ctx.t('reports.batch.missing'));
  const saved = await call(api().reports.casePdf({ data, options, destination }));
  if (saved.saved) {
    await recordReportExport(getDb(), caseId, ctx.actor, {
      file: saved.path,
      redacted: options.redact,
      sections: options.sections,
      auditAppendix: options.includeAudit,
      ...(saved.documentId ? { documentId: saved.documentId } : {}),
      ...(review && choice ? { log: redactionLog(choice, review.hits) } : {}),
    });
  }
  return saved;
}

/** A file name for a case's PDF: its reference, plus "-redacted" for the shareable copy. */
export const caseReportFileName = (reference: string, redacted: boolean) =>
  `${reference}${redacted ? '-redacted' : ''}.pdf`;
