import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupKey, type KeyStore } from '../../../../../src-main/services/backup/backup-key';
import {
  OTHER_PASSPHRASE,
  PASSPHRASE,
  adminWithPassphrase,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  ADMIN,
} from './fixtures';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-backup-key-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A stand-in for the OS key store: reversible, and able to say it cannot be used. */
function fakeKeyStore(problem: string | null = null): KeyStore & { stored: number } {
  const store = {
    stored: 0,
    problem: () => problem,
    encrypt: (bytes: Buffer) => {
      store.stored += 1;
      return Buffer.from(bytes.map((b) => b ^ 0x5a));
    },
    decrypt: (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a)),
  };
  return store;
}

const signIn = async (dir: string, extra = {}) => {
  const handlers = handlersFor(dir, extra);
  await call(handlers, 'auth:sign-in', { name: ADMIN.name, password: ADMIN.password });
  return handlers;
};

describe('the backup passphrase', () => {
  it('without a key store is asked once per session: passphrase-needed after a restart until unlocked', async () => {
    const first = await adminWithPassphrase(dataDir);
    expect(await call(first, 'backup:status', undefined)).toMatchObject({
      key: 'ready',
      keyStoreProblem:
        'This computer offers Redress no protected place to keep the backup key, so the backup passphrase is asked once each time Redress starts.',
      keepCount: 14,
      automatic: true,
      folder: join(dataDir, 'backups'),
    });
    const restarted = await signIn(dataDir);
    expect(await call(restarted, 'backup:status', undefined)).toMatchObject({ key: 'passphrase-needed' });
    await expect(makeBackup(restarted, databaseExport(5))).rejects.toMatchObject({
      code: 'BACKUP_KEY',
      message: 'Type the backup passphrase once on the Backups page so backups can run.',
    });
    await expect(call(restarted, 'backup:unlock', { passphrase: OTHER_PASSPHRASE })).rejects.toMatchObject({
      code: 'BACKUP_KEY',
      message: 'That is not the backup passphrase.',
      field: 'passphrase',
    });
    expect(await call(restarted, 'backup:unlock', { passphrase: PASSPHRASE })).toMatchObject({
      key: 'ready',
    });
    await expect(makeBackup(restarted, databaseExport(5))).resolves.toMatchObject({ reason: 'manual' });
  });

  it('with a usable key store is kept there, so backups run after a restart without asking', async () => {
    const keyStore = fakeKeyStore();
    await adminWithPassphrase(dataDir, { keyStore });
    expect(keyStore.stored).toBe(1);
    expect(JSON.parse(await readFile(join(dataDir, 'backup-key.json'), 'utf8'))).toHaveProperty(
      'keyStoreWrapped',
    );
    const restarted = await signIn(dataDir, { keyStore });
    expect(await call(restarted, 'backup:status', undefined)).toMatchObject({
      key: 'ready',
      keyStoreProblem: null,
    });
    await expect(makeBackup(restarted, databaseExport(5))).resolves.toMatchObject({ reason: 'manual' });
    // Where the key store cannot be used (Linux without a keyring), the officer is told why.
    const basic = await signIn(dataDir, { keyStore: fakeKeyStore('No keyring.') });
    expect(await call(basic, 'backup:status', undefined)).toMatchObject({
      key: 'passphrase-needed',
      keyStoreProblem: 'No keyring.',
    });
  });

  it('is at least 12 characters, and changing it needs the current one', async () => {
    const handlers = await adminWithPassphrase(dataDir);
    await expect(call(handlers, 'backup:set-passphrase', { passphrase: 'short' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'passphrase',
    });
    await expect(
      call(handlers, 'backup:set-passphrase', { passphrase: OTHER_PASSPHRASE }),
    ).rejects.toMatchObject({
      code: 'BACKUP_KEY',
      message: 'Type the current backup passphrase to change it.',
      field: 'current',
    });
    await expect(
      call(handlers, 'backup:set-passphrase', { passphrase: OTHER_PASSPHRASE, current: OTHER_PASSPHRASE }),
    ).rejects.toMatchObject({ code: 'BACKUP_KEY', message: 'That is not the current backup passphrase.' });
  });

  it('once changed, leaves older backups readable with the passphrase they were made with', async () => {
    const handlers = await adminWithPassphrase(dataDir);
    const old = await makeBackup(handlers, databaseExport(5));
    await call(handlers, 'backup:set-passphrase', { passphrase: OTHER_PASSPHRASE, current: PASSPHRASE });
    const fresh = await makeBackup(handlers, databaseExport(5));

    await expect(call(handlers, 'backup:verify', { file: fresh.file })).resolves.toEqual(fresh);
    await expect(call(handlers, 'backup:verify', { file: old.file })).rejects.toMatchObject({
      code: 'BACKUP_KEY',
      message:
        'This backup was made with an earlier backup passphrase: type the passphrase it was made with.',
    });
    await expect(
      call(handlers, 'backup:verify', { file: old.file, passphrase: OTHER_PASSPHRASE }),
    ).rejects.toMatchObject({
      code: 'BACKUP_DAMAGED',
    });
    await expect(
      call(handlers, 'backup:verify', { file: old.file, passphrase: PASSPHRASE }),
    ).resolves.toEqual(old);
  });

  it('is stretched at the production cost (scrypt N = 2^17, r = 8, p = 1) when no test cost is given', async () => {
    const key = createBackupKey(dataDir);
    await key.setPassphrase(PASSPHRASE);
    const stored = JSON.parse(await readFile(key.file, 'utf8'));
    expect(stored.kdf).toMatchObject({ name: 'scrypt', ln: 17, r: 8, p: 1 });
    const again = createBackupKey(dataDir);
    expect(await again.state()).toMatchObject({ key: 'passphrase-needed' });
    await again.unlock(PASSPHRASE);
    expect(await again.state()).toMatchObject({ key: 'ready' });
  });
});
