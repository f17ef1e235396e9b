import type { backupChannels } from '../../../src-shared/ipc/channels/backup';
import type { Handlers, OutputOf } from '../../../src-shared/ipc/contract';
import { dailyBackupDue } from '../../../src-shared/domain/backup';
import { AppError } from '../../../src-shared/errors';
import type { ScryptParams } from '../accounts/passwords';
import { createDeskId } from '../profile/desk-id';
import { createBackupConfig } from './backup-config';
import type { AnchorHooks, KeyPartHooks, LedgerHooks } from './backup-files';
import { createBackupFolder } from './backup-folder';
import { createBackupJobs, writableFolder, type BackupJobHooks } from './backup-jobs';
import { createBackupKey, type KeyStore } from './backup-key';
import { createRestorer, type RestoreHooks } from './backup-restore';

type BackupHandlers = Pick<Handlers, keyof typeof backupChannels>;

/** How main asks the user for a folder or a file (Electron's dialogs); the harness has none. */
export interface BackupDialogs {
  chooseFolder(): Promise<string | null>;
  chooseOpenFile?(): Promise<string | null>;
}

export interface BackupServiceOptions {
  dataDir: string;
  appVersion: string;
  /** The signed-in person's name, for backups someone started. */
  userName: () => string | null;
  /** Ends the session (after a restore, the accounts may have changed). */
  endSession: () => Promise<unknown>;
  /** The office's time zone, for "no backup yet today". */
  timeZone: () => Promise<string>;
  keyStore?: KeyStore;
  dialogs?: BackupDialogs;
  /** Tests only: a cheap scrypt cost for the backup passphrase. */
  scrypt?: ScryptParams;
  /** A training profile's backups say so. */
  training?: () => boolean | Promise<boolean>;
  /** The audit anchor's key and census (services/audit-anchor), where the app has one. */
  anchor?: AnchorHooks;
  /** The office's case-bundle signing key (services/bundle), where the app has one. */
  bundleKey?: KeyPartHooks;
  /** This installation's id (profile/desk-id.ts); read from the data folder when not given. */
  deskId?: () => Promise<string>;
  /** The disposal ledger (services/retention), which a restore hands the renderer to apply again. */
  disposals?: LedgerHooks;
  now?: () => Date;
  hooks?: RestoreHooks & BackupJobHooks;
}

/** Backups a person starts carry their name; the daily and quit backups are nobody's. */
const PERSONAL_REASONS = new Set(['manual', 'before-restore']);

/**
 * The backup channels, and `ready`: resolves once a restore a crash cut short is finished. Every
 * channel of the app waits for it (see createHandlers), so nothing reads the accounts or settings
 * of a half-restored data folder.
 */
export function createBackupService(options: BackupServiceOptions): {
  handlers: BackupHandlers;
  ready: () => Promise<void>;
} {
  const now = options.now ?? (() => new Date());
  const deskId = options.deskId ?? createDeskId(options.dataDir);
  const config = createBackupConfig(options.dataDir);
  const keys = createBackupKey(options.dataDir, {
    ...(options.keyStore ? { keyStore: options.keyStore } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
  });
  const jobs = createBackupJobs({
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    keys,
    config,
    training: options.training ?? (() => false),
    now,
    deskId,
    ...(options.anchor ? { anchor: options.anchor } : {}),
    ...(options.bundleKey ? { bundleKey: options.bundleKey } : {}),
    ...(options.disposals ? { disposals: options.disposals } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const folder = createBackupFolder(config, deskId);
  // At start: finish a restore a crash interrupted and clear away what no live job owns. Every
  // call waits for it; if it failed (a disk away), the next call tries again.
  let started: Promise<void> | null = null;
  const start = (): Promise<void> => {
    started ??= Promise.all([restorer.recover(), jobs.sweep()]).then(
      () => undefined,
      (error: unknown) => {
        started = null;
        throw error;
      },
    );
    return started;
  };
  const restorer = createRestorer({
    dataDir: options.dataDir,
    keys,
    config,
    endSession: options.endSession,
    onUnfinished: () => {
      started = null;
    },
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.anchor ? { anchor: options.anchor } : {}),
    ...(options.bundleKey ? { bundleKey: options.bundleKey } : {}),
    ...(options.disposals ? { disposals: options.disposals } : {}),
  });

  void start().catch(() => undefined);
  const ready =
    <I, O>(fn: (input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      await start();
      return fn(input);
    };

  async function status(): Promise<OutputOf<'backup:status'>> {
    const [key, { config: settings, intact }, timeZone] = await Promise.all([
      keys.state(),
      config.load(),
      options.timeZone(),
    ]);
    return {
      ...key,
      settingsDamaged: !intact,
      folder: config.folderOf(settings),
      keepCount: settings.keepCount,
      automatic: settings.automatic,
      lastBackupAt: settings.lastBackupAt,
      dailyDue: dailyBackupDue(settings, now(), timeZone),
    };
  }

  const handlers: BackupHandlers = {
    'database:active': ready(() => restorer.activeDatabase()),
    'backup:status': ready(status),
    'backup:set-passphrase': ready(async ({ passphrase, current }) => {
      await keys.setPassphrase(passphrase, current);
      return status();
    }),
    'backup:unlock': ready(async ({ passphrase }) => {
      await keys.unlock(passphrase);
      return status();
    }),
    'backup:configure': ready(async ({ keepCount, automatic, chooseFolder }) => {
      let folderPatch: { folder?: string } = {};
      if (chooseFolder && options.dialogs) {
        const chosen = await options.dialogs.chooseFolder();
        if (chosen) {
          await writableFolder(chosen).catch((error: unknown) => {
            throw new AppError('IO', 'Redress cannot write to that folder: choose another one.', undefined, {
              cause: error,
            });
          });
          folderPatch = { folder: chosen };
        }
      }
      await config.update(
        {
          ...(keepCount !== undefined ? { keepCount } : {}),
          ...(automatic !== undefined ? { automatic } : {}),
          ...folderPatch,
        },
        { reviewed: true },
      );
      return status();
    }),
    'backup:add-file': ready(async () => {
      const chosen = options.dialogs?.chooseOpenFile ? await options.dialogs.chooseOpenFile() : null;
      return { file: chosen ? await folder.add(chosen) : null };
    }),
    'backup:list': ready(() => folder.list()),
    'backup:begin': ready((input) =>
      jobs.begin(input, PERSONAL_REASONS.has(input.reason) ? options.userName() : null),
    ),
    'backup:chunk': ready(({ backupId, offset, data }) =>
      jobs.chunk({ backupId, offset, data: Buffer.from(data, 'base64') }),
    ),
    'backup:finish': ready((input) => jobs.finish(input)),
    'backup:cancel': ready(async ({ backupId }) => ({ cancelled: await jobs.cancel(backupId) })),
    'backup:verify': ready(({ file, passphrase }) => restorer.verify(file, passphrase)),
    'backup:restore-open': ready(({ file, passphrase }) => restorer.open(file, passphrase)),
    'backup:restore-read': ready(({ restoreId, offset }) => restorer.read(restoreId, offset)),
    'backup:restore-disposals': ready(async ({ restoreId, offset }) => restorer.disposals(restoreId, offset)),
    'backup:restore-commit': ready(({ restoreId, evidenceDisposed, ledgerWaiting }) =>
      restorer.commit(restoreId, evidenceDisposed, ledgerWaiting),
    ),
    'backup:restore-cancel': ready(async ({ restoreId }) => ({
      cancelled: await restorer.cancel(restoreId),
    })),
  };
  return { handlers, ready: start };
}
