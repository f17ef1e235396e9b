import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityLog } from '../../../../../src-main/services/accounts/security-log';
import { createBundleService } from '../../../../../src-main/services/bundle/bundle-service';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import {
  ADMIN,
  PASSPHRASE,
  adminWithPassphrase,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  openDialogPicking,
  readDatabase,
} from './fixtures';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'redress-backup-bundle-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** A bundle signed by another office (its own data folder), as bytes. */
async function bundleFrom(office: string): Promise<Buffer> {
  const dataDir = join(home, office);
  const sender = createBundleService({
    dataDir,
    appVersion: '1.2.3',
    office: async () => office,
    actor: () => null,
    log: createSecurityLog(dataDir),
    saveFile: async (name) => join(dataDir, name),
  });
  const { file } = await sender.exportCases([
    {
      case: { id: 'c-9', reference: '2026-0009', complainant: { name: 'Aroha Ngata' } },
      rows: {},
      audit: [],
    },
  ]);
  return readFile(join(dataDir, file));
}

/** Opens a bundle on a desk through its channels, as the renderer does. */
async function openOn(handlers: Handlers, bytes: Buffer) {
  const { uploadId } = await call(handlers, 'bundle:upload-start', {
    name: 'x.redressbundle',
    size: bytes.length,
  });
  await call(handlers, 'bundle:upload-chunk', { uploadId, offset: 0, data: bytes.toString('base64') });
  return call(handlers, 'bundle:upload-finish', { uploadId });
}

/** Restores a backup the desk knows of, then signs the restored administrator in. */
async function restoreAndSignIn(handlers: Handlers, file: string) {
  const restore = await call(handlers, 'backup:restore-open', { file, passphrase: PASSPHRASE });
  await readDatabase(handlers, restore.restoreId);
  await call(handlers, 'backup:restore-commit', { restoreId: restore.restoreId });
  await call(handlers, 'auth:sign-in', { name: ADMIN.name, password: ADMIN.password });
}

describe('case-bundle trust in a backup', () => {
  it('brings back the office’s signing key and the offices it trusts on another computer', async () => {
    const desk = join(home, 'desk');
    const handlers = await adminWithPassphrase(desk);
    const own = await call(handlers, 'bundle:identity', undefined);
    const fromNorth = await bundleFrom('North Office');
    const opened = await openOn(handlers, fromNorth);
    expect(opened.trusted).toBe(false);
    await call(handlers, 'bundle:trust', { importId: opened.importId });
    const summary = await makeBackup(handlers, databaseExport(5));

    const fresh = join(home, 'fresh');
    const restored = handlersFor(fresh, openDialogPicking(join(desk, 'backups', summary.file)));
    const { file } = await call(restored, 'backup:add-file', undefined);
    await restoreAndSignIn(restored, file!);

    // Same key: the offices that trust this one still accept its bundles.
    expect((await call(restored, 'bundle:identity', undefined)).fingerprint).toBe(own.fingerprint);
    expect((await call(restored, 'bundle:trusted-offices', undefined)).offices).toEqual([
      expect.objectContaining({
        office: 'North Office',
        fingerprint: opened.fingerprint,
        trustedBy: ADMIN.name,
      }),
    ]);
    expect((await openOn(restored, fromNorth)).trusted).toBe(true);
  });

  it('leaves a desk’s own key in place when the backup was made before it had one', async () => {
    const desk = join(home, 'desk');
    const handlers = await adminWithPassphrase(desk);
    const summary = await makeBackup(handlers, databaseExport(5));
    // The desk made its key after the backup.
    const own = await call(handlers, 'bundle:identity', undefined);
    await restoreAndSignIn(handlers, summary.file);
    expect((await call(handlers, 'bundle:identity', undefined)).fingerprint).toBe(own.fingerprint);
  });

  it('revokes a trusted office: its bundles are refused, and both steps are in the security log', async () => {
    const desk = join(home, 'desk');
    const handlers = await adminWithPassphrase(desk);
    const opened = await openOn(handlers, await bundleFrom('North Office'));
    await call(handlers, 'bundle:trust', { importId: opened.importId });
    await call(handlers, 'bundle:revoke', { fingerprint: opened.fingerprint });
    expect((await call(handlers, 'bundle:trusted-offices', undefined)).offices).toEqual([]);
    const again = await openOn(handlers, await bundleFrom('North Office'));
    expect(again.trusted).toBe(false);
    const log = await readFile(join(desk, 'security-log.jsonl'), 'utf8');
    expect(log).toContain('"event":"bundle-sender-trusted"');
    expect(log).toContain('"event":"bundle-sender-revoked"');
  });
});
