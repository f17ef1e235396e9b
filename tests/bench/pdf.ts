// `npm run bench:pdf`: the PDF figures in plain Node (the main process's side), as JSON:
// a ~30-page case report build, and a management report over 100,000 cases (aggregation + PDF),
// each with its time (median of runs) and the process's peak memory. PDFs are built the way the
// app builds them: by the PDF worker thread, whose memory is part of the process's.
import { resolve } from 'node:path';
import { resolveFontsDir } from '../../src-main/services/pdf/fonts';
import { countPages } from '../../src-main/services/pdf/output';
import { createPdfRunner, pdfWorkerEntry } from '../../src-main/services/pdf/pdf-runner';
import { CASE_REPORT_SECTIONS } from '../../src-shared/ipc/channels/reports';
import { aggregateManagement, type CaseProjection } from '../../src-shared/reports/management';
import { caseReportFixture } from '../unit/src-shared/reports/case-report-fixture';

const RUNS = Number(process.env.RUNS ?? 5);
const MB = 1024 * 1024;
let peakRss = 0;
/** The Node + tsx process before any PDF work, so the figures can be read as the PDF work's own cost. */
const startRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 5);
/** A full collection before each phase (npm run bench:pdf runs node with --expose-gc), so one phase's garbage is not counted against the next. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last!: T;
  await fn(); // warm-up: font parsing, JIT
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
    sample();
  }
  return { ms, last };
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** Cases made one at a time, as the worker reads them page by page: never all in memory at once. */
function* projections(n: number): Generator<CaseProjection> {
  let seed = 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const cats = ['Payments', 'Lending', 'Cards', 'Charges and fees', 'Service', 'Fraud', 'Mortgages'];
  const causes = ['Process failure', 'Staff error', 'System outage', 'Unclear terms', 'Third party', ''];
  for (let i = 0; i < n; i++) {
    const rec = Date.UTC(2024, 0, 1) + rnd() * 730 * 86_400_000;
    const closed = rnd() < 0.85 ? new Date(rec + (2 + rnd() * 70) * 86_400_000).toISOString() : null;
    yield {
      id: String(i),
      receivedAt: new Date(rec).toISOString(),
      acknowledgedAt: new Date(rec + rnd() * 3 * 86_400_000).toISOString(),
      closedAt: closed,
      acknowledgeDue: new Date(rec + 2 * 86_400_000).toISOString(),
      finalDue: new Date(rec + 56 * 86_400_000).toISOString(),
      // The final response goes out as the case closes.
      finalMetAt: closed,
      withdrawn: false,
      category: cats[Math.floor(rnd() * cats.length)]!,
      subcategory: rnd() < 0.5 ? 'Delay' : 'Error',
      severity: 'medium',
      regime: 'uk-fca-general',
      channel: 'email',
      assigneeId: '',
      rootCause: causes[Math.floor(rnd() * causes.length)]!,
      finding: rnd() < 0.5 ? 'upheld' : 'not-upheld',
      satisfactionScore: closed && rnd() < 0.3 ? 4 : null,
      satisfactionAt: closed,
      reopened: rnd() < 0.02,
    };
  }
}

async function main() {
  // The built worker (npm run bench:pdf builds first), exactly the script the app starts.
  const built = resolve(__dirname, '../../out/main');
  const runner = createPdfRunner({ entry: () => pdfWorkerEntry(built) });
  const fonts = resolveFontsDir();
  if (!('file' in pdfWorkerEntry(built))) throw new Error('Run `npx electron-vite build` first.');
  const options = { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true };
  const data = caseReportFixture(Number(process.env.SCALE ?? 10));
  collect();
  peakRss = 0;
  const caseRun = await timed(() => runner.run({ kind: 'case-report', data, options }, fonts));
  const casePeak = peakRss;

  collect();
  peakRss = 0;
  const ctx = {
    officeName: 'Bench office',
    locale: 'en-GB',
    timeZone: 'Europe/London',
    generatedAt: new Date().toISOString(),
    generatedBy: 'Bench',
  };
  const range = { from: '2024-01-01T00:00:00.000Z', to: '2025-12-31T23:59:59.999Z' };
  const managementData = (figures: ReturnType<typeof aggregateManagement>) => ({
    context: ctx,
    range,
    filtersLabel: '',
    ...figures,
    improvements: [],
  });
  let aggregateMs = 0;
  const mgmtRun = await timed(async () => {
    const t0 = performance.now();
    const figures = aggregateManagement(projections(100_000), {
      ...range,
      now: '2026-01-01T00:00:00.000Z',
      timeZone: 'Europe/London',
      filters: {},
    });
    aggregateMs = performance.now() - t0;
    return runner.run({ kind: 'management-report', data: managementData(figures) }, fonts);
  });
  // The main process only builds the PDF: in the app the aggregation runs in the renderer's
  // analytics worker. So its memory is measured over the PDF build alone, from the same figures.
  const figures = aggregateManagement(projections(100_000), {
    ...range,
    now: '2026-01-01T00:00:00.000Z',
    timeZone: 'Europe/London',
    filters: {},
  });
  collect();
  peakRss = 0;
  await timed(() => runner.run({ kind: 'management-report', data: managementData(figures) }, fonts));
  const mgmtPeak = peakRss;
  clearInterval(sampler);
  await runner.close();

  const fig = (ms: number[], budget: number) => ({
    median: Math.round(median(ms)),
    max: Math.round(Math.max(...ms)),
    budget,
    unit: 'ms',
    ok: median(ms) < budget,
  });
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        figures: {
          'pdf.caseReport': { ...fig(caseRun.ms, 1500), pages: countPages(caseRun.last) },
          'pdf.caseReport.peakRss': {
            value: Math.round(casePeak / MB),
            aboveStart: Math.round((casePeak - startRss) / MB),
            budget: 300,
            unit: 'MB',
            ok: casePeak / MB < 300,
          },
          'pdf.management100k': {
            ...fig(mgmtRun.ms, 3000),
            aggregateMs: Math.round(aggregateMs),
            pages: countPages(mgmtRun.last),
          },
          'pdf.management100k.peakRss': {
            value: Math.round(mgmtPeak / MB),
            aboveStart: Math.round((mgmtPeak - startRss) / MB),
            budget: 300,
            unit: 'MB',
            ok: mgmtPeak / MB < 300,
          },
        },
        notes: [
          'Main-process side only (plain Node, same PDF worker thread, pdfmake and fonts as the app).',
          'peakRss is the whole process (Node, tsx, the bench and the PDF worker thread included); aboveStart is what the PDF work added.',
          "The management time streams 100,000 case projections through the aggregator (in the app the renderer's analytics worker does this), then builds the PDF; its peakRss is over the PDF build alone, the main process's part.",
        ],
      },
      null,
      2,
    ),
  );
}

void main();
