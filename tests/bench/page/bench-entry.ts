/// <reference types="vite/client" />
// The bench page: the real repository modules (src-renderer/db, src-shared) in a page served by the
// harness on the renderer's own origin, so it seeds and measures the very IndexedDB the app opens.
// tests/bench/run.ts (and seed.ts) drive it through `window.bench`; it returns raw timings and the
// runner does the statistics.
import { api, call } from '../../../src-renderer/api/client';
import { createAnalytics } from '../../../src-renderer/analytics/analytics-client';
import { AUDIT_HEAD_KEY, caseAuditTrail } from '../../../src-renderer/db/audit-log';
import {
  queryCases,
  type CaseQuery,
  type PageCursor,
  type QueryClock,
} from '../../../src-renderer/db/case-query';
import { CASES_TOTAL_KEY, caseRulesOf, createCase, type CaseRules } from '../../../src-renderer/db/cases';
import { openActiveDatabase } from '../../../src-renderer/db/active-database';
import { getDb, requestPersistentStorage } from '../../../src-renderer/db/schema';
import { seedDemoData, type SeedResult } from '../../../src-renderer/db/seed';
import { syncDirectory } from '../../../src-renderer/db/users';
import { ensureDemoAccounts } from '../../../src-renderer/features/settings/demo-accounts';
import { generateDemoCases } from '../../../src-shared/demo/generate';
import { Rng } from '../../../src-shared/demo/rng';
import { CHANNELS, REGIME_IDS, SEVERITIES } from '../../../src-shared/domain/case';
import { dueSoonWindowEnd, updateOwedBefore } from '../../../src-shared/domain/deadlines';
import type { ActingPerson, Actor } from '../../../src-shared/domain/permissions';
import type { Settings } from '../../../src-shared/domain/settings';
import { CASE_STATUSES } from '../../../src-shared/domain/workflow';
import { backupAndRestore, type BenchBackupOptions, type BenchBackupResult } from './bench-backup';
import { importAtSize, type BenchImportOptions, type BenchImportResult } from './bench-import';
import { measureFcaReturn } from './bench-returns';
import { measureComplainant, measureSearch, type BenchContext } from './bench-search';
import { teamApply, teamFinishJoin, teamReplicaCounts, teamReplicaReset, teamSample } from './bench-team';

// Lists, search and the dashboard are measured as an officer sees them (restricted cases checked);
// the management report as a manager runs it.
const OFFICER: Actor = { id: 'bench-officer', roles: ['officer'] };
const MANAGER: Actor = { id: 'bench-manager', roles: ['manager'] };

export interface BenchSeedOptions {
  count: number;
  seed: number;
  /** ISO instant; received dates end here. */
  now: string;
  /**
   * Make the demo staff accounts first, through the account service as the app does (an
   * administrator must be signed in to the harness); their password is returned.
   */
  withAccounts?: boolean;
}

export interface BenchMeasureOptions {
  runs: number;
  warmup: number;
  /** Only search, the complainant page and the repeat check. */
  onlySearch?: boolean;
  /** Only the FCA return. */
  onlyReturns?: boolean;
}

export interface BenchCounts {
  cases: number;
  auditEvents: number;
}

export interface BenchMeasurements {
  /** Milliseconds per run; null when the thing measured does not exist yet. */
  samples: Record<string, number[] | null>;
  notes: string[];
}

export interface BenchApi {
  seed(
    options: BenchSeedOptions,
  ): Promise<{ seeded: SeedResult; totals: BenchCounts; password: string | null }>;
  counts(): Promise<BenchCounts>;
  measure(options: BenchMeasureOptions): Promise<BenchMeasurements>;
  backupAndRestore(options: BenchBackupOptions): Promise<BenchBackupResult>;
  importCsv(options: BenchImportOptions): Promise<BenchImportResult>;
  teamSample(now: string): ReturnType<typeof teamSample>;
  teamReplicaReset: typeof teamReplicaReset;
  teamApply: typeof teamApply;
  teamFinishJoin: typeof teamFinishJoin;
  teamReplicaCounts(): ReturnType<typeof teamReplicaCounts>;
}

declare global {
  interface Window {
    bench?: BenchApi;
  }
}

const status = (text: string) => {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
};

/** The office's rules, built from its settings as the app's useCaseRules does. */
async function officeRules(): Promise<{ settings: Settings; rules: CaseRules }> {
  const settings = await call(api().settings.get());
  const rules: CaseRules = caseRulesOf(settings);
  return { settings, rules };
}

async function counts(): Promise<BenchCounts> {
  const db = getDb();
  const [total, head] = await Promise.all([
    db.counters.get(CASES_TOTAL_KEY),
    db.counters.get(AUDIT_HEAD_KEY),
  ]);
  return { cases: total?.value ?? 0, auditEvents: head?.value ?? 0 };
}

async function seed(
  options: BenchSeedOptions,
): Promise<{ seeded: SeedResult; totals: BenchCounts; password: string | null }> {
  await requestPersistentStorage();
  const { rules } = await officeRules();
  let lastLog = 0;
  const staff = options.withAccounts ? await ensureDemoAccounts() : null;
  if (staff) await syncDirectory(getDb(), (await call(api().accounts.list())).accounts);
  const result = await seedDemoData(getDb(), {
    profile: 'training',
    ...(staff ? { people: staff.people } : {}),
    count: options.count,
    seed: options.seed,
    now: new Date(options.now),
    rules,
    onProgress: (done, total) => {
      status(`Seeding ${done} / ${total}`);
      if (done === total || performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        console.log(`[bench] seeded ${done} / ${total} cases`);
      }
    },
  });
  status('Seeded');
  return { seeded: result, totals: await counts(), password: staff?.password ?? null };
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]) => sorted(values)[Math.floor((values.length - 1) / 2)] ?? NaN;
const p95 = (values: readonly number[]) =>
  sorted(values)[Math.max(0, Math.ceil(0.95 * values.length) - 1)] ?? NaN;

/** Times `fn` over warm-up plus measured runs; run i gets its index to vary its input. */
async function time(runs: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    await fn(i);
    const ms = performance.now() - start;
    if (i >= warmup) out.push(ms);
  }
  return out;
}

async function measure({
  runs,
  warmup,
  onlySearch,
  onlyReturns,
}: BenchMeasureOptions): Promise<BenchMeasurements> {
  const db = getDb();
  const { settings, rules } = await officeRules();
  const rng = new Rng(20_261_123);
  const now = new Date();
  const clock: QueryClock = {
    now: now.toISOString(),
    dueSoonBefore: dueSoonWindowEnd(now, rules.calendar, settings.dueSoonBusinessDays),
    updateOwedBefore: updateOwedBefore(now, rules.calendar, settings.keepInformedBusinessDays),
  };
  const samples: BenchMeasurements['samples'] = {};
  const notes: string[] = [];
  const page = (q: CaseQuery, cursor: PageCursor | null = null) =>
    queryCases(db, q, clock, OFFICER, cursor, 50);
  const cycle = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

  if (onlySearch) {
    const ids = (await db.cases.toCollection().primaryKeys()) as string[];
    await measureSearchAndPeople({ db, rng, runs, warmup, ids, viewer: OFFICER, time, samples, notes });
    notes.push('Only search, the complainant page and the repeat check were measured (--only search).');
    return { samples, notes };
  }

  const fcaReturnRuns = () =>
    measureFcaReturn(Math.min(runs, 5), settings, rules, { ...MANAGER, name: 'Bench Manager' }, notes);
  if (onlyReturns) {
    status('Measuring the FCA return');
    samples['returns.fca'] = await fcaReturnRuns();
    notes.push('Only the FCA return was measured (--only returns).');
    return { samples, notes };
  }

  status('Measuring the case list');
  const oldest = (await db.cases.orderBy('[receivedAt+id]').first())?.receivedAt ?? clock.now;
  const span = Date.parse(clock.now) - Date.parse(oldest);
  const randomInstant = () => new Date(Date.parse(oldest) + rng.next() * span).toISOString();

  samples['list.firstPage'] = await time(runs, warmup, () => page({ sort: 'received' }));
  // The page after one somewhere in the list: keyset paging costs the same at any depth.
  const cursors: PageCursor[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const first = await page({ sort: 'received', receivedTo: randomInstant() });
    if (first.next) cursors.push(first.next);
  }
  samples['list.nextPage'] = await time(runs, warmup, (i) => page({ sort: 'received' }, cycle(cursors, i)));

  const users = (await db.users.toArray()).map((u) => u.id);
  const filters: Record<string, (i: number) => CaseQuery> = {
    'filter.status': (i) => ({ sort: 'received', status: cycle(CASE_STATUSES, i) }),
    'filter.category': (i) => ({ sort: 'received', category: cycle(rules.taxonomy, i).category }),
    'filter.channel': (i) => ({ sort: 'received', channel: cycle(CHANNELS, i) }),
    'filter.severity': (i) => ({ sort: 'received', severity: cycle(SEVERITIES, i) }),
    'filter.assignee': (i) => ({ sort: 'received', assigneeId: cycle([...users, ''], i) }),
    'filter.regime': (i) => ({ sort: 'received', regime: cycle(REGIME_IDS, i) }),
    'filter.overdue': () => ({ sort: 'due', due: 'overdue' }),
    'filter.dueSoon': () => ({ sort: 'due', due: 'due-soon' }),
    'filter.updateOwed': () => ({ sort: 'received', informed: 'owed' }),
    'filter.receivedRange': () => {
      const from = randomInstant();
      return {
        sort: 'received',
        receivedFrom: from,
        receivedTo: new Date(Date.parse(from) + 30 * 86_400_000).toISOString(),
      };
    },
  };
  for (const [name, query] of Object.entries(filters))
    samples[name] = await time(runs, warmup, (i) => page(query(i)));

  status('Measuring opening a case');
  const ids = (await db.cases.toCollection().primaryKeys()) as string[];
  samples['case.open'] = await time(runs, warmup, async () => {
    const id = rng.pick(ids);
    await Promise.all([db.cases.get(id), caseAuditTrail(db, id)]);
  });

  status('Measuring logging a case');
  const actor: ActingPerson = { id: users[0] ?? 'bench', name: 'Bench Officer', roles: ['officer'] };
  const inputs = [
    ...generateDemoCases({ count: warmup + runs, seed: 77, now, taxonomy: rules.taxonomy, months: 1 }),
  ].map((c) => c.input);
  samples['case.create'] = await time(runs, warmup, (i) =>
    createCase(db, inputs[i]!, actor, rules, new Date()),
  );
  // What one durable commit costs on this disk: the floor under every write.
  const commit = await time(runs, warmup, (i) =>
    db.transaction('rw', db.counters, () => db.counters.put({ key: 'bench:probe', value: i })),
  );
  await db.counters.delete('bench:probe');
  notes.push(
    `case.create: a one-row read-write transaction (strict durability) alone takes median ${median(commit).toFixed(1)} ms, p95 ${p95(commit).toFixed(1)} ms here.`,
  );

  await measureSearchAndPeople({ db, rng, runs, warmup, ids, viewer: OFFICER, time, samples, notes });
  status('Measuring the FCA return');
  samples['returns.fca'] = await fcaReturnRuns();
  status('Measuring the management report');
  // The app's path: the analytics worker (started at idle after the app opens, so already loaded
  // when a manager asks for a report) aggregates its in-memory facts; then the PDF in main.
  const reportWorker = analyticsWorker();
  const analytics = createAnalytics(reportWorker);
  const loadStarted = performance.now();
  await analytics.load();
  const loadMs = performance.now() - loadStarted;
  const reportRuns = Math.min(runs, 3);
  let aggregateMs = 0;
  samples['report.management'] = await time(reportRuns, 1, async () => {
    const t0 = performance.now();
    const range = { from: oldest, to: clock.now };
    const figures = await analytics.management(
      { ...range, now: clock.now, timeZone: settings.timeZone, filters: {} },
      MANAGER,
    );
    aggregateMs = performance.now() - t0;
    await call(
      api().reports.managementPdf({
        data: {
          context: {
            officeName: settings.officeName,
            locale: settings.locale,
            timeZone: settings.timeZone,
            generatedAt: clock.now,
            generatedBy: 'Bench',
          },
          range,
          filtersLabel: '',
          ...figures,
          improvements: [],
        },
        destination: { kind: 'ask', suggestedName: 'bench-management.pdf' },
      }),
    );
  });
  reportWorker.terminate();
  notes.push(
    `report.management: of the last run, ${aggregateMs.toFixed(0)} ms aggregating ${ids.length} cases' facts in the analytics worker (its load before the first report: ${loadMs.toFixed(0)} ms).`,
  );
  status('Measuring the dashboard');
  await measureDashboard(
    runs,
    warmup,
    samples,
    notes,
    rules.taxonomy.map((c) => c.category),
  );

  status('Measured');
  return { samples, notes };
}

async function measureSearchAndPeople(context: BenchContext): Promise<void> {
  status('Measuring search');
  await measureSearch(context);
  status('Measuring the complainant page and the repeat check');
  await measureComplainant(context);
}

const analyticsWorker = () =>
  new Worker(new URL('../../../src-renderer/analytics/analytics.worker.ts', import.meta.url), {
    type: 'module',
  });

/**
 * dashboard.open: a fresh analytics worker (as when the app starts) until the first full answer,
 * reading the saved projection; dashboard.filter: a filter change answered by a warm worker.
 */
async function measureDashboard(
  runs: number,
  warmup: number,
  samples: BenchMeasurements['samples'],
  notes: string[],
  categories: string[],
) {
  const now = Date.now();
  const year = { fromMs: now - 365 * 86_400_000, toMs: now };
  const options = {
    now,
    timeZone: 'Europe/London',
    granularity: 'month' as const,
    stackBy: 'category' as const,
  };
  // The first start ever has no saved projection: it reads every case once and saves one.
  const firstWorker = analyticsWorker();
  const first = createAnalytics(firstWorker);
  let started = performance.now();
  const loaded = await first.load();
  await first.flush();
  firstWorker.terminate();
  notes.push(
    `dashboard: the first start (${loaded.source}: ${loaded.count} cases) read and saved the projection in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  // A worker started from nothing (its module, the saved projection, the catch-up) to its first answer.
  samples['dashboard.coldStart'] = await time(Math.min(runs, 10), Math.min(warmup, 2), async () => {
    const w = analyticsWorker();
    await createAnalytics(w).query({ filters: year, options }, OFFICER);
    w.terminate();
  });
  // What opening the dashboard waits for in the app, which starts the worker when idle after start-up.
  samples['dashboard.open'] = [];
  for (let i = 0; i < Math.min(runs, 10) + Math.min(warmup, 2); i++) {
    const w = analyticsWorker();
    const a = createAnalytics(w);
    await a.load();
    const began = performance.now();
    await a.query({ filters: year, options }, OFFICER);
    if (i >= Math.min(warmup, 2)) samples['dashboard.open'].push(performance.now() - began);
    w.terminate();
  }
  const warmWorker = analyticsWorker();
  const warm = createAnalytics(warmWorker);
  started = performance.now();
  const answer = await warm.query({ filters: year, options }, OFFICER);
  notes.push(
    `dashboard: a year of ${answer.dashboard.total} cases; the emerging-issue scan found ${answer.emerging.length} flags. Warm-up query ${(performance.now() - started).toFixed(0)} ms.`,
  );
  const variants: ((i: number) => Record<string, unknown>)[] = [
    (i) => ({ category: categories[i % categories.length] }),
    (i) => ({ channel: CHANNELS[i % CHANNELS.length] }),
    (i) => ({ severity: SEVERITIES[i % SEVERITIES.length] }),
    (i) => ({ regime: REGIME_IDS[i % REGIME_IDS.length] }),
    () => ({ fromMs: now - 90 * 86_400_000 }),
  ];
  samples['dashboard.filter'] = await time(runs, warmup, (i) =>
    warm.query(
      {
        filters: { ...year, ...variants[i % variants.length]!(i) },
        options: { ...options, granularity: i % 2 ? 'week' : 'month' },
      },
      OFFICER,
    ),
  );
  warmWorker.terminate();
}

// The database main points at, as the app opens it (a restore moves it).
void openActiveDatabase(async () => (await call(api().database.active())).name).then(() => {
  const importCsv = async (options: BenchImportOptions) => {
    const { settings, rules } = await officeRules();
    return importAtSize(options, settings, rules, { ...MANAGER, name: 'Bench Manager' });
  };
  window.bench = {
    seed,
    counts,
    measure,
    backupAndRestore,
    importCsv,
    teamSample: async (now) => teamSample((await officeRules()).rules, now),
    teamReplicaReset,
    teamApply,
    teamFinishJoin,
    teamReplicaCounts,
  };
  status('Ready');
});
