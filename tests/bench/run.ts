// `npm run bench [-- --count 100000 --seed 42 --runs 30 --warmup 3 --app-runs 5 --no-build --profile DIR --port N --only app|backup|search|returns --evidence 1000 --no-backup]`
//
// Seeds realistic demo data at size into the real IndexedDB (through the bench page, on the
// renderer's origin), measures the operations an officer waits for, and prints ONE JSON object:
//   { cases, auditEvents, seedSeconds, figures: { name: { p95, median, budget, unit, ok } }, misses,
//     backup: { seconds, longestBlockMs, … }, restore: { seconds, longestBlockMs, … }, notes }
// Backup and restore (with --evidence files of about 50 KB) are reported as measured, without budgets.
// Team mode (tests/bench/team.ts; its own throwaway PostgreSQL, skipped with the reason when it is
// not installed): `--only team`, `--no-team`, `--team-minutes 5` (0.5 for a quick run),
// `--team-cases 100000`, `--team-apply 55000` (changes applied in IndexedDB; the rest extrapolated),
// `--team-samples 200`, `--team-pull-only` (just team.initialPull), `--team-trail-only` (just
// team.trailCheck, at --team-cases × --team-audit-per-case entries), `--team-profile` (the apply under
// Chromium's CPU profiler: its top self-time functions in team.initialPull.profileTop). Exits non-zero when the ten desks lost or duplicated a change.
// Exits 0 even when budgets are missed (it is a report); non-zero only when something fails.
// Everything else (build output, progress) goes to stderr.
//
// --profile DIR keeps the harness data folder and the Chromium profile in DIR, and reuses the
// cases already seeded there (so measurements can be repeated without seeding again); the harness
// then listens on a fixed port (--port, default 5198), because IndexedDB belongs to the origin.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startHarness } from '../e2e/harness/server';
import { measureTeam, type TeamOptions, type TeamReport } from './team';
import {
  BENCH_DIR,
  BENCH_MOUNT,
  bench,
  build,
  intArg,
  idbBackendArg,
  idbBackendInUse,
  launchChromium,
  log,
  openBenchPage,
  parseArgs,
  ROOT,
  signInDemoAdmin,
} from './lib';

type Unit = 'ms' | 'MB';
interface Figure {
  p95: number | null;
  median: number | null;
  budget: number;
  unit: Unit;
  ok: boolean | null;
}

const BUDGETS: Record<string, [number, Unit]> = {
  'list.firstPage': [50, 'ms'],
  'list.nextPage': [30, 'ms'],
  'filter.status': [100, 'ms'],
  'filter.category': [100, 'ms'],
  'filter.channel': [100, 'ms'],
  'filter.severity': [100, 'ms'],
  'filter.assignee': [100, 'ms'],
  'filter.regime': [100, 'ms'],
  'filter.overdue': [100, 'ms'],
  'filter.dueSoon': [100, 'ms'],
  'filter.updateOwed': [100, 'ms'],
  'filter.receivedRange': [100, 'ms'],
  'case.open': [50, 'ms'],
  'case.create': [20, 'ms'],
  'search.query': [50, 'ms'],
  'dashboard.open': [300, 'ms'],
  'dashboard.coldStart': [1000, 'ms'],
  'dashboard.filter': [300, 'ms'],
  'app.firstRow': [1200, 'ms'],
  'app.heap': [250, 'MB'],
  'report.management': [3000, 'ms'],
  'returns.fca': [2000, 'ms'],
  'complainant.open': [50, 'ms'],
  'intake.repeatCheck': [30, 'ms'],
};

const FIRST_ROW = '[role=row][aria-rowindex="2"]';

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

function teamOptions(args: Map<string, string>): TeamOptions {
  const minutes = Number(args.get('team-minutes') ?? 5);
  if (!(minutes > 0))
    throw new Error(`--team-minutes must be a number of minutes above 0, not "${args.get('team-minutes')}"`);
  return {
    cases: intArg(args, 'team-cases', 100_000),
    auditPerCase: intArg(args, 'team-audit-per-case', 10),
    applyChanges: intArg(args, 'team-apply', 55_000),
    samples: Math.max(1, intArg(args, 'team-samples', 200)),
    minutes,
    desks: Math.max(2, intArg(args, 'team-desks', 10)),
    profile: args.has('team-profile'),
    pullOnly: args.has('team-pull-only'),
    trailOnly: args.has('team-trail-only'),
  };
}

/** The ten-desk run found a change lost or applied twice: the bench fails. */
function teamFailed(team: TeamReport | null): boolean {
  const tenDesks = team && 'team.tenDesks' in team ? team['team.tenDesks'] : undefined;
  return !!tenDesks && (tenDesks.lost !== 0 || tenDesks.duplicated !== 0);
}

function figure(name: string, samples: readonly number[] | null | undefined): Figure {
  const [budget, unit] = BUDGETS[name]!;
  if (!samples || samples.length === 0) return { p95: null, median: null, budget, unit, ok: null };
  const p95 = round(percentile(samples, 95));
  return { p95, median: round(percentile(samples, 50)), budget, unit, ok: p95 <= budget };
}

/** Opens the real app in a fresh page with a user chosen; time to the first case row, and the heap then. */
async function measureAppShell(
  context: BrowserContext,
  url: string,
  withoutSearchWorker = false,
): Promise<{ ms: number; heapMb: number }> {
  const page = await context.newPage();
  if (withoutSearchWorker) await page.route('**/search.worker*', (route) => route.abort());
  page.on('pageerror', (error) => log(`app page error: ${error.message}`));
  page.on('console', (msg) => msg.type() === 'error' && log(`app console error: ${msg.text()}`));
  // Before any app script: note when the first case row is in the DOM, and the frame that paints it.
  await page.addInitScript((selector: string) => {
    const w = window as unknown as { __firstRowAt?: number; __firstRowPainted?: number };
    const observer = new MutationObserver(() => {
      if (w.__firstRowAt === undefined && document.querySelector(selector)) {
        w.__firstRowAt = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => (w.__firstRowPainted = performance.now()));
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, FIRST_ROW);
  try {
    return await firstRow(context, page, url);
  } catch (error) {
    // Where it got stuck, for the person reading the report.
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results/bench-app-failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await page.close();
  }
}

async function firstRow(
  context: BrowserContext,
  page: Page,
  url: string,
): Promise<{ ms: number; heapMb: number }> {
  await page.goto(url);
  type Marks = { __firstRowAt?: number; __firstRowPainted?: number };
  await page.waitForFunction(() => (window as unknown as Marks).__firstRowAt !== undefined, null, {
    timeout: 120_000,
  });
  await page.locator(FIRST_ROW).waitFor({ state: 'visible' });
  // The painted frame when there was one (a hidden page gets no frames), else the DOM insertion.
  const ms = await page.evaluate(() => {
    const w = window as unknown as Marks;
    return w.__firstRowPainted ?? w.__firstRowAt!;
  });
  // The heap the list keeps: after a full collection, so garbage from start-up does not count.
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  await cdp.detach();
  return { ms, heapMb: heap / 1024 / 1024 };
}

/** Backup and restore of everything seeded, with `evidence` files uploaded first. */
async function measureBackup(page: Page, evidence: number) {
  log(`backup and restore, with ${evidence} evidence files…`);
  const r = await bench(page, 'backupAndRestore', {
    passphrase: 'bench backup passphrase',
    evidenceFiles: evidence,
    evidenceBytes: 50 * 1024,
  });
  return {
    evidenceFiles: r.evidenceFiles,
    backup: {
      seconds: round(r.backupSeconds),
      longestBlockMs: round(r.backupLongestBlockMs),
      longTasks: r.backupLongTasks,
      megabytes: round(r.backupBytes / 1024 / 1024),
      rows: r.rowsRestored,
      evidenceFiles: r.evidenceFiles,
    },
    restore: {
      seconds: round(r.restoreSeconds),
      longestBlockMs: round(r.restoreLongestBlockMs),
      longTasks: r.restoreLongTasks,
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const count = intArg(args, 'count', 100_000);
  const seed = intArg(args, 'seed', 42);
  const runs = Math.max(1, intArg(args, 'runs', 30));
  const warmup = intArg(args, 'warmup', 3);
  const appRuns = Math.max(1, intArg(args, 'app-runs', 5));
  const keepDir = args.get('profile');
  const notes: string[] = [];

  const rendererBuilt = args.has('no-build') || build('renderer');
  if (!rendererBuilt)
    notes.push(
      'app.firstRow, app.heap: the renderer did not build (electron-vite build failed; see stderr), so the app shell was not measured.',
    );
  if (!args.has('no-build') && !build('bench')) throw new Error('The bench page did not build.');

  const base = keepDir ? resolve(keepDir) : await mkdtemp(join(tmpdir(), 'redress-bench-'));
  const dataDir = join(base, 'data');
  const profileDir = join(base, 'chromium-profile');
  await mkdir(dataDir, { recursive: true });
  const port = keepDir ? intArg(args, 'port', 5198) : intArg(args, 'port', 0);
  const harness = await startHarness({
    dataDir,
    port,
    extraStatic: { mount: BENCH_MOUNT, dir: BENCH_DIR },
    // Demo data is only made in a training profile.
    training: true,
  });
  log(`harness at ${harness.url}, profile in ${profileDir}`);
  const context = await launchChromium(profileDir, idbBackendArg(args));
  try {
    const page = await openBenchPage(context, harness.url);
    // --only team: just the team-mode figures (their own cluster; nothing seeded in this profile).
    if (args.get('only') === 'team') {
      await signInDemoAdmin(harness);
      const team = await measureTeam(page, teamOptions(args));
      process.stdout.write(`${JSON.stringify({ team, idbBackend: idbBackendInUse(profileDir) }, null, 2)}\n`);
      if (teamFailed(team)) process.exitCode = 1;
      return;
    }
    let seedSeconds: number | null = null;
    const before = await bench(page, 'counts', undefined);
    if (before.cases === 0) {
      log(`seeding ${count} cases (seed ${seed})…`);
      const { seeded } = await bench(page, 'seed', { count, seed, now: new Date().toISOString() });
      seedSeconds = round(seeded.seconds);
      log(`seeded ${seeded.cases} cases and ${seeded.auditEntries} audit entries in ${seedSeconds} s`);
    } else {
      notes.push(`Reused ${before.cases} cases already in ${profileDir}; nothing was seeded.`);
    }
    const counts = await bench(page, 'counts', undefined);

    // --only app: just the cold-start figures (for iterating on start-up time).
    const onlyApp = args.get('only') === 'app';
    // --only backup: just backup and restore (for iterating on them).
    const onlyBackup = args.get('only') === 'backup';
    // --only search: search, the complainant page and the repeat check (for iterating on them).
    const onlySearch = args.get('only') === 'search';
    // --only returns: just the FCA return (for iterating on it).
    const onlyReturns = args.get('only') === 'returns';
    // The management report and the backup channels need someone signed in.
    await signInDemoAdmin(harness);
    if (!onlyApp && !onlyBackup) log(`measuring (${runs} runs after ${warmup} warm-up)…`);
    const measured = onlyApp
      ? { samples: {}, notes: ['Only the app shell was measured (--only app).'] }
      : onlyBackup
        ? { samples: {}, notes: ['Only backup and restore were measured (--only backup).'] }
        : await bench(page, 'measure', { runs, warmup, onlySearch, onlyReturns });
    notes.push(...measured.notes);
    const backupFigures =
      onlyApp || onlySearch || onlyReturns || args.has('no-backup')
        ? null
        : await measureBackup(page, intArg(args, 'evidence', 1000));
    if (backupFigures) {
      notes.push(
        `backup, restore: the case database (dexie-export-import, gzip) plus ${backupFigures.evidenceFiles} evidence files of about 50 KB, encrypted by main; the restore imports into a new database and switches to it (so the session ends; the app is signed in again below). longestBlockMs: the longest main-thread task (PerformanceObserver 'longtask') on the page running it.`,
      );
      await signInDemoAdmin(harness);
    }
    // Team mode's figures (their own cluster and replica database), unless --no-team or --only.
    const team = args.has('no-team') || args.has('only') ? null : await measureTeam(page, teamOptions(args));
    await page.close(); // its connection and heap would otherwise sit beside the app's

    const samples: Record<string, number[] | null> = {
      ...measured.samples,
      'app.firstRow': null,
      'app.heap': null,
    };
    const failed: string[] = [];
    if (rendererBuilt && !onlyBackup && !onlySearch && !onlyReturns) {
      log(`opening the app ${appRuns} times…`);
      const shell = [];
      for (let i = 0; i < appRuns; i++) {
        try {
          shell.push(await measureAppShell(context, harness.url));
        } catch (error) {
          // Reported, not thrown: the other figures still count, and a list that never shows is a miss.
          failed.push('app.firstRow', 'app.heap');
          notes.push(
            `app.firstRow: opening the app failed (run ${i + 1}; screenshot in test-results/bench-app-failure.png): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
          break;
        }
      }
      if (shell.length === appRuns) {
        // Diagnosis: the same, with the search worker (and its index load) kept out.
        const bare = [];
        for (let i = 0; i < 3; i++) bare.push((await measureAppShell(context, harness.url, true)).ms);
        notes.push(
          `app.firstRow: without the search worker starting, median ${percentile(bare, 50).toFixed(0)} ms over 3 more pages.`,
        );
      }
      samples['app.firstRow'] = shell.length ? shell.map((s) => s.ms) : null;
      samples['app.heap'] = shell.length ? shell.map((s) => s.heapMb) : null;
      notes.push(
        `app.firstRow: from navigation start to the frame after the first case row is in the DOM, ${appRuns} fresh pages (the first is the cold one). app.heap: JSHeapUsedSize after a forced garbage collection, list shown.`,
      );
    }

    const figures: Record<string, Figure> = {};
    for (const name of Object.keys(BUDGETS)) figures[name] = figure(name, samples[name]);
    for (const name of failed) figures[name]!.ok = false;
    const misses = Object.entries(figures).flatMap(([name, f]) => (f.ok === false ? [name] : []));
    const report = {
      cases: counts.cases,
      auditEvents: counts.auditEvents,
      seedSeconds,
      figures,
      misses,
      ...(backupFigures ? { backup: backupFigures.backup, restore: backupFigures.restore } : {}),
      ...(team ? { team } : {}),
      idbBackend: idbBackendInUse(profileDir),
      notes,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (teamFailed(team)) process.exitCode = 1;
  } finally {
    await context.close();
    await harness.close();
    if (!keepDir) await rm(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
