// `npm run seed -- [--count 5000] [--seed 42] [--data-dir DIR] [--port 5199] [--exit] [--open]`
//
// Demo and training data you can browse. The case database is IndexedDB, which lives in the
// BROWSER PROFILE, per origin (scheme, host AND port), not in the harness data folder. So this
// script keeps both together in DIR (default .redress-data/demo):
//   DIR/               the harness data folder (settings.json, …), as `npm run harness -- --data-dir DIR`
//   DIR/chromium-profile/   the Chromium profile holding IndexedDB for http://127.0.0.1:<port>
// It builds the app and the bench page, starts the harness on a FIXED port (5199, the port
// `npm run harness` uses, so the origin and therefore the database stay the same later), seeds
// through the bench page in headless Chromium with that profile, closes it (a profile can be open
// in one Chromium at a time), and keeps the harness running. Browse the data with:
//   chromium --user-data-dir=DIR/chromium-profile http://127.0.0.1:5199/
// (or pass --open to have this script start that window; it needs a display). Later, without
// seeding again: `PORT=5199 npm run harness -- --data-dir DIR` and the same chromium command.
// --exit stops after seeding. Seeding again into the same DIR adds more cases.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startHarness } from '../e2e/harness/server';
import {
  BENCH_DIR,
  BENCH_MOUNT,
  bench,
  build,
  CHROMIUM_PATH,
  intArg,
  launchChromium,
  log,
  openBenchPage,
  parseArgs,
  ROOT,
  DEMO_ADMIN,
  signInDemoAdmin,
} from './lib';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const count = intArg(args, 'count', 5000);
  const seed = intArg(args, 'seed', 42);
  const port = intArg(args, 'port', Number(process.env.PORT ?? 5199));
  const dataDir = resolve(
    args.get('data-dir') ?? process.env.REDRESS_DATA_DIR ?? join(ROOT, '.redress-data/demo'),
  );
  const profileDir = join(dataDir, 'chromium-profile');

  const appBuilt = build('renderer');
  if (!appBuilt)
    log('The app did not build (see above): seeding anyway, but there is no app to browse until it builds.');
  if (!build('bench')) throw new Error('The bench page did not build.');

  await mkdir(dataDir, { recursive: true });
  const harness = await startHarness({
    dataDir,
    port,
    extraStatic: { mount: BENCH_MOUNT, dir: BENCH_DIR },
    // Demo data is only made in a training profile.
    training: true,
    // Its accounts are browsed later in `npm run harness`, as the app would hash them.
    productionScrypt: true,
  });
  const context = await launchChromium(profileDir);
  let outcome;
  try {
    const page = await openBenchPage(context, harness.url);
    await signInDemoAdmin(harness);
    log(`seeding ${count} cases (seed ${seed})…`);
    outcome = await bench(page, 'seed', { count, seed, now: new Date().toISOString(), withAccounts: true });
  } finally {
    await context.close(); // flushes IndexedDB to the profile and frees the profile for a visible Chromium
  }

  const { seeded, totals } = outcome;
  const n = (x: number) => x.toLocaleString('en');
  const browse = `${CHROMIUM_PATH} --user-data-dir=${profileDir} ${harness.url}`;
  console.log(
    `Seeded ${n(seeded.cases)} cases with ${n(seeded.auditEntries)} audit entries in ${seeded.seconds.toFixed(1)} s.`,
  );
  console.log(`The database now holds ${n(totals.cases)} cases and ${n(totals.auditEvents)} audit entries.`);
  console.log(`Data folder:      ${dataDir}`);
  console.log(
    `Case database:    ${profileDir} (Chromium profile; IndexedDB of ${new URL(harness.url).origin})`,
  );
  console.log(`Harness:          ${harness.url}`);
  console.log(`Browse it:        ${browse}`);
  console.log(
    `Later:            PORT=${port} npm run harness -- --data-dir ${dataDir}   then the same chromium command`,
  );
  console.log(`Sign in as:       ${DEMO_ADMIN.name} (password "${DEMO_ADMIN.password}")`);
  if (outcome.password) console.log(`Demo staff:       e.g. Priya Shah, password "${outcome.password}"`);

  if (args.has('open')) {
    const child = spawn(CHROMIUM_PATH, [`--user-data-dir=${profileDir}`, '--no-first-run', harness.url], {
      stdio: 'ignore',
      detached: true,
    });
    child.on('error', (error) => log(`could not open Chromium: ${error.message}`));
    child.unref();
  }
  if (args.has('exit')) {
    await harness.close();
    return;
  }
  console.log('The harness keeps running; press Ctrl+C to stop it.');
  process.on('SIGINT', () => void harness.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
