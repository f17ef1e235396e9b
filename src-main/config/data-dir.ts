import { isAbsolute, resolve } from 'node:path';

/**
 * Where Redress keeps its data: `--data-dir=<path>` (or `--data-dir <path>`), then
 * REDRESS_DATA_DIR, then Electron's user-data folder. Tests and portable installs use the first two.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  fallback: string,
): string {
  let fromArgs: string | undefined;
  argv.forEach((arg, i) => {
    if (arg.startsWith('--data-dir=')) fromArgs = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir' && argv[i + 1]) fromArgs = argv[i + 1];
  });
  const chosen = fromArgs?.trim() || env.REDRESS_DATA_DIR?.trim() || fallback;
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}
