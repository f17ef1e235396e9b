// The backup file format, version 1.
//
//   MAGIC (8) | format version (u16) | key header length (u32) | key header JSON
//   | summary slot length (u32) | summary slot (JSON, padded with spaces) | segments…
//
// The key header (KDF parameters and salt, the wrapped per-backup data key, the nonce prefix) is
// known when a backup begins; the summary (what `backup:list` shows) only when it is sealed, so
// it sits in a slot reserved up front and is written last. The payload is cut into segments of
// SEGMENT_BYTES, each sealed with AES-256-GCM under the data key, STREAM-style: the nonce is
// prefix || segment counter || last-segment flag, so a dropped, repeated or reordered segment and
// a file cut short all fail to authenticate. Every segment authenticates the key header as AAD;
// the last one authenticates the whole header region, summary slot included, so no header byte
// can change unnoticed.
//
// The plaintext is a container of named parts (u16 name length | name | u64 size | bytes),
// ending with `manifest.json`: the size and SHA-256 of every part before it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { BackupSummarySchema, type BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { BackupDamagedError } from '../../../src-shared/errors';

export const MAGIC = Buffer.from('REDRESSB', 'ascii');
export const FORMAT_VERSION = 1;
export const SEGMENT_BYTES = 1024 * 1024;
const TAG_BYTES = 16;
const NONCE_PREFIX_BYTES = 7;
export const DATA_KEY_BYTES = 32;
/** Room for the summary; `counts` has one entry per database table, far below this. */
export const SUMMARY_SLOT_BYTES = 64 * 1024;
const MAX_KEY_HEADER_BYTES = 16 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const WRAP_AAD = Buffer.from('redress backup data key v1', 'ascii');

export const DATABASE_PART = 'database.json.gz';
export const MANIFEST_PART = 'manifest.json';
export const EVIDENCE_PREFIX = 'evidence/';
/** The audit anchor's key, plain (the file in the data folder is wrapped by that computer's key store). */
export const ANCHOR_KEY_PART = 'anchor-key.raw';
/** The office's case-bundle signing key, plain, for the same reason (services/bundle/bundle-key.ts). */
export const BUNDLE_KEY_PART = 'bundle-key.raw';
/**
 * The disposal ledger's entries that verified, as JSON (services/retention/disposal-ledger.ts): a
 * restore adds those missing to the restoring computer's ledger, never replaces it.
 */
export const DISPOSALS_PART = 'disposal-ledger.entries.json';
/** Every name a part may have: the restore turns these into paths, so nothing else gets through. */
const PART_NAME =
  /^(?:database\.json\.gz|anchor-key\.raw|bundle-key\.raw|disposal-ledger\.entries\.json|settings\.json(?:\.last-good)?|accounts\.json|security-log\.jsonl|bundle-trust\.json|manifest\.json|audit-anchor[A-Za-z0-9._-]*|evidence\/[A-Za-z0-9][A-Za-z0-9._-]{0,199})$/;
export const isPartName = (name: string): boolean => PART_NAME.test(name) && !name.includes('..');

export const ScryptKdfSchema = z.object({
  name: z.literal('scrypt'),
  ln: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string().max(200),
});
export type ScryptKdf = z.output<typeof ScryptKdfSchema>;

const KeyHeaderSchema = z.object({
  kdf: ScryptKdfSchema,
  /** Names the key-encryption key without revealing it (see backup-key.ts), so the desk knows its own backups. */
  keyId: z.string().max(64),
  /** The data key, sealed with the key-encryption key: nonce (12) || ciphertext (32) || tag (16), base64. */
  wrappedKey: z.string().max(200),
  noncePrefix: z.string().max(20),
  segmentBytes: z.literal(SEGMENT_BYTES),
});
export type KeyHeader = z.output<typeof KeyHeaderSchema>;

/** The summary as stored: everything `backup:list` shows but the file's name and size. */
export const StoredSummarySchema = BackupSummarySchema.omit({ file: true, size: true });
export type StoredSummary = z.output<typeof StoredSummarySchema>;

const ManifestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  summary: StoredSummarySchema,
  parts: z.array(z.object({ name: z.string(), size: z.number().int().min(0), sha256: z.string() })),
});
export type Manifest = z.output<typeof ManifestSchema>;
export type PartRecord = Manifest['parts'][number];

// ---- Header ----

export interface HeaderLayout {
  keyHeader: KeyHeader;
  /** null while the slot is still empty (a file never sealed). */
  summary: StoredSummary | null;
  /** Bytes from the start up to the end of the key header: the AAD of every segment but the last. */
  bodyAad: Buffer;
  /** The whole header region: the AAD of the last segment. */
  lastAad: Buffer;
  dataStart: number;
}

/** The header region with an empty summary slot, for a backup about to be written. */
export function encodeHeader(keyHeader: KeyHeader): { bytes: Buffer; slotOffset: number } {
  const keyJson = Buffer.from(JSON.stringify(keyHeader), 'utf8');
  const fixed = Buffer.alloc(MAGIC.length + 2 + 4);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt16BE(FORMAT_VERSION, MAGIC.length);
  fixed.writeUInt32BE(keyJson.length, MAGIC.length + 2);
  const slotLength = Buffer.alloc(4);
  slotLength.writeUInt32BE(SUMMARY_SLOT_BYTES);
  const slot = Buffer.alloc(SUMMARY_SLOT_BYTES, 0x20);
  const bytes = Buffer.concat([fixed, keyJson, slotLength, slot]);
  return { bytes, slotOffset: bytes.length - SUMMARY_SLOT_BYTES };
}

/** The summary slot's content: the JSON, padded with spaces to the slot's size. */
export function encodeSummarySlot(summary: StoredSummary): Buffer {
  const json = Buffer.from(JSON.stringify(StoredSummarySchema.parse(summary)), 'utf8');
  if (json.length > SUMMARY_SLOT_BYTES) throw new Error('backup summary too large for its slot');
  const slot = Buffer.alloc(SUMMARY_SLOT_BYTES, 0x20);
  json.copy(slot);
  return slot;
}

export type HeaderProblem = 'not-a-backup' | 'newer' | 'damaged' | 'unfinished';
export class HeaderError extends Error {
  constructor(readonly problem: HeaderProblem) {
    super(`backup header: ${problem}`);
  }
}

async function readExactly(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new HeaderError('damaged');
    done += bytesRead;
  }
  return buffer;
}

function parseJson<T>(bytes: Buffer, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reads and parses the header region; the bytes are authenticated only when the segments are read. */
export async function readHeader(handle: FileHandle): Promise<HeaderLayout> {
  const size = (await handle.stat()).size;
  if (size < MAGIC.length + 6) throw new HeaderError('not-a-backup');
  const fixed = await readExactly(handle, MAGIC.length + 6, 0);
  if (!fixed.subarray(0, MAGIC.length).equals(MAGIC)) throw new HeaderError('not-a-backup');
  const version = fixed.readUInt16BE(MAGIC.length);
  if (version > FORMAT_VERSION) throw new HeaderError('newer');
  if (version !== FORMAT_VERSION) throw new HeaderError('damaged');
  const keyLength = fixed.readUInt32BE(MAGIC.length + 2);
  if (keyLength > MAX_KEY_HEADER_BYTES) throw new HeaderError('damaged');
  const keyJson = await readExactly(handle, keyLength + 4, fixed.length);
  const keyHeader = parseJson(keyJson.subarray(0, keyLength), KeyHeaderSchema);
  if (!keyHeader) throw new HeaderError('damaged');
  const slotLength = keyJson.readUInt32BE(keyLength);
  if (slotLength > SUMMARY_SLOT_BYTES * 4) throw new HeaderError('damaged');
  const slotOffset = fixed.length + keyLength + 4;
  const slot = await readExactly(handle, slotLength, slotOffset);
  const blank = slot.every((byte) => byte === 0x20);
  const summary = blank ? null : parseJson(slot, StoredSummarySchema);
  if (!blank && !summary) throw new HeaderError('damaged');
  const bodyAad = Buffer.concat([fixed, keyJson.subarray(0, keyLength)]);
  const lastAad = Buffer.concat([fixed, keyJson, slot]);
  return { keyHeader, summary, bodyAad, lastAad, dataStart: slotOffset + slotLength };
}

// ---- Data key ----

export function wrapDataKey(kek: Buffer, dataKey: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(WRAP_AAD);
  const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64');
}

/** The data key, or BACKUP_DAMAGED when the key-encryption key is wrong or the wrapped key altered. */
export function unwrapDataKey(kek: Buffer, wrapped: string): Buffer {
  const bytes = Buffer.from(wrapped, 'base64');
  if (bytes.length !== 12 + DATA_KEY_BYTES + TAG_BYTES) throw new BackupDamagedError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, bytes.subarray(0, 12));
    decipher.setAAD(WRAP_AAD);
    decipher.setAuthTag(bytes.subarray(12 + DATA_KEY_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(12, 12 + DATA_KEY_BYTES)), decipher.final()]);
  } catch (error) {
    throw new BackupDamagedError({ cause: error });
  }
}

export const newNoncePrefix = (): Buffer => randomBytes(NONCE_PREFIX_BYTES);

function nonceFor(prefix: Buffer, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0, 0, NONCE_PREFIX_BYTES);
  nonce.writeUInt32BE(counter, NONCE_PREFIX_BYTES);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

// ---- Writing ----

/** Writes every byte at `position`; a write that takes nothing is a full disk. */
export async function writeAll(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let done = 0; done < data.length;) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write took no bytes'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}

/**
 * The sealed payload, written as it comes: plaintext gathers into a segment buffer that is sealed
 * and written once it is full and more follows (the last segment is sealed only at `finish`).
 */
export class SegmentWriter {
  private readonly buffer = Buffer.alloc(SEGMENT_BYTES);
  private filled = 0;
  private counter = 0;

  constructor(
    private readonly handle: FileHandle,
    private position: number,
    private readonly dataKey: Buffer,
    private readonly noncePrefix: Buffer,
    private readonly bodyAad: Buffer,
  ) {}

  async write(data: Uint8Array): Promise<void> {
    const source = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let offset = 0; offset < source.length;) {
      if (this.filled === SEGMENT_BYTES) await this.seal(false, this.bodyAad);
      const n = Math.min(SEGMENT_BYTES - this.filled, source.length - offset);
      source.copy(this.buffer, this.filled, offset, offset + n);
      this.filled += n;
      offset += n;
    }
  }

  /** Seals the last segment over the whole header region; answers the file's final size. */
  async finish(lastAad: Buffer): Promise<number> {
    await this.seal(true, lastAad);
    return this.position;
  }

  private async seal(last: boolean, aad: Buffer): Promise<void> {
    if (this.counter > 0xffffffff) throw new Error('backup too large');
    const cipher = createCipheriv(
      'aes-256-gcm',
      this.dataKey,
      nonceFor(this.noncePrefix, this.counter, last),
    );
    cipher.setAAD(aad);
    const sealed = Buffer.concat([
      cipher.update(this.buffer.subarray(0, this.filled)),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    await writeAll(this.handle, sealed, this.position);
    this.position += sealed.length;
    this.counter += 1;
    this.filled = 0;
  }
}

/** Named parts over a SegmentWriter, each hashed as it is written, for the manifest. */
export class PartWriter {
  readonly parts: PartRecord[] = [];
  private current: {
    name: string;
    size: number;
    written: number;
    hash: ReturnType<typeof createHash>;
  } | null = null;

  constructor(private readonly segments: SegmentWriter) {}

  async begin(name: string, size: number): Promise<void> {
    if (this.current) throw new Error(`part ${this.current.name} not ended`);
    if (!isPartName(name)) throw new Error(`not a part name: ${name}`);
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(2 + nameBytes.length + 8);
    head.writeUInt16BE(nameBytes.length, 0);
    nameBytes.copy(head, 2);
    head.writeBigUInt64BE(BigInt(size), 2 + nameBytes.length);
    await this.segments.write(head);
    this.current = { name, size, written: 0, hash: createHash('sha256') };
  }

  async write(data: Uint8Array): Promise<void> {
    const part = this.current;
    if (!part) throw new Error('no part begun');
    if (part.written + data.length > part.size) throw new Error(`part ${part.name} longer than declared`);
    await this.segments.write(data);
    part.hash.update(data);
    part.written += data.length;
  }

  /** Ends the part; answers its SHA-256. */
  end(): string {
    const part = this.current;
    if (!part) throw new Error('no part begun');
    if (part.written !== part.size) throw new Error(`part ${part.name} shorter than declared`);
    const sha256 = part.hash.digest('hex');
    this.parts.push({ name: part.name, size: part.size, sha256 });
    this.current = null;
    return sha256;
  }

  async whole(name: string, bytes: Buffer): Promise<void> {
    await this.begin(name, bytes.length);
    await this.write(bytes);
    this.end();
  }

  /** The manifest, as the last part. */
  async manifest(summary: StoredSummary): Promise<void> {
    const manifest: Manifest = { formatVersion: FORMAT_VERSION, summary, parts: [...this.parts] };
    await this.whole(MANIFEST_PART, Buffer.from(JSON.stringify(manifest), 'utf8'));
  }
}

// ---- Reading ----

/** Where the parts of a backup go as they are read; nothing is trusted before the whole file checked out. */
export interface PartSink {
  begin(name: string, size: number): Promise<void>;
  data(bytes: Buffer): Promise<void>;
  end(): Promise<void>;
}
export const discardingSink: PartSink = {
  begin: async () => undefined,
  data: async () => undefined,
  end: async () => undefined,
};

/** Splits decrypted plaintext into parts, hashing each, and keeps the manifest when it comes. */
class PartReader {
  readonly parts: PartRecord[] = [];
  private readonly seen = new Set<string>();
  manifest: Manifest | null = null;
  private head = Buffer.alloc(0);
  private current: {
    name: string;
    size: number;
    left: number;
    hash: ReturnType<typeof createHash>;
    kept: Buffer[] | null;
  } | null = null;

  constructor(private readonly sink: PartSink) {}

  async push(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.manifest) throw new BackupDamagedError();
      if (this.current) {
        const n = Math.min(this.current.left, bytes.length - offset);
        const piece = bytes.subarray(offset, offset + n);
        this.current.hash.update(piece);
        if (this.current.kept) this.current.kept.push(Buffer.from(piece));
        else await this.sink.data(piece);
        this.current.left -= n;
        offset += n;
        if (this.current.left === 0) await this.endPart();
        continue;
      }
      // A part header, gathered across segment boundaries: its length first, then the rest.
      const want = this.head.length < 2 ? 2 : 2 + this.head.readUInt16BE(0) + 8;
      const take = Math.min(want - this.head.length, bytes.length - offset);
      this.head = Buffer.concat([this.head, bytes.subarray(offset, offset + take)]);
      offset += take;
      if (this.head.length < 2 || this.head.length < 2 + this.head.readUInt16BE(0) + 8) continue;
      const nameLength = this.head.readUInt16BE(0);
      const name = this.head.subarray(2, 2 + nameLength).toString('utf8');
      const size = Number(this.head.readBigUInt64BE(2 + nameLength));
      this.head = Buffer.alloc(0);
      if (!isPartName(name) || !Number.isSafeInteger(size) || this.seen.has(name)) {
        throw new BackupDamagedError();
      }
      this.seen.add(name);
      const isManifest = name === MANIFEST_PART;
      if (isManifest && size > MAX_MANIFEST_BYTES) throw new BackupDamagedError();
      this.current = { name, size, left: size, hash: createHash('sha256'), kept: isManifest ? [] : null };
      if (!isManifest) await this.sink.begin(name, size);
      if (size === 0) await this.endPart();
    }
  }

  private async endPart(): Promise<void> {
    const part = this.current!;
    this.current = null;
    const sha256 = part.hash.digest('hex');
    if (part.kept) {
      const manifest = parseJson(Buffer.concat(part.kept), ManifestSchema);
      if (!manifest) throw new BackupDamagedError();
      this.manifest = manifest;
      return;
    }
    await this.sink.end();
    this.parts.push({ name: part.name, size: part.size, sha256 });
  }

  /** The manifest, once it matches every part read (names, sizes and hashes, in order). */
  finish(): Manifest {
    const manifest = this.manifest;
    if (!manifest || this.current || this.head.length > 0) throw new BackupDamagedError();
    if (JSON.stringify(manifest.parts) !== JSON.stringify(this.parts)) throw new BackupDamagedError();
    const evidence = this.parts.filter((p) => p.name.startsWith(EVIDENCE_PREFIX)).length;
    if (manifest.summary.evidenceFiles !== evidence) throw new BackupDamagedError();
    return manifest;
  }
}

/**
 * Reads, decrypts and authenticates every segment from `header.dataStart` to the end, hands the
 * parts to `sink`, and answers the manifest once everything checked out. Any mismatch (tag, order,
 * truncation, a part's hash, the summary against the manifest): BACKUP_DAMAGED.
 */
export async function readPayload(
  handle: FileHandle,
  header: HeaderLayout,
  dataKey: Buffer,
  sink: PartSink,
): Promise<Manifest> {
  const size = (await handle.stat()).size;
  const prefix = Buffer.from(header.keyHeader.noncePrefix, 'base64');
  if (prefix.length !== NONCE_PREFIX_BYTES || !header.summary) throw new BackupDamagedError();
  const full = SEGMENT_BYTES + TAG_BYTES;
  const reader = new PartReader(sink);
  let position = header.dataStart;
  if (size - position < TAG_BYTES) throw new BackupDamagedError();
  for (let counter = 0; position < size; counter += 1) {
    const length = Math.min(full, size - position);
    const last = position + length === size;
    if (length < TAG_BYTES) throw new BackupDamagedError();
    const sealed = await readExactly(handle, length, position).catch((error: unknown) => {
      throw error instanceof HeaderError ? new BackupDamagedError() : error;
    });
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey, nonceFor(prefix, counter, last));
      decipher.setAAD(last ? header.lastAad : header.bodyAad);
      decipher.setAuthTag(sealed.subarray(length - TAG_BYTES));
      plain = Buffer.concat([decipher.update(sealed.subarray(0, length - TAG_BYTES)), decipher.final()]);
    } catch (error) {
      throw new BackupDamagedError({ cause: error });
    }
    await reader.push(plain);
    position += length;
  }
  const manifest = reader.finish();
  if (JSON.stringify(manifest.summary) !== JSON.stringify(header.summary)) throw new BackupDamagedError();
  return manifest;
}

/** The summary from the header with the file's own name and size. */
export const toSummary = (summary: StoredSummary, file: string, size: number): BackupSummary => ({
  file,
  size,
  ...summary,
});
