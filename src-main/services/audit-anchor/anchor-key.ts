// The audit anchor's key: 32 random bytes held by main in `<dataDir>/audit-anchor-key.json`,
// wrapped with the operating system's key store where there is one (Electron safeStorage), else
// kept plainly in a file only this account may read. Whoever can change IndexedDB but not read
// this key cannot forge a checkpoint.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, ValidationError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../files/atomic-write';

export const ANCHOR_KEY_FILE = 'audit-anchor-key.json';
export const ANCHOR_KEY_BYTES = 32;

// The operating system's key store (Electron safeStorage in the app; absent in the harness), the
// same one that holds the backup key.
import type { KeyStore } from '../backup/backup-key';
export type { KeyStore };

const KeyFileSchema = z.object({
  version: z.literal(1),
  protection: z.enum(['key-store', 'plain']),
  key: z.base64(),
});

export type KeyProtection = 'key-store' | 'plain';

export class AnchorKeyError extends AppError {
  constructor(
    readonly reason: 'missing' | 'unusable',
    message: string,
    readonly detail?: unknown,
  ) {
    super('IO', message);
  }
}

const usable = (keyStore: KeyStore | undefined): KeyStore | null =>
  keyStore && keyStore.problem() === null ? keyStore : null;

/**
 * A sealing key kept in `<dataDir>/<file>` as above. `what` names it in messages ("the audit
 * anchor’s key"). The audit anchor has one; the disposal ledger another, which is never backed up.
 */
export function sealingKeyFile(file: string, what: string) {
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  const damaged = () => new AnchorKeyError('unusable', `${What} file is damaged.`);

  async function writeKey(
    dataDir: string,
    keyStore: KeyStore | undefined,
    key: Buffer,
  ): Promise<KeyProtection> {
    const store = usable(keyStore);
    const protection: KeyProtection = store ? 'key-store' : 'plain';
    const stored = store ? store.encrypt(key) : key;
    const body = { version: 1, protection, key: stored.toString('base64') };
    await writeFileAtomic(join(dataDir, file), `${JSON.stringify(body)}\n`, 0o600);
    return protection;
  }

  /**
   * The key and how it is kept, or null when there is no key file. A plain key is wrapped as soon
   * as a key store can take it.
   */
  async function read(
    dataDir: string,
    keyStore: KeyStore | undefined,
  ): Promise<{ key: Buffer; protection: KeyProtection } | null> {
    let text: string;
    try {
      text = await readFile(join(dataDir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AnchorKeyError('unusable', `Redress could not read ${what}.`, error);
    }
    let parsed: z.output<typeof KeyFileSchema>;
    try {
      parsed = KeyFileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new AnchorKeyError('unusable', `${What} file is damaged.`, error);
    }
    const stored = Buffer.from(parsed.key, 'base64');
    if (parsed.protection === 'plain') {
      if (stored.length !== ANCHOR_KEY_BYTES) throw damaged();
      const protection = usable(keyStore) ? await writeKey(dataDir, keyStore, stored) : 'plain';
      return { key: stored, protection };
    }
    const store = usable(keyStore);
    if (!store) {
      throw new AnchorKeyError(
        'unusable',
        `${What} is protected by the system key store, which cannot be used now.`,
      );
    }
    let key: Buffer;
    try {
      key = store.decrypt(stored);
    } catch (error) {
      throw new AnchorKeyError('unusable', `${What} cannot be unlocked on this computer.`, error);
    }
    if (key.length !== ANCHOR_KEY_BYTES) throw damaged();
    return { key, protection: 'key-store' };
  }

  /** The key, made now when there is none. */
  async function ensure(
    dataDir: string,
    keyStore: KeyStore | undefined,
  ): Promise<{ key: Buffer; protection: KeyProtection }> {
    const existing = await read(dataDir, keyStore);
    if (existing) return existing;
    const key = randomBytes(ANCHOR_KEY_BYTES);
    return { key, protection: await writeKey(dataDir, keyStore, key) };
  }

  /** Puts a key (from a backup) in place, wrapped with this computer's key store where there is one. */
  async function put(dataDir: string, keyStore: KeyStore | undefined, bytes: Uint8Array): Promise<void> {
    if (bytes.length !== ANCHOR_KEY_BYTES) throw new ValidationError(`${What} in this backup is damaged.`);
    await writeKey(dataDir, keyStore, Buffer.from(bytes));
  }

  return { read, ensure, put };
}

const anchorKey = sealingKeyFile(ANCHOR_KEY_FILE, 'the audit anchor’s key');
export const readAnchorKey = anchorKey.read;
export const ensureAnchorKey = anchorKey.ensure;

/**
 * The raw key, for a backup: a backup restored on another computer must still verify, and that
 * computer's key store cannot unwrap this one's key file.
 */
export async function exportAnchorKey(dataDir: string, keyStore: KeyStore | undefined): Promise<Buffer> {
  return (await ensureAnchorKey(dataDir, keyStore)).key;
}

/** Puts a key from a backup in place, wrapped with this computer's key store where there is one. */
export const importAnchorKey = anchorKey.put;
