// The office's bundle signing key (Ed25519), made on first use and kept in
// `<dataDir>/bundle-signing-key.json`: the private key wrapped with the operating system's key
// store where there is one (Electron safeStorage), else in a file only this account may read, as
// the audit anchor's key is. Beside it, `bundle-trust.json`: the other offices' keys a person here
// chose to trust, by fingerprint.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, NotFoundError, PermissionError } from '../../../src-shared/errors';
import { formatFingerprint } from '../../../src-shared/domain/bundle';
import type { KeyStore } from '../backup/backup-key';
import { writeFileAtomic } from '../files/atomic-write';

export const BUNDLE_KEY_FILE = 'bundle-signing-key.json';
export const BUNDLE_TRUST_FILE = 'bundle-trust.json';

const KeyFileSchema = z.object({
  version: z.literal(1),
  protection: z.enum(['key-store', 'plain']),
  /** PKCS#8 DER, base64; wrapped by the key store when protection is 'key-store'. */
  privateKey: z.base64(),
  /** SPKI DER, base64. */
  publicKey: z.base64(),
});

export const REVOKED_TRUST = (office: string) =>
  `An administrator stopped trusting ${office} on this computer: only an administrator can trust its bundles again.`;

const TrustFileSchema = z.object({
  version: z.literal(1),
  offices: z.array(
    z.object({
      fingerprint: z.string(),
      publicKey: z.base64(),
      office: z.string(),
      trustedAt: z.string(),
      trustedBy: z.string(),
    }),
  ),
  /** Offices an administrator stopped trusting: only an administrator trusts them again. */
  revoked: z
    .array(z.object({ fingerprint: z.string(), office: z.string(), revokedAt: z.string() }))
    .optional(),
});
type TrustFile = z.output<typeof TrustFileSchema>;
export type TrustedOffice = Omit<TrustFile['offices'][number], 'publicKey'>;

export interface SigningKey {
  privateKey: KeyObject;
  /** SPKI DER bytes: what a bundle carries and what a fingerprint is taken of. */
  publicKeyDer: Buffer;
  fingerprint: string;
}

const keyError = (message: string, cause?: unknown) => new AppError('IO', message, undefined, { cause });

/** The fingerprint of a public key (SPKI DER): its SHA-256, grouped for reading aloud. */
export function fingerprintOf(publicKeyDer: Uint8Array): string {
  return formatFingerprint(createHash('sha256').update(publicKeyDer).digest('hex'));
}

export function publicKeyOf(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
}

const usable = (keyStore: KeyStore | undefined): KeyStore | null =>
  keyStore && keyStore.problem() === null ? keyStore : null;

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function createBundleKeys(dataDir: string, keyStore?: KeyStore) {
  let cached: SigningKey | null = null;

  async function writeKey(privateDer: Buffer, publicDer: Buffer): Promise<void> {
    const store = usable(keyStore);
    const body = {
      version: 1,
      protection: store ? 'key-store' : 'plain',
      privateKey: (store ? store.encrypt(privateDer) : privateDer).toString('base64'),
      publicKey: publicDer.toString('base64'),
    };
    await writeFileAtomic(join(dataDir, BUNDLE_KEY_FILE), `${JSON.stringify(body)}\n`, 0o600);
  }

  /** The office's key, made now when there is none. */
  async function signingKey(): Promise<SigningKey> {
    if (cached) return cached;
    let raw: unknown;
    try {
      raw = await readJson(join(dataDir, BUNDLE_KEY_FILE));
    } catch (error) {
      throw keyError('Redress could not read the office’s bundle signing key.', error);
    }
    let privateDer: Buffer;
    let publicDer: Buffer;
    if (raw === null) {
      const pair = generateKeyPairSync('ed25519');
      privateDer = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
      publicDer = pair.publicKey.export({ format: 'der', type: 'spki' });
      await writeKey(privateDer, publicDer);
    } else {
      const parsed = KeyFileSchema.safeParse(raw);
      if (!parsed.success) throw keyError('The office’s bundle signing key file is damaged.');
      publicDer = Buffer.from(parsed.data.publicKey, 'base64');
      const stored = Buffer.from(parsed.data.privateKey, 'base64');
      if (parsed.data.protection === 'plain') {
        privateDer = stored;
        // A plain key is wrapped as soon as a key store can take it.
        if (usable(keyStore)) await writeKey(privateDer, publicDer);
      } else {
        const store = usable(keyStore);
        if (!store) {
          throw keyError(
            'The office’s bundle signing key is protected by the system key store, which cannot be used now.',
          );
        }
        try {
          privateDer = store.decrypt(stored);
        } catch (error) {
          throw keyError('The office’s bundle signing key cannot be unlocked on this computer.', error);
        }
      }
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
      const derived = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
      if (!derived.equals(publicDer)) throw new Error('public key does not match');
    } catch (error) {
      throw keyError('The office’s bundle signing key file is damaged.', error);
    }
    cached = { privateKey, publicKeyDer: publicDer, fingerprint: fingerprintOf(publicDer) };
    return cached;
  }

  async function trustFile(): Promise<TrustFile> {
    let raw: unknown;
    try {
      raw = await readJson(join(dataDir, BUNDLE_TRUST_FILE));
    } catch (error) {
      throw keyError('Redress could not read the list of trusted offices.', error);
    }
    if (raw === null) return { version: 1, offices: [] };
    const parsed = TrustFileSchema.safeParse(raw);
    if (!parsed.success) throw keyError('The list of trusted offices is damaged.');
    return parsed.data;
  }

  /** The key with this fingerprint is this office's own, or one trusted here (and the same key). */
  async function isTrusted(publicKeyDer: Buffer): Promise<boolean> {
    const fingerprint = fingerprintOf(publicKeyDer);
    if (fingerprint === (await signingKey()).fingerprint) return true;
    const { offices } = await trustFile();
    return offices.some(
      (o) => o.fingerprint === fingerprint && Buffer.from(o.publicKey, 'base64').equals(publicKeyDer),
    );
  }

  const writeTrust = (file: TrustFile) =>
    writeFileAtomic(join(dataDir, BUNDLE_TRUST_FILE), `${JSON.stringify(file, null, 2)}\n`, 0o600);

  /** Trusts the key; false when it already was (this office's own, or trusted before). */
  /**
   * Trusts an office's key. One an administrator stopped trusting is trusted again only by an
   * administrator (`byAdministrator`), so a revocation is not undone by whoever opens its next bundle.
   */
  async function trust(
    publicKeyDer: Buffer,
    office: string,
    trustedBy: string,
    at: Date,
    byAdministrator = false,
  ): Promise<boolean> {
    if (await isTrusted(publicKeyDer)) return false;
    const file = await trustFile();
    const fingerprint = fingerprintOf(publicKeyDer);
    const revoked = file.revoked?.find((r) => r.fingerprint === fingerprint);
    if (revoked && !byAdministrator) throw new PermissionError(REVOKED_TRUST(revoked.office));
    file.revoked = file.revoked?.filter((r) => r.fingerprint !== fingerprint);
    file.offices.push({
      fingerprint: fingerprintOf(publicKeyDer),
      publicKey: publicKeyDer.toString('base64'),
      office,
      trustedAt: at.toISOString(),
      trustedBy,
    });
    await writeTrust(file);
    return true;
  }

  /** The other offices trusted here, oldest first (without their keys). */
  async function trustedOffices(): Promise<TrustedOffice[]> {
    return (await trustFile()).offices.map(({ fingerprint, office, trustedAt, trustedBy }) => ({
      fingerprint,
      office,
      trustedAt,
      trustedBy,
    }));
  }

  /** Stops trusting the office with this fingerprint: its bundles are refused until trusted again. */
  async function revoke(fingerprint: string): Promise<TrustedOffice> {
    const file = await trustFile();
    const gone = file.offices.find((o) => o.fingerprint === fingerprint);
    if (!gone) throw new NotFoundError('That office is not trusted here (any more).');
    file.offices = file.offices.filter((o) => o.fingerprint !== fingerprint);
    file.revoked = [
      ...(file.revoked ?? []).filter((r) => r.fingerprint !== fingerprint),
      { fingerprint, office: gone.office, revokedAt: new Date().toISOString() },
    ];
    await writeTrust(file);
    const { publicKey: _key, ...office } = gone;
    return office;
  }

  /**
   * The private key as it goes into a backup (PKCS#8 DER, plain: the backup is encrypted), or null
   * when this office has no key yet. The file here may be wrapped by this computer's key store,
   * which another computer cannot unwrap.
   */
  async function exportKey(): Promise<Buffer | null> {
    const raw = await readJson(join(dataDir, BUNDLE_KEY_FILE)).catch((error: unknown) => {
      throw keyError('Redress could not read the office’s bundle signing key.', error);
    });
    if (raw === null) return null;
    return (await signingKey()).privateKey.export({ format: 'der', type: 'pkcs8' });
  }

  /** Puts a key from a backup in place, wrapped with this computer's key store where there is one. */
  async function importKey(privateDer: Buffer): Promise<void> {
    let publicDer: Buffer;
    try {
      const privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
      publicDer = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    } catch (error) {
      throw keyError('The bundle signing key in the backup is damaged.', error);
    }
    await writeKey(privateDer, publicDer);
    cached = null;
  }

  return { signingKey, isTrusted, trust, trustedOffices, revoke, exportKey, importKey };
}

export type BundleKeys = ReturnType<typeof createBundleKeys>;
