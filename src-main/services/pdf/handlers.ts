// Handler group for the PDF channels. Each call validates (dispatch did), optionally redacts,
// builds the document definition, asks where to save, renders and writes atomically.
import type { Handlers } from '../../../src-shared/ipc/contract';
import { ValidationError } from '../../../src-shared/errors';
import { redactCaseReport } from '../../../src-shared/reports/redact';
import { caseReportDoc } from './case-report-doc';
import type { DocDefinition } from './doc-kit';
import { resolveFontsDir } from './fonts';
import { letterDoc } from './letter-doc';
import { managementReportDoc } from './management-doc';
import { createPdfOutput, type SaveDialogs } from './output';
import { renderPdf } from './render';

/** A case file larger than this is refused before any work: it is not a report a person can read. */
export const MAX_INPUT_CHARS = 40_000_000;

type PdfChannels = 'reports:case-pdf' | 'reports:management-pdf' | 'reports:choose-folder' | 'letters:pdf';

export function pdfHandlers(opts: { dialogs: SaveDialogs; fontsDir?: string }): Pick<Handlers, PdfChannels> {
  const output = createPdfOutput(opts.dialogs);
  // Resolved on first use, so a missing font is reported on export rather than at start-up.
  const fonts = () => opts.fontsDir ?? resolveFontsDir();
  const build = (doc: () => DocDefinition) => async () => renderPdf(doc, fonts());
  const checkSize = (input: unknown) => {
    if (JSON.stringify(input).length > MAX_INPUT_CHARS)
      throw new ValidationError(
        'This case is too large to export as one PDF. Leave out the audit appendix or some sections.',
      );
  };
  return {
    'reports:case-pdf': async ({ data, options, destination }) => {
      checkSize(data);
      const shown = options.redact ? redactCaseReport(data) : data;
      return output.save(
        destination,
        build(() => caseReportDoc(shown, options)),
      );
    },
    'reports:management-pdf': async ({ data, destination }) => {
      checkSize(data);
      return output.save(
        destination,
        build(() => managementReportDoc(data)),
      );
    },
    'reports:choose-folder': () => output.chooseFolder(),
    'letters:pdf': async ({ data, destination }) =>
      output.save(
        destination,
        build(() => letterDoc(data)),
      ),
  };
}
