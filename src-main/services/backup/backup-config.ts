// How this desk keeps backups, in `<dataDir>/backup.json`: how many to keep, whether the daily and
// quit backups run, where they go (null: `<dataDir>/backups`) and when the last one was made.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';

export const BACKUP_CONFIG_FILE = 'backup.json';
export const DEFAULT_BACKUP_DIR = 'backups';
export const DEFAULT_KEEP_COUNT = 14;
/** Kept in a file rewritten after it was found damaged, until an administrator saves the settings. */
const DAMAGED = 'damagedSettingsNotReviewed';

const IntactSchema = z.object({
  keepCount: z.number().int().min(1).max(365),
  automatic: z.boolean(),
  folder: z.string().refine(isAbsolute).nullable(),
  lastBackupAt: z.string().nullable(),
});
export type BackupConfig = z.output<typeof IntactSchema>;
/** A damaged field falls back to its default, the others kept. */
const ConfigSchema = z.object({
  keepCount: IntactSchema.shape.keepCount.catch(DEFAULT_KEEP_COUNT),
  automatic: IntactSchema.shape.automatic.catch(true),
  folder: IntactSchema.shape.folder.catch(null),
  lastBackupAt: IntactSchema.shape.lastBackupAt.catch(null),
});

const defaults = (): BackupConfig => ({
  keepCount: DEFAULT_KEEP_COUNT,
  automatic: true,
  folder: null,
  lastBackupAt: null,
});

export function createBackupConfig(dataDir: string) {
  const file = join(dataDir, BACKUP_CONFIG_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  /**
   * The settings, and whether the file holds every one of them as written (no file at all: the
   * defaults are the settings). A file that cannot be read (its disk failing, another program
   * holding it) is an error, never the defaults: those would move the backups to another folder,
   * turn automatic backups back on, and prune to the default count.
   */
  async function load(): Promise<{ config: BackupConfig; intact: boolean }> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaults(), intact: true };
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // Damaged: every setting falls back below (the file stays marked damaged, see update).
      raw = null;
    }
    const object = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
    const values = { ...defaults(), ...object };
    return {
      config: ConfigSchema.parse(values),
      intact: !!object && object[DAMAGED] !== true && IntactSchema.safeParse(values).success,
    };
  }

  const read = async (): Promise<BackupConfig> => (await load()).config;

  /** The settings only when the file holds them all as written: pruning goes by nothing less. */
  const readIntact = async (): Promise<BackupConfig | null> => {
    const { config, intact } = await load();
    return intact ? config : null;
  };

  /**
   * Writes `patch` over the settings. A damaged file stays marked damaged (its defaults are not
   * the office's choice, and prune nothing) until an administrator saves the settings (`reviewed`).
   */
  function update(patch: Partial<BackupConfig>, { reviewed = false } = {}): Promise<BackupConfig> {
    const run = queue.then(async () => {
      const { config, intact } = await load();
      const next = { ...config, ...patch };
      const marked = intact || reviewed ? next : { ...next, [DAMAGED]: true };
      await writeFileAtomic(file, `${JSON.stringify(marked, null, 2)}\n`);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const folderOf = (config: BackupConfig): string => config.folder ?? join(dataDir, DEFAULT_BACKUP_DIR);

  return { file, load, read, readIntact, update, folderOf };
}
export type BackupConfigStore = ReturnType<typeof createBackupConfig>;
