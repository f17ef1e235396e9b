// The handler map: one plain async function per channel, over services that take their folders
// as arguments. Electron's ipcMain and the browser test harness both serve this very map.
import type { Channel, Handlers } from '../src-shared/ipc/contract';
import { guardExistingChannels } from './ipc/authorize';
import { createAccountStore } from './services/accounts/account-store';
import { createAuthService } from './services/accounts/auth';
import { accountsHandlers } from './services/accounts/handlers';
import { createPasswordHasher, type ScryptParams } from './services/accounts/passwords';
import { createSecurityLog } from './services/accounts/security-log';
import type { KeyStore } from './services/backup/backup-key';
import { createBackupService } from './services/backup/handlers';
import { evidenceHandlers } from './services/evidence/handlers';
import { join } from 'node:path';
import { pdfHandlers } from './services/pdf/handlers';
import { folderDialogs, type SaveDialogs } from './services/pdf/output';
import { createSettingsStore } from './services/settings/settings-store';

export interface HandlerContext {
  dataDir: string;
  appVersion: string;
  runtime: 'electron' | 'harness';
  /** Opens a file with the system viewer ('' or an error message): Electron's shell.openPath, a recorder in the harness. */
  openPath?: (path: string) => Promise<string>;
  /** Save/folder dialogs (Electron's in the app); without them PDFs go to `<dataDir>/exports`. */
  dialogs?: SaveDialogs;
  /** Tests only: a cheap scrypt cost for password hashes. The app leaves it out (N = 2^17). */
  insecureScryptForTests?: ScryptParams;
  /** The operating system's key store for the backup key (Electron safeStorage); the harness has none. */
  keyStore?: KeyStore;
}

type Group<C extends Channel> = Pick<Handlers, C>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** Merges feature handler groups; a channel served twice is a programming error. */
export function combine<T extends object[]>(...groups: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [channel, fn] of Object.entries(group)) {
      if (channel in merged) throw new Error(`Channel "${channel}" has two handlers.`);
      merged[channel] = fn;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

/** Every channel waits for `ready` (a restore a crash cut short is finished first). */
function afterStart(handlers: Handlers, ready: () => Promise<void>): Handlers {
  const waiting: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (input: unknown) => Promise<unknown>,
  ][]) {
    waiting[channel] = async (input) => {
      await ready();
      return handler(input);
    };
  }
  return waiting as unknown as Handlers;
}

function appHandlers(ctx: HandlerContext): Group<'app:info'> {
  return {
    'app:info': async () => ({
      name: 'Redress',
      version: ctx.appVersion,
      dataDir: ctx.dataDir,
      platform: process.platform,
      runtime: ctx.runtime,
    }),
  };
}

function settingsHandlers(ctx: HandlerContext): Group<'settings:get' | 'settings:set'> {
  const store = createSettingsStore(ctx.dataDir);
  return {
    'settings:get': () => store.read(),
    'settings:set': (patch) => store.update(patch),
  };
}

/** The one session of this process, over the accounts in the data folder. */
function createAuth(ctx: HandlerContext) {
  const settings = createSettingsStore(ctx.dataDir);
  return createAuthService({
    store: createAccountStore(ctx.dataDir),
    log: createSecurityLog(ctx.dataDir),
    hasher: createPasswordHasher(
      ctx.insecureScryptForTests ? { insecureTestParams: ctx.insecureScryptForTests } : {},
    ),
    timeZone: async () => (await settings.read()).timeZone,
  });
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const auth = createAuth(ctx);
  const settings = createSettingsStore(ctx.dataDir);
  const backup = createBackupService({
    dataDir: ctx.dataDir,
    appVersion: ctx.appVersion,
    userName: () => auth.sessionState()?.user.name ?? null,
    endSession: () => auth.signOut(),
    timeZone: async () => (await settings.read()).timeZone,
    ...(ctx.keyStore ? { keyStore: ctx.keyStore } : {}),
    ...(ctx.dialogs ? { dialogs: ctx.dialogs } : {}),
    ...(ctx.insecureScryptForTests ? { scrypt: ctx.insecureScryptForTests } : {}),
  });
  // Typed as Handlers: leaving a channel out of every group does not compile.
  const handlers: Handlers = combine(
    appHandlers(ctx),
    settingsHandlers(ctx),
    evidenceHandlers(ctx),
    pdfHandlers({ dialogs: ctx.dialogs ?? folderDialogs(join(ctx.dataDir, 'exports')) }),
    accountsHandlers(auth),
    backup.handlers,
  );
  return afterStart(
    guardExistingChannels(handlers, auth.sessionState, async () => !(await auth.status()).setUp),
    backup.ready,
  );
}
