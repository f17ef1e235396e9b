// How this desk keeps backups, in `<dataDir>/backup.json`: how many to keep, whether the daily and
// quit backups run, where they go (null: `<dataDir>/backups`) and when the last one was made.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';

export const BACKUP_CONFIG_FILE = 'backup.json';
export const DEFAULT_BACKUP_DIR = 'backups';
export const DEFAULT_KEEP_COUNT = 14;

const ConfigSchema = z.object({
  keepCount: z.number().int().min(1).max(365).catch(DEFAULT_KEEP_COUNT),
  automatic: z.boolean().catch(true),
  folder: z.string().refine(isAbsolute).nullable().catch(null),
  lastBackupAt: z.string().nullable().catch(null),
});
export type BackupConfig = z.output<typeof ConfigSchema>;

const defaults = (): BackupConfig => ({
  keepCount: DEFAULT_KEEP_COUNT,
  automatic: true,
  folder: null,
  lastBackupAt: null,
});

export function createBackupConfig(dataDir: string) {
  const file = join(dataDir, BACKUP_CONFIG_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<BackupConfig> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaults();
      // A damaged file falls back field by field below; the next change writes a good one.
      raw = {};
    }
    const parsed = ConfigSchema.safeParse({ ...defaults(), ...(typeof raw === 'object' ? raw : {}) });
    return parsed.success ? parsed.data : defaults();
  }

  function update(patch: Partial<BackupConfig>): Promise<BackupConfig> {
    const run = queue.then(async () => {
      const next = { ...(await read()), ...patch };
      await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const folderOf = (config: BackupConfig): string => config.folder ?? join(dataDir, DEFAULT_BACKUP_DIR);

  return { file, read, update, folderOf };
}
export type BackupConfigStore = ReturnType<typeof createBackupConfig>;
