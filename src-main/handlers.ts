// The handler map: one plain async function per channel, over services that take their folders
// as arguments. Electron's ipcMain and the browser test harness both serve this very map.
import type { Channel, Handlers } from '../src-shared/ipc/contract';
import { guardExistingChannels } from './ipc/authorize';
import { createAccountStore } from './services/accounts/account-store';
import { createAuthService } from './services/accounts/auth';
import { accountsHandlers } from './services/accounts/handlers';
import { createPasswordHasher, type ScryptParams } from './services/accounts/passwords';
import { createSecurityLog, type SecurityLog } from './services/accounts/security-log';
import type { KeyStore } from './services/audit-anchor/anchor-key';
import { createAuditAnchor } from './services/audit-anchor/anchor-store';
import { auditAnchorHandlers } from './services/audit-anchor/handlers';
import { backupHandlers } from './services/backup/handlers';
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
  /** The operating system's key store (Electron safeStorage); without it keys are kept in files only this account reads. */
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
function createAuth(ctx: HandlerContext, log: SecurityLog) {
  const settings = createSettingsStore(ctx.dataDir);
  return createAuthService({
    store: createAccountStore(ctx.dataDir),
    log,
    hasher: createPasswordHasher(
      ctx.insecureScryptForTests ? { insecureTestParams: ctx.insecureScryptForTests } : {},
    ),
    timeZone: async () => (await settings.read()).timeZone,
  });
}

export function createHandlers(ctx: HandlerContext): Handlers {
  // One writer for the security log, so lines from sign-in and the audit anchor never interleave.
  const log = createSecurityLog(ctx.dataDir);
  const auth = createAuth(ctx, log);
  const anchor = createAuditAnchor({ dataDir: ctx.dataDir, keyStore: ctx.keyStore, log });
  // Typed as Handlers: leaving a channel out of every group does not compile.
  const handlers: Handlers = combine(
    appHandlers(ctx),
    settingsHandlers(ctx),
    evidenceHandlers(ctx),
    pdfHandlers({ dialogs: ctx.dialogs ?? folderDialogs(join(ctx.dataDir, 'exports')) }),
    accountsHandlers(auth),
    backupHandlers(),
    auditAnchorHandlers(anchor, auth.sessionState),
  );
  return guardExistingChannels(handlers, auth.sessionState);
}
