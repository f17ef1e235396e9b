import { isAbsolute, join, resolve } from 'node:path';

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

/** Asks for the training profile: the `training` folder inside the data folder chosen as above. */
export const TRAINING_FLAG = '--training';
export const TRAINING_FOLDER = 'training';

/** The data folder to open, and whether the training profile was asked for. */
export function resolveLaunch(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  fallback: string,
): { dataDir: string; trainingRequested: boolean } {
  const base = resolveDataDir(argv, env, fallback);
  const trainingRequested = argv.includes(TRAINING_FLAG);
  return { dataDir: trainingRequested ? join(base, TRAINING_FOLDER) : base, trainingRequested };
}

/**
 * The arguments to relaunch with (Electron's `app.relaunch({ args })`, which wants them without the
 * executable): those of this launch, with the training flag added or taken away.
 */
export function relaunchArgs(argv: readonly string[], profile: 'training' | 'live'): string[] {
  const kept = argv.slice(1).filter((arg) => arg !== TRAINING_FLAG);
  return profile === 'training' ? [...kept, TRAINING_FLAG] : kept;
}
