// `npm run lint:electron`: Electronegativity's checks over the main process, the preload and the
// renderer's HTML, failing on any finding of MEDIUM severity or above. A finding that is right for
// Redress is justified beside the code, on the line it is reported for:
//   shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- why this one is safe
// and every such comment must give its reason after `--`. Runs offline: the tool's two network
// calls (translations, Electron's release list) are cut off here.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
/** What runs with Electron's powers, and the page whose CSP the checks read. */
const SCANNED = ['src-main', 'src-preload', 'src-renderer/index.html'];
/**
 * Checks left out, each with its reason. AvailableSecurityFixesGlobalCheck downloads Electron's
 * release list: it cannot run offline, and the Electron version is pinned in package-lock.json and
 * raised on purpose.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const GATE = 2; // Electronegativity's MEDIUM

interface Level {
  name: string;
  value: number;
}
interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  shortenedURL?: string;
  severity: Level;
  confidence: Level;
  manualReview: boolean;
}
interface Result {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}
type Run = (options: Record<string, unknown>) => Promise<Result>;

const require = createRequire(__filename);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

function offline(): void {
  // Both calls go through `got`; the tool carries on without them (English texts, no release list).
  const gotPath = createRequire(join(toolDir, 'package.json')).resolve('got');
  const refuse = () => Promise.reject(new Error('Redress runs Electronegativity offline.'));
  const stub = Object.assign(refuse, { head: refuse });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub } as NodeJS.Module;
}

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => sourceFiles(join(path, entry.name)));
}

/** `eng-disable` comments that give no reason after `--`. */
function unjustifiedDisables(): string[] {
  const found: string[] = [];
  for (const file of SCANNED.flatMap((p) => sourceFiles(join(ROOT, p)))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/eng-disable/.test(line) && !/eng-disable[\w \t]+--\s*\S/.test(line)) {
          found.push(`${relative(ROOT, file)}:${i + 1}`);
        }
      });
  }
  return found;
}

async function main(): Promise<number> {
  offline();
  const run = require(toolDir) as Run;
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const input = mkdtempSync(join(tmpdir(), 'redress-electronegativity-'));
  for (const path of SCANNED) cpSync(join(ROOT, path), join(input, path), { recursive: true });

  const log = console.log;
  console.log = () => undefined; // the tool's own chatter ("Could not retrieve updated translations")
  let result: Result;
  try {
    result = await run({
      input,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: EXCLUDED_CHECKS,
    });
  } finally {
    console.log = log;
    rmSync(input, { recursive: true, force: true });
  }

  const problems: string[] = [];
  for (const error of result.errors) {
    // A file it cannot parse is a file it did not check.
    if (!error.tolerable) problems.push(`could not parse ${relative(input, error.file)}: ${error.message}`);
  }
  const where = (i: Issue) => `${i.file}:${i.location.line}:${i.location.column}`;
  const summary = (i: Issue) =>
    `${i.severity.name}/${i.confidence.name} ${i.id} at ${where(i)}: ${i.description} ${i.shortenedURL ?? ''}`;
  const gating = result.issues.filter((i) => i.severity.value >= GATE);
  const notes = result.issues.filter((i) => i.severity.value < GATE);
  for (const issue of gating) problems.push(summary(issue));
  for (const at of unjustifiedDisables())
    problems.push(`eng-disable without a reason (add “-- why”) at ${at}`);

  for (const note of notes) log(`note: ${summary(note)}`);
  log(
    `electronegativity (Electron ${electronVersion}): ` +
      `${result.atomicChecks} atomic and ${result.globalChecks} global checks over ${SCANNED.join(', ')}; ` +
      `left out: ${EXCLUDED_CHECKS.join(', ')} (needs the network).`,
  );
  if (problems.length === 0) {
    log(`No finding of MEDIUM severity or above (${notes.length} below, as notes).`);
    return 0;
  }
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.error(
    `${problems.length} problem(s). Fix the code, or justify a finding on its own line with ` +
      '`// eng-disable CHECK_ID -- reason`.',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
