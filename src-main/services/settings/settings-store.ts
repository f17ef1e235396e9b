import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  type Settings,
} from '../../../src-shared/domain/settings';
import { validationErrorFromZod } from '../../../src-shared/errors';
import { writeFileAtomic } from '../files/atomic-write';

export const SETTINGS_FILE = 'settings.json';

/** Office settings in `<dataDir>/settings.json`, read on demand and written atomically. */
export function createSettingsStore(dataDir: string) {
  const file = join(dataDir, SETTINGS_FILE);
  // Serialise writes so two quick changes cannot interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = SettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // Keep the damaged file for support rather than overwrite what someone may want back.
    await rename(file, `${file}.damaged-${Date.now()}`);
    return defaultSettings();
  }

  async function update(patch: unknown): Promise<Settings> {
    const parsedPatch = SettingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) throw validationErrorFromZod(parsedPatch.error);
    const run = queue.then(async () => {
      const next = SettingsSchema.parse({ ...(await read()), ...parsedPatch.data });
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return { file, read, update };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
