// The handler map: one plain async function per channel, over services that take their folders
// as arguments. Electron's ipcMain and the browser test harness both serve this very map.
import type { Channel, Handlers } from '../src-shared/ipc/contract';
import { guardExistingChannels } from './ipc/authorize';
import { createAccountStore } from './services/accounts/account-store';
import { createAuthService } from './services/accounts/auth';
import { accountsHandlers } from './services/accounts/handlers';
import { createPasswordHasher, type ScryptParams } from './services/accounts/passwords';
import { createSecurityLog, type SecurityLog } from './services/accounts/security-log';
import { createDisposalLedger } from './services/retention/disposal-ledger';
import { disposalsHandlers } from './services/retention/handlers';
import { ANCHOR_KEY_FILE, exportAnchorKey, importAnchorKey } from './services/audit-anchor/anchor-key';
import { createAuditAnchor, recordRestoredDatabase } from './services/audit-anchor/anchor-store';
import { auditAnchorHandlers } from './services/audit-anchor/handlers';
import type { KeyStore } from './services/backup/backup-key';
import { createBackupService } from './services/backup/handlers';
import { createDeskId } from './services/profile/desk-id';
import { evidenceHandlers, evidenceStoreOf } from './services/evidence/handlers';
import { emailHandlers } from './services/email/handlers';
import { createStagedFiles } from './services/email/staged-files';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { resolveFontsDir } from './services/pdf/fonts';
import { pdfHandlers } from './services/pdf/handlers';
import { sharedPdfRunner } from './services/pdf/pdf-runner';
import { folderDialogs, type SaveDialogs } from './services/pdf/output';
import { createSettingsStore, type SettingsStore } from './services/settings/settings-store';
import type { ProfileKind } from '../src-shared/ipc/channels/training';
import type { DesktopNotification } from '../src-shared/ipc/channels/reminders';
import { readProfileMarker } from './services/profile/profile';
import { trainingHandlers } from './services/training/handlers';
import { isAdministrator, personRef } from '../src-shared/domain/accounts';
import { createBundleService } from './services/bundle/bundle-service';
import { createBundleKeys } from './services/bundle/bundle-key';
import { bundleHandlers } from './services/bundle/handlers';
import { BUNDLE_EXTENSION } from './services/bundle/bundle-format';
import { unusedPath } from './services/pdf/output';
import { sheetsHandlers } from './services/sheets/handlers';
import { createTeamConnection, type TeamConnectionService } from './services/team/connection';
import { createTeamAuthority } from './services/team/team-accounts';
import { createEvidenceFetcher } from './services/team/team-evidence';
import { teamHandlers } from './services/team/handlers';
import { createPromotion } from './services/team/team-promote';
import { createDeskSync } from './services/team/desk-sync';
import { teamSyncHandlers } from './services/team/sync-handlers';
import { teamDeskHandlers } from './services/team/desk-handlers';
import { diskSpaceOf } from './services/disk/disk-space';

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
  /** The profile the folder was opened as (openProfile); without it, its marker is read once. */
  profile?: ProfileKind;
  /** Names in the data folder that wiping a training profile leaves alone (the browser's own files). */
  keepOnWipe?: readonly string[];
  /** Restarts the app on the training profile (Electron's relaunch); the harness has none. */
  openTraining?: () => void;
  /**
   * The operating system's key store (Electron safeStorage) for the backup key and the audit
   * anchor's key; the harness has none (the anchor key is then a file only this account reads).
   */
  keyStore?: KeyStore;
  /** Shows a desktop notification (Electron's Notification); false where there is none. The harness records. */
  notify?: (n: DesktopNotification) => boolean;
  /**
   * Other folders whose disk Redress writes to, beside the data folder. None in the app (Electron's
   * userData, where the case database lives, is the data folder); in the harness, the browser
   * profile a test gives.
   */
  storagePaths?: readonly string[];
}

/** The profile of this process's data folder, read once. */
function profileOf(ctx: HandlerContext): () => Promise<ProfileKind> {
  let known: Promise<ProfileKind> | null = null;
  return () =>
    (known ??= ctx.profile
      ? Promise.resolve(ctx.profile)
      : readProfileMarker(ctx.dataDir).then((k) => k ?? 'live'));
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

/** The fullest disk Redress writes to: the data folder's, and the case database's. */
const diskSpaceFor = (ctx: HandlerContext) => () => diskSpaceOf([ctx.dataDir, ...(ctx.storagePaths ?? [])]);

function appHandlers(
  ctx: HandlerContext,
  profile: () => Promise<ProfileKind>,
): Group<'app:info' | 'app:disk-space'> {
  return {
    'app:disk-space': diskSpaceFor(ctx),
    'app:info': async () => ({
      name: 'Redress',
      version: ctx.appVersion,
      dataDir: ctx.dataDir,
      platform: process.platform,
      runtime: ctx.runtime,
      profile: await profile(),
    }),
  };
}

function reminderHandlers(ctx: HandlerContext): Group<'reminders:notify'> {
  return { 'reminders:notify': async (n) => ({ shown: ctx.notify ? ctx.notify(n) : false }) };
}

function settingsHandlers(
  store: SettingsStore,
): Group<
  'settings:get' | 'settings:set' | 'settings:problem' | 'settings:use-last-good' | 'settings:keep-defaults'
> {
  return {
    'settings:get': () => store.read(),
    'settings:set': (patch) => store.update(patch),
    'settings:problem': () => store.problem(),
    'settings:use-last-good': () => store.useLastGood(),
    'settings:keep-defaults': () => store.keepDefaults(),
  };
}

/** The one session of this process, over the accounts in the data folder. */
function createAuth(
  ctx: HandlerContext,
  settings: SettingsStore,
  log: SecurityLog,
  team: TeamConnectionService,
) {
  return createAuthService({
    store: createAccountStore(ctx.dataDir),
    log,
    hasher: createPasswordHasher(
      ctx.insecureScryptForTests ? { insecureTestParams: ctx.insecureScryptForTests } : {},
    ),
    timeZone: async () => (await settings.read()).timeZone,
    // In team mode the server's accounts are the authority (the desk's name labels its sessions).
    team: createTeamAuthority(() => team.clientConfig(), hostname()),
  });
}

export function createHandlers(ctx: HandlerContext): Handlers {
  // One settings store per process: it alone keeps the last good copy and records damage.
  const settings = createSettingsStore(ctx.dataDir);
  // One writer for the security log, so lines from sign-in and the audit anchor never interleave.
  const log = createSecurityLog(ctx.dataDir);
  const team = createTeamConnection(ctx.dataDir, ctx.keyStore);
  const auth = createAuth(ctx, settings, log, team);
  const profile = profileOf(ctx);
  const anchor = createAuditAnchor({ dataDir: ctx.dataDir, keyStore: ctx.keyStore, log });
  // The office's bundle signing key and trusted offices: one instance, so a restore's key is the one used next.
  const bundleKeys = createBundleKeys(ctx.dataDir, ctx.keyStore);
  // One id of this data folder, read once: the team server's name for the desk, and its backups'.
  const deskId = createDeskId(ctx.dataDir);
  // What retention and erasure disposed of, kept outside the database: a restore disposes of it again.
  const disposals = createDisposalLedger({ dataDir: ctx.dataDir, keyStore: ctx.keyStore, log });
  const backup = createBackupService({
    dataDir: ctx.dataDir,
    deskId,
    appVersion: ctx.appVersion,
    userName: () => auth.sessionState()?.user.name ?? null,
    endSession: () => auth.signOut(),
    timeZone: async () => (await settings.read()).timeZone,
    training: async () => (await profile()) === 'training',
    // The anchor's key file is wrapped by this computer's key store: a backup carries the plain key
    // (inside its encryption), and a restore wraps it anew and makes the census the restored one's.
    anchor: {
      keyFile: ANCHOR_KEY_FILE,
      exportKey: () => exportAnchorKey(ctx.dataDir, ctx.keyStore),
      importKey: (bytes) => importAnchorKey(ctx.dataDir, ctx.keyStore, bytes),
      restored: (census) => recordRestoredDatabase(ctx.dataDir, census, ctx.keyStore),
    },
    // Likewise the bundle signing key, so other offices' trust in this one survives a restore.
    bundleKey: { exportKey: () => bundleKeys.exportKey(), importKey: (bytes) => bundleKeys.importKey(bytes) },
    disposals,
    ...(ctx.keyStore ? { keyStore: ctx.keyStore } : {}),
    ...(ctx.dialogs ? { dialogs: ctx.dialogs } : {}),
    ...(ctx.insecureScryptForTests ? { scrypt: ctx.insecureScryptForTests } : {}),
  });
  const evidence = evidenceStoreOf(ctx, settings, diskSpaceFor(ctx));
  // What an intake closed mid-way left staged in the evidence store, a day on.
  const staged = createStagedFiles(ctx.dataDir, evidence.dir);
  staged.sweep().catch((error: unknown) => console.warn('Staged e-mail files were not swept:', error));
  const desk = createDeskSync({
    dataDir: ctx.dataDir,
    deskId,
    connection: team,
    actor: () => {
      const user = auth.sessionState()?.user;
      return user ? personRef(user) : null;
    },
    // The server's row-level security sees what this person may see, and nothing more.
    session: () => auth.teamToken(),
    signedInHere: (id) => log.hasSignedIn(id),
    // At each pass the session follows the server: roles and limit changed there, or ended, or turned off.
    follower: {
      held: () => auth.teamSessionHeld(),
      follow: (token, check) => auth.followTeamSession(token, check),
    },
  });
  // Typed as Handlers: leaving a channel out of every group does not compile.
  const handlers: Handlers = combine(
    appHandlers(ctx, profile),
    settingsHandlers(settings),
    evidenceHandlers(
      evidence,
      (sha256s) => staged.commit(sha256s),
      createEvidenceFetcher(
        () => team.clientConfig(),
        evidence,
        () => auth.teamToken(),
      ),
    ),
    pdfHandlers({
      dialogs: ctx.dialogs ?? folderDialogs(join(ctx.dataDir, 'exports')),
      training: async () => (await profile()) === 'training',
    }),
    accountsHandlers(auth),
    disposalsHandlers(disposals, () => {
      const user = auth.sessionState()?.user;
      return user ? personRef(user) : null;
    }),
    backup.handlers,
    auditAnchorHandlers(anchor, auth.sessionState),
    trainingHandlers({
      dataDir: ctx.dataDir,
      profile,
      auth,
      keepOnWipe: ctx.keepOnWipe,
      openTraining: ctx.openTraining,
    }),
    reminderHandlers(ctx),
    emailHandlers(evidence, staged, {
      exportsDir: join(ctx.dataDir, 'exports'),
      letterPdf: async (data) =>
        sharedPdfRunner().run(
          { kind: 'letter', data, training: (await profile()) === 'training' },
          resolveFontsDir(),
        ),
      sender: async () => {
        const { officeName, officeEmail } = await settings.read();
        return officeEmail ? { name: officeName, address: officeEmail } : null;
      },
    }),
    bundleHandlers(
      createBundleService({
        dataDir: ctx.dataDir,
        appVersion: ctx.appVersion,
        ...(ctx.keyStore ? { keyStore: ctx.keyStore } : {}),
        office: async () => (await settings.read()).officeName,
        keys: bundleKeys,
        evidenceKept: (sha256s) => staged.commit(sha256s),
        actor: () => {
          const user = auth.sessionState()?.user;
          return user ? personRef(user) : null;
        },
        isAdministrator: () => {
          const user = auth.sessionState()?.user;
          return !!user && isAdministrator(user);
        },
        log,
        // The app asks where to save; the harness writes into `<dataDir>/exports`.
        saveFile: (name) =>
          ctx.dialogs
            ? ctx.dialogs.chooseSaveFile(name)
            : unusedPath(join(ctx.dataDir, 'exports', name), undefined, BUNDLE_EXTENSION),
      }),
    ),
    sheetsHandlers({ dialogs: ctx.dialogs, exportsDir: join(ctx.dataDir, 'exports') }),
    teamHandlers(
      team,
      createPromotion({
        config: () => team.clientConfig(),
        accounts: () => createAccountStore(ctx.dataDir).read(),
        user: () => auth.sessionState()?.user ?? null,
        deskId: async () => (await desk.status()).deskId ?? 'unknown desk',
        adoptSession: (session) => auth.adoptPromotionSession(session),
      }),
      log,
    ),
    teamSyncHandlers(desk),
    teamDeskHandlers(desk),
  );
  return afterStart(
    // A damaged accounts file counts as none: nobody can sign in, and restoring a backup (which
    // needs its passphrase) is how the office gets its accounts back.
    guardExistingChannels(handlers, auth.sessionState, () =>
      auth.status().then(
        (status) => !status.setUp,
        () => true,
      ),
    ),
    backup.ready,
  );
}
