// The case bundle file (`.redressbundle`), one file in this layout:
//
//   "REDRESS-BUNDLE\n" | format (uint16 BE) | manifest length (uint32 BE) | manifest (UTF-8 JSON)
//   | signature length (uint16 BE) | Ed25519 signature of the manifest bytes | the parts, in the
//   manifest's order
//
// The manifest names the sender (office, signer, public key) and every part with its size and
// SHA-256, so the signature covers every byte that follows it. A reader checks the signature, then
// the length, then each part's hash, and names the first thing that does not check out.
import { createHash, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { BundleCaseSchema, ROWS_OF_ANOTHER_CASE, type BundleCase } from '../../../src-shared/domain/bundle';
import { fingerprintOf, publicKeyOf } from './bundle-key';

export const BUNDLE_MAGIC = Buffer.from('REDRESS-BUNDLE\n', 'latin1');
export const BUNDLE_FORMAT = 1;
export const BUNDLE_EXTENSION = '.redressbundle';

const LABEL_MAX = 300;
const PartSchema = z.object({
  name: z.string().regex(/^(case\/[^/]{1,200}\.json|evidence\/[0-9a-f]{64})$/),
  /** What a person reads when this part is named in an error. */
  label: z.string().max(LABEL_MAX),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundlePart = z.output<typeof PartSchema>;

export const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: z.uuid(),
  createdAt: z.string(),
  appVersion: z.string(),
  office: z.string().max(300),
  signer: z.string().max(300),
  publicKey: z.base64(),
  cases: z.array(z.object({ id: z.string(), reference: z.string() })),
  parts: z.array(PartSchema),
});
export type Manifest = z.output<typeof ManifestSchema>;

export class BundleRefused extends AppError {
  constructor(message: string) {
    super('BUNDLE_REFUSED', message);
  }
}

const NOT_A_BUNDLE = 'This file is not a Redress case bundle.';
const TRUNCATED =
  'The bundle file is incomplete: it ends before its last part. Ask the sender for a new copy.';
const MANIFEST_ALTERED =
  'The bundle’s manifest does not match its signature: the manifest or the signature was altered after it was signed. Ask the sender for a new copy.';

export const sha256Hex = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The part of a case's record in a bundle, and its label. */
export const casePart = (c: BundleCase) => ({
  name: `case/${encodeURIComponent(c.case.id)}.json`,
  label: `the record of case ${c.case.reference}`,
});

export interface PartBytes {
  name: string;
  label: string;
  data: Uint8Array;
}

export function writeBundle(
  header: Omit<Manifest, 'format' | 'parts' | 'publicKey'>,
  parts: readonly PartBytes[],
  key: { privateKey: KeyObject; publicKeyDer: Buffer },
): Buffer {
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    ...header,
    publicKey: key.publicKeyDer.toString('base64'),
    parts: parts.map((p) => ({
      name: p.name,
      // Within the limit the reader checks (an evidence file's name may be 255 characters).
      label:
        p.label.length <= LABEL_MAX
          ? p.label
          : `${p.label.slice(0, LABEL_MAX - 1).replace(/[\uD800-\uDBFF]$/, '')}…`,
      size: p.data.length,
      sha256: sha256Hex(p.data),
    })),
  };
  // Checked as the reader will: a bundle it would refuse as altered is never written.
  const manifestBytes = Buffer.from(JSON.stringify(ManifestSchema.parse(manifest)), 'utf8');
  const signature = sign(null, manifestBytes, key.privateKey);
  const head = Buffer.alloc(BUNDLE_MAGIC.length + 6);
  BUNDLE_MAGIC.copy(head);
  head.writeUInt16BE(BUNDLE_FORMAT, BUNDLE_MAGIC.length);
  head.writeUInt32BE(manifestBytes.length, BUNDLE_MAGIC.length + 2);
  const sigLength = Buffer.alloc(2);
  sigLength.writeUInt16BE(signature.length);
  return Buffer.concat([head, manifestBytes, sigLength, signature, ...parts.map((p) => p.data)]);
}

export interface OpenedBundle {
  manifest: Manifest;
  publicKeyDer: Buffer;
  fingerprint: string;
  cases: BundleCase[];
  /** Evidence files by SHA-256. */
  evidence: Map<string, Buffer>;
}

/** Checks every byte of a bundle; throws BundleRefused naming what is wrong. */
export function readBundle(bytes: Buffer): OpenedBundle {
  const fixed = BUNDLE_MAGIC.length + 6;
  if (bytes.length < BUNDLE_MAGIC.length || !bytes.subarray(0, BUNDLE_MAGIC.length).equals(BUNDLE_MAGIC)) {
    throw new BundleRefused(NOT_A_BUNDLE);
  }
  if (bytes.length < fixed) throw new BundleRefused(TRUNCATED);
  const format = bytes.readUInt16BE(BUNDLE_MAGIC.length);
  if (format !== BUNDLE_FORMAT) {
    throw new BundleRefused(
      `This bundle is in format ${format}, which this version of Redress cannot read (it reads format ${BUNDLE_FORMAT}). Update Redress, or ask the sender for a bundle from the same version.`,
    );
  }
  const manifestLength = bytes.readUInt32BE(BUNDLE_MAGIC.length + 2);
  let at = fixed;
  if (bytes.length < at + manifestLength + 2) throw new BundleRefused(TRUNCATED);
  const manifestBytes = bytes.subarray(at, at + manifestLength);
  at += manifestLength;
  const signatureLength = bytes.readUInt16BE(at);
  at += 2;
  if (bytes.length < at + signatureLength) throw new BundleRefused(TRUNCATED);
  const signature = bytes.subarray(at, at + signatureLength);
  at += signatureLength;

  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    throw new BundleRefused(MANIFEST_ALTERED);
  }
  const publicKeyDer = Buffer.from(manifest.publicKey, 'base64');
  let signed: boolean;
  try {
    signed = verify(null, manifestBytes, publicKeyOf(publicKeyDer), signature);
  } catch {
    signed = false;
  }
  if (!signed) throw new BundleRefused(MANIFEST_ALTERED);

  const total = manifest.parts.reduce((sum, p) => sum + p.size, 0);
  if (bytes.length < at + total) throw new BundleRefused(TRUNCATED);
  if (bytes.length > at + total) {
    throw new BundleRefused(
      'The bundle file has bytes after its last part: it was altered. Ask the sender for a new copy.',
    );
  }
  const cases: BundleCase[] = [];
  const evidence = new Map<string, Buffer>();
  for (const part of manifest.parts) {
    const data = bytes.subarray(at, at + part.size);
    at += part.size;
    if (sha256Hex(data) !== part.sha256) {
      throw new BundleRefused(
        `Part “${part.name}” (${part.label}) was altered: it does not match the signed manifest. Ask the sender for a new copy.`,
      );
    }
    if (part.name.startsWith('evidence/')) {
      evidence.set(part.sha256, Buffer.from(data));
      continue;
    }
    // Signed by the sender, so only a sender's bug (or a newer format) makes this fail.
    const parsed = BundleCaseSchema.safeParse(safeJson(data));
    if (!parsed.success) {
      const foreign = parsed.error.issues.some((i) => i.message === ROWS_OF_ANOTHER_CASE);
      throw new BundleRefused(
        foreign
          ? `Part “${part.name}” (${part.label}) holds records of another case, so the bundle was not opened.`
          : `Part “${part.name}” (${part.label}) cannot be read as a case by this version of Redress.`,
      );
    }
    cases.push(parsed.data);
  }
  return { manifest, publicKeyDer, fingerprint: fingerprintOf(publicKeyDer), cases, evidence };
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
