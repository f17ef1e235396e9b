// Builds PDFs in a worker thread, one job at a time. Laying out a long report takes about a second
// of CPU and allocates hundreds of megabytes of short-lived objects; in its own thread it neither
// blocks the main process's IPC nor swells its heap, a V8 heap limit bounds it, and a document too
// large for that limit costs the worker, not the app. The worker stops when idle, giving the memory back.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import type { PdfJob } from './pdf-jobs';

/** V8 old-space limit of the worker: a 240-page case report fits; the 30-page one peaks far below. */
export const PDF_HEAP_LIMIT_MB = 256;
/** A worker with nothing to do for this long is stopped. */
const IDLE_MS = 30_000;
/** No real document takes this long; past it the worker is assumed stuck and is stopped. */
const JOB_TIMEOUT_MS = 180_000;

export interface WorkerRequest {
  id: number;
  job: PdfJob;
  fontsDir: string;
}
/** A failure carries the user's message and, for the main process's log only, what lay beneath it. */
export type WorkerReply =
  | { id: number; ok: true; pdf: Uint8Array }
  | { id: number; ok: false; code: ErrorCode; message: string; detail?: string };

/** How to start the worker: the built script, or (tests, harness, bench) the TypeScript source through tsx. */
export type WorkerEntry = { file: string } | { source: string };

export function pdfWorkerEntry(here: string = __dirname): WorkerEntry {
  const built = join(here, 'pdf-worker.js');
  if (existsSync(built)) return { file: built };
  const source = join(here, 'pdf-worker.ts');
  if (existsSync(source)) return { source };
  throw new AppError('INTERNAL', 'The PDF builder is missing. Reinstall Redress.', undefined, {
    cause: new Error(`Looked for ${built}`),
  });
}

export interface PdfRunnerOptions {
  entry?: () => WorkerEntry;
  heapLimitMb?: number;
  idleMs?: number;
  timeoutMs?: number;
}

export interface PdfRunner {
  run(job: PdfJob, fontsDir: string): Promise<Buffer>;
  /** Stops the worker (at quit, and in tests). */
  close(): Promise<void>;
  /** Whether a worker is started (it is stopped when idle). */
  readonly running: boolean;
}

export function createPdfRunner(opts: PdfRunnerOptions = {}): PdfRunner {
  const heapLimitMb = opts.heapLimitMb ?? PDF_HEAP_LIMIT_MB;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  // Jobs run one after another: one layout at a time keeps memory bounded.
  let queue: Promise<unknown> = Promise.resolve();

  function start(): Worker {
    const entry = (opts.entry ?? pdfWorkerEntry)();
    const resourceLimits = { maxOldGenerationSizeMb: heapLimitMb };
    const w =
      'file' in entry
        ? new Worker(entry.file, { resourceLimits })
        : new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(entry.source)});`, {
            eval: true,
            resourceLimits,
          });
    w.unref(); // an idle PDF worker never keeps the process alive
    // Always listened to: an 'error' with no listener would take the main process down with it.
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  }

  function stop(w: Worker): Promise<unknown> {
    if (worker === w) worker = null;
    return w.terminate();
  }

  function runOne(job: PdfJob, fontsDir: string): Promise<Buffer> {
    clearTimeout(idleTimer);
    const w = (worker ??= start());
    const id = nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      const fail = (error: AppError) => {
        done();
        void stop(w);
        reject(error);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        done();
        if (reply.ok) resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
        else {
          const cause = reply.detail === undefined ? undefined : { cause: new Error(reply.detail) };
          reject(new AppError(reply.code, reply.message, undefined, cause));
        }
      };
      const onError = (error: Error & { code?: string }) =>
        fail(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(
                'VALIDATION',
                `This document is too large to build as one PDF (it needs more than ${heapLimitMb} MB). Leave out the audit appendix or some sections.`,
              )
            : new AppError('INTERNAL', 'The PDF could not be built. Try again.', undefined, { cause: error }),
        );
      const onExit = (code: number) =>
        fail(
          new AppError('INTERNAL', `The PDF builder stopped unexpectedly (exit code ${code}). Try again.`),
        );
      const timer = setTimeout(
        () => fail(new AppError('INTERNAL', 'Building the PDF took too long and was stopped. Try again.')),
        opts.timeoutMs ?? JOB_TIMEOUT_MS,
      );
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, job, fontsDir } satisfies WorkerRequest);
    });
  }

  function scheduleIdleStop(): void {
    clearTimeout(idleTimer);
    const w = worker;
    if (!w) return;
    idleTimer = setTimeout(() => void stop(w), opts.idleMs ?? IDLE_MS);
    idleTimer.unref();
  }

  return {
    run(job, fontsDir) {
      const result = queue.then(async () => {
        try {
          return await runOne(job, fontsDir);
        } finally {
          scheduleIdleStop();
        }
      });
      queue = result.catch(() => undefined);
      return result;
    },
    get running() {
      return worker !== null;
    },
    async close() {
      clearTimeout(idleTimer);
      await queue;
      if (worker) await stop(worker);
    },
  };
}

let shared: PdfRunner | undefined;
/** The process's one PDF worker: every handler map (the app's, each test's) shares it. */
export function sharedPdfRunner(): PdfRunner {
  return (shared ??= createPdfRunner());
}
