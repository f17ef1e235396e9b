// Entry of the PDF worker thread (built to out/main/pdf-worker.js). It builds one job at a time
// and answers with the bytes or an error the main process can pass on to the user.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import { buildPdf } from './pdf-jobs';
import type { WorkerReply, WorkerRequest } from './pdf-runner';

const port = parentPort;
if (!port) throw new Error('pdf-worker must run as a worker thread.');

port.on('message', async ({ id, job, fontsDir }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const pdf = await buildPdf(job, fontsDir);
    reply = { id, ok: true, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
  } catch (error) {
    const cause = error instanceof AppError ? error.cause : error;
    const detail =
      cause === undefined
        ? {}
        : { detail: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause) };
    reply =
      error instanceof AppError
        ? { id, ok: false, code: error.code, message: error.message, ...detail }
        : { id, ok: false, code: 'INTERNAL', message: 'The PDF could not be built. Try again.', ...detail };
  }
  port.postMessage(reply);
});
