import type { backupChannels } from '../../../src-shared/ipc/channels/backup';
import type { Handlers } from '../../../src-shared/ipc/contract';
import { AppError } from '../../../src-shared/errors';

type BackupHandlers = Pick<Handlers, keyof typeof backupChannels>;

// Placeholder while the backup service is built on its own branch: every call but the database
// pointer says so plainly. Replaced by the real service before any of this is released.
export function backupHandlers(): BackupHandlers {
  const notYet = async (): Promise<never> => {
    throw new AppError('INTERNAL', 'Backups are not available in this build yet.');
  };
  return {
    'database:active': async () => ({ name: 'redress' }),
    'backup:status': notYet,
    'backup:set-passphrase': notYet,
    'backup:unlock': notYet,
    'backup:configure': notYet,
    'backup:add-file': notYet,
    'backup:list': notYet,
    'backup:begin': notYet,
    'backup:chunk': notYet,
    'backup:finish': notYet,
    'backup:cancel': notYet,
    'backup:verify': notYet,
    'backup:restore-open': notYet,
    'backup:restore-read': notYet,
    'backup:restore-commit': notYet,
    'backup:restore-cancel': notYet,
  };
}
