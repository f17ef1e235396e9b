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

async function writeKey(
  dataDir: string,
  keyStore: KeyStore | undefined,
  key: Buffer,
): Promise<KeyProtection> {
  const store = usable(keyStore);
  const protection: KeyProtection = store ? 'key-store' : 'plain';
  const stored = store ? store.encrypt(key) : key;
  const body = { version: 1, protection, key: stored.toString('base64') };
  await writeFileAtomic(join(dataDir, ANCHOR_KEY_FILE), `${JSON.stringify(body)}\n`, 0o600);
  return protection;
}

/**
 * The key and how it is kept, or null when there is no key file. A plain key is wrapped as soon
 * as a key store can take it.
 */
export async function readAnchorKey(
  dataDir: string,
  keyStore: KeyStore | undefined,
): Promise<{ key: Buffer; protection: KeyProtection } | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, ANCHOR_KEY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AnchorKeyError('unusable', 'Redress could not read the audit anchor’s key.', error);
  }
  let parsed: z.output<typeof KeyFileSchema>;
  try {
    parsed = KeyFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new AnchorKeyError('unusable', 'The audit anchor’s key file is damaged.', error);
  }
  const stored = Buffer.from(parsed.key, 'base64');
  if (parsed.protection === 'plain') {
    if (stored.length !== ANCHOR_KEY_BYTES)
      throw new AnchorKeyError('unusable', 'The audit anchor’s key file is damaged.');
    const protection = usable(keyStore) ? await writeKey(dataDir, keyStore, stored) : 'plain';
    return { key: stored, protection };
  }
  const store = usable(keyStore);
  if (!store) {
    throw new AnchorKeyError(
      'unusable',
      'The audit anchor’s key is protected by the system key store, which cannot be used now.',
    );
  }
  let key: Buffer;
  try {
    key = store.decrypt(stored);
  } catch (error) {
    throw new AnchorKeyError(
      'unusable',
      'The audit anchor’s key cannot be unlocked on this computer.',
      error,
    );
  }
  if (key.length !== ANCHOR_KEY_BYTES)
    throw new AnchorKeyError('unusable', 'The audit anchor’s key file is damaged.');
  return { key, protection: 'key-store' };
}

/** The key, made now when there is none. */
export async function ensureAnchorKey(
  dataDir: string,
  keyStore: KeyStore | undefined,
): Promise<{ key: Buffer; protection: KeyProtection }> {
  const existing = await readAnchorKey(dataDir, keyStore);
  if (existing) return existing;
  const key = randomBytes(ANCHOR_KEY_BYTES);
  return { key, protection: await writeKey(dataDir, keyStore, key) };
}

/**
 * The raw key, for a backup: a backup restored on another computer must still verify, and that
 * computer's key store cannot unwrap this one's key file.
 */
export async function exportAnchorKey(dataDir: string, keyStore: KeyStore | undefined): Promise<Buffer> {
  return (await ensureAnchorKey(dataDir, keyStore)).key;
}

/** Puts a key from a backup in place, wrapped with this computer's key store where there is one. */
export async function importAnchorKey(
  dataDir: string,
  keyStore: KeyStore | undefined,
  bytes: Uint8Array,
): Promise<void> {
  if (bytes.length !== ANCHOR_KEY_BYTES)
    throw new ValidationError('The audit anchor’s key in this backup is damaged.');
  await writeKey(dataDir, keyStore, Buffer.from(bytes));
}
