// `npx tsx tests/bench/import-profile.ts [--rows 5000] [--no-build]`
//
// The import bench under Chromium's CPU profiler, page and import worker both (the worker is reached
// through Target.setAutoAttach and Target.sendMessageToTarget). Prints ONE JSON object: the top
// self-time functions of each thread ({ thread, top: [{ fn, url, line, selfMs }] }); the raw
// .cpuprofile files go to the folder named in `profilesDir` (open them in Chrome's DevTools).
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  bench,
  build,
  intArg,
  log,
  openBenchPage,
  parseArgs,
  topSelf,
  withBenchHarness,
  type CpuProfile,
} from './lib';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rows = intArg(args, 'rows', 5000);
  if (!args.has('no-build') && !build('bench')) throw new Error('The bench page did not build.');
  await withBenchHarness('redress-profile-import-', async ({ harness, context, base }) => {
    // Workers are kept alive until their profiles are taken (a terminated worker's profile is lost).
    // (A string: tsx would wrap a function in helpers the page does not have.)
    await context.addInitScript({ content: 'Worker.prototype.terminate = function () {};' });
    const page = await openBenchPage(context, harness.url);
    const cdp = await context.newCDPSession(page);
    // Workers: messages to and from each attached worker go through the page's session.
    let nextId = 1;
    const pending = new Map<number, (result: unknown) => void>();
    const workers: string[] = [];
    const toWorker = (sessionId: string, method: string, params = {}) =>
      new Promise<unknown>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        cdp
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
          .catch(() => resolve(null));
      });
    cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
      const m = JSON.parse(message) as { id?: number; result?: unknown };
      if (m.id !== undefined) pending.get(m.id)?.(m.result);
    });
    cdp.on('Target.attachedToTarget', ({ sessionId, waitingForDebugger, targetInfo }) => {
      log(`profiling ${targetInfo.type} ${targetInfo.url.split('/').pop()}`);
      workers.push(sessionId);
      void (async () => {
        await toWorker(sessionId, 'Profiler.enable');
        await toWorker(sessionId, 'Profiler.setSamplingInterval', { interval: 200 });
        await toWorker(sessionId, 'Profiler.start');
        if (waitingForDebugger) await toWorker(sessionId, 'Runtime.runIfWaitingForDebugger');
      })();
    });
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: true,
      flatten: false,
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    log(`importing ${rows} rows under the profiler…`);
    const r = await bench(page, 'importCsv', { rows });
    const profiles: { thread: string; profile: CpuProfile }[] = [];
    profiles.push({ thread: 'page', profile: (await cdp.send('Profiler.stop')).profile as CpuProfile });
    for (const [i, sessionId] of workers.entries()) {
      const result = (await Promise.race([
        toWorker(sessionId, 'Profiler.stop'),
        new Promise((resolve) => setTimeout(() => resolve(null), 5000)),
      ])) as { profile: CpuProfile } | null;
      if (!result) log(`no profile from worker ${i + 1}`);
      if (result) profiles.push({ thread: `worker ${i + 1}`, profile: result.profile });
    }
    const profilesDir = join(base, 'profiles');
    await mkdir(profilesDir, { recursive: true });
    for (const p of profiles)
      await writeFile(
        join(profilesDir, `${p.thread.replace(' ', '-')}.cpuprofile`),
        JSON.stringify(p.profile),
      );
    console.log(
      JSON.stringify(
        {
          rows: r.rows,
          importSeconds: Math.round(r.importSeconds * 100) / 100,
          loadAverage: Math.round(loadavg()[0]! * 100) / 100,
          profilesDir,
          threads: profiles.map((p) => ({ thread: p.thread, top: topSelf(p.profile) })),
        },
        null,
        2,
      ),
    );
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
