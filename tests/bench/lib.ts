// Shared by `npm run bench` (run.ts) and `npm run seed` (seed.ts): building the renderer and the bench
// page, serving both from one harness origin, and driving Debian's Chromium. Output that is not the
// result goes to stderr, so stdout stays machine-readable.
import { startHarness, type Harness } from '../e2e/harness/server';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH as FOUND_CHROMIUM } from '../chromium';
import type { BenchApi } from './page/bench-entry';

export const CHROMIUM_PATH = FOUND_CHROMIUM ?? '/usr/bin/chromium';

export const ROOT = resolve(__dirname, '../..');
export const BENCH_MOUNT = '/__bench/';
export const BENCH_DIR = resolve(ROOT, 'out/bench');

export const log = (...parts: unknown[]) => console.error('[bench]', ...parts);

/** Runs a build command from the project root; its output goes to stderr. */
export function build(what: 'renderer' | 'bench'): boolean {
  const args =
    what === 'renderer' ? ['electron-vite', 'build'] : ['vite', 'build', '-c', 'tests/bench/vite.config.mts'];
  log(`building the ${what === 'renderer' ? 'app (electron-vite build)' : 'bench page'}…`);
  const result = spawnSync('npx', args, {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  return result.status === 0;
}

/**
 * Chromium's IndexedDB backend for a run (`--idb leveldb|sqlite`). 'leveldb' is what Chromium, and so
 * Electron, uses unless told otherwise. 'sqlite' is the backend Chromium is rolling out for new stores
 * (behind a feature switch in Chromium 150): the benches can measure the app on it, but the app does
 * not turn it on, because a Chromium without that switch deletes the SQLite stores it finds.
 */
export type IdbBackend = 'leveldb' | 'sqlite';

const IDB_BACKEND_SWITCHES: Record<IdbBackend, string[]> = {
  leveldb: [],
  sqlite: ['--enable-features=IdbSqliteOnDiskRollout:stage/UseSqliteForNewStores'],
};

export function idbBackendArg(args: Map<string, string>): IdbBackend {
  const raw = args.get('idb') ?? 'leveldb';
  if (raw !== 'leveldb' && raw !== 'sqlite') throw new Error(`--idb must be leveldb or sqlite, not "${raw}"`);
  return raw;
}

/**
 * The IndexedDB backend a profile's stores are really in, read from its folder (a LevelDB store is a
 * `*.indexeddb.leveldb` folder, a SQLite one is not), so a report never claims a backend the browser
 * did not use; null when the profile holds no store yet.
 */
export function idbBackendInUse(profileDir: string): IdbBackend | null {
  let stores: string[];
  try {
    stores = readdirSync(join(profileDir, 'Default', 'IndexedDB'));
  } catch {
    return null;
  }
  if (stores.some((name) => name.endsWith('.indexeddb.leveldb'))) return 'leveldb';
  return stores.some((name) => !name.endsWith('.blob')) ? 'sqlite' : null;
}

/**
 * Chromium with a profile on disk, like Electron's user-data folder: IndexedDB lives there (an
 * in-memory incognito context would hold 100,000 cases and a million audit rows in RAM).
 */
export function launchChromium(profileDir: string, idb: IdbBackend = 'leveldb'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...IDB_BACKEND_SWITCHES[idb]],
    headless: true,
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
}

/**
 * CPU seconds used so far by this process (the harness's handlers run in it) and every process it
 * started (Chromium's browser, renderer and utility processes), from /proc; null where there is no
 * /proc. Unlike wall-clock seconds it hardly moves with what else the machine is doing, so two runs
 * on a shared, busy machine can still be compared.
 */
export function cpuSecondsOfTree(): number | null {
  const TICKS = 100; // USER_HZ: `getconf CLK_TCK` on Linux
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const pid of entries) {
    try {
      // Fields after the parenthesised name: state, ppid, …, utime (14th), stime (15th).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { parent: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let at = pid, hops = 0; at > 1 && hops < 64; hops += 1) {
      if (at === process.pid) return true;
      at = stats.get(at)?.parent ?? 0;
    }
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of stats) if (pid !== process.pid && inTree(pid)) ticks += stat.ticks;
  const own = process.cpuUsage();
  return ticks / TICKS + (own.user + own.system) / 1e6;
}

/**
 * The same CPU seconds split by where they were spent: Chromium's process type and thread name
 * ('browser ThreadPoolForeg…' holds IndexedDB's backend, 'renderer DedicatedWorker…' the page's
 * workers, 'renderer chromium' the page's main thread), and 'harness' for this process. Empty where
 * there is no /proc. Take two and subtract (cpuSplitSince).
 */
export function cpuSecondsByThread(): Map<string, number> {
  const out = new Map<string, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return out;
  }
  const parents = new Map<number, number>();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const inTree = (pid: number): boolean => {
    for (let at = parents.get(pid) ?? 0, hops = 0; at > 1 && hops < 64; hops += 1) {
      if (at === process.pid) return true;
      at = parents.get(at) ?? 0;
    }
    return false;
  };
  for (const pid of entries) {
    if (!inTree(Number(pid))) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser' : 'other');
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const thread = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${type} ${thread}`;
        out.set(key, (out.get(key) ?? 0) + (Number(rest[11]) + Number(rest[12])) / 100);
      }
    } catch {
      // The process or thread ended meanwhile.
    }
  }
  const own = process.cpuUsage();
  out.set('harness', (own.user + own.system) / 1e6);
  return out;
}

/** What each thread spent since `before` (cpuSecondsByThread), the largest first, above 0.1 s. */
export function cpuSplitSince(before: Map<string, number>): Record<string, number> {
  return Object.fromEntries(
    [...cpuSecondsByThread()]
      .map(([key, s]) => [key, Math.round((s - (before.get(key) ?? 0)) * 100) / 100] as const)
      .filter(([, s]) => s >= 0.1)
      .sort((a, b) => b[1] - a[1]),
  );
}

/** Opens the bench page on the harness origin and waits until `window.bench` is there. */
export async function openBenchPage(context: BrowserContext, harnessUrl: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.text().startsWith('[bench]')) console.error(msg.text());
    else if (msg.type() === 'error' || msg.type() === 'warning') log(`page ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(new URL(`${BENCH_MOUNT}index.html`, harnessUrl).href);
  await page.waitForFunction(() => !!window.bench, null, { timeout: 30_000 });
  return page;
}

/** Calls one function of the bench page's API. */
export function bench<K extends keyof BenchApi>(
  page: Page,
  name: K,
  arg: Parameters<BenchApi[K]>[0],
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(([n, a]) => (window.bench![n as K] as (x: unknown) => Promise<unknown>)(a), [
    name,
    arg,
  ] as const) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

/** `--name value` and `--name=value` options, and bare `--flag`s. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq !== -1) out.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(arg.slice(2), argv[++i]!);
    else out.set(arg.slice(2), 'true');
  }
  return out;
}

export function intArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number, not "${raw}"`);
  return value;
}

/** The administrator the seed script and the benchmark sign in as (a manager too, to see every case). */
export const DEMO_ADMIN = { name: 'Demo Administrator', password: 'demo harbour lantern' } as const;

/**
 * Signs the harness's session in as DEMO_ADMIN, setting Redress up with that account first when
 * the data folder is new. The app opened afterwards finds someone signed in (main holds the session).
 */
export async function signInDemoAdmin(harness: Harness): Promise<void> {
  const answer = async (channel: string, input?: unknown) => {
    const result = await harness.call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as { setUp?: boolean };
  };
  const status = await answer('auth:status');
  if (!status.setUp) await answer('auth:setup', { ...DEMO_ADMIN, roles: ['manager'] });
  else await answer('auth:sign-in', DEMO_ADMIN);
}

/**
 * A fresh data folder under a temporary `prefix` folder, the harness serving the bench page on it,
 * Chromium with its own profile, and the demo administrator signed in; all closed after `use`.
 */
export async function withBenchHarness<T>(
  prefix: string,
  use: (session: {
    harness: Harness;
    context: BrowserContext;
    base: string;
    profileDir: string;
  }) => Promise<T>,
  idb: IdbBackend = 'leveldb',
): Promise<T> {
  const base = await mkdtemp(join(tmpdir(), prefix));
  const dataDir = join(base, 'data');
  await mkdir(dataDir, { recursive: true });
  const harness = await startHarness({
    dataDir,
    port: 0,
    extraStatic: { mount: BENCH_MOUNT, dir: BENCH_DIR },
  });
  const profileDir = join(base, 'chromium-profile');
  const context = await launchChromium(profileDir, idb);
  try {
    await signInDemoAdmin(harness);
    return await use({ harness, context, base, profileDir });
  } finally {
    await context.close();
    await harness.close();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file, line), largest first. */
export function topSelf(profile: CpuProfile, n = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'}\t${f.url.split('/').pop()}\t${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, ms]) => {
      const [fn, url, line] = key.split('\t');
      return { fn, url, line: Number(line), selfMs: Math.round(ms) };
    });
}
