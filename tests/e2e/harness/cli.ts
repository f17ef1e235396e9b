// `npm run harness`: the real renderer in any browser, backed by the real main-process handlers.
import { resolve } from 'node:path';
import { resolveDataDir } from '../../../src-main/config/data-dir';
import { startHarness } from './server';

async function main(): Promise<void> {
  const explicit = process.argv.some((a) => a.startsWith('--data-dir')) || !!process.env.REDRESS_DATA_DIR;
  const dataDir = explicit ? resolveDataDir(process.argv, process.env, '') : undefined;
  const port = Number(process.env.PORT ?? 5199);
  const harness = await startHarness({
    port,
    productionScrypt: true,
    ...(dataDir ? { dataDir: resolve(dataDir) } : {}),
  });
  console.log(`Redress harness at ${harness.url}`);
  console.log(`Data folder: ${harness.dataDir}`);
  console.log('Press Ctrl+C to stop.');
  process.on('SIGINT', () => void harness.close().then(() => process.exit(0)));
}

void main();
