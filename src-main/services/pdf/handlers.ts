// Handler group for the PDF channels. Each call is validated (dispatch did), size-checked, asks
// where to save, has the worker build the PDF (redacting if asked) and writes it atomically.
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { Destination } from '../../../src-shared/ipc/channels/reports';
import { letterNotReady } from '../../../src-shared/domain/communications';
import { ValidationError } from '../../../src-shared/errors';
import { documentId } from './document-id';
import { resolveFontsDir } from './fonts';
import { createPdfOutput, type SaveDialogs } from './output';
import type { PdfJob } from './pdf-jobs';
import { sharedPdfRunner, type PdfRunner } from './pdf-runner';

/** A case file larger than this is refused before any work: it is not a report a person can read. */
export const MAX_INPUT_CHARS = 40_000_000;

type PdfChannels = 'reports:case-pdf' | 'reports:management-pdf' | 'reports:choose-folder' | 'letters:pdf';

export function pdfHandlers(opts: {
  dialogs: SaveDialogs;
  fontsDir?: string;
  runner?: PdfRunner;
  /** Whether this is a training profile, whose every PDF says so. */
  training?: () => Promise<boolean>;
}): Pick<Handlers, PdfChannels> {
  const output = createPdfOutput(opts.dialogs);
  const runner = opts.runner ?? sharedPdfRunner();
  // Fonts are looked for on each export, so a missing font is reported then, not at start-up.
  const build = (job: PdfJob) => async () => {
    const training = (await opts.training?.()) ?? false;
    return runner.run({ ...job, training }, opts.fontsDir ?? resolveFontsDir());
  };
  const checkSize = (input: unknown) => {
    if (JSON.stringify(input).length > MAX_INPUT_CHARS)
      throw new ValidationError(
        'This case is too large to export as one PDF. Leave out the audit appendix or some sections.',
      );
  };
  return {
    'reports:case-pdf': async ({ data, options, destination }) => {
      checkSize(data);
      const where = options.redact ? redactedDestination(destination) : destination;
      const id = documentId(data.case.reference, data.context.generatedAt, { data, options });
      const saved = await output.save(where, build({ kind: 'case-report', data, options, documentId: id }));
      return saved.saved ? { ...saved, documentId: id } : saved;
    },
    'reports:management-pdf': async ({ data, destination }) => {
      checkSize(data);
      return output.save(destination, build({ kind: 'management-report', data }));
    },
    'reports:choose-folder': () => output.chooseFolder(),
    'letters:pdf': async ({ data, destination }) => {
      const notReady = letterNotReady(data.subject, data.body, data.placeholders ?? []);
      if (notReady) throw new ValidationError(notReady.message, 'body');
      return output.save(destination, build({ kind: 'letter', data }));
    },
  };
}

/** A redacted copy's file name says so, whatever the renderer suggested. */
export function redactedDestination(destination: Destination): Destination {
  const mark = (name: string) =>
    /redacted/i.test(name) ? name : name.replace(/(\.pdf)?$/i, (ext) => `-redacted${ext || '.pdf'}`);
  return destination.kind === 'ask'
    ? { ...destination, suggestedName: mark(destination.suggestedName) }
    : { ...destination, fileName: mark(destination.fileName) };
}
