// The office's backup key. A passphrase, stretched with scrypt, gives the key-encryption key (KEK);
// each backup's random data key is wrapped with it (backup-format.ts). `<dataDir>/backup-key.json`
// holds the salt, the scrypt cost and a check value that proves a typed passphrase right; where
// the operating system's key store is usable it also holds the KEK wrapped by that store, so
// automatic backups run without asking. Elsewhere the KEK lives in memory only, for this session.
//
// A backup names the salt and cost it was made with. Changing the passphrase makes a new salt:
// older backups stay readable with the passphrase they were made with, never with the new one.
import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { normalizePassword } from '../../../src-shared/domain/accounts';
import { backupPassphraseProblem } from '../../../src-shared/domain/backup';
import { AppError, BackupDamagedError, ValidationError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../files/atomic-write';
import { PRODUCTION_SCRYPT, SCRYPT_MAXMEM, type ScryptParams } from '../accounts/passwords';
import { ScryptKdfSchema, type ScryptKdf } from './backup-format';
import { readTextIfPresent } from '../files/read-if-present';

export const BACKUP_KEY_FILE = 'backup-key.json';
const SALT_BYTES = 16;
const KEK_BYTES = 32;
const CHECK_LABEL = 'redress backup passphrase check v1';

/** The operating system's key store (Electron safeStorage in the app). */
export interface KeyStore {
  /** Why it cannot be used, in words for an officer; null when it can. */
  problem(): string | null;
  encrypt(bytes: Buffer): Buffer;
  decrypt(bytes: Buffer): Buffer;
}

export const NO_KEY_STORE =
  'This computer offers Redress no protected place to keep the backup key, so the backup passphrase is asked once each time Redress starts.';
export const NO_PASSPHRASE_YET =
  'Backups need a backup passphrase first: an administrator sets it on the Backups page.';
export const PASSPHRASE_NEEDED = 'Type the backup passphrase once on the Backups page so backups can run.';
export const WRONG_PASSPHRASE = 'That is not the backup passphrase.';
export const WRONG_CURRENT_PASSPHRASE = 'That is not the current backup passphrase.';
export const CURRENT_NEEDED = 'Type the current backup passphrase to change it.';
export const EARLIER_PASSPHRASE =
  'This backup was made with an earlier backup passphrase: type the passphrase it was made with.';

const KeyFileSchema = z.object({
  version: z.literal(1),
  kdf: ScryptKdfSchema,
  check: z.string(),
  /** The KEK wrapped by the OS key store, base64; absent where there is none. */
  keyStoreWrapped: z.string().optional(),
});
type KeyFile = z.output<typeof KeyFileSchema>;

// Bounds on the cost a file may ask for, so a crafted backup can neither exhaust memory nor make
// opening it take minutes: at most twice the production work, within the memory cap.
const MAX_WORK = 2 * 2 ** PRODUCTION_SCRYPT.ln * PRODUCTION_SCRYPT.r * PRODUCTION_SCRYPT.p;
function inBounds({ ln, r, p }: ScryptParams): boolean {
  return (
    ln >= 1 &&
    ln <= 20 &&
    r >= 1 &&
    p >= 1 &&
    2 ** ln * r * p <= MAX_WORK &&
    128 * r * (2 ** ln + 2 + p) <= SCRYPT_MAXMEM
  );
}

/** The KEK for a passphrase under these KDF parameters. */
export function deriveKek(passphrase: string, kdf: ScryptKdf): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  if (!inBounds(kdf) || salt.length < 8) return Promise.reject(new BackupDamagedError());
  const options: ScryptOptions = { N: 2 ** kdf.ln, r: kdf.r, p: kdf.p, maxmem: SCRYPT_MAXMEM };
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(normalizePassword(passphrase), 'utf8'), salt, KEK_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const checkOf = (kek: Buffer): Buffer => createHmac('sha256', kek).update(CHECK_LABEL).digest();
/** What a backup's header says about the key it was made with: one-way, and unlike the check value. */
export const keyIdOf = (kek: Buffer): string =>
  createHmac('sha256', kek).update('redress backup key id v1').digest('hex').slice(0, 32);

export interface BackupKeyOptions {
  keyStore?: KeyStore;
  /** Tests only: a cheap scrypt cost. */
  scrypt?: ScryptParams;
}

export function createBackupKey(dataDir: string, options: BackupKeyOptions = {}) {
  const file = join(dataDir, BACKUP_KEY_FILE);
  const params = options.scrypt ?? PRODUCTION_SCRYPT;
  /** The KEK of the current passphrase, once known this session. */
  let kek: Buffer | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function readKeyFile(): Promise<KeyFile | null> {
    const text = await readTextIfPresent(file);
    if (text === null) return null;
    // A damaged file counts as none, so an administrator can set the passphrase again: whoever
    // could damage it could as well have removed it. Backups made before keep their own salt and
    // stay readable with the passphrase they were made with.
    try {
      const parsed = KeyFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  const keyStoreProblem = (): string | null => (options.keyStore ? options.keyStore.problem() : NO_KEY_STORE);

  /** The KEK from memory or the key store, when there is one; checks it against the file. */
  async function currentKek(keyFile: KeyFile): Promise<Buffer | null> {
    if (kek && timingSafeEqual(checkOf(kek), Buffer.from(keyFile.check, 'base64'))) return kek;
    if (keyFile.keyStoreWrapped && options.keyStore && !keyStoreProblem()) {
      try {
        const unwrapped = options.keyStore.decrypt(Buffer.from(keyFile.keyStoreWrapped, 'base64'));
        if (
          unwrapped.length === KEK_BYTES &&
          timingSafeEqual(checkOf(unwrapped), Buffer.from(keyFile.check, 'base64'))
        ) {
          kek = unwrapped;
          return kek;
        }
      } catch {
        // The store changed (another OS user, a reinstalled keyring): fall back to asking.
      }
    }
    return null;
  }

  async function state(): Promise<{
    key: 'unset' | 'ready' | 'passphrase-needed';
    keyStoreProblem: string | null;
  }> {
    const keyFile = await readKeyFile();
    const problem = keyStoreProblem();
    if (!keyFile) return { key: 'unset', keyStoreProblem: problem };
    return { key: (await currentKek(keyFile)) ? 'ready' : 'passphrase-needed', keyStoreProblem: problem };
  }

  async function matches(passphrase: string, keyFile: KeyFile): Promise<Buffer | null> {
    const candidate = await deriveKek(passphrase, keyFile.kdf);
    return timingSafeEqual(checkOf(candidate), Buffer.from(keyFile.check, 'base64')) ? candidate : null;
  }

  /** The KEK wrapped by the key store, when it is usable and takes it (a locked keyring may not). */
  function wrappedByKeyStore(key: Buffer): string | undefined {
    if (!options.keyStore || keyStoreProblem()) return undefined;
    try {
      return options.keyStore.encrypt(key).toString('base64');
    } catch {
      return undefined;
    }
  }

  async function write(kdf: ScryptKdf, key: Buffer): Promise<void> {
    const wrapped = wrappedByKeyStore(key);
    const next: KeyFile = {
      version: 1,
      kdf,
      check: checkOf(key).toString('base64'),
      ...(wrapped ? { keyStoreWrapped: wrapped } : {}),
    };
    await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
  }

  /** Sets the passphrase, or changes it (which needs the current one). */
  function setPassphrase(passphrase: string, current?: string): Promise<void> {
    return serial(async () => {
      const problem = backupPassphraseProblem(passphrase);
      if (problem) throw new ValidationError(problem, 'passphrase');
      const keyFile = await readKeyFile();
      if (keyFile) {
        if (current === undefined) throw new AppError('BACKUP_KEY', CURRENT_NEEDED, 'current');
        if (!(await matches(current, keyFile)))
          throw new AppError('BACKUP_KEY', WRONG_CURRENT_PASSPHRASE, 'current');
      }
      const kdf: ScryptKdf = { name: 'scrypt', ...params, salt: randomBytes(SALT_BYTES).toString('base64') };
      const key = await deriveKek(passphrase, kdf);
      await write(kdf, key);
      kek = key;
    });
  }

  /** Gives the passphrase for this session (and to the key store, where it works now). */
  function unlock(passphrase: string): Promise<void> {
    return serial(async () => {
      const keyFile = await readKeyFile();
      if (!keyFile) throw new AppError('BACKUP_KEY', NO_PASSPHRASE_YET);
      const key = await matches(passphrase, keyFile);
      if (!key) throw new AppError('BACKUP_KEY', WRONG_PASSPHRASE, 'passphrase');
      kek = key;
      if (!keyFile.keyStoreWrapped && options.keyStore && !keyStoreProblem()) await write(keyFile.kdf, key);
    });
  }

  /**
   * After a restore onto a desk with no backup passphrase yet: the office's passphrase (the one
   * the restored backup was made with) becomes this desk's, so its backups run on as before.
   */
  function adoptIfUnset(kdf: ScryptKdf, key: Buffer): Promise<void> {
    return serial(async () => {
      if (await readKeyFile()) return;
      await write(kdf, key);
      kek = key;
    });
  }

  /** The KEK and its KDF for a new backup; BACKUP_KEY when there is none this session. */
  async function forNewBackup(): Promise<{ kek: Buffer; kdf: ScryptKdf }> {
    const keyFile = await readKeyFile();
    if (!keyFile) throw new AppError('BACKUP_KEY', NO_PASSPHRASE_YET);
    const key = await currentKek(keyFile);
    if (!key) throw new AppError('BACKUP_KEY', PASSPHRASE_NEEDED);
    return { kek: key, kdf: keyFile.kdf };
  }

  /**
   * The KEK to open a backup made under `kdf`: from the typed passphrase if given, else the
   * current key when the backup names it (`keyId`). BACKUP_KEY when the passphrase must be typed.
   */
  async function forExistingBackup(kdf: ScryptKdf, keyId: string, passphrase?: string): Promise<Buffer> {
    if (passphrase !== undefined) return deriveKek(passphrase, kdf);
    const keyFile = await readKeyFile();
    const key = keyFile ? await currentKek(keyFile) : null;
    if (keyFile && key && keyIdOf(key) === keyId) return key;
    if (keyFile && key) throw new AppError('BACKUP_KEY', EARLIER_PASSPHRASE, 'passphrase');
    throw new AppError('BACKUP_KEY', 'Type the backup passphrase to open this backup.', 'passphrase');
  }

  return { file, state, setPassphrase, unlock, forNewBackup, forExistingBackup, adoptIfUnset };
}
export type BackupKey = ReturnType<typeof createBackupKey>;
